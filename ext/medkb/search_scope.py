"""What site search leaves out: a page's list of its own sources.

Each page ends with the sources it cites, and their titles are full of the
words readers search for ("migraine", "pregnancy"), so every page citing a
paper on a topic matched it as if the page were about it. The list of a
page's own sources (``{bibliography}`` with ``:filter: docname in docnames``)
is wrapped in a ``no-search`` container, which Sphinx's index skips; the
bibliography of every source (``:all:``) stays searchable, so a reader looking
for a paper finds it there.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, cast

from docutils import nodes

from medkb import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.domain import BibtexDomain

NO_SEARCH = "no-search"
CLASS = "medkb-page-sources"
#: The filter of a page's own list, as its ``{bibliography}`` writes it.
ONLY_THIS_PAGE = ast.dump(ast.parse("docname in docnames"))


def leave_page_sources_out_of_search(app: Sphinx, document: nodes.document) -> None:
    if "sphinxcontrib.bibtex" not in app.extensions:  # a site without sources
        return
    # Imported here: sphinxcontrib-bibtex's directives module loads its domain,
    # which importing medkb must not do (tests/test_upstream_gate.py).
    from sphinxcontrib.bibtex.directives import BibliographyKey
    from sphinxcontrib.bibtex.nodes import bibliography

    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    for node in list(document.findall(bibliography)):
        key = BibliographyKey(docname=node["docname"], id_=node["ids"][0])
        listed = domain.bibliographies.get(key)
        if listed is None or ast.dump(listed.filter_) != ONLY_THIS_PAGE:
            continue
        # sphinxcontrib-bibtex replaces the node itself when it writes the
        # list, so the class goes on a container around it.
        wrapper = nodes.container(classes=[CLASS, NO_SEARCH])
        node.replace_self(wrapper)
        wrapper += node


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-read", leave_page_sources_out_of_search)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
