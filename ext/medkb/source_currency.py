"""Pages follow the current version of each guideline and label they cite.

Two checks on the fields ``medkb.bibcheck`` reads (``medkb._bib.evidence``):

``source-superseded``
    A page that cites an entry with ``x-superseded-by = {newer}`` must cite
    ``newer`` too, so the old source is only ever history beside the new one.
    An error at the line that cites the old entry, on every build.
``source-currency-overdue``
    A ``guideline`` or ``label`` whose ``x-current-checked`` date is more than
    12 months old: a warning in every build, and an error in an audit
    (``medkb_review_audit = True`` with ``medkb.review``, ``tox -e audit``),
    which also lists every
    guideline and label with the day it was last checked.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, cast

from sphinx.util import logging

from medkb import __version__
from medkb._bib.evidence import (
    CURRENT_CHECKED_FIELD,
    SUPERSEDED_BY_FIELD,
    VERSIONED,
    checked_on,
    due_after,
    evidence_type,
)
from medkb._core.problems import WARNING_TYPE, report_build_errors
from medkb._core.subtypes import Subtype
from medkb.bibcheck import _line_citing, _state
from medkb.review import today

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from medkb._bib.bibfile import BibEntry

logger = logging.getLogger(__name__)


def check_superseded_citations(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    """An error wherever a page cites a replaced source without its successor."""
    entries = {entry.key.casefold(): entry for entry in _state(env).entries}
    domain = cast("BibtexDomain", env.get_domain("cite"))
    cited: dict[str, set[str]] = defaultdict(set)
    for ref in domain.citation_refs:
        cited[ref.docname].update(t.key.casefold() for t in ref.targets)
    errors = 0
    reported: set[tuple[str, str]] = set()
    for ref in sorted(domain.citation_refs, key=lambda r: (r.docname, r.line or 0)):
        for target in ref.targets:
            entry = entries.get(target.key.casefold())
            if entry is None:
                continue
            successor = entry.fields.get(SUPERSEDED_BY_FIELD, "").strip()
            if not successor or successor.casefold() in cited[ref.docname]:
                continue
            if (ref.docname, entry.key) in reported:
                continue
            reported.add((ref.docname, entry.key))
            errors += 1
            logger.error(
                f"this page cites {entry.key!r}, which {successor!r} replaces "
                f"({SUPERSEDED_BY_FIELD} in {entry.path.name}); cite {successor} "
                f"for what the current version says, and keep {entry.key} only as "
                "history beside it, or cite only the new one",
                location=(
                    ref.docname,
                    _line_citing(env, ref.docname, target.key, ref.line),
                ),
                type=WARNING_TYPE,
                subtype=Subtype.SOURCE_SUPERSEDED,
            )
    report_build_errors(env, "source-superseded", errors)
    return []


def versioned_entries(env: BuildEnvironment) -> list[BibEntry]:
    return sorted(
        (e for e in _state(env).entries if evidence_type(dict(e.fields)) in VERSIONED),
        key=lambda e: e.key,
    )


def check_currency(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Guidelines and labels whose currency check has run out; listed in an audit."""
    # The audit switch belongs to medkb.review; without it, never an audit.
    audit = "medkb_review_audit" in app.config and app.config.medkb_review_audit
    now = today()
    overdue = 0
    rows = []
    for entry in versioned_entries(env):
        checked = checked_on(entry.fields.get(CURRENT_CHECKED_FIELD, ""))
        if checked is None:
            continue  # bibcheck reports the missing or malformed date
        due = due_after(checked)
        rows.append((entry, checked, due < now))
        if due >= now:
            continue
        overdue += 1
        log = logger.error if audit else logger.warning
        log(
            f"{entry.key}: the {evidence_type(dict(entry.fields))} was last "
            f"confirmed current on {checked.isoformat()}, more than 12 months ago; "
            "check whether a newer version replaces it, then update "
            f"{CURRENT_CHECKED_FIELD} (and add {SUPERSEDED_BY_FIELD} and the new "
            "entry if one does)",
            location=f"{entry.path}:{entry.line}",
            type=WARNING_TYPE,
            subtype=Subtype.SOURCE_CURRENCY_OVERDUE,
        )
    if audit:
        logger.info("")
        logger.info("Guidelines and labels, last confirmed current (today %s):", now)
        width = max((len(e.key) for e, _c, _o in rows), default=3)
        for entry, checked, stale in rows:
            state = "OVERDUE" if stale else "current"
            logger.info(f"{entry.key:<{width}}  {checked}  {state}")
        logger.info(f"{len(rows)} guidelines and labels; {overdue} overdue.")
    report_build_errors(env, "source-currency", overdue if audit else 0)
    return []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb.bibcheck")
    app.connect("env-updated", check_superseded_citations)
    app.connect("env-updated", check_currency)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
