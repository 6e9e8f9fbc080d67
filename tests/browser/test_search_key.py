"""'/' takes a reader to the site's own search, before any other script takes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, PHONE, Viewport, open_page

# What Read the Docs' Hotkeys add-on does with '/': a listener on the document
# that opens its own search. Registered before the page's scripts run.
OTHER_SEARCH = """
document.addEventListener("keydown", (event) => {
  if (event.key === "/") window.otherSearchOpened = true;
});
"""


def opened(browser, viewport: Viewport, base_url: str) -> Page:
    page = open_page(browser, viewport)
    page.add_init_script(OTHER_SEARCH)
    page.goto(f"{base_url}headache/migraine.html")
    return page


def test_slash_moves_to_the_search_box_and_no_other_search_opens(
    browser, base_url: str
) -> None:
    page = opened(browser, DESKTOP, base_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    assert page.evaluate("window.otherSearchOpened === true") is False
    # Typed into the box, '/' is a character like any other.
    page.keyboard.type("a/b")
    assert page.evaluate("document.activeElement.value") == "a/b"
    page.context.close()


def test_on_a_phone_whose_search_box_is_hidden_slash_opens_the_search_page(
    browser, base_url: str
) -> None:
    page = opened(browser, PHONE, base_url)
    with page.expect_navigation():
        page.keyboard.press("/")
    assert page.url.endswith("/search.html")
    assert page.evaluate("window.otherSearchOpened === true") is False
    page.context.close()
