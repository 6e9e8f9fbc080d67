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

from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# Elements that have no end tag.
VOID = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input"),
    *("link", "meta", "source", "track", "wbr"),
}


class _Kinds(HTMLParser):
    """Reads a page once, keeping the open elements of its body on a stack.

    Python's own parser, not BeautifulSoup: no tree is built, which makes
    reading every page of the site three times faster.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kinds: set[str] = set()
        self.open: list[tuple[str, str, bool]] = []  # tag, kind, has classes
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
            return
        if not self.in_body:
            return
        classes = sorted(" ".join(v or "" for k, v in attrs if k == "class").split())
        kind = ".".join([tag, *classes])
        around = [outer for _, outer, classed in self.open if classed]
        self.kinds.add(" > ".join([*around, kind]))
        if tag not in VOID:
            self.open.append((tag, kind, bool(classes)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.open and tag not in VOID and self.open[-1][0] == tag:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "body":
            self.in_body = False
            return
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return


def element_kinds(html: str) -> set[str]:
    """Each kind of element in a page's body, with its classed surroundings."""
    parser = _Kinds()
    parser.feed(html)
    parser.close()
    return parser.kinds


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
