"""The order of results: title, then description, then headings, then text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.site_server import serve_test_root
from tests.browser.test_search import search

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def ranking_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_test_root(
        "search-ranking", tmp_path_factory.mktemp("search-ranking")
    )


@pytest.fixture
def page(browser) -> Iterator[Page]:
    tab = browser.new_page()
    yield tab
    tab.close()


def test_a_word_in_the_title_beats_the_description_the_headings_and_the_text(
    page: Page, ranking_site: str
) -> None:
    assert search(page, ranking_site, "quokka") == [
        "titled.html",
        "described.html",
        "heading.html",
        "body.html",
    ]


def test_a_heading_match_links_to_the_heading(page: Page, ranking_site: str) -> None:
    search(page, ranking_site, "quokka")
    link = page.locator("#search-results ul.search > li > a", has_text="Beta")
    assert link.get_attribute("href") == "heading.html#living-with-a-quokka"
    assert link.inner_text() == "Beta > Living with a quokka"


def test_a_section_s_name_finds_the_section_s_own_page_first(
    page: Page, ranking_site: str
) -> None:
    # Both titles hold the one word and nothing else that counts; the
    # section's page wins over the title that comes first ("A guide").
    assert search(page, ranking_site, "guides")[:2] == [
        "guide/index.html",
        "guide/more.html",
    ]


def test_a_word_only_the_disclaimer_holds_finds_nothing(
    page: Page, ranking_site: str
) -> None:
    assert search(page, ranking_site, "wombat") == []


def test_the_start_of_a_word_finds_the_pages_holding_the_word(
    page: Page, ranking_site: str
) -> None:
    # "quok" is no word of any page: the pages with words starting so, as
    # typed, not as a correction to the nearest word.
    assert search(page, ranking_site, "quok") == [
        "titled.html",
        "described.html",
        "heading.html",
        "body.html",
    ]
    assert page.locator(".medkb-search-corrected").count() == 0
