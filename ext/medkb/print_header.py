"""A printed page says where it came from: the site's name and the page's address.

A page printed as a handout leaves the site behind, so each HTML page starts
with a header naming the site (``project``) and the page's own address, as its
canonical link gives it (``html_baseurl`` and the page's address in the build).
On screen the header is ``hidden``, so it is neither seen nor read aloud;
``static/medkb.css`` shows it in print, above the title, the disclaimer and the
review dates. It is marked ``no-search``. Without ``html_baseurl`` the header
names the site only. EPUB has none: an e-book is not printed from an address.

The header goes into the page's body when the page is written, the only time
its address is known, and it is a function of the page's name and the
configuration alone, so clean, incremental and parallel builds write the same.
It is not part of the doctree, so nothing that reads one (the search index,
``og:description``) takes it for the page's own words.

A link cannot be followed on paper, so ``medkb.css`` prints each external
link's address after its text; a link whose text is its address already is
marked ``medkb-shows-address`` here, and does not print it twice.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from medkb import __version__
from medkb._core.static import add_stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Marks the header, so styles and tests can find it.
CLASS = "medkb-print-header"
#: Marks an external link whose text is its address.
SHOWS_ADDRESS = "medkb-shows-address"
#: The builders that write web pages a reader may print; not EPUB.
BUILDERS = ("html", "dirhtml", "singlehtml")
SCHEME = re.compile(r"^https?://")


def page_address(context: dict[str, Any]) -> str | None:
    """The page's address, as its canonical link gives it; None without html_baseurl.

    singlehtml's has the fragment of the root document's start: the page's
    address is the part before it.
    """
    address = context.get("pageurl")
    return urldefrag(address).url if address else None


def header_html(site: str, address: str | None) -> str:
    """The header's HTML: hidden on screen, shown by medkb.css in print."""
    lines = [
        f'<div class="{CLASS} no-search" hidden>',
        f'<p class="medkb-print-site">{html.escape(site)}</p>',
    ]
    if address:
        url = html.escape(address)
        lines.append(f'<p class="medkb-print-address"><a href="{url}">{url}</a></p>')
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def add_print_header(
    app: Sphinx,
    _pagename: str,
    _templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    # Pages written from a document only: not the index, search or 404 pages.
    if app.builder.name not in BUILDERS or doctree is None or "body" not in context:
        return
    # First in the body, so first in the page's article: above the title.
    header = header_html(app.config.project, page_address(context))
    context["body"] = header + context["body"]


def bare(address: str) -> str:
    """An address as people write it: no scheme, no ``www.``, no final slash."""
    text = SCHEME.sub("", unquote(address.strip()).lower())
    return text.removeprefix("www.").rstrip("/")


def shows_address(reference: nodes.reference) -> bool:
    """Whether the link is external and its text is its address."""
    uri = str(reference.get("refuri", ""))
    return bool(SCHEME.match(uri)) and bare(reference.astext()) == bare(uri)


class MarkLinksThatShowTheirAddress(SphinxPostTransform):
    """Mark external links whose text is their address, for the print styles."""

    builders = BUILDERS
    # After the post-transforms that make links (sphinxcontrib-bibtex's, at 5)
    # and unlink unsafe ones (medkb.content_policy, at 900).
    default_priority = 910

    def run(self, **_kwargs: Any) -> None:
        for reference in self.document.findall(nodes.reference):
            if shows_address(reference):
                reference["classes"].append(SHOWS_ADDRESS)


def add_print_styles(app: Sphinx) -> None:
    # The print styles are in medkb.css, linked once however many features ask.
    if app.builder.name in BUILDERS:
        add_stylesheet(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", add_print_styles)
    app.connect("html-page-context", add_print_header)
    app.add_post_transform(MarkLinksThatShowTheirAddress)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
