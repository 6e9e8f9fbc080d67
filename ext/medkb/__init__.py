"""Sphinx extensions for a cited medical knowledge base.

Enable everything with ``extensions = ["medkb"]`` or pick single features,
for example ``extensions = ["medkb.disclaimer"]``. The package::

    medkb/                  public features, each a Sphinx extension (FEATURES)
      disclaimer, review …  what readers see: boxes, safety fields, references
      bibcheck, reachable … guards: a problem is an error at its file and line
      accessible_html …     fixes to the HTML of other tools
      indexed_citations,    build-speed shortcuts: switches only; their code
      sidebar_cache         is in _upstream
      exact_rebuilds        keeps incremental builds equal to clean ones
      reference             {medkb-reference}: options and subtypes, generated
      _core/                what every feature shares: problems, state (one
                            domain), options, subtypes, front matter, data files
      _bib/                 reading BibTeX: files as written, fields we define
      _upstream/            every use of another package's internals, imported
                            only behind a version gate

State kept between builds lives in the ``medkb`` domain (``_core.state``);
options are ``_core.config.Option`` tables named ``OPTIONS``; every warning
subtype is a member of ``_core.subtypes.Subtype``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

# Loaded in this order (handlers of one event run in the order connected).
FEATURES = (
    "medkb.disclaimer",  # reader
    "medkb.review",  # reader
    "medkb.description",  # reader
    "medkb.structured_data",  # reader; after review, whose dates it gives
    "medkb.citations",  # reader
    "medkb.citation_runs",  # reader
    "medkb.citation_previews",  # reader
    "medkb.print_header",  # reader
    "medkb.bibcheck",  # guard
    "medkb.source_currency",  # guard
    "medkb.medicines",  # reader and guard
    "medkb.medicine_warnings",  # reader
    "medkb.warning_signs",  # reader and guard
    "medkb.reviewers",  # reader and guard
    "medkb.corrections",  # reader
    "medkb.uncited_numbers",  # guard
    "medkb.file_access",  # guard
    "medkb.content_policy",  # guard; after file_access, whose raw it replaces
    "medkb.exact_rebuilds",  # exact builds
    "medkb.reachable",  # guard
    "medkb.moved_pages",  # guard
    "medkb.accessible_html",  # fix to other tools' HTML
    "medkb.complete_sitemap",  # fix to other tools' HTML
    "medkb.search_scope",  # reader; before search_words, which reads what it leaves
    "medkb.search_words",  # reader
    "medkb.search_synonyms",  # reader and guard
    "medkb.search_ranking",  # reader
    "medkb.translations",  # reader and guard; after review, whose box it adds to
    "medkb.sidebar_cache",  # speed
    "medkb.indexed_citations",  # speed
    "medkb.quick_load",  # speed
    "medkb.reference",  # reader (maintainers)
)


def setup(app: Sphinx) -> ExtensionMetadata:
    for feature in FEATURES:
        app.setup_extension(feature)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
