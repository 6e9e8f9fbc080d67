"""The Spanish edition, read as a reader reads it, beside the English one.

Both editions are served as Read the Docs serves a project and its
translation: ``/en/latest/`` and ``/es/latest/`` on one host.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import DESKTOP, PHONE, ROOT, open_page
from tests.browser.site_server import serve_editions
from tests.browser.test_accessibility import NOT_CONTRAST, problems
from tests.browser.test_search import search
from tests.helpers import soup

if TYPE_CHECKING:
    from collections.abc import Iterator

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Page

SPANISH = Path(os.environ.get("MEDKB_SITE_ES", ROOT / "docs" / "_build" / "html-es"))
NESTED = "headache/migraine-with-aura.html"
MONTHS = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    "noviembre|diciembre"
)
DATE = re.compile(rf"\d{{1,2}} de ({MONTHS}) de \d{{4}}")


@pytest.fixture(scope="module")
def spanish_site() -> Path:
    if not (SPANISH / "index.html").is_file():
        pytest.fail(
            f"no Spanish edition in {SPANISH}: run `python3 -m tox -e browser`, "
            "which builds it, or set MEDKB_SITE_ES to a folder holding one"
        )
    return SPANISH


@pytest.fixture(scope="module")
def editions(built_site: Path, spanish_site: Path) -> Iterator[str]:
    yield from serve_editions({"/en/latest/": built_site, "/es/latest/": spanish_site})


@pytest.fixture(scope="module")
def spanish_pages(spanish_site: Path) -> list[str]:
    return sorted(
        path.relative_to(spanish_site).as_posix()
        for path in spanish_site.rglob("*.html")
        if "_static" not in path.parts
        and path.name not in {"search.html", "genindex.html", "404.html"}
    )


def test_the_language_switch_leads_a_keyboard_reader_to_the_same_page(
    page: Page, editions: str
) -> None:
    page.goto(f"{editions}/en/latest/{NESTED}")
    switch = page.get_by_role("navigation", name="Language")
    link = switch.get_by_role("link", name="Español")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{editions}/es/latest/{NESTED}")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("article h1").inner_text().startswith("Migraña con aura")
    back = page.get_by_role("navigation", name="Idioma").get_by_role(
        "link", name="English"
    )
    assert back.get_attribute("hreflang") == "en"
    back.click()
    page.wait_for_url(f"{editions}/en/latest/{NESTED}")


def test_every_spanish_page_links_to_its_english_counterpart(
    spanish_site: Path, built_site: Path, spanish_pages: list[str]
) -> None:
    english = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    wrong = []
    for name in spanish_pages:
        switch = soup(spanish_site / name).select_one("nav.medkb-language-switch")
        link = switch.find("a") if switch else None
        if link is None or link["href"] != f"/en/latest/{name}" or name not in english:
            wrong.append(name)
    assert wrong == []
    assert len(spanish_pages) == len(
        english - {"search.html", "genindex.html", "404.html"}
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_spanish_disclaimer_and_review_box_are_on_the_first_screen(
    browser: Browser, editions: str, spanish_pages: list[str], viewport
) -> None:
    page = open_page(browser, viewport)
    hidden = []
    for name in spanish_pages[:: 1 if viewport is DESKTOP else 4]:
        if name == "disclaimer.html":
            continue
        page.goto(f"{editions}/es/latest/{name}")
        box = page.locator("article .medkb-disclaimer")
        if box.count() != 1 or not box.is_visible():
            hidden.append(f"{name}: no disclaimer")
            continue
        where = box.bounding_box()
        if where is None or where["y"] + where["height"] > viewport.height:
            hidden.append(f"{name}: the disclaimer ends below the first screen")
        if box.locator(".admonition-title").inner_text() != "Aviso médico":
            hidden.append(f"{name}: the disclaimer is not Spanish")
        review = page.locator("article .medkb-review").inner_text()
        if "Fuentes comprobadas" not in review or not DATE.search(review):
            hidden.append(f"{name}: review box {review!r}")
    page.context.close()
    assert hidden == []


def test_searching_in_spanish_finds_the_pages_on_that_condition(
    page: Page, editions: str
) -> None:
    base = f"{editions}/es/latest/"
    migraine = search(page, base, "migraña")
    assert migraine[0] == "headache/migraine.html", migraine[:5]
    assert all("migraine" in name for name in migraine[:3]), migraine[:3]
    fibromyalgia = search(page, base, "fibromialgia")
    assert "fibromyalgia/what-is-fibromyalgia.html" in fibromyalgia[:3], fibromyalgia[
        :5
    ]
    assert all(name.startswith("fibromyalgia/") for name in fibromyalgia[:3])
    # "contrastado" is in the disclaimer box of every page, and in no page's own text.
    assert search(page, base, "contrastado") == []


def test_the_spanish_404_page_is_spanish_at_any_depth(
    page: Page, editions: str
) -> None:
    address = f"{editions}/es/latest/dolor/de/cabeza/pagina-movida.html"
    response = page.goto(address)
    assert response is not None
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Página no encontrada"
    assert page.evaluate("() => document.styleSheets.length") >= 3
    page.get_by_role("link", name="página de inicio").click()
    page.wait_for_url(f"{editions}/es/latest/index.html")
    assert page.locator("html").get_attribute("lang") == "es"


@pytest.fixture(scope="module")
def axe() -> Axe:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_axe_finds_no_serious_problem_on_the_spanish_pages(
    browser: Browser, editions: str, spanish_pages: list[str], axe: Axe
) -> None:
    page = open_page(browser, DESKTOP)
    found = {}
    names = [*spanish_pages[::3], "search.html", "404.html", NESTED]
    for name in names:
        page.goto(f"{editions}/es/latest/{name}")
        options = {} if name in {NESTED, "index.html", "404.html"} else NOT_CONTRAST
        if found_here := problems(axe, page, **options):
            found[name] = found_here
    page.context.close()
    assert found == {}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The examples the Spanish page "How search works" gives.
        ("jaqueca", "headache/migraine.html"),
        ("fibro", "fibromyalgia/what-is-fibromyalgia.html"),
        ("fibromalgia", "fibromyalgia/what-is-fibromyalgia.html"),
        ("la píldora", "medicines/combined-hormonal-contraception.html"),
        ("calmantes", "medicines/paracetamol.html"),
    ],
)
def test_everyday_spanish_words_find_the_page_that_answers(
    page: Page, editions: str, query: str, expected: str
) -> None:
    found = search(page, f"{editions}/es/latest/", query)
    assert expected in found[:5], found[:5]
