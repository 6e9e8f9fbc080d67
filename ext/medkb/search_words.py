"""The words each page uses, for search to match a misspelt or other word to them.

Sphinx's search index holds stems ("migrain"), which cannot be shown to a
reader who typed "migrane". This keeps the words as the pages write them, read
from the same text the index holds: a page's own text without the boxes that
carry the ``no-search`` class (the disclaimer, the review box), plus its front
matter description. Glossary entries with more than one name ("cognitive
behavioral therapy" and "CBT") are kept too, as names a reader may use for one
thing. Both are stored per page, so incremental and parallel builds know every
page's words without reading it again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx import addnodes

from medkb import __version__
from medkb._core.state import DocumentStore

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

#: Letters only, 3 or more: shorter words and numbers are not worth correcting to.
WORD = re.compile(r"[^\W\d_]{3,}")
NO_SEARCH = "no-search"
#: Text Sphinx's index leaves out too, or that is not prose.
SKIPPED = (nodes.comment, nodes.raw, nodes.literal_block, nodes.system_message)


class PageWords(NamedTuple):
    #: Lowercased, sorted, each once.
    words: tuple[str, ...]
    #: Each glossary entry's names, when it has more than one.
    glossary_names: tuple[tuple[str, ...], ...]
    #: Whether the page is a list of terms or of every source (a glossary, a
    #: bibliography): it explains words and claims, it does not answer questions.
    reference_list: bool = False


_pages: DocumentStore[PageWords] = DocumentStore("medkb_search_words")


def searchable_text(node: nodes.Node) -> Iterator[str]:
    """The text of *node* that search indexes, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, nodes.Text):
            yield current.astext()
            continue
        if isinstance(current, SKIPPED):
            continue
        if isinstance(current, nodes.Element) and NO_SEARCH in current["classes"]:
            continue
        stack.extend(reversed(current.children))


def words_of(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def glossary_names(document: nodes.document) -> tuple[tuple[str, ...], ...]:
    groups = []
    for glossary in document.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            names = tuple(term.astext() for term in item.findall(nodes.term))
            if len(names) > 1:
                groups.append(names)
    return tuple(groups)


def collect_page_words(app: Sphinx, document: nodes.document) -> None:
    env = app.env
    words: set[str] = set()
    for text in searchable_text(document):
        words |= words_of(text)
    words |= words_of(str(env.metadata.get(env.docname, {}).get("description", "")))
    _pages.get(env)[env.docname] = PageWords(
        tuple(sorted(words)), glossary_names(document), is_reference_list(document)
    )


def is_reference_list(document: nodes.document) -> bool:
    """A page with a glossary, or with a source list search reads (medkb.search_scope
    has left each page's list of its own sources out)."""
    if any(True for _ in document.findall(addnodes.glossary)):
        return True
    if "sphinxcontrib.bibtex" not in document.settings.env.app.extensions:
        return False
    from sphinxcontrib.bibtex.nodes import bibliography  # loaded only when used

    return any(
        not any(NO_SEARCH in a.get("classes", ()) for a in _ancestors(node))
        for node in document.findall(bibliography)
    )


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def site_words(env: BuildEnvironment) -> list[str]:
    """Every word of every page, sorted, each once."""
    words: set[str] = set()
    for page in _pages.get(env).values():
        words.update(page.words)
    return sorted(words)


def reference_lists(env: BuildEnvironment) -> list[str]:
    pages = _pages.get(env)
    return sorted(docname for docname, page in pages.items() if page.reference_list)


def site_glossary_names(env: BuildEnvironment) -> list[tuple[str, ...]]:
    pages = _pages.get(env)
    return [names for doc in sorted(pages) for names in pages[doc].glossary_names]


def setup(app: Sphinx) -> ExtensionMetadata:
    _pages.connect(app)
    app.connect("doctree-read", collect_page_words)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
