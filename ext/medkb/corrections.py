"""Visible corrections: what changed, on which page, when.

The corrections are a YAML file (``medkb_corrections_file``)::

    corrections:
      - date: 2026-12-02
        page: headache/medication-overuse-headache
        change: >-
          Added that benzodiazepines, butalbital and opioids taken most days
          must not be stopped suddenly without medical help.

``{corrections-list}`` shows every correction, newest first, on
``medkb_corrections_page``; each corrected page's review box then says when
it was last corrected and links to its entry there. The file is checked
before any page is read: a missing field, a date that is not a date or lies
after the build's day, or a page that does not exist stops the build at the
file's line. Changing the file re-reads the pages whose corrections changed
and the page that lists them.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from medkb import __version__
from medkb._core import config as _config
from medkb._core import yamldata as _yamldata
from medkb._core.messages import _, use_catalog
from medkb._core.state import SiteValue
from medkb._core.subtypes import Subtype
from medkb.review import CLASS as REVIEW_CLASS
from medkb.review import long_date, today

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

FIELDS = ("date", "page", "change")
LIST_CLASS = "medkb-corrections"
NOTE_CLASS = "medkb-corrected"
#: The environment's copy of the last build's corrections, by page.
#: The corrections of each page, as the last build read them.
_seen: SiteValue[dict[str, tuple[Correction, ...]]] = SiteValue("corrections-by-page")

OPTIONS = (
    _config.Option(
        "medkb_corrections_file",
        "",
        (str,),
        "YAML file, relative to the source directory, listing each correction "
        "made to a page ('' to turn corrections off).",
        _config.check_optional_file,
    ),
    _config.Option(
        "medkb_corrections_page",
        "",
        (str,),
        "Page that lists the corrections; each corrected page's review box links "
        "to its entry there.",
        _config.check_docname,
    ),
)


@dataclass(frozen=True)
class Correction:
    date: datetime.date
    page: str
    change: str
    line: int
    #: The correction's anchor on the corrections page (see ``_labelled``).
    label: str = ""


def read_corrections(
    path: Path, pages: Set[str], day: datetime.date
) -> tuple[list[Correction], list[_config.StartupProblem]]:
    """Every correction in *path*, newest first, and what is wrong in it."""
    problems: list[_config.StartupProblem] = []

    def problem(line: int, message: str) -> None:
        problems.append(
            _config.StartupProblem(f"{path}:{line}", message, Subtype.CORRECTIONS)
        )

    entries = _yamldata.read_list(path, "corrections", "corrections file", problem)
    if entries is None:
        return [], problems
    corrections = []
    for item in entries:
        correction = _correction(item, pages, day, problem)
        if correction is not None:
            corrections.append(correction)
    return _labelled(corrections), problems


def _labelled(corrections: list[Correction]) -> list[Correction]:
    """Newest first, each with its anchor: date and page, numbered if repeated.

    Two corrections of one page on one day keep the file's order, so their
    anchors stay the same from build to build.
    """
    ordered = sorted(corrections, key=lambda c: (-c.date.toordinal(), c.page, c.line))
    seen: dict[str, int] = {}
    labelled = []
    for correction in ordered:
        page = correction.page.replace("/", "-")
        base = f"correction-{correction.date.isoformat()}-{page}"
        seen[base] = seen.get(base, 0) + 1
        label = base if seen[base] == 1 else f"{base}-{seen[base]}"
        labelled.append(dataclasses.replace(correction, label=label))
    return labelled


def _correction(
    item: _yamldata.Located, pages: Set[str], day: datetime.date, problem: Any
) -> Correction | None:
    fields: dict[str, _yamldata.Located] = (
        item.value if isinstance(item.value, dict) else {}
    )
    what = _yamldata.fields_problem(fields, FIELDS)
    if what is not None:
        problem(
            item.line,
            f"this correction {what}; each correction needs a date (YYYY-MM-DD), "
            "the page it changed (its name, such as 'headache/migraine') and a "
            "change saying what changed.",
        )
        return None
    date_text, page = str(fields["date"].text()), str(fields["page"].text())
    try:
        date = datetime.date.fromisoformat(date_text)
    except ValueError:
        problem(
            fields["date"].line,
            f"'date: {date_text}' is not a date; write it as YYYY-MM-DD.",
        )
        return None
    if date > day:
        problem(
            fields["date"].line,
            f"'date: {date_text}' is after today ({day.isoformat()}); a correction "
            "is listed once it is made.",
        )
        return None
    page = page.strip("/").removesuffix(".md")
    if page not in pages:
        problem(
            fields["page"].line,
            f"'page: {fields['page'].text()}' is not a page of the site; write "
            "the page's name as in its path under the source folder, without "
            "'.md', such as 'headache/migraine'.",
        )
        return None
    return Correction(date, page, str(fields["change"].text()), item.line)


def _by_page(corrections: list[Correction]) -> dict[str, tuple[Correction, ...]]:
    pages: dict[str, list[Correction]] = {}
    for correction in corrections:
        pages.setdefault(correction.page, []).append(correction)
    return {page: tuple(items) for page, items in sorted(pages.items())}


def corrections_path(app: Sphinx) -> Path | None:
    name = app.config.medkb_corrections_file
    return Path(app.srcdir, name).resolve() if name else None


def load_corrections(
    app: Sphinx,
    env: BuildEnvironment,
    _added: Set[str],
    _changed: Set[str],
    _removed: Set[str],
) -> list[str]:
    """Read and check the file once the pages are known; re-read what it changes."""
    path = corrections_path(app)
    if path is None:
        return []
    corrections, problems = read_corrections(path, env.found_docs, today())
    if problems:
        _config.stop(problems)
    current = _by_page(corrections)
    previous = _seen.set(env, current) or {}
    return sorted(
        page
        for page in set(previous) | set(current)
        if previous.get(page) != current.get(page) and page in env.found_docs
    )


def page_corrections(env: BuildEnvironment, docname: str) -> tuple[Correction, ...]:
    return (_seen.get(env) or {}).get(docname, ())


class CorrectionsList(SphinxDirective):
    """``{corrections-list}``: every correction, newest first."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = corrections_path(self.env.app)
        if path is None:
            return []
        self.env.note_dependency(str(path))
        by_page = _seen.get(self.env) or {}
        corrections = sorted(
            (c for items in by_page.values() for c in items),
            key=lambda c: (-c.date.toordinal(), c.page, c.line),
        )
        container = nodes.container(classes=[LIST_CLASS])
        if not corrections:
            container += nodes.paragraph(text=_("No page has been corrected yet."))
            return [container]
        items = nodes.bullet_list()
        for correction in corrections:
            target = nodes.target(
                "", "", ids=[correction.label], names=[correction.label]
            )
            self.state.document.note_explicit_target(target)
            heading = nodes.paragraph()
            heading += nodes.strong(
                text=long_date(correction.date, self.config.language)
            )
            heading += nodes.Text(": ")
            heading += addnodes.pending_xref(
                "",
                nodes.inline(text=correction.page),
                refdomain="std",
                reftype="doc",
                reftarget=f"/{correction.page}",
                refexplicit=False,
                refdoc=self.env.docname,
            )
            item = nodes.list_item("", target, heading)
            item += self.parse_text_to_nodes(correction.change)
            items += item
        container += items
        return [container]


class NoteCorrections(SphinxTransform):
    """The review box of a corrected page says when, and links to the entry."""

    # After the review box is made (medkb.review, 710).
    default_priority = 715

    def apply(self, **_kwargs: Any) -> None:
        corrections = page_corrections(self.env, self.env.docname)
        page = self.config.medkb_corrections_page
        if not corrections or not page:
            return
        box = next(
            (
                node
                for node in self.document.findall(nodes.container)
                if REVIEW_CLASS in node.get("classes", ())
            ),
            None,
        )
        if box is None:
            return
        latest = corrections[0]
        note = nodes.paragraph(classes=[NOTE_CLASS])
        note += nodes.strong(text=_("Corrected:"))
        count = len(corrections)
        day = long_date(latest.date, self.config.language)
        if count == 1:
            when = _("{date}.").format(date=day)
        else:
            when = _("{date} (the latest of {count} corrections).").format(
                date=day, count=count
            )
        note += nodes.Text(f" {when} ")
        note += addnodes.pending_xref(
            "",
            nodes.inline(text=_("See what changed")),
            refdomain="std",
            reftype="ref",
            reftarget=latest.label,
            refexplicit=True,
            refdoc=self.env.docname,
        )
        note += nodes.Text(".")
        box += note


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    app.setup_extension("medkb.review")
    _config.declare(app, OPTIONS)
    _seen.connect(app)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("env-get-outdated", load_corrections)
    app.add_directive("corrections-list", CorrectionsList)
    app.add_transform(NoteCorrections)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
