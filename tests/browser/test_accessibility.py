"""axe-core finds no serious or critical problem on any page.

Heading levels and images' alt text are read from the built HTML, without a
browser (tests/test_content.py and tests/test_content_policy.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import DESKTOP, PHONE, open_page

if TYPE_CHECKING:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Page

    from tests.browser.conftest import Viewport

BLOCKING = {"serious", "critical"}


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


# Sphinx's own pages, which are not content pages.
GENERATED = ["search.html", "genindex.html", "404.html"]
# The audit on a desktop runs over every page, in this many parts, so both
# test processes share it.
PARTS = 4
EVERY_RULE: dict[str, object] = {}
# Contrast follows from an element's colours, which the theme sets by element
# kind, so it is audited on the sample pages, which hold every kind the site
# shows (covering_pages.py); it is two fifths of axe's time on a page.
NOT_CONTRAST = {"rules": {"color-contrast": {"enabled": False}}}
CONTRAST_ONLY = {"runOnly": ["color-contrast"]}


def audit(
    browser: Browser,
    base_url: str,
    axe: Axe,
    viewport: Viewport,
    runs: dict[str, dict[str, object]],
    *,
    dark: bool = False,
) -> dict[str, list[str]]:
    """The blocking problems axe finds on each page, run with that page's options."""
    page = open_page(browser, viewport, dark=dark)
    found = {}
    for name, options in runs.items():
        page.goto(base_url + name)
        if dark:
            # The reader's system asks for dark, and the theme follows it.
            background = page.evaluate(
                "() => getComputedStyle(document.body).backgroundColor"
            )
            assert _is_dark(background), f"{name}: background {background} is light"
        if found_here := problems(axe, page, **options):
            found[name] = found_here
    page.context.close()
    return found


@pytest.mark.parametrize("part", range(PARTS))
def test_axe_finds_no_serious_or_critical_violation_on_any_page(
    browser: Browser,
    base_url: str,
    content_pages: list[str],
    sample_pages: list[str],
    axe: Axe,
    part: int,
) -> None:
    # Every rule on the sample pages and Sphinx's own; every rule but
    # contrast on the others.
    every_rule = {*sample_pages, *GENERATED}
    names = [*content_pages, *GENERATED][part::PARTS]
    assert names
    runs = {n: EVERY_RULE if n in every_rule else NOT_CONTRAST for n in names}
    assert audit(browser, base_url, axe, DESKTOP, runs) == {}


def test_dark_mode_keeps_text_contrast_on_every_kind_of_element(
    browser: Browser, base_url: str, sample_pages: list[str], axe: Axe
) -> None:
    assert len(sample_pages) >= 5
    runs = dict.fromkeys([*sample_pages, *GENERATED], CONTRAST_ONLY)
    assert audit(browser, base_url, axe, DESKTOP, runs, dark=True) == {}


def test_axe_finds_none_on_a_phone_either(
    browser: Browser, base_url: str, sample_pages: list[str], axe: Axe
) -> None:
    # Every page is the same template around its content, and each sample
    # page shows the template's phone layout: the pages holding every kind of
    # element show every phone-only problem the others would.
    runs = dict.fromkeys([*sample_pages, *GENERATED], EVERY_RULE)
    assert audit(browser, base_url, axe, PHONE, runs) == {}


def _is_dark(css_color: str) -> bool:
    red, green, blue = (
        int(part) for part in css_color[css_color.index("(") + 1 : -1].split(",")[:3]
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 64
