"""Checks of the bibliography files, in every build and on the command line.

Every file in ``bibtex_bibfiles`` must meet these rules; each problem names the
file, the line where the entry starts and the entry's key:

``bib-syntax``
    pybtex, the parser the build uses, reads every entry.
``bib-duplicate``
    No two entries share a key (pybtex ignores case in keys) or a DOI (compared
    ignoring case).
``bib-identifier``
    Every entry has a ``doi``, ``pmid`` or ``url`` field, so readers can find
    the source. A ``@book`` needs none, and neither does a congress abstract
    (``x-evidence = {abstract}``).
``bib-evidence``
    Every entry says what kind of evidence it is, with ``x-evidence`` set to
    one of the types in ``medkb._bib.evidence.EVIDENCE_TYPES``.
``bib-currency``
    A ``guideline`` or ``label`` entry has ``x-current-checked = {YYYY-MM-DD}``:
    the day someone last confirmed it is the current version.
``bib-superseded``
    ``x-superseded-by`` names another entry of the files.
``bib-key``
    A key is the first author's surname in lowercase letters, a 4-digit year
    and a lowercase word that may end in digits: ``calandre2006trigger``,
    ``aurora2010preempt1``. ``KEYS_BEFORE_THE_RULE`` lists two older keys.
``bib-url``
    A ``url`` is an ``http://`` or ``https://`` link.
``bib-unused``
    Some page cites the entry with a ``{cite}`` role. A bibliography with
    ``:all:`` lists every entry, so it does not count. Checked in the build
    only, which knows what each page cites.

In a build (``extensions = ["medkb.bibcheck"]``) each problem is an error that
makes the build fail even without ``-W``. An entry pybtex cannot read, or a
duplicate key, stops the build before sphinxcontrib-bibtex reads the files:
pybtex would raise on the first, with a traceback, and on the second drop every
entry after it. On the command line, ``python -m medkb.bibcheck refs.bib``
prints one ``file:line: key: message`` line per problem and exits with 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from sphinx.util import logging

from medkb import __version__, _upstream
from medkb._bib.bibfile import DEFAULT_ENCODING, BibEntry, BibProblem, read_bibfile
from medkb._bib.evidence import (
    CURRENT_CHECKED_FIELD,
    EVIDENCE_FIELD,
    EVIDENCE_TYPES,
    SUPERSEDED_BY_FIELD,
    VERSIONED,
    checked_on,
    evidence_type,
)
from medkb._core import config as _config
from medkb._core.problems import WARNING_TYPE, report_build_errors
from medkb._core.state import BuildCache, KeptFile
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from pybtex.database import BibliographyData
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.domain import BibtexDomain

logger = logging.getLogger(__name__)

KEY_RULE = re.compile(r"[a-z]+[0-9]{4}[a-z][a-z0-9]*")
KEY_RULE_TEXT = (
    "the first author's surname in lowercase letters, a 4-digit year and a "
    "lowercase word, such as calandre2006trigger"
)
#: Keys cited since before the rule; rename them (and their citations) to
#: ``ihs2018ichd3`` and ``allergan<year>botox`` and drop them from here.
KEYS_BEFORE_THE_RULE = frozenset({"ichd3_2018", "botox_label"})

IDENTIFIER_FIELDS = ("doi", "pmid", "url")
#: The field an abstract was marked with before ``x-evidence = {abstract}``.
OLD_ABSTRACT_FIELD = "x-abstract"
URL_SCHEMES = ("http", "https")
# Written before a DOI by some sources; the DOI itself is the same.
DOI_PREFIX = re.compile(r"^(doi:|https?://(dx\.)?doi\.org/)", re.IGNORECASE)


def check_bibfiles(
    paths: Iterable[Path], encoding: str = DEFAULT_ENCODING
) -> tuple[list[BibEntry], list[BibProblem]]:
    """Read and check *paths* together, as the build reads them into one set."""
    entries, problems, _data = read_and_check(paths, encoding)
    return entries, problems


def read_and_check(
    paths: Iterable[Path], encoding: str = DEFAULT_ENCODING
) -> tuple[list[BibEntry], list[BibProblem], BibliographyData | None]:
    """check_bibfiles(), and what pybtex's parser makes of a single file read
    without a problem (None otherwise)."""
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    read = [read_bibfile(path, encoding) for path in paths]
    for bibfile in read:
        entries += bibfile.entries
        problems += bibfile.problems
    # One parser reads several files, sharing their @string macros: only a
    # single file's data is the same as the build's own parse.
    data = read[0].data if len(read) == 1 else None
    problems += _duplicates(entries)
    keys = {entry.key.casefold() for entry in entries}
    for entry in entries:
        problems += _entry_problems(entry)
        problems += _evidence_problems(entry, keys)
    return entries, sorted(problems), data


def _duplicates(entries: Sequence[BibEntry]) -> list[BibProblem]:
    problems = []
    first_with_key: dict[str, BibEntry] = {}
    first_with_doi: dict[str, BibEntry] = {}
    for entry in entries:
        first = first_with_key.setdefault(entry.key.casefold(), entry)
        if first is not entry:
            problems.append(
                _problem(
                    entry,
                    Subtype.BIB_DUPLICATE,
                    f"duplicate key: the entry at {first.path}:{first.line} has the "
                    f"key {first.key} too; give one of them another key",
                    stops_build=True,
                )
            )
        if doi := DOI_PREFIX.sub("", entry.fields.get("doi", "").strip()).casefold():
            first = first_with_doi.setdefault(doi, entry)
            if first is not entry:
                problems.append(
                    _problem(
                        entry,
                        Subtype.BIB_DUPLICATE,
                        f"duplicate DOI {entry.fields['doi']}: the entry {first.key} "
                        f"at {first.path}:{first.line} has it too; keep one entry "
                        "for the work, or correct the wrong DOI",
                    )
                )
    return problems


def _entry_problems(entry: BibEntry) -> list[BibProblem]:
    problems = []
    if not KEY_RULE.fullmatch(entry.key) and entry.key not in KEYS_BEFORE_THE_RULE:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_KEY,
                f"key does not follow the convention: {KEY_RULE_TEXT}",
            )
        )
    if not any(entry.fields.get(name, "").strip() for name in IDENTIFIER_FIELDS):
        exempt = entry.type == "book" or evidence_type(dict(entry.fields)) in (
            "abstract",
            "book",
        )
        if not exempt:
            problems.append(
                _problem(
                    entry,
                    Subtype.BIB_IDENTIFIER,
                    "no doi, pmid or url field: add one so readers can find the "
                    "source (a @book needs none, nor a congress abstract marked "
                    f"{EVIDENCE_FIELD} = {{abstract}})",
                )
            )
    url = entry.fields.get("url", "").strip()
    if url and urlsplit(url).scheme.lower() not in URL_SCHEMES:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_URL,
                f"url {url!r} is not a web link: only http:// and https:// "
                "links are allowed",
            )
        )
    return problems


ALLOWED_EVIDENCE = ", ".join(EVIDENCE_TYPES)


def _evidence_problems(entry: BibEntry, keys: set[str]) -> list[BibProblem]:
    fields = dict(entry.fields)
    problems = []
    kind = evidence_type(fields)
    if OLD_ABSTRACT_FIELD in fields:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_EVIDENCE,
                f"{OLD_ABSTRACT_FIELD} is replaced by {EVIDENCE_FIELD}: write "
                f"{EVIDENCE_FIELD} = {{abstract}} instead",
            )
        )
    if not kind:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_EVIDENCE,
                f"no {EVIDENCE_FIELD} field: add {EVIDENCE_FIELD} = {{...}} with the "
                f"kind of evidence the source is, one of: {ALLOWED_EVIDENCE}",
            )
        )
    elif kind not in EVIDENCE_TYPES:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_EVIDENCE,
                f"{EVIDENCE_FIELD} = {{{fields[EVIDENCE_FIELD]}}} is not an evidence "
                f"type; use one of: {ALLOWED_EVIDENCE}",
            )
        )
    checked = fields.get(CURRENT_CHECKED_FIELD, "").strip()
    if kind in VERSIONED and not checked:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_CURRENCY,
                f"a {kind} is replaced by newer versions: add {CURRENT_CHECKED_FIELD} "
                "= {YYYY-MM-DD}, the day you confirmed it is the current version, and "
                "say where in x-checked",
            )
        )
    elif checked and checked_on(checked) is None:
        problems.append(
            _problem(
                entry,
                Subtype.BIB_CURRENCY,
                f"{CURRENT_CHECKED_FIELD} = {{{checked}}} is not a date; write it as "
                "YYYY-MM-DD, for example 2026-12-01",
            )
        )
    successor = fields.get(SUPERSEDED_BY_FIELD, "").strip()
    if successor and (
        successor.casefold() not in keys or successor.casefold() == entry.key.casefold()
    ):
        problems.append(
            _problem(
                entry,
                Subtype.BIB_SUPERSEDED,
                f"{SUPERSEDED_BY_FIELD} = {{{successor}}} names no other entry; give "
                "the key of the entry that replaces this one, and add that entry first",
            )
        )
    return problems


def unused_entries(
    entries: Iterable[BibEntry], cited_keys: Iterable[str]
) -> list[BibProblem]:
    """A problem for each entry whose key is not among *cited_keys*."""
    cited = {key.casefold() for key in cited_keys}
    return [
        _problem(
            entry,
            Subtype.BIB_UNUSED,
            "no page cites this entry (an :all: bibliography does not count): "
            f"cite it with {{cite:p}}`{entry.key}` or remove it",
        )
        for entry in entries
        if entry.key.casefold() not in cited
    ]


def _problem(
    entry: BibEntry, subtype: str, message: str, *, stops_build: bool = False
) -> BibProblem:
    return BibProblem(entry.path, entry.line, entry.key, subtype, message, stops_build)


# -- In a Sphinx build ---------------------------------------------------------


class _BuildState:
    """What one build found in its bibliography files."""

    def __init__(self) -> None:
        self.entries: list[BibEntry] = []
        self.errors = 0


_states: BuildCache[BuildEnvironment, _BuildState] = BuildCache()


def _state(env: BuildEnvironment) -> _BuildState:
    return _states.get(env, _BuildState)


def _log(problem: BibProblem) -> None:
    logger.error(
        f"{problem.key}: {problem.message}",
        location=problem.location,
        type=WARNING_TYPE,
        subtype=problem.subtype,
    )


#: The last build's findings, with what they were found in: reading and
#: checking 1,000 entries took a quarter of a one-page rebuild.
_checked: KeptFile[tuple[list[BibEntry], list[BibProblem]]] = KeptFile(
    "medkb-bibcheck.pickle"
)
#: The code the findings depend on: edit a check, and every file is read again.
_CHECK_CODE = (Path(__file__), *sorted(Path(__file__).with_name("_bib").glob("*.py")))


def _fingerprint(paths: Sequence[Path], encoding: str) -> tuple[object, ...] | None:
    """What the checks' findings depend on; None when a file cannot be read."""
    try:
        files = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths]
        code = [p.stat().st_mtime_ns for p in _CHECK_CODE]
    except OSError:
        return None
    return (__version__, encoding, tuple(files), tuple(code))


def check_in_build(app: Sphinx) -> None:
    """Check the files before sphinxcontrib-bibtex reads them, on every build.

    Files unchanged since the last build are not read again: their problems,
    kept in the doctree folder, are reported again as they were found.
    """
    paths = [
        (Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles
    ]
    encoding = app.config.bibtex_encoding
    fingerprint = _fingerprint(paths, encoding)
    kept = _checked.load(app.doctreedir, fingerprint) if fingerprint else None
    if kept is not None:
        entries, problems = kept
    else:
        entries, problems, data = read_and_check(paths, encoding)
        if fingerprint is not None:
            _checked.save(app.doctreedir, fingerprint, (entries, problems))
        stops = any(problem.stops_build for problem in problems)
        # sphinxcontrib-bibtex would parse the same file again, next.
        shortcut = _upstream.load("indexed_citations") if data and not stops else None
        if shortcut is not None:
            shortcut.share_parsed_bibfile(app, paths[0], encoding, data)
    if any(problem.stops_build for problem in problems):
        _config.stop(
            [
                _config.StartupProblem(p.location, f"{p.key}: {p.message}", p.subtype)
                for p in problems
            ]
        )
    for problem in problems:
        _log(problem)
    state = _state(app.env)
    state.entries = entries
    state.errors = len(problems)


def check_citations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once every page is read: an entry no page cites is an error."""
    domain = cast("BibtexDomain", env.get_domain("cite"))
    cited = (target.key for ref in domain.citation_refs for target in ref.targets)
    state = _state(env)
    unused = unused_entries(state.entries, cited)
    for problem in unused:
        _log(problem)
    state.errors += len(unused) + _report_unknown_keys(env, domain, state.entries)
    report_build_errors(env, "bibliography", state.errors)
    return []


def _line_citing(
    env: BuildEnvironment, docname: str, key: str, near: int | None
) -> int | None:
    """The line of the page's source that cites *key*, nearest to *near*.

    The line sphinxcontrib-bibtex records for a citation in a MyST page can be
    missing or a line off, so the source is searched for the key itself.
    """
    try:
        lines = Path(env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return near
    pattern = re.compile(rf"\{{cite[:a-z]*\}}`[^`]*\b{re.escape(key)}\b")
    found = [n for n, line in enumerate(lines, 1) if pattern.search(line)]
    if not found:
        return near
    return min(found, key=lambda n: abs(n - near)) if near else found[0]


def _report_unknown_keys(
    env: BuildEnvironment, domain: BibtexDomain, entries: Sequence[BibEntry]
) -> int:
    """An error at each citation of a key no bibliography file has."""
    known = {entry.key.casefold() for entry in entries}
    prefixes = {b.keyprefix for b in domain.bibliographies.values()} | {""}
    unknown = 0
    for ref in sorted(domain.citation_refs, key=lambda r: (r.docname, r.line)):
        for target in ref.targets:
            if any(
                target.key.startswith(prefix)
                and target.key[len(prefix) :].casefold() in known
                for prefix in prefixes
            ):
                continue
            unknown += 1
            line = _line_citing(env, ref.docname, target.key, ref.line)
            logger.error(
                f"unknown citation key {target.key!r}: no entry in "
                f"{', '.join(env.config.bibtex_bibfiles)} has it; check the key's "
                "spelling there, or add the source first (with where its details "
                "were checked in x-checked)",
                location=(ref.docname, line),
                type=WARNING_TYPE,
                subtype=Subtype.BIB_UNKNOWN_KEY,
            )
    return unknown


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("medkb._core.problems")
    # Before sphinxcontrib-bibtex parses the files, at the default priority 500.
    app.connect("builder-inited", check_in_build, priority=400)
    app.connect("env-updated", check_citations)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


# -- On the command line -------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m medkb.bibcheck",
        description="Check BibTeX files: syntax, duplicate keys and DOIs, "
        "identifiers, key convention and url links.",
        epilog="Entries no page cites are found by the Sphinx build "
        "(extensions = ['medkb.bibcheck']), which knows what each page cites.",
    )
    parser.add_argument("bibfiles", nargs="+", type=Path, help="the .bib files")
    parser.add_argument(
        "--encoding",
        default=DEFAULT_ENCODING,
        help=f"as bibtex_encoding in conf.py (default: {DEFAULT_ENCODING})",
    )
    args = parser.parse_args(argv)
    _entries, problems = check_bibfiles(args.bibfiles, args.encoding)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
