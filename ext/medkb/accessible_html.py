"""HTML that screen readers, keyboards and accessibility checkers accept.

Two things docutils and the theme write that axe-core reports as serious:

* Reference lists. Docutils writes each citation as
  ``<div role="doc-biblioentry">`` inside a ``<div role="list">``; ARIA wants a
  list's children to be list items, and DPUB-ARIA 1.1 deprecates
  ``doc-biblioentry`` in favour of ``listitem`` (``aria-required-children``).
* Tables too wide for a phone. furo wraps each table in a
  ``div.table-wrapper`` that scrolls sideways, and a region that scrolls must
  be reachable by keyboard (``scrollable-region-focusable``), so the wrapper
  becomes a focusable, named region.

Classes and ids are unchanged, so themes style both as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from medkb import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    # The first of a run of citations opens the list; depart_citation (kept
    # from docutils) closes it after the last.
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(
        self.starttag(node, "div", classes=[node.tagname], role="listitem")
    )


def table_name(wrapper: nodes.container) -> str:
    """What a screen reader announces for the table: its caption, else its section."""
    table = next(iter(wrapper.findall(nodes.table)), None)
    if table is not None:
        for child in table.children:
            if isinstance(child, nodes.title):
                return f"Table: {child.astext()}"
    section = wrapper.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is not None and isinstance(section[0], nodes.title):
        return f"Table: {section[0].astext()}"
    return "Table"


def visit_container(self: HTML5Translator, node: nodes.container) -> None:
    if "table-wrapper" not in node["classes"]:
        HTML5Translator.visit_container(self, node)
        return
    # docutils' depart_container closes the tag named here.
    node.html5tagname = "div"  # type: ignore[attr-defined]
    attributes: dict[str, Any] = {"aria-label": table_name(node)}
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS="docutils container",
            tabindex="0",
            role="region",
            **attributes,
        )
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    # "html" covers every builder whose format is HTML: html, dirhtml,
    # singlehtml and epub.
    app.add_node(
        nodes.citation,
        override=True,
        html=(visit_citation, HTML5Translator.depart_citation),
    )
    app.add_node(
        nodes.container,
        override=True,
        html=(visit_container, HTML5Translator.depart_container),
    )
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
