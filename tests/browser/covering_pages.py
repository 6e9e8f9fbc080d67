"""The fewest pages that between them hold every kind of element the site shows.

Every page is the same template around its own content, so how a page looks
(its colours, its layout on a phone) follows from the kinds of elements it
holds and where they sit. A kind is an element's tag and classes together
with those of each classed element around it: ``a`` inside ``p`` inside
``div.admonition.warning`` is another kind than ``a`` inside a table cell.
A check that renders pages, such as axe's contrast audit in dark mode, finds
the same problems on these pages as on all of them, at a fraction of the
time. The set is worked out from each build, so a page with a new kind of
element joins it by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

if TYPE_CHECKING:
    from pathlib import Path


def _name(element: Tag) -> str:
    return ".".join([element.name, *sorted(element.get_attribute_list("class"))])


def element_kinds(html: str) -> set[str]:
    """Each kind of element in a page's body, with its classed surroundings."""
    body = BeautifulSoup(html, "html.parser").body
    if body is None:
        return set()
    kinds = set()
    for element in body.find_all(True):
        around = [
            _name(parent)
            for parent in element.parents
            if parent is not body and parent.get("class") and body in parent.parents
        ]
        kinds.add(" > ".join([*reversed(around), _name(element)]))
    return kinds


def covering_pages(site: Path, pages: list[str]) -> list[str]:
    """Pages (paths under *site*) that together hold every element kind of *pages*.

    Greedy set cover: each step takes the page with the most kinds not yet
    held, the first in *pages* order on a tie, so the choice is the same on
    every run.
    """
    kinds = {
        name: element_kinds((site / name).read_text(encoding="utf-8")) for name in pages
    }
    missing = set().union(*kinds.values())
    chosen: list[str] = []
    while missing:
        best = max(pages, key=lambda name: len(kinds[name] & missing))
        chosen.append(best)
        missing -= kinds[best]
    return chosen
