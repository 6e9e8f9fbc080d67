"""Search in a Spanish edition: accents aside, Spanish stems, Spanish synonyms."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.site_server import serve_test_root
from tests.browser.test_search import search

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_test_root(
        "search-spanish", tmp_path_factory.mktemp("search-spanish")
    )


@pytest.fixture
def page(browser) -> Iterator[Page]:
    tab = browser.new_page()
    yield tab
    tab.close()


def test_a_word_typed_without_its_accent_finds_the_accented_word(
    page: Page, spanish_site: str
) -> None:
    assert search(page, spanish_site, "migrana")[:1] == ["index.html"]
    note = page.locator(".medkb-search-corrected").inner_text()
    assert "migraña" in note


def test_spanish_stems_match_a_plural_and_synonyms_widen_the_search(
    page: Page, spanish_site: str
) -> None:
    assert search(page, spanish_site, "migrañas") == ["index.html"]
    assert page.locator(".medkb-search-corrected").count() == 0
    # "calmante" is on no page; the Spanish line leads it to "analgésicos".
    assert search(page, spanish_site, "calmante") == ["tension.html"]
    assert "analgésicos" in page.locator(".medkb-search-widened").inner_text()
