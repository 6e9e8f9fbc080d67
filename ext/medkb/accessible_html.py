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

Classes and ids are unchanged, so themes style both as before. Only furo's
table wrappers are rewritten, as nodes of their own: every other container
(sphinx-design's cards, MyST's divs) is written by whoever registered it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from medkb import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    # Replaces docutils' HTML5 visit_citation, which writes doc-biblioentry;
    # can go when docutils writes list items. The first of a run of citations
    # opens the list; depart_citation (kept from docutils) closes it after the
    # last.
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(
        self.starttag(node, "div", classes=[node.tagname], role="listitem")
    )


class scrollable_table(nodes.General, nodes.Element):
    """A table that scrolls sideways on narrow screens, reachable by keyboard."""


def table_name(wrapper: nodes.Element) -> str:
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


class NameScrollableTables(SphinxPostTransform):
    """furo's ``div.table-wrapper`` containers become ``scrollable_table`` nodes.

    furo's ``WrapTableAndMathInAContainerTransform`` (priority 500) wraps each
    table in a container that scrolls; this runs after it. Can go when furo
    writes the wrapper as a focusable, named region itself.
    """

    formats = ("html",)
    default_priority = 510

    def run(self, **kwargs: Any) -> None:
        for wrapper in list(self.document.findall(nodes.container)):
            if "table-wrapper" in wrapper["classes"]:
                table = scrollable_table()
                table.update_all_atts(wrapper)
                table.extend(wrapper.children)
                wrapper.replace_self(table)


def visit_scrollable_table(self: HTML5Translator, node: scrollable_table) -> None:
    # As docutils writes a container, plus what makes it a named region.
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


def depart_scrollable_table(self: HTML5Translator, _node: scrollable_table) -> None:
    self.body.append("</div>\n")


def setup(app: Sphinx) -> ExtensionMetadata:
    # "html" covers every builder whose format is HTML: html, dirhtml,
    # singlehtml and epub.
    app.add_node(
        nodes.citation,
        override=True,
        html=(visit_citation, HTML5Translator.depart_citation),
    )
    app.add_node(
        scrollable_table, html=(visit_scrollable_table, depart_scrollable_table)
    )
    app.add_post_transform(NameScrollableTables)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
