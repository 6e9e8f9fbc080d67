"""A number about people or outcomes carries its citation in the same sentence.

Numbers are what readers remember and repeat, so a sentence stating a
percentage ("12%", "12 per cent"), a share ("1 in 4", "one out of five") or a
ratio ("3 times more") must cite its source with ``{cite:p}`` or ``{cite:t}``;
without one it is an error at its file and line.

A sentence that states such a number but makes no medical claim (the share
of a build's time, say) is let through by wrapping the number in the
``{not-a-claim}`` role, which shows its text as it is:
``Builds took {not-a-claim}`8%` longer.``. Pages matching
``medkb_uncited_numbers_exempt`` are not checked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.matching import Matcher

from medkb import __version__
from medkb._core import config as _config
from medkb._core.frontmatter import line_holding, source_lines
from medkb._core.problems import note_problem
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

OPTIONS = (
    _config.Option(
        "medkb_uncited_numbers_exempt",
        [],
        (list, tuple),
        "Glob patterns of pages whose numbers need no citation (pages that make "
        "no medical claim).",
    ),
)

_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|a hundred|a thousand|thousand)"
)
_NUMBER = rf"(?:\d[\d,.]*|{_WORD})"
#: What makes a sentence state a number about people or outcomes.
NUMBER_CLAIM = re.compile(
    rf"(?<![\d.,])\d[\d,.]*\s?%|\b\d[\d,.]*\s+per\s?cent\b"
    rf"|\b(?:\d[\d,.]*(?:\s+(?:to|or)\s+\d[\d,.]*)?|{_WORD})\s+(?:in|out\s+of)"
    rf"\s+(?:every\s+)?{_NUMBER}\b"
    rf"|\b{_NUMBER}\s+times\s+(?:more|less|fewer|higher|lower|greater|as)\b",
    re.IGNORECASE,
)
#: Where one sentence ends: a full stop, ! or ? before a space and a capital.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
CITED = "\0cited\0"
SKIPPED_CLASSES = frozenset({"medkb-disclaimer", "medkb-review"})


class NotAClaim(SphinxRole):
    """``{not-a-claim}`text```: the text as written, marking no medical claim."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline(self.text, self.text, classes=["medkb-not-a-claim"])], []


def _flatten(node: nodes.Node) -> str:
    """The text a reader reads, with each citation (or marker) as one token."""
    if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "cite":
        return CITED
    if isinstance(node, nodes.inline) and "medkb-not-a-claim" in node["classes"]:
        return CITED
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.literal | nodes.footnote_reference):
        return " "
    return "".join(_flatten(child) for child in node.children)


def _paragraphs(node: nodes.Node) -> list[nodes.paragraph]:
    found: list[nodes.paragraph] = []
    if isinstance(node, nodes.Element) and SKIPPED_CLASSES & set(node["classes"]):
        return found
    if isinstance(node, nodes.FixedTextElement | nodes.title | nodes.citation):
        return found
    if isinstance(node, nodes.paragraph):
        return [node]
    for child in node.children:
        found += _paragraphs(child)
    return found


def uncited_sentences(paragraph: nodes.paragraph) -> list[str]:
    """Each sentence of *paragraph* that states a number and cites nothing."""
    text = " ".join(_flatten(paragraph).split())
    return [
        sentence
        for sentence in SENTENCE_END.split(text)
        if CITED not in sentence and NUMBER_CLAIM.search(sentence)
    ]


def check_numbers(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    if Matcher(list(app.config.medkb_uncited_numbers_exempt))(env.docname):
        return
    for paragraph in _paragraphs(doctree):
        for sentence in uncited_sentences(paragraph):
            number = NUMBER_CLAIM.search(sentence)
            assert number is not None
            # The whole sentence where the source writes it plainly, else its number.
            line = line_holding(doctree, paragraph.line, sentence)
            if line == paragraph.line and sentence not in _line(doctree, line):
                line = line_holding(doctree, paragraph.line, number.group(0))
            excerpt = sentence if len(sentence) <= 80 else sentence[:79] + "…"
            note_problem(
                env,
                Subtype.UNCITED_NUMBER,
                f"{excerpt!r} states {number.group(0)!r} with no citation; cite its "
                "source in the same sentence with {cite:p}`key`, or, if it is not a "
                "medical claim (a date, a count of pages), write "
                f"{{not-a-claim}}`{number.group(0)}`.",
                line=line,
                is_error=True,
            )


def _line(doctree: nodes.document, line: int | None) -> str:
    lines = source_lines(doctree)
    return lines[line - 1] if line and line <= len(lines) else ""


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.add_role("not-a-claim", NotAClaim())
    app.connect("doctree-read", check_numbers)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
