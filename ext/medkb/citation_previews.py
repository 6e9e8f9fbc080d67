"""Citation previews: a citation shows its reference in place, on any device.

``static/medkb-citations.js`` gives each citation a card holding its
reference as the page's own reference list shows it (authors, year, title,
journal, DOI and PubMed links, and the type of evidence), shown on mouse
hover, keyboard focus or a tap, and dismissed with Escape (WCAG 2.2 SC
1.4.13). The card is a copy of the list entry made in the reader's browser,
so it holds nothing the page does not, in any language and with any style;
the card's styles are in ``static/medkb.css``. Without JavaScript a citation
is still a link to its entry in the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medkb import __version__
from medkb._core import config as _config
from medkb._core.static import add_static_folder, writes_web_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

SCRIPT = "medkb-citations.js"

OPTIONS = (
    _config.Option(
        "medkb_citation_previews",
        True,
        (bool,),
        "Show each citation's reference in a card on hover, focus or tap; "
        "False leaves citations as links to the reference list.",
    ),
)


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def add_script(app: Sphinx) -> None:
    # EPUB readers mostly run no scripts; the links to the list stay.
    if not app.config.medkb_citation_previews or not writes_web_pages(app.builder):
        return
    add_static_folder(app)
    # Deferred: the card needs the whole page, and must not hold up its text.
    app.add_js_file(SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config)
    app.connect("builder-inited", add_script)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
