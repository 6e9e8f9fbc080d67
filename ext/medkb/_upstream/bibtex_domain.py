"""sphinxcontrib-bibtex's bookkeeping with indexes, for sites with many pages.

sphinxcontrib-bibtex 2.7 answers three questions by scanning every citation
of the site: which pages cite an entry (for each entry of each
bibliography), in what order the site cites its keys (for each
bibliography), and which listed citation a ``{cite}`` points to (for each
citation). With a reference list on every page, the first grows with
pages x entries x citations: a 300-page site citing a 1,000-entry bib file
spent minutes there. This domain answers the same questions from indexes
built once per build; what it writes is the same, byte for byte
(tests/test_fast_build.py compares whole sites).

Two more costs came back on every build, however little had changed: every
entry of every list was formatted again, and every list's placeholder nodes
(see ``citation_ids``) were read and written with the environment. Formatted
entries are kept from one build to the next, for as long as the bib files
and the styles stay the same, and so are each list's sorted order and labels
(sorting and labelling every list decodes every name's LaTeX again, most of
a one-page rebuild at 300 pages); placeholders are kept as ids.

Upstream internals used: ``BibtexDomain``'s methods ``env_updated``,
``get_filtered_entries``, ``get_sorted_entries``, ``get_formatted_entries``,
``get_all_cited_keys`` and ``resolve_xref`` and its ``data`` layout, the
private ``_FilterVisitor``, ``BibliographyValue.citation_nodes``, the
``BibData`` tuple that ``data["bibdata"]`` holds (with ``bibfile``'s
``BibFile``, ``get_mtime`` and ``is_bibdata_outdated``) and the module's
``logger``. It can
go when sphinxcontrib-bibtex indexes citations itself (its scans are in
``domain.py`` as of 2.7.0). Imported only through ``medkb._upstream.load``.
"""

from __future__ import annotations

import ast
import inspect
import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

import pybtex.plugin
from pybtex.database import BibliographyData
from pybtex.richtext import Tag
from pybtex.style import FormattedEntry
from pybtex.style.template import FieldIsMissing
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning
from sphinxcontrib.bibtex import domain as upstream_domain
from sphinxcontrib.bibtex.bibfile import BibData, get_mtime, is_bibdata_outdated
from sphinxcontrib.bibtex.bibfile import BibFile as UpstreamBibFile
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.directives import BibliographyKey
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node

from medkb._upstream.citation_ids import CitationIds, compact_citation_nodes

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from docutils import nodes
    from pybtex.database import Entry
    from pybtex.style.formatting import BaseStyle
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.directives import BibliographyValue
    from sphinxcontrib.bibtex.domain import Citation

logger = logging.getLogger(__name__)


#: Where formatted entries are kept between builds, in the domain's data.
FORMATTED = "medkb_formatted_entries"


#: The filters most lists use: ``docname in docnames`` (the page's own
#: citations), and ``cited``, the default.
ONLY_THIS_PAGE = ast.dump(ast.parse("docname in docnames"))
ONLY_CITED = ast.dump(ast.parse("cited"))


def _first(pair: tuple[int, Entry]) -> int:
    return pair[0]


T = TypeVar("T")


def _for_list(
    cache: dict[int, tuple[list[str], T]], docnames: list[str], make: Callable[[], T]
) -> T:
    """What *make* gives for the site's list of pages, worked out once.

    Upstream hands every list the same list of pages: looked up by identity,
    not hashed as a tuple of 3,000 names for each of 3,000 lists.
    """
    kept = cache.get(id(docnames))
    if kept is None or kept[0] is not docnames:
        kept = cache[id(docnames)] = (docnames, make())
    return kept[1]


class IndexedBibtexDomain(BibtexDomain):
    """BibtexDomain, with lookups by key instead of scans of every citation."""

    #: Pages citing each key, and keys cited on each page, while
    #: bibliographies are worked out.
    _cited_in: dict[str, set[str]] | None = None
    _cited_on: dict[str, set[str]] | None = None
    #: Entries of each set of bib files by key, with their place in them.
    _places: dict[tuple[Path, ...], dict[str, tuple[int, Entry]]] | None = None
    #: The site's cited keys in order, per list of pages, while they are worked out.
    _key_order: dict[int, tuple[list[str], list[str]]] | None = None
    #: Where the site first cites each key, per list of pages.
    _first_at: dict[int, tuple[list[str], dict[str, int]]] | None = None
    #: The listed citations of each key, with their place in ``citations``.
    _citations_of: dict[str, list[tuple[int, Citation]]] | None = None

    #: Formatted entries of the last build, and those of this one.
    _formatted_before: dict[tuple[Any, ...], FormattedEntry] | None = None
    _formatted_now: dict[tuple[Any, ...], FormattedEntry] | None = None
    #: Each list's sorted keys and labels, by style and listed keys: the last
    #: build's and this one's.
    _orders_before: dict[tuple[Any, ...], tuple[list[str], list[str]]] | None = None
    _orders_now: dict[tuple[Any, ...], tuple[list[str], list[str]]] | None = None
    #: Each style class's identity, worked out once per build.
    _identities: dict[type[BaseStyle], tuple[str, str, int]] | None = None

    def env_updated(self) -> Iterable[str]:
        cited_in: dict[str, set[str]] = defaultdict(set)
        cited_on: dict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited_in[target.key].add(citation_ref.docname)
                cited_on[citation_ref.docname].add(target.key)
        self._cited_in, self._cited_on, self._key_order = cited_in, cited_on, {}
        self._first_at = {}
        self._places = {}
        compact_placeholders(self)
        bibfiles = self._bibfiles_state()
        kept = self.data.get(FORMATTED, {})
        same_bibfiles = kept.get("bibfiles") == bibfiles
        self._formatted_before = kept.get("entries", {}) if same_bibfiles else {}
        self._orders_before = kept.get("orders", {}) if same_bibfiles else {}
        self._formatted_now, self._orders_now, self._identities = {}, {}, {}
        upstream_logger = upstream_domain.logger
        upstream_domain.logger = QuietLogger(  # type: ignore[assignment]
            upstream_logger, self.env.config.suppress_warnings
        )
        try:
            updated = super().env_updated()
            # Only what this build used, so the store never outgrows the site.
            self.data[FORMATTED] = {
                "bibfiles": bibfiles,
                "entries": self._formatted_now,
                "orders": self._orders_now,
            }
        finally:
            upstream_domain.logger = upstream_logger
            self._cited_in = self._cited_on = self._key_order = self._places = None
            self._first_at = None
            self._formatted_before = self._formatted_now = self._identities = None
            self._orders_before = self._orders_now = None
        # Worked out again by every build: not worth keeping with the environment.
        self.data["citations"] = WorkedOutEachBuild(self.data["citations"])
        citations_of: dict[str, list[tuple[int, Citation]]] = defaultdict(list)
        for place, citation in enumerate(self.citations):
            citations_of[citation.key].append((place, citation))
        self._citations_of = citations_of
        return updated

    def get_filtered_entries(
        self, bibliography_key: BibliographyKey
    ) -> Iterable[tuple[str, Entry]]:
        if self._cited_in is None:
            yield from super().get_filtered_entries(bibliography_key)
            return
        # As upstream, with the pages citing each key looked up, not scanned.
        bibliography = self.bibliographies[bibliography_key]
        docname = bibliography_key.docname
        filter_ = ast.dump(bibliography.filter_)
        if filter_ in (ONLY_THIS_PAGE, ONLY_CITED):
            yield from self._entries_cited(
                bibliography, docname, filter_ == ONLY_THIS_PAGE
            )
            return
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = _FilterVisitor(  # type: ignore[no-untyped-call]
                entry=entry,
                docname=docname,
                cited_docnames=self._cited_in.get(key, set()),
            )
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                # The same warning and fallback as upstream.
                logger.warning(
                    "syntax error in :filter: expression; %s",
                    err,
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",  # upstream's own subtype
                )
                success = bool(visitor.cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry

    def _entries_cited(
        self, bibliography: BibliographyValue, docname: str, this_page_only: bool
    ) -> Iterator[tuple[str, Entry]]:
        """What the usual filters keep, found from the citations, not the entries.

        The visitor answers ``docname in docnames`` and ``cited`` from the
        pages citing an entry, so only cited entries and the list's own keys
        can pass; they come in the bib files' order, as upstream's do.
        """
        assert self._cited_in is not None
        assert self._cited_on is not None
        prefix = bibliography.keyprefix
        if this_page_only:
            cited: Iterable[str] = self._cited_on.get(docname, ())
        else:
            cited = self._cited_in
        wanted = {key[len(prefix) :] for key in cited if key.startswith(prefix)}
        wanted.update(bibliography.keys)
        places = self._entry_places(bibliography.bibfiles)
        found = sorted((places[key] for key in wanted if key in places), key=_first)
        for _place, entry in found:
            yield prefix + entry.key, entry

    def _entry_places(self, bibfiles: list[Path]) -> dict[str, tuple[int, Entry]]:
        """Each entry of *bibfiles* by key, with its place in them."""
        assert self._places is not None
        files = tuple(bibfiles)
        if files not in self._places:
            places: dict[str, tuple[int, Entry]] = {}
            for place, entry in enumerate(self.get_entries(bibfiles)):
                places.setdefault(entry.key, (place, entry))
            self._places[files] = places
        return self._places[files]

    def get_sorted_entries(
        self, bibliography_key: BibliographyKey, docnames: list[str]
    ) -> Iterable[tuple[str, Entry]]:
        if self._key_order is None:
            yield from super().get_sorted_entries(bibliography_key, docnames)
            return
        # As upstream: cited keys in the order the site first cites them, then
        # the rest in the bib files' order; looked up, not a walk through
        # every citation of the site for each list.
        entries = dict(self.get_filtered_entries(bibliography_key))
        first = self._first_cited(docnames)
        cited = sorted((key for key in entries if key in first), key=first.__getitem__)
        for key in cited:
            yield key, entries.pop(key)
        yield from entries.items()

    def _first_cited(self, docnames: list[str]) -> dict[str, int]:
        assert self._first_at is not None

        def first_places() -> dict[str, int]:
            first: dict[str, int] = {}
            for place, key in enumerate(self.get_all_cited_keys(docnames)):
                first.setdefault(key, place)
            return first

        return _for_list(self._first_at, docnames, first_places)

    def get_formatted_entries(
        self,
        bibliography_key: BibliographyKey,
        docnames: list[str],
        tooltips: bool,
        tooltips_style: str,
    ) -> Iterable[tuple[Entry, FormattedEntry, FormattedEntry | None]]:
        if self._formatted_now is None:
            yield from super().get_formatted_entries(
                bibliography_key, docnames, tooltips, tooltips_style
            )
            return
        # As upstream, with each entry formatted once for as long as the bib
        # files and the style stay the same.
        bibliography = self.bibliographies[bibliography_key]
        entries = dict(self.get_sorted_entries(bibliography_key, docnames))
        style = find_style(bibliography.style)
        tooltip_style = None
        if tooltips:
            tooltip_style = find_style(tooltips_style) if tooltips_style else style
        identity = self._identity_of(type(style))
        tooltip_identity = self._identity_of(type(tooltip_style or style))
        keys, labels = self._order(style, identity, bibliography.keyprefix, entries)
        sorted_entries = [entries[key] for key in keys]
        for label, entry in zip(labels, sorted_entries, strict=False):
            label = bibliography.labelprefix + label
            try:
                formatted = self._format(style, label, entry, identity)
                tooltip = (
                    self._format(tooltip_style, label, entry, tooltip_identity)
                    if tooltip_style
                    else None
                )
            except FieldIsMissing as missing:
                logger.warning(
                    str(missing),
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="missing_field",  # upstream's own subtype
                )
                yield (
                    entry,
                    FormattedEntry(entry.key, Tag("b", str(missing)), label),
                    None,
                )
            else:
                yield entry, formatted, tooltip

    def _order(
        self,
        style: BaseStyle,
        identity: tuple[str, str, int],
        prefix: str,
        entries: dict[str, Entry],
    ) -> tuple[list[str], list[str]]:
        """The list's keys as the style sorts them, and their labels."""
        assert self._orders_before is not None
        assert self._orders_now is not None
        # The same entries (the bib files unchanged) sort and label the same.
        cache_key = (identity, prefix, tuple(entries))
        order = self._orders_now.get(cache_key) or self._orders_before.get(cache_key)
        if order is None:
            sorted_entries: list[Entry] = list(style.sort(entries.values()))
            labels = list(style.format_labels(sorted_entries))
            order = ([prefix + entry.key for entry in sorted_entries], labels)
        self._orders_now[cache_key] = order
        return order

    def _identity_of(self, style_class: type[BaseStyle]) -> tuple[str, str, int]:
        # Once per style and build, not once per list.
        assert self._identities is not None
        if style_class not in self._identities:
            self._identities[style_class] = style_identity(style_class)
        return self._identities[style_class]

    def _format(
        self, style: BaseStyle, label: str, entry: Entry, identity: tuple[str, str, int]
    ) -> FormattedEntry:
        assert self._formatted_before is not None
        assert self._formatted_now is not None
        cache_key = (identity, label, entry.key)
        # An entry cited on many pages is formatted once per build, and not
        # again in the next build while the files and the style stay the same.
        formatted = self._formatted_now.get(cache_key)
        if formatted is None:
            formatted = self._formatted_before.get(cache_key)
        if formatted is None:
            formatted = style.format_entry(label, entry)
        self._formatted_now[cache_key] = formatted
        return formatted

    def _bibfiles_state(self) -> tuple[Any, ...]:
        """What the entries are parsed from: files, their times, the encoding."""
        bibdata = self.bibdata
        files = tuple(
            (str(path), bibfile.mtime) for path, bibfile in bibdata.bibfiles.items()
        )
        return (bibdata.encoding, files)

    def get_all_cited_keys(self, docnames: list[str]) -> Iterator[str]:
        if self._key_order is None:
            return super().get_all_cited_keys(docnames)  # type: ignore[no-untyped-call,no-any-return]

        def key_order() -> list[str]:
            place = {docname: index for index, docname in enumerate(docnames)}
            refs = sorted(self.citation_refs, key=lambda ref: place[ref.docname])
            return [t.key for ref in refs for t in ref.targets]

        order: list[str] = _for_list(self._key_order, docnames, key_order)
        return iter(order)

    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element:
        if self._citations_of is None:
            return super().resolve_xref(
                env, fromdocname, builder, typ, target, node, contnode
            )
        # Upstream scans every citation for the cited keys; hand it only those,
        # in their order, so it finds the same ones.
        keys = {
            citation_target.key for citation_target in parse_citation_targets(target)
        }
        wanted = sorted(
            (pair for key in keys for pair in self._citations_of.get(key, ())),
            key=lambda pair: pair[0],
        )
        everything = self.data["citations"]
        self.data["citations"] = [citation for _place, citation in wanted]
        try:
            return super().resolve_xref(
                env, fromdocname, builder, typ, target, node, contnode
            )
        finally:
            self.data["citations"] = everything


def find_style(name: str) -> BaseStyle:
    return cast(
        "BaseStyle", pybtex.plugin.find_plugin("pybtex.style.formatting", name)()
    )


def style_identity(style_class: type[BaseStyle]) -> tuple[str, str, int]:
    """A style class and its source file's time: edit the style, format again."""
    try:
        changed = Path(inspect.getfile(style_class)).stat().st_mtime_ns
    except (OSError, TypeError):
        changed = 0
    return (style_class.__module__, style_class.__qualname__, changed)


def compact_placeholders(
    domain: BibtexDomain, bib_keys: Iterable[BibliographyKey] | None = None
) -> None:
    """Keep the placeholder nodes of these lists (or of all) as ids."""
    shared_keys: dict[tuple[str, ...], tuple[str, ...]] = {}
    keys = list(domain.bibliographies if bib_keys is None else bib_keys)
    for bib_key in keys:
        bibliography = domain.bibliographies.get(bib_key)
        if bibliography is None:
            continue
        compact = compact_citation_nodes(bibliography.citation_nodes, shared_keys)
        if compact is not None:
            # A mapping, read as upstream reads its dict of nodes.
            citation_nodes = cast("dict[str, nodes.Element]", compact)
            domain.bibliographies[bib_key] = bibliography._replace(
                citation_nodes=citation_nodes
            )


def compact_read_placeholders(app: Sphinx, doctree: nodes.document) -> None:
    # In the reading process, before -j sends the environment back.
    domain = app.env.domains.get("cite")
    if isinstance(domain, IndexedBibtexDomain):
        # The page's own lists, as the transform finds them; not a scan of
        # every list of the site for each page.
        keys = [
            BibliographyKey(docname=node["docname"], id_=node["ids"][0])
            for node in doctree.findall(bibliography_node)
        ]
        compact_placeholders(domain, keys)
        forget_placeholder_targets(domain, keys, doctree)


def forget_placeholder_targets(
    domain: BibtexDomain, keys: Iterable[BibliographyKey], doctree: nodes.document
) -> None:
    """Let the page's ids name one empty node instead of every placeholder.

    The directive notes each placeholder as a target of the page, so the
    page's pickled doctree held an empty node for every entry of the bib
    files: 87 of its 90 KB at 1,000 entries, unpickled again for every page
    written (in the main process, with ``-j``). The ids stay taken, so no
    id given later can clash with them; only the nodes, in no tree, go.
    """
    placeholder: nodes.Element | None = None
    for key in keys:
        bibliography = domain.bibliographies.get(key)
        if bibliography is None or not isinstance(
            citation_nodes := bibliography.citation_nodes, CitationIds
        ):
            continue
        for place in range(len(citation_nodes)):
            id_ = citation_nodes.id_of(place)
            node = doctree.ids.get(id_)
            if node is None or node.parent is not None or node.children:
                continue
            if placeholder is None:
                placeholder = citation_nodes[next(iter(citation_nodes))]
                placeholder["ids"] = []
            doctree.ids[id_] = placeholder


class QuietLogger:
    """Upstream's logger, dropping suppressed warnings before it formats them.

    Upstream warns of a key cited on two pages once per page, and a site
    where every page lists its own sources suppresses that warning: 15,600
    warnings at 3,000 pages, each formatted and then dropped by Sphinx, took
    a tenth of a one-page rebuild.
    """

    def __init__(self, logger: Any, suppressed: list[str]) -> None:
        self._logger = logger
        self._suppressed = suppressed

    def warning(self, message: str, *args: Any, **kwargs: Any) -> None:
        kind, subtype = kwargs.get("type"), kwargs.get("subtype")
        if kind and is_suppressed_warning(kind, subtype or "", self._suppressed):
            return
        self._logger.warning(message, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


class WorkedOutEachBuild(list[Any]):
    """The site's listed citations, pickled as an empty list.

    Upstream works them out again after reading, on every build, and clears
    what the saved environment held: at 3,000 pages the list was most of the
    environment, written and read again for nothing (upstream's own comment
    says it "might have been restored from pickle").
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, ())


class MainProcessBibData(BibData):
    """The parsed bib files, sent back by no parallel reader.

    Each reader of ``-j`` pickles its whole environment back to the main
    process, which takes only the pages it read and drops the rest: the
    parsed entries, a quarter of what each reader sent (0.7 MB at 1,000
    entries), were pickled and unpickled for nothing, in the main process
    that a parallel build waits on. Pickled in any other process, they
    travel as an empty set; the main process keeps them whole.
    """

    __slots__ = ()
    main_process: ClassVar[int] = 0

    def __reduce__(self) -> tuple[Any, ...]:
        if os.getpid() == MainProcessBibData.main_process:
            return (BibData, tuple(self))  # the environment saved for next time
        return (BibData, (self.encoding, {}, BibliographyData()))


def share_parsed_bibfile(
    app: Sphinx, path: Path, encoding: str, data: BibliographyData
) -> None:
    """Hand sphinxcontrib-bibtex the file medkb.bibcheck has just parsed.

    Upstream parses the bib files again when its saved copy is out of date,
    right after the check read them with the same pybtex parser: a fifth of
    what the checks cost a clean build at 300 pages. Its saved copy is made
    from this parse, as upstream would make it, so it finds it up to date.
    """
    domain = app.env.domains.get("cite")
    if not isinstance(domain, IndexedBibtexDomain):
        return
    upstream_paths = [
        (Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles
    ]
    if upstream_paths != [path]:
        return
    if not is_bibdata_outdated(domain.bibdata, [path], encoding):
        return
    keys: dict[str, None] = dict.fromkeys(data.entries.keys())
    bibfile = UpstreamBibFile(mtime=get_mtime(path), keys=keys)
    domain.data["bibdata"] = BibData(
        encoding=encoding, bibfiles={path: bibfile}, data=data
    )


def keep_bibdata_in_main_process(app: Sphinx) -> None:
    domain = app.env.domains.get("cite")
    if isinstance(domain, IndexedBibtexDomain) and "bibdata" in domain.data:
        MainProcessBibData.main_process = os.getpid()
        domain.data["bibdata"] = MainProcessBibData(*domain.data["bibdata"])


def install(app: Sphinx) -> None:
    """Replace sphinxcontrib-bibtex's domain, before the environment makes it."""
    app.add_domain(IndexedBibtexDomain, override=True)
    app.connect("doctree-read", compact_read_placeholders)
    # After sphinxcontrib-bibtex (500) has parsed the bib files.
    app.connect("builder-inited", keep_bibdata_in_main_process, priority=600)
