"""Where the boxes every page starts with go: directly under the page's title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Callable


def under_title(
    document: nodes.document,
    after: Callable[[nodes.Node], bool] = lambda _node: False,
) -> tuple[nodes.Element, int]:
    """Under the page's H1 (at the top when it has none), past nodes *after* marks.

    Boxes added later pass ``after`` to follow the ones added before, so their
    order does not depend on the order of the transforms' priorities alone.
    """
    parent: nodes.Element = document
    position = len(document.children)
    for index, child in enumerate(document.children):
        if isinstance(child, nodes.docinfo | nodes.Invisible | nodes.decoration):
            continue
        if isinstance(child, nodes.section) and child.children:
            parent, position = child, 1  # after the section's title
        else:
            position = index
        break
    while position < len(parent.children) and after(parent[position]):
        position += 1
    return parent, position
