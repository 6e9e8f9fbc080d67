"""Front matter of a page as myst-parser leaves it in the doctree.

myst-parser turns YAML front matter into a ``docinfo`` node; Sphinx moves it
into ``env.metadata`` only at ``doctree-read``, so transforms read it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes

from medkb._core.state import BuildCache


@dataclass(frozen=True)
class FrontMatterField:
    """A front matter value as text, and the source line that sets it."""

    value: str
    line: int | None


def front_matter_field(document: nodes.document, key: str) -> FrontMatterField | None:
    for docinfo in document.findall(nodes.docinfo):
        for field in docinfo.findall(nodes.field):
            if field[0].astext() == key:
                return FrontMatterField(
                    field[1].astext(), front_matter_line(document, key)
                )
    return None


#: Each page's source lines, read once however many keys are looked up.
_sources: BuildCache[nodes.document, list[str]] = BuildCache()


def source_lines(document: nodes.document) -> list[str]:
    """The lines of the file *document* was read from (empty if it has none)."""
    if document not in _sources:
        try:
            text = Path(document["source"]).read_text(encoding="utf-8")
        except (KeyError, OSError):
            text = ""
        _sources[document] = text.splitlines()
    return _sources[document]


def front_matter_line(document: nodes.document, key: str) -> int | None:
    """The line of ``key:`` in the YAML block that opens the source file."""
    lines = source_lines(document)
    if not lines or lines[0].strip() != "---":
        return None
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return None
        if pattern.match(line):
            return number
    return None


def line_holding(
    document: nodes.document, first: int | None, text: str | re.Pattern[str]
) -> int | None:
    """The first line from *first* on that holds *text* (a string or a pattern).

    myst-parser gives inline nodes the line their paragraph starts on; pages
    hold one sentence a line, so the source says which line it really is.
    """
    lines = source_lines(document)
    if first is None or not lines:
        return first
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        if text.search(line) if isinstance(text, re.Pattern) else text in line:
            return number
    return first
