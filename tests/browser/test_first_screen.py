"""The disclaimer is on the first screen of every page, on a phone and a desktop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import open_page

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
