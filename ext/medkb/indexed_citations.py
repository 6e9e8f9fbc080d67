"""sphinxcontrib-bibtex's bookkeeping with indexes, for sites with many pages.

With a reference list on every page, sphinxcontrib-bibtex 2.7 spends time
growing with pages x entries x citations working out what each list holds;
the shortcut (``medkb._upstream.bibtex_domain``) answers the same questions
from indexes built once per build, and writes the same pages, byte for byte.
It runs only with the versions of sphinxcontrib-bibtex and pybtex its tests
have proven; with any other, it steps aside and the stock domain does the
work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medkb import __version__, _upstream
from medkb._core import config as _config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

OPTIONS = (
    _config.Option(
        "medkb_indexed_citations",
        True,
        (bool,),
        "Index sphinxcontrib-bibtex's citations once per build instead of "
        "scanning them for every entry and every reference.",
    ),
)


def use_indexed_domain(app: Sphinx, config: Config) -> None:
    _config.validate(app, OPTIONS)
    if (
        not config.medkb_indexed_citations
        or "sphinxcontrib.bibtex" not in app.extensions
    ):
        return
    if (shortcut := _upstream.load("indexed_citations")) is not None:
        shortcut.install(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    _config.declare(app, OPTIONS)
    app.connect("config-inited", use_indexed_domain)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
