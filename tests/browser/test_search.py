"""The site's own search, as a reader uses it: typed into the search page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urldefrag

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

# A word of the disclaimer box on every page ("... not reviewed by a
# clinician, unless it says so") that few pages use in their own text.
BOX_WORD = "clinician"


def search(page: Page, base_url: str, query: str) -> list[str]:
    """The pages a search lists, best first, each once."""
    page.goto(f"{base_url}search.html?q={quote(query)}")
    wait_for_results(page)
    found: list[str] = []
    for href in page.locator("#search-results ul.search > li > a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    ):
        name = urldefrag(href).url
        if name not in found:
            found.append(name)
    return found


def wait_for_results(page: Page) -> None:
    # Once the last result is listed, Sphinx writes the heading's final text
    # over it, which removes the pulsing dots it held ("Searching...").
    # (Sphinx's own pulse flag cannot tell: a pulse due after the end sets it
    # going again.)
    page.wait_for_function(
        "() => { const h = document.querySelector('#search-results h2');"
        " return h !== null && h.querySelector('span') === null; }"
    )


def own_text(site: Path, name: str) -> str:
    """A page's text without the boxes that search must not index."""
    article = BeautifulSoup(
        (site / name).read_text(encoding="utf-8"), "html.parser"
    ).select_one("article")
    assert article is not None
    for box in article.select(".no-search"):
        box.decompose()
    return article.get_text(" ")


def titled(site: Path, pages: list[str], word: str) -> set[str]:
    found = set()
    for name in pages:
        h1 = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser").h1
        if h1 is not None and word.lower() in h1.get_text().lower():
            found.add(name)
    return found


@pytest.fixture
def page(browser):  # one viewport: search ranks the same on any screen
    tab = browser.new_page()
    yield tab
    tab.close()


@pytest.mark.parametrize("query", ["botox", "migraine"])
def test_pages_about_a_word_come_before_pages_that_mention_it(
    page: Page, base_url: str, built_site: Path, content_pages: list[str], query: str
) -> None:
    about = titled(built_site, content_pages, query)
    found = search(page, base_url, query)
    assert len(about) >= 2, f"no pages to rank: none has {query!r} in its title"
    assert set(found[: len(about)]) == about, found
    # ... and the pages that only mention it are found too, after them.
    assert len(found) > len(about)


def test_a_word_of_the_disclaimer_box_finds_only_pages_that_use_it_themselves(
    page: Page, base_url: str, built_site: Path, content_pages: list[str]
) -> None:
    boxed = [
        name
        for name in content_pages
        if BOX_WORD in _box_text(built_site, name).lower()
    ]
    using = {
        name
        for name in content_pages
        # Any ending, as the search's stemmer matches "clinicians" too.
        if re.search(rf"\b{BOX_WORD}", own_text(built_site, name), re.IGNORECASE)
    }
    assert len(boxed) >= 40  # the box on nearly every page says it ...
    # Far fewer pages say it than show the box, so the test can tell them apart.
    assert len(using) <= len(boxed) // 4, f"pick a rarer word than {BOX_WORD!r}"
    # ... yet search finds only the pages whose own text says it.
    assert set(search(page, base_url, BOX_WORD)) == using


def _box_text(site: Path, name: str) -> str:
    soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one(".medkb-disclaimer")
    return box.get_text(" ") if box else ""


def test_a_word_no_page_uses_finds_nothing(page: Page, base_url: str) -> None:
    assert search(page, base_url, "xylophone") == []


def test_a_misspelt_word_is_searched_as_the_nearest_word_and_says_so(
    page: Page, base_url: str, built_site: Path, content_pages: list[str]
) -> None:
    found = search(page, base_url, "migrane")
    assert found[0] == "headache/migraine.html"
    note = page.locator(".medkb-search-corrected")
    assert note.inner_text().startswith("Showing results for migraine.")
    # ... with a link that searches the exact words instead.
    note.get_by_role("link", name="migrane").click()
    page.wait_for_load_state()
    wait_for_results(page)
    assert "exact=1" in page.url
    assert page.locator(".medkb-search-corrected").count() == 0
    exact = [
        urldefrag(href).url
        for href in page.locator("#search-results ul.search > li > a").evaluate_all(
            "(links) => links.map((a) => a.getAttribute('href'))"
        )
    ]
    # Only the pages that hold the misspelling itself, as an example.
    holding = {
        name
        for name in content_pages
        if "migrane" in own_text(built_site, name).lower()
    }
    assert 1 <= len(holding) <= 3
    assert set(exact) == holding


def test_an_everyday_word_also_finds_the_words_pages_use_and_says_which(
    page: Page, base_url: str
) -> None:
    assert search(page, base_url, "tylenol")[0] == "medicines/paracetamol.html"
    assert "paracetamol" in page.locator(".medkb-search-widened").inner_text()


def test_with_a_word_no_page_holds_the_pages_holding_the_others_are_listed(
    page: Page, base_url: str
) -> None:
    found = search(page, base_url, "xylophone migraine")
    assert found[0] == "headache/migraine.html"
    assert (
        page.locator(".medkb-search-partial")
        .inner_text()
        .startswith("No page holds all of these words")
    )
    # Common words alone decide nothing.
    assert search(page, base_url, "the of my") == []


def test_a_result_s_summary_quotes_the_page_not_the_boxes_every_page_shows(
    page: Page, base_url: str, built_site: Path
) -> None:
    search(page, base_url, "headache")
    # Sphinx fetches each page and adds its summary once it has it.
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li p.context').length >= 5"
    )
    summaries = page.locator("#search-results li p.context").all_inner_texts()
    box = BeautifulSoup(
        (built_site / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one(".medkb-disclaimer p:not(.admonition-title)")
    assert box is not None
    opening = " ".join(box.get_text(" ").split()[:5])
    for summary in summaries[:5]:
        assert opening not in " ".join(summary.split()), summary
        assert "readthedocs.io" not in summary, summary  # the print header
