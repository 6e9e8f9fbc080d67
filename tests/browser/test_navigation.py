"""A reader reaches every page through the site's navigation, on phone and desktop."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urldefrag

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import Viewport

# Links a reader can see in the navigation sidebar right now (collapsed
# branches and a closed drawer hide theirs).
VISIBLE_NAV_LINKS = """
() => [...document.querySelectorAll(
    '.sidebar-drawer a.reference, .sidebar-drawer a.sidebar-brand')]
    .filter((a) => a.checkVisibility({visibilityProperty: true}))
    .map((a) => a.href)
"""


def open_navigation(page: Page, viewport: Viewport) -> None:
    if viewport.width < 1000:
        # Phones see the navigation after tapping the menu button.
        page.locator("label.nav-overlay-icon").first.click()
    page.locator(".sidebar-tree").wait_for(state="visible")


def test_every_page_is_reached_by_following_visible_navigation_links(
    page: Page, viewport: Viewport, base_url: str, content_pages: list[str]
) -> None:
    start = base_url + "index.html"
    seen = {start}
    queue = [start]
    while queue:
        page.goto(queue.pop())
        open_navigation(page, viewport)
        for href in page.evaluate(VISIBLE_NAV_LINKS):
            url = urldefrag(href).url
            if url.endswith("/"):
                url += "index.html"
            if url.startswith(base_url) and url not in seen:
                seen.add(url)
                queue.append(url)
    reached = {url.removeprefix(base_url) for url in seen}
    assert sorted(set(content_pages) - reached) == []


def test_a_tap_on_a_navigation_link_opens_that_page(
    page: Page, viewport: Viewport, base_url: str
) -> None:
    page.goto(base_url + "index.html")
    open_navigation(page, viewport)
    page.locator(".sidebar-tree a.reference", has_text="Reference").first.click()
    page.wait_for_url(base_url + "reference/index.html")
    assert page.locator("article h1").inner_text().startswith("Reference")
