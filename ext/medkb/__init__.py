"""Sphinx extensions for a cited medical knowledge base.

Enable everything with ``extensions = ["medkb"]`` or pick single features,
for example ``extensions = ["medkb.disclaimer"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

FEATURES = (
    "medkb.disclaimer",
    "medkb.review",
    "medkb.description",
    "medkb.citations",
    "medkb.bibcheck",
    "medkb.source_currency",
    "medkb.medicines",
    "medkb.medicine_warnings",
    "medkb.warning_signs",
    "medkb.reviewers",
    "medkb.corrections",
    "medkb.uncited_numbers",
    "medkb.content_policy",
    "medkb.exact_rebuilds",
    "medkb.reachable",
    "medkb.accessible_html",
    "medkb.complete_sitemap",
    "medkb.search_ranking",
    "medkb.sidebar_cache",
    "medkb.indexed_citations",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    for feature in FEATURES:
        app.setup_extension(feature)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
