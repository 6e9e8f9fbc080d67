"""A printed page keeps the disclaimer and the review dates and drops the navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.conftest import DESKTOP, open_page

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

PAGE = "treatments/botox-chronic-migraine.html"
NAVIGATION = [".sidebar-drawer", ".toc-drawer", ".mobile-header", ".related-pages"]
KEPT = [
    "article h1",
    "article .medkb-disclaimer",
    "article .medkb-review",
    "#references",
]


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
