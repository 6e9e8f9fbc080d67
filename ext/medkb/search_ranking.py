"""Site search puts the pages about a term before pages that mention it.

Sphinx scores a word in any section heading the same as a word in the page's
title, then breaks ties alphabetically, so a search for "botox" listed a
migraine page with a "Botox" section between the Botox pages. The scorer in
``static/search-scorer.js`` lifts every result whose page title holds all the
searched words above the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from medkb import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

SCORER = Path(__file__).parent / "static" / "search-scorer.js"


def use_scorer(_app: Sphinx, config: Config) -> None:
    # A project's own scorer wins.
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", use_scorer)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
