"""furo's navigation sidebar, computed once per build instead of once per page.

furo computes the whole site's navigation again for every page, so a build
grows with the square of the page count. The shortcut
(``medkb._upstream.furo_sidebar``) renders it once per build as a template
and fills in each page's sidebar from it, writing the same HTML, byte for
byte. It runs for the html and dirhtml builders with the furo theme, and only
with the furo versions its tests have proven; otherwise furo does its own
work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medkb import __version__, _upstream
from medkb._core import config as _config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

OPTIONS = (
    _config.Option(
        "medkb_navigation",
        True,
        (bool,),
        "Render furo's navigation sidebar from one template per build "
        "(False: let furo compute it for every page).",
    ),
)

BUILDERS = frozenset({"html", "dirhtml"})


def use_sidebar_cache(app: Sphinx) -> None:
    if not (
        app.config.medkb_navigation
        and app.builder.name in BUILDERS
        and app.config.html_theme == "furo"
    ):
        return
    if (shortcut := _upstream.load("sidebar_cache")) is not None:
        shortcut.install(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    # Where the sidebar's fingerprint of each document is kept.
    app.setup_extension("medkb._core.state")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", lambda app, _config_: _config.validate(app, OPTIONS))
    app.connect("builder-inited", use_sidebar_cache)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
