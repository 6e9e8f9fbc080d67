"""One citation per run: a source cited by consecutive sentences is shown once.

Pages cite each sentence on its own line of Markdown, so a paragraph drawn from
one source reads "[Robbins et al., 2014]" after every sentence. Where
consecutive sentences of one paragraph cite exactly the same sources (the same
keys, with the same pre- and post-text), the page shows the citation once, at
the end of the run. The Markdown keeps every citation, so an edit that puts
another source, or an uncited sentence, inside the run shows the citations
again.

This happens only as pages are written (a post-transform, before references
are resolved): the doctree the environment keeps, each page's reference list,
the counts and every check still see each citation. A dropped citation's id
moves to the one that is shown, so the reference list's back-links still land
on the run.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from medkb import __version__
from medkb._core import config as _config

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

OPTIONS = (
    _config.Option(
        "medkb_citation_runs",
        True,
        (bool,),
        "Show a citation once where consecutive sentences of a paragraph cite "
        "exactly the same sources; False shows every citation.",
    ),
)

#: The end of a sentence: ".", "!" or "?", perhaps closed by quotes or
#: brackets, then a space or the end of the text. An abbreviation ("et al.")
#: counts too, which can only keep a citation, never drop one.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")  # noqa: RUF001


def cited(node: nodes.Node) -> frozenset[str] | None:
    """The sources a parenthetical citation names, or None for anything else.

    Only ``{cite:p}``: a textual citation ("Robbins et al. (2014) found")
    is part of its sentence's words.
    """
    if not (
        isinstance(node, addnodes.pending_xref)
        and node.get("refdomain") == "cite"
        and node.get("reftype") == "p"
    ):
        return None
    return frozenset(part.strip() for part in node["reftarget"].split(","))


def _in_order(paragraph: nodes.paragraph) -> Iterator[nodes.Node]:
    """The paragraph's citations and text, in reading order; a citation's own
    text (its placeholder) is not the paragraph's."""
    for child in paragraph.children:
        if cited(child) is not None or isinstance(child, nodes.Text):
            yield child
        elif isinstance(child, nodes.Element) and not isinstance(
            child, addnodes.pending_xref
        ):
            # Emphasis, links: their text is part of the sentence.
            yield from _in_order(child)  # type: ignore[arg-type]


def repeated_citations(paragraph: nodes.paragraph) -> list[addnodes.pending_xref]:
    """Each citation that the next one in the paragraph repeats, one sentence on."""
    repeated: list[addnodes.pending_xref] = []
    previous: addnodes.pending_xref | None = None
    between = ""
    for node in _in_order(paragraph):
        sources = cited(node)
        if sources is None:
            between += str(node)
            continue
        assert isinstance(node, addnodes.pending_xref)
        if (
            previous is not None
            and cited(previous) == sources
            and len(SENTENCE_END.findall(between)) <= 1
        ):
            repeated.append(previous)
        previous, between = node, ""
    return repeated


class ShowEachCitationOnce(SphinxPostTransform):
    """Drop each citation that the next sentence's citation repeats."""

    # After sphinxcontrib-bibtex fills the reference lists (5), before
    # references are resolved (10), so the shown citation carries every id.
    default_priority = 8

    def run(self, **_kwargs: Any) -> None:
        if not self.config.medkb_citation_runs:
            return
        for paragraph in list(self.document.findall(nodes.paragraph)):
            for citation in repeated_citations(paragraph):
                self._drop(citation)

    @staticmethod
    def _drop(citation: addnodes.pending_xref) -> None:
        # The run's next citation (it names the same sources) takes this id,
        # which the reference list's back-links point to.
        following = _next_citation(citation)
        following["ids"] = [*following["ids"], *citation["ids"]]
        parent = citation.parent
        index = parent.index(citation)
        # "attacks [X]." loses its citation; "attacks ." would keep the space.
        if index > 0 and isinstance(parent[index - 1], nodes.Text):
            before = parent[index - 1]
            parent[index - 1] = nodes.Text(str(before).rstrip())
        parent.remove(citation)


def _next_citation(citation: addnodes.pending_xref) -> addnodes.pending_xref:
    paragraph = citation.parent
    while not isinstance(paragraph, nodes.paragraph):
        paragraph = paragraph.parent
    found = False
    for node in _in_order(paragraph):
        if node is citation:
            found = True
        elif found and cited(node) is not None:
            assert isinstance(node, addnodes.pending_xref)
            return node
    raise AssertionError("a repeated citation is always followed by its repeat")


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config)
    app.add_post_transform(ShowEachCitationOnce)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
