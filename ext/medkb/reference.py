"""``{medkb-reference}``: the extension's features, options and message subtypes.

Generated at build time from the tables the code itself uses: each feature's
``OPTIONS`` (``medkb._core.config.Option``) and ``medkb._core.subtypes``, so
the reference cannot drift from what the build accepts and reports.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from medkb import FEATURES, __version__
from medkb._core.subtypes import EXPLAINED, Subtype

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from medkb._core.config import Option

CLASS = "medkb-reference"
CODE = re.compile(r"``(.+?)``")


def options() -> Iterator[tuple[str, Option]]:
    """Every option of every feature, with the feature that declares it."""
    for feature in FEATURES:
        module = importlib.import_module(feature)
        for option in getattr(module, "OPTIONS", ()):
            yield feature, option


def summary(feature: str) -> str:
    """The first line of a feature module's docstring."""
    doc = importlib.import_module(feature).__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def inline(text: str) -> list[nodes.Node]:
    """*text* with its ``code`` parts as literals."""
    parts: list[nodes.Node] = []
    for index, piece in enumerate(CODE.split(text)):
        if piece:
            parts.append(nodes.literal(text=piece) if index % 2 else nodes.Text(piece))
    return parts


def table(title: str, headers: Sequence[str], rows: list[list[str]]) -> nodes.table:
    widths = [1] * len(headers)
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=width) for width in widths]
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in headers))
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row(
            "", *(nodes.entry("", nodes.paragraph("", "", *inline(c))) for c in cells)
        )
    group += [head, body]
    result = nodes.table("", nodes.title(text=title), group)
    return result


class MedkbReference(SphinxDirective):
    """Three tables: features, options and message subtypes."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        features = [[f"``{name}``", summary(name)] for name in FEATURES]
        option_rows = [
            [
                f"``{option.name}``",
                option.type_names,
                f"``{option.default!r}``",
                f"{option.description} (``{feature}``)",
            ]
            for feature, option in sorted(options(), key=lambda pair: pair[1].name)
        ]
        subtype_rows = [
            [f"``medkb.{subtype}``", *EXPLAINED[subtype]] for subtype in Subtype
        ]
        container = nodes.container(classes=[CLASS])
        container += table("Features", ["Module", "What it does"], features)
        container += table(
            "Options", ["Option", "Type", "Default", "What it sets"], option_rows
        )
        container += table(
            "Warning and error subtypes",
            ["Subtype", "What it means", "How to fix it"],
            subtype_rows,
        )
        return [container]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("medkb-reference", MedkbReference)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
