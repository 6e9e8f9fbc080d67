"""A printed page works as a handout: it keeps the disclaimer and the review
dates, starts with the site's name and the page's address, prints each external
link's address and the boxes and references in full, and drops the navigation
and the citation previews."""

from __future__ import annotations

import copy
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

import pytest
from bs4 import BeautifulSoup, NavigableString

from tests.browser.conftest import DESKTOP, Viewport, open_page

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import Tag
    from playwright.sync_api import Browser, Page

PAGE = "treatments/botox-chronic-migraine.html"
NAVIGATION = [".sidebar-drawer", ".toc-drawer", ".mobile-header", ".related-pages"]
KEPT = [
    "article h1",
    "article .medkb-disclaimer",
    "article .medkb-review",
    "#references",
]
# Pages printed to PDF, each with the box it must print in full: a medicine's
# safety box, and the warning-sign cards.
HANDOUTS = {
    "medicines/topiramate.html": ".medkb-medicine-safety",
    "treatments/botox-trigger-points.html": ".medkb-care-card",
}
SHOWS_ADDRESS = "medkb-shows-address"  # medkb.print_header
# As wide as an A4 page at 96 dpi: a card shown on screen would print on the
# page, not beyond its edge.
PAPER = Viewport("paper", 794, 1123)
CITATION = "article .bibtex-citation a[href^='#']"


def shown(page: Page, selector: str) -> bool:
    return bool(
        page.locator(selector).first.evaluate(
            "(el) => getComputedStyle(el).display !== 'none' && el.checkVisibility()"
        )
    )


def test_a_printed_page_keeps_the_boxes_and_drops_the_navigation(
    browser: Browser, base_url: str, artifacts: Path
) -> None:
    page = open_page(browser, DESKTOP)
    page.goto(base_url + PAGE)
    # On screen, the desktop layout shows its navigation ...
    assert shown(page, ".sidebar-drawer")
    page.emulate_media(media="print")
    # ... on paper it is gone, and the page's own content stays.
    assert [s for s in NAVIGATION if shown(page, s)] == []
    assert [s for s in KEPT if not shown(page, s)] == []
    pdf = artifacts / "print" / "botox-chronic-migraine.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=pdf, format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    page.context.close()


def compact(text: str) -> str:
    """Text without its spaces: a PDF's lines break where the page's do not."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def external_links(tag: Tag) -> list[Tag]:
    return tag.select('a.reference.external[href^="http"]')


def printed(tag: Tag) -> str:
    """The text of *tag* as print shows it: each external link's address after
    its text, unless the text is the address."""
    tag = copy.copy(tag)
    for link in external_links(tag):
        if SHOWS_ADDRESS not in link["class"]:
            link.append(NavigableString(f" ({link['href']})"))
    return tag.get_text(" ")


class Handout(NamedTuple):
    name: str
    html: BeautifulSoup  # the page as built
    pages: list[str]  # the PDF's text, page by page
    previewed: str  # id of the reference whose card was on screen when printed

    @property
    def text(self) -> str:
        return compact(" ".join(self.pages))

    @property
    def article(self) -> Tag:
        article = self.html.select_one("article")
        assert article is not None
        return article


@pytest.fixture(scope="module", params=list(HANDOUTS))
def handout(
    request: pytest.FixtureRequest,
    browser: Browser,
    base_url: str,
    built_site: Path,
    artifacts: Path,
) -> Handout:
    # Imported here, so that `pytest` without the browser extra still collects
    # (and deselects) these tests.
    from pypdf import PdfReader

    name = request.param
    page = open_page(browser, PAPER)
    page.goto(base_url + name)
    # A citation's card on screen when the reader prints.
    citation = page.locator(CITATION).first
    citation.focus()
    card = page.locator(".medkb-cite-card:not([hidden])")
    assert card.count() == 1
    assert card.is_visible()
    previewed = str(citation.get_attribute("href")).removeprefix("#")
    pdf = artifacts / "print" / name.replace("/", "-").replace(".html", ".pdf")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=pdf, format="A4")
    page.context.close()
    html = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    return Handout(name, html, pages, previewed)


def test_a_handout_starts_with_the_site_s_name_and_the_page_s_address(
    handout: Handout,
) -> None:
    canonical = handout.html.find("link", rel="canonical")
    assert canonical is not None
    address = str(canonical["href"])
    assert address.endswith("/" + handout.name)
    site = handout.html.select_one(".medkb-print-site")
    disclaimer = handout.article.select_one(
        ".medkb-disclaimer > p:not(.admonition-title)"
    )
    review = handout.article.select_one(".medkb-review")
    assert site is not None
    assert disclaimer is not None
    assert review is not None
    first = compact(handout.pages[0])
    where = {
        part: first.find(compact(text))
        for part, text in [
            ("site", site.get_text()),
            ("address", address),
            ("title", handout.article.h1.get_text().rstrip("¶")),
            ("disclaimer", disclaimer.get_text()),
            ("review dates", review.get_text()),
        ]
    }
    assert -1 not in where.values(), where
    order = sorted(where, key=where.__getitem__)
    assert order == ["site", "address", "title", "disclaimer", "review dates"], where
    # Once, at the top: not again on later pages.
    assert handout.text.count(compact(address)) == 1


def test_a_handout_prints_each_external_link_s_address_after_it(
    handout: Handout,
) -> None:
    links = external_links(handout.article)
    with_words = [a for a in links if SHOWS_ADDRESS not in a["class"]]
    addresses = [a for a in links if SHOWS_ADDRESS in a["class"]]
    # The page needs both kinds of link.
    assert with_words
    assert addresses
    for link in with_words:
        text, href = link.get_text(), link["href"]
        assert compact(f"{text} ({href})") in handout.text, href
    for link in addresses:
        href = link["href"]
        assert compact(href) in handout.text, href
        assert compact(f"{href} ({href})") not in handout.text, href


def test_a_handout_prints_its_box_and_references_in_full(handout: Handout) -> None:
    boxes = handout.article.select(HANDOUTS[handout.name])
    assert boxes
    missing = [
        part.get_text(" ", strip=True)
        for box in boxes
        for part in box.select("p, li, h2, h3, h4")
        if compact(printed(part)) not in handout.text
    ]
    assert missing == []
    entries = handout.article.select(".citation > p")
    assert len(entries) > 5
    missing = [
        e.get_text()[:60] for e in entries if compact(printed(e)) not in handout.text
    ]
    assert missing == []


def test_a_handout_leaves_out_the_navigation_and_the_previews(
    handout: Handout,
) -> None:
    # The words of the navigation that the page's own text does not have.
    own = compact(printed(handout.article))
    footer = handout.html.select_one("footer .bottom-of-page")
    assert footer is not None
    own += compact(footer.get_text())
    navigation = {
        text.strip()
        for selector in NAVIGATION
        for part in handout.html.select(selector)
        for text in part.strings
        if len(text.strip()) > 3 and compact(text) not in own
    }
    assert len(navigation) > 20
    assert sorted(t for t in navigation if compact(t) in handout.text) == []
    # The card on screen (a copy of its list entry) is not printed: the entry is
    # there once.
    entry = handout.html.find(id=handout.previewed)
    assert entry is not None
    reference = entry.select_one(":scope > p")
    assert reference is not None
    assert handout.text.count(compact(printed(reference))) == 1
