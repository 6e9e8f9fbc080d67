"""Each page's description for search engines and social cards, from its front matter.

Without this, ``<meta name="description">`` and sphinxext-opengraph's
``og:description`` take the first words of the page, which are the boxes every
page starts with (review dates, disclaimer) rather than what the page is about.
A page's front matter ``description`` is written for exactly this.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medkb import __version__
from medkb._core.translation import (
    add_messages,
    message_id,
    page_domain,
    translate_text,
)

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

FRONT_MATTER_KEY = "description"


def use_front_matter_description(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict[str, Any],
    _doctree: nodes.document | None,
) -> None:
    description = str(
        app.env.metadata.get(pagename, {}).get(FRONT_MATTER_KEY, "")
    ).strip()
    if not description:
        return
    domain = page_domain(app.config, pagename)
    description = translate_text(app.env, domain, description, depend=False).text
    # sphinxext-opengraph takes og:* values from the page's metadata as they
    # are. singlehtml has none of its own, so set them here for every builder.
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}
    if 'name="description"' not in context.get("metatags", ""):
        tag = f'<meta name="description" content="{html.escape(description)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag


def collect_description(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the description into the page's catalog, for its translators."""
    description = str(app.env.metadata.get(docname, {}).get(FRONT_MATTER_KEY, ""))
    if description.strip():
        add_messages(
            app.builder,
            page_domain(app.config, docname),
            [message_id(description)],
            Path(app.env.doc2path(docname)),
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-resolved", collect_description)
    # Before sphinxext-opengraph (500), which then keeps these as they are.
    app.connect("html-page-context", use_front_matter_description, priority=400)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
