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
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

from medkb import __version__, _config

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils import nodes
    from pybtex.database import Entry
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.directives import BibliographyKey
    from sphinxcontrib.bibtex.domain import Citation

logger = logging.getLogger(__name__)

OPTIONS = (
    _config.Option(
        "medkb_indexed_citations",
        True,
        (bool,),
        "Index sphinxcontrib-bibtex's citations once per build instead of "
        "scanning them for every entry and every reference.",
    ),
)


class IndexedBibtexDomain(BibtexDomain):
    """BibtexDomain, with lookups by key instead of scans of every citation."""

    #: Pages citing each key, while bibliographies are worked out.
    _cited_in: dict[str, set[str]] | None = None
    #: The site's cited keys in order, per list of pages, while they are worked out.
    _key_order: dict[tuple[str, ...], list[str]] | None = None
    #: The listed citations of each key, with their place in ``citations``.
    _citations_of: dict[str, list[tuple[int, Citation]]] | None = None

    def env_updated(self) -> Iterable[str]:
        cited_in: dict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited_in[target.key].add(citation_ref.docname)
        self._cited_in, self._key_order = cited_in, {}
        try:
            updated = super().env_updated()
        finally:
            self._cited_in = self._key_order = None
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
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = _FilterVisitor(  # type: ignore[no-untyped-call]
                entry=entry,
                docname=bibliography_key.docname,
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
                    subtype="filter_syntax_error",
                )
                success = bool(visitor.cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry

    def get_all_cited_keys(self, docnames: list[str]) -> Iterator[str]:
        if self._key_order is None:
            return super().get_all_cited_keys(docnames)  # type: ignore[no-untyped-call,no-any-return]
        pages = tuple(docnames)
        if pages not in self._key_order:
            place = {docname: index for index, docname in enumerate(docnames)}
            refs = sorted(self.citation_refs, key=lambda ref: place[ref.docname])
            self._key_order[pages] = [t.key for ref in refs for t in ref.targets]
        return iter(self._key_order[pages])

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


def use_indexed_domain(app: Sphinx, config: Config) -> None:
    _config.validate(app, OPTIONS)
    if config.medkb_indexed_citations and "sphinxcontrib.bibtex" in app.extensions:
        # Before the environment makes its domains.
        app.add_domain(IndexedBibtexDomain, override=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    _config.declare(app, OPTIONS)
    app.connect("config-inited", use_indexed_domain)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
