"""A citation shows its reference in a card, by keyboard, mouse or touch, and
the card meets WCAG 2.2 SC 1.4.13 (medkb.citation_previews)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import VIEWPORTS, open_page
from tests.browser.test_accessibility import axe, problems  # noqa: F401

if TYPE_CHECKING:
    from collections.abc import Iterator

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Page

    from tests.browser.conftest import Viewport

# A long page with many sources, and a first paragraph with two citations.
PAGE = "treatments/botox-trigger-points.html"
# The first two citation links of the page's own text, in tab order.
CITATIONS = "article .bibtex-citation a[href^='#']"
# After the card's hide delay (300 ms in medkb-citations.js), with room to spare.
PAST_HIDE_DELAY_MS = 700

CARD_STATE = """
(link) => {
    const card = document.getElementById(link.getAttribute('aria-describedby'));
    const entry = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const where = card ? card.getBoundingClientRect() : null;
    return {
        card: card ? card.id : null,
        role: card ? card.getAttribute('role') : null,
        shown: card ? card.checkVisibility() : false,
        text: card ? card.innerText.replace(/\\s+/g, ' ').trim() : '',
        entry: entry.querySelector(':scope > p').innerText.replace(/\\s+/g, ' ').trim(),
        left: where ? where.left : 0,
        right: where ? where.right : 0,
        focused: document.activeElement === link,
        title: link.getAttribute('title'),
    };
}
"""


@pytest.fixture
def cited(page: Page, base_url: str) -> Page:
    page.goto(base_url + PAGE)
    return page


def state(page: Page, index: int = 0) -> dict[str, object]:
    return page.locator(CITATIONS).nth(index).evaluate(CARD_STATE)


def tab_to_first_citation(page: Page) -> None:
    """Start keyboard navigation just before the first citation and press Tab,
    as a reader moving through the text does."""
    page.locator(CITATIONS).first.evaluate(
        """(link) => {
            const start = document.createElement('span');
            start.tabIndex = -1;
            link.closest('.bibtex-citation').before(start);
            start.focus();
            start.remove();
        }"""
    )
    page.keyboard.press("Tab")


def test_tab_to_a_citation_shows_its_reference_and_escape_hides_it(
    cited: Page, viewport: Viewport
) -> None:
    tab_to_first_citation(cited)
    first = state(cited)
    assert first["focused"], first
    assert first["shown"], first
    assert first["role"] == "tooltip"
    # The card is the reference as the list gives it, evidence type included.
    assert first["text"] == first["entry"]
    assert "Type of source:" in str(first["text"])
    assert first["left"] >= 0
    assert first["right"] <= viewport.width
    # The browser's own tooltip, which Escape cannot close, is gone.
    assert first["title"] is None
    cited.keyboard.press("Escape")
    after = state(cited)
    assert not after["shown"], after
    assert after["focused"], after
    # Moving on shows the next citation's card, and the first stays hidden.
    cited.keyboard.press("Tab")
    assert state(cited, 1)["shown"]
    assert state(cited, 1)["focused"]


def test_a_card_stays_while_the_pointer_is_on_it_and_goes_when_it_leaves(
    cited: Page, viewport: Viewport
) -> None:
    link = cited.locator(CITATIONS).first
    link.scroll_into_view_if_needed()
    link.hover()
    assert state(cited)["shown"]
    card = cited.locator("#" + str(state(cited)["card"]))
    box = card.bounding_box()
    assert box is not None
    # Across the gap from the citation onto the card, as a hand moves a mouse.
    cited.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    cited.wait_for_timeout(PAST_HIDE_DELAY_MS)
    assert state(cited)["shown"]
    # The card's own text can be selected and its links followed: it is hoverable.
    assert card.evaluate(
        "(c) => document.elementFromPoint("
        f"{box['x'] + box['width'] / 2}, "
        f"{box['y'] + box['height'] / 2}).closest('.medkb-cite-card') === c"
    )
    # Away from both, it goes.
    cited.mouse.move(2, viewport.height - 2, steps=4)
    cited.wait_for_timeout(PAST_HIDE_DELAY_MS)
    assert not state(cited)["shown"]


@pytest.fixture(params=VIEWPORTS, ids=[v.name for v in VIEWPORTS])
def touch_page(
    browser: Browser, base_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    viewport: Viewport = request.param
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        has_touch=True,
        is_mobile=viewport.width < 600,
    )
    tab = context.new_page()
    tab.goto(base_url + PAGE)
    yield tab
    context.close()


def test_a_tap_shows_the_card_and_a_tap_elsewhere_or_again_hides_it(
    touch_page: Page,
) -> None:
    link = touch_page.locator(CITATIONS).first
    link.scroll_into_view_if_needed()
    address = touch_page.url
    link.tap()
    assert state(touch_page)["shown"]
    # The tap opened the card instead of jumping to the reference list.
    assert touch_page.url == address
    touch_page.locator("article h1").tap()
    assert not state(touch_page)["shown"]
    link.tap()
    assert state(touch_page)["shown"]
    link.tap()
    assert not state(touch_page)["shown"]
    assert touch_page.url == address


def test_without_javascript_a_citation_leads_to_its_reference(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + PAGE)
    link = tab.locator(CITATIONS).first
    target = str(link.get_attribute("href"))
    link.click()
    assert tab.url.endswith(target)
    assert tab.locator(f"[id='{target[1:]}']").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_problem_with_a_card_open(
    browser: Browser,
    base_url: str,
    axe: Axe,  # noqa: F811 (the fixture imported above)
    viewport: Viewport,
    scheme: str,
) -> None:
    tab = open_page(browser, viewport, dark=scheme == "dark")
    tab.goto(base_url + PAGE)
    tab_to_first_citation(tab)
    assert state(tab)["shown"]
    assert problems(axe, tab) == []
    tab.context.close()
