"""medkb's own static folder (styles and scripts), for HTML builds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

FOLDER = Path(__file__).parents[1] / "static"


def add_static_folder(app: Sphinx) -> None:
    """Serve ``medkb/static``; connect to ``builder-inited``, not earlier.

    At builder-inited the HTML builder has hashed its configuration into
    .buildinfo: the path is where medkb is installed, so a hash of it would
    differ between two virtual environments (tox -e docs, then tox -e
    browser) and make the second write every page again.
    """
    static = str(FOLDER)
    if static not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, static]


def writes_web_pages(builder: Builder) -> bool:
    """Whether *builder* writes pages a browser shows: HTML, but not EPUB,
    whose readers mostly run no scripts and read no structured data."""
    return builder.format == "html" and not builder.name.startswith("epub")


def add_stylesheet(app: Sphinx) -> None:
    """Link ``medkb.css`` (connect to ``builder-inited``); several features
    need it, and the HTML builder links a stylesheet added twice only once."""
    add_static_folder(app)
    app.add_css_file("medkb.css")
