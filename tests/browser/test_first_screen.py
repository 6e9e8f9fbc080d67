"""The disclaimer is on the first screen of every page, on a phone and a desktop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import DESKTOP, PHONE, open_page

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

    from tests.browser.conftest import Viewport

# A content page with a long title, a table and many sources.
CONTENT_PAGE = "treatments/who-should-not-have-botox.html"
DISCLAIMER_PAGE = "disclaimer.html"  # the full disclaimer, with no box of its own
# Each disclaimer box in the page's content: whether a reader can see it (as
# Playwright's is_visible decides: a box with size, not hidden), and where.
BOXES = """
() => [...document.querySelectorAll('article .medkb-disclaimer')].map((box) => {
    const where = box.getBoundingClientRect();
    return {
        visible: where.width > 0 && where.height > 0
            && box.checkVisibility({visibilityProperty: true}),
        y: where.y,
        height: where.height,
    };
})
"""


def test_the_disclaimer_is_visible_without_scrolling_on_every_page(
    page: Page, viewport: Viewport, base_url: str, content_pages: list[str]
) -> None:
    hidden = []
    for name in content_pages:
        if name == DISCLAIMER_PAGE:
            continue
        page.goto(base_url + name)
        # One call per page, not one per question: the run visits every page.
        boxes = page.evaluate(BOXES)
        if len(boxes) != 1 or not boxes[0]["visible"]:
            hidden.append(f"{name}: no visible disclaimer")
            continue
        (where,) = boxes
        # The whole box, title to last line, fits in the first screen.
        if where["y"] < 0 or where["y"] + where["height"] > viewport.height:
            bottom = where["y"] + where["height"]
            hidden.append(
                f"{name}: the box spans {where['y']:.0f}-{bottom:.0f} px"
                f" of a {viewport.height} px screen"
            )
    assert len(content_pages) >= 40
    assert not hidden, f"at {viewport.width}x{viewport.height}: " + "; ".join(hidden)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_home_page_and_a_content_page(
    browser: Browser, viewport: Viewport, base_url: str, artifacts: Path, scheme: str
) -> None:
    page = open_page(browser, viewport, dark=scheme == "dark")
    for name, label in [("index.html", "home"), (CONTENT_PAGE, "content")]:
        page.goto(base_url + name)
        shot = artifacts / "screenshots" / f"{label}-{viewport.width}px-{scheme}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        shot.unlink(missing_ok=True)
        page.screenshot(path=shot)
        # A real picture of the first screen, not an empty file.
        assert shot.stat().st_size > 10_000, shot
    page.context.close()


# Where the first screen's parts end, and the review line's rows. The page's
# first sentence is the start of its first paragraph outside the boxes, up to
# the first full stop (or colon, before a list).
FIRST_SCREEN = """
() => {
    const article = document.querySelector('article');
    const bottom = (el) => el ? el.getBoundingClientRect().bottom : null;
    const boxes = '.medkb-disclaimer, .medkb-review';
    const own = [...article.querySelectorAll('p')].find(
        (p) => !p.closest(boxes) && p.innerText.trim() && p.checkVisibility());
    let sentence = null;
    if (own) {
        const range = document.createRange();
        range.selectNodeContents(own);
        const walker = document.createTreeWalker(own, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const end = /[.!?:](\\s|$)/.exec(node.data);
            if (end) {
                range.setEnd(node, end.index + 1);
                break;
            }
        }
        sentence = Math.max(...[...range.getClientRects()].map((r) => r.bottom));
    }
    const line = article.querySelector('.medkb-review p');
    const style = line ? getComputedStyle(line) : null;
    return {
        h1: bottom(article.querySelector('h1')),
        disclaimer: bottom(article.querySelector('.medkb-disclaimer')),
        review: bottom(line),
        reviewRows: line ? Math.round(
            line.getBoundingClientRect().height / parseFloat(style.lineHeight)) : 0,
        policy: line && line.querySelector('a')
            ? line.querySelector('a').getAttribute('href') : null,
        sentence,
    };
}
"""


def test_a_phone_s_first_screen_shows_title_boxes_and_first_sentence(
    browser: Browser, base_url: str, content_pages: list[str]
) -> None:
    tab = open_page(browser, PHONE)
    late = []
    for name in content_pages:
        tab.goto(base_url + name)
        where = tab.evaluate(FIRST_SCREEN)
        parts = ["h1", "review", "sentence"]
        if name != DISCLAIMER_PAGE:
            parts.insert(1, "disclaimer")
        for part in parts:
            if where[part] is None or where[part] > PHONE.height:
                late.append(f"{name}: the {part} ends at {where[part]} px")
        # One line, naming the status and linking to the review policy.
        if where["reviewRows"] != 1:
            late.append(f"{name}: the review line takes {where['reviewRows']} rows")
        # (On the policy page itself, the link is to the page's top.)
        if not str(where["policy"]).endswith(("how-content-is-reviewed.html", "#")):
            late.append(f"{name}: the review line links to {where['policy']}")
    tab.context.close()
    assert len(content_pages) >= 90
    assert late == [], f"at {PHONE.width}x{PHONE.height}: " + "; ".join(late)


def test_the_next_review_date_is_shown_on_a_desktop_and_read_on_a_phone(
    browser: Browser, base_url: str
) -> None:
    seen = {}
    for viewport in (PHONE, DESKTOP):
        tab = open_page(browser, viewport)
        tab.goto(base_url + CONTENT_PAGE)
        next_review = tab.locator("article .medkb-review-next")
        box = next_review.bounding_box()
        seen[viewport.name] = box is not None and box["width"] > 1
        # Screen readers hear it on both.
        assert "Next review due" in str(
            tab.locator("article .medkb-review").aria_snapshot()
        )
        tab.context.close()
    assert seen == {"phone": False, "desktop": True}
