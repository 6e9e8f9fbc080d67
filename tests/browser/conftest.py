"""The built site in a real browser: Debian's Chromium, driven by Playwright.

``python3 -m tox -e browser`` builds the site into ``docs/_build/html`` and then
runs these tests against it, served on 127.0.0.1 as Read the Docs serves it.
Screenshots and other artifacts go to ``docs/_build/browser``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser.covering_pages import covering_pages
from tests.browser.need_chromium import chromium, missing_chromium
from tests.browser.site_server import serve

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).parents[2]
SITE = Path(os.environ.get("MEDKB_SITE", ROOT / "docs" / "_build" / "html"))
ARTIFACTS = ROOT / "docs" / "_build" / "browser"
CHROMIUM = chromium()
# Without these, Chromium keeps trying to reach Google's servers, which a
# closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Pages Sphinx writes that are not content pages.
NOT_CONTENT = {"genindex.html", "search.html", "404.html"}


class Viewport(NamedTuple):
    name: str
    width: int
    height: int


PHONE = Viewport("phone", 375, 667)
DESKTOP = Viewport("desktop", 1280, 800)
VIEWPORTS = [PHONE, DESKTOP]


def pytest_sessionstart(session: pytest.Session) -> None:
    # One line, not a failure for each test, when the browser is missing.
    if message := missing_chromium():
        pytest.exit(message, returncode=1)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything here needs Chromium and a built site, so plain `pytest` (tox -e
    # py) deselects it with -m "not browser"; tox -e browser selects it.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(
            f"no built site in {SITE}: run `python3 -m tox -e browser`, which "
            "builds it first, or set MEDKB_SITE to a folder holding a built site"
        )
    return SITE


@pytest.fixture(scope="session")
def content_pages(built_site: Path) -> list[str]:
    """Every content page, as a path relative to the site root."""
    return sorted(
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*.html")
        if "_static" not in path.parts
        and path.relative_to(built_site).as_posix() not in NOT_CONTENT
    )


@pytest.fixture(scope="session")
def sample_pages(built_site: Path, content_pages: list[str]) -> list[str]:
    """The content pages that between them hold every kind of element (see
    covering_pages): for checks whose result follows from how elements look."""
    return covering_pages(built_site, content_pages)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The site's address on 127.0.0.1, under the same path as its canonical URL."""
    canonical = BeautifulSoup(
        (built_site / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    link = canonical.find("link", rel="canonical")
    prefix = (
        urlsplit(str(link["href"])).path.removesuffix("index.html") if link else "/"
    )
    yield from serve(built_site, prefix)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # For runs where this conftest is not loaded at session start.
    if message := missing_chromium():
        pytest.fail(message)
    # Imported here so that `pytest` without the browser extra still collects
    # (and deselects) these tests.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def open_page(browser: Browser, viewport: Viewport, *, dark: bool = False) -> Page:
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        color_scheme="dark" if dark else "light",
    )
    return context.new_page()


@pytest.fixture(params=VIEWPORTS, ids=[v.name for v in VIEWPORTS])
def viewport(request: pytest.FixtureRequest) -> Viewport:
    return request.param


@pytest.fixture
def page(browser: Browser, viewport: Viewport) -> Iterator[Page]:
    tab = open_page(browser, viewport)
    yield tab
    tab.context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
