"""axe-core finds no serious or critical problem on any page; headings and images
are sound."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import DESKTOP, PHONE, open_page

if TYPE_CHECKING:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Page

    from tests.browser.conftest import Viewport

BLOCKING = {"serious", "critical"}
# Every heading level the page's main content uses, in order.
HEADING_LEVELS = """
() => [...document.querySelectorAll('article :is(h1,h2,h3,h4,h5,h6)')]
    .map((h) => Number(h.tagName[1]))
"""
# <img> elements with no alt attribute at all (alt="" marks a decorative image).
IMAGES_WITHOUT_ALT = (
    "() => [...document.querySelectorAll('img:not([alt])')].map((img) => img.src)"
)


@pytest.fixture(scope="module")
def axe() -> Axe:
    # axe-playwright-python bundles axe-core; imported here so that `pytest`
    # without the browser extra still collects (and deselects) this module.
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def problems(axe: Axe, page: Page, **options: object) -> list[str]:
    found = axe.run(page, options={"resultTypes": ["violations"], **options}).response
    return [
        f"{violation['id']} ({violation['impact']}) at {node['target']}: "
        f"{node['html'][:120]}"
        for violation in found["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page(
    browser: Browser,
    base_url: str,
    content_pages: list[str],
    axe: Axe,
    viewport: Viewport,
) -> None:
    page = open_page(browser, viewport)
    found = {}
    for name in [*content_pages, "search.html", "genindex.html", "404.html"]:
        page.goto(base_url + name)
        if found_here := problems(axe, page):
            found[name] = found_here
    page.context.close()
    assert found == {}


def test_dark_mode_keeps_text_contrast_on_every_page(
    browser: Browser, base_url: str, content_pages: list[str], axe: Axe
) -> None:
    page = open_page(browser, DESKTOP, dark=True)
    found = {}
    for name in content_pages:
        page.goto(base_url + name)
        # The reader's system asks for dark, and the theme follows it.
        background = page.evaluate(
            "() => getComputedStyle(document.body).backgroundColor"
        )
        assert _is_dark(background), f"{name}: background {background} is not dark"
        if found_here := problems(axe, page, runOnly=["color-contrast"]):
            found[name] = found_here
    page.context.close()
    assert found == {}


def test_headings_do_not_skip_levels_and_images_have_alt_text(
    browser: Browser, base_url: str, content_pages: list[str]
) -> None:
    page = open_page(browser, DESKTOP)
    skips, missing_alt = {}, {}
    for name in content_pages:
        page.goto(base_url + name)
        levels = page.evaluate(HEADING_LEVELS)
        if levels[:1] != [1] or any(b > a + 1 for a, b in pairwise(levels)):
            skips[name] = levels
        if images := page.evaluate(IMAGES_WITHOUT_ALT):
            missing_alt[name] = images
    page.context.close()
    assert skips == {}
    assert missing_alt == {}


def _is_dark(css_color: str) -> bool:
    red, green, blue = (
        int(part) for part in css_color[css_color.index("(") + 1 : -1].split(",")[:3]
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 64
