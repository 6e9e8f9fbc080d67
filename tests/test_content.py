"""The knowledge base keeps its content honest as it grows: dates, links, sources."""

from __future__ import annotations

import datetime
import functools
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import DOCS
from tests.helpers import disclaimers, site_page, soup

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import BeautifulSoup
    from sphinx.testing.util import SphinxTestApp

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
FRONT_MATTER = ("description", "reviewed", "next-review", "review-status")
REVIEW_STATUSES = {"sources-checked", "clinician-reviewed"}
# Pages that make no medical claim of their own, so need not cite a source.
UNCITED = {
    "index",
    "reference/index",
    "bibliography",
    "disclaimer",
    "reference/contributing",
    "reference/performance",
    "reference/extension",
    "reference/reviewers",
    "reference/corrections",
    "medicines/index",
}
# Pages that help readers find and check content, rather than explain a topic.
REFERENCE = {"bibliography", "disclaimer"} | {
    f"reference/{name}"
    for name in (
        "glossary",
        "quick-facts",
        "how-content-is-reviewed",
        "contributing",
        "performance",
        "extension",
        "reviewers",
        "corrections",
    )
}
# The seed article's typos and misspelled place name; none may come back.
SEED_TYPOS = (
    r"Universityof",
    r"Grenada",
    r"\brsearch",
    r"Effectiviness",  # codespell:ignore
    r"pericraneal",
)


def topic_pages(site: SphinxTestApp) -> list[str]:
    """Pages that explain a topic: not section indexes and not reference pages."""
    return sorted(
        doc
        for doc in site.env.found_docs
        if PurePosixPath(doc).name != "index" and doc not in REFERENCE
    )


def article(site: SphinxTestApp, docname: str) -> BeautifulSoup:
    """The page's own content: no disclaimer box (every page has one), no ¶ links.

    Shared by the tests of this module, which only read it.
    """
    return _article(site.outdir / f"{docname}.html")


@functools.cache
def _article(path: Path) -> BeautifulSoup:
    page = soup(path).select_one("article")
    for node in [*disclaimers(page), *page.select("a.headerlink")]:
        node.decompose()
    return page


def link_targets(site: SphinxTestApp, docname: str) -> set[str]:
    """The other pages that a page's own content links to."""
    targets = set()
    for link in article(site, docname).select("a[href]"):
        href = link["href"]
        if urlsplit(href).scheme:
            continue
        path = urlsplit(urljoin(f"/{docname}.html", href)).path
        target = path.removeprefix("/").removesuffix(".html")
        if target and target != docname:
            targets.add(target)
    return targets


@pytest.fixture(scope="module")
def links(site: SphinxTestApp) -> dict[str, set[str]]:
    return {doc: link_targets(site, doc) for doc in sorted(site.env.found_docs)}


@pytest.fixture(scope="module")
def cited(site: SphinxTestApp) -> dict[str, set[str]]:
    """The bib keys each page cites."""
    keys: dict[str, set[str]] = defaultdict(set)
    for ref in site.env.get_domain("cite").citation_refs:
        keys[ref.docname].update(target.key for target in ref.targets)
    return keys


def test_the_site_covers_at_least_thirty_topics(site):
    assert len(topic_pages(site)) >= 30


def test_every_page_has_front_matter_with_valid_review_dates(site):
    for docname in sorted(site.env.found_docs):
        meta = site.env.metadata[docname]
        missing = [key for key in FRONT_MATTER if not meta.get(key)]
        assert not missing, f"{docname}: missing {missing}"
        reviewed = datetime.date.fromisoformat(str(meta["reviewed"]))
        next_review = datetime.date.fromisoformat(str(meta["next-review"]))
        assert reviewed < next_review, docname
        assert meta["review-status"] in REVIEW_STATUSES, docname
        # A page may claim a clinician's review only by naming who did it.
        if meta["review-status"] == "clinician-reviewed":
            assert meta.get("reviewed-by"), docname


def test_every_page_has_an_h1_and_a_summary_first(site):
    for docname in sorted(site.env.found_docs - {"index"}):
        page = article(site, docname)
        assert len(page.find_all("h1")) == 1, docname
        first_section = page.select_one("section section")
        assert first_section is not None, docname
        assert first_section.find("h2").get_text(strip=True) == "Summary", docname


def test_headings_do_not_skip_levels(site):
    # A screen reader lists a page by its headings: one h1, then no level
    # skipped (an h2 straight to an h4 reads as a missing section).
    skips = {}
    for docname in sorted(site.env.found_docs):
        page = site_page(site.outdir / f"{docname}.html").select_one("article")
        levels = [int(h.name[1]) for h in page.find_all(HEADINGS)]
        if levels[:1] != [1] or any(b > a + 1 for a, b in pairwise(levels)):
            skips[docname] = levels
    assert skips == {}


def test_every_page_links_to_two_others_and_is_linked_from_two(links):
    linked_from: dict[str, set[str]] = defaultdict(set)
    for source, targets in links.items():
        for target in targets:
            linked_from[target].add(source)
    for docname, targets in links.items():
        assert len(targets) >= 2, f"{docname} links to only {sorted(targets)}"
        # The home page is reached from every page's header and sidebar.
        if docname != "index":
            sources = linked_from[docname]
            assert len(sources) >= 2, f"{docname} is linked from only {sorted(sources)}"


def test_every_page_cites_a_source(site, cited):
    for docname in sorted(site.env.found_docs - UNCITED):
        assert cited[docname], f"{docname} cites no source"


def test_each_page_lists_exactly_the_sources_it_cites(site, cited):
    for docname, keys in sorted(cited.items()):
        if docname == "bibliography":
            continue
        references = article(site, docname).select_one("#references")
        assert references is not None, f"{docname} has no References section"
        assert len(references.select(".citation")) == len(keys), docname


def test_every_cited_key_exists_and_every_entry_is_cited(site, cited):
    entries = set(site.env.get_domain("cite").bibdata.data.entries)
    all_cited = set().union(*cited.values())
    assert all_cited - entries == set(), "cited but not in refs.bib"
    assert entries - all_cited == set(), "in refs.bib but cited by no page"
    assert len(all_cited) >= 20


def test_the_bibliography_lists_every_source(site, cited):
    page = article(site, "bibliography")
    entries = page.select(".citation")
    assert len(entries) == len(set().union(*cited.values()))


def test_the_glossary_defines_forty_terms_each_linked_from_the_text(site, links):
    glossary = article(site, "reference/glossary")
    definitions = glossary.select("dl.glossary > dd")
    assert len(definitions) >= 40
    used: set[str] = set()
    for docname in links:
        if docname == "reference/glossary":
            continue
        for link in article(site, docname).select("a[href*='glossary.html#term-']"):
            used.add(link["href"].split("#", 1)[1])
    for definition in definitions:
        names = []
        for sibling in definition.find_previous_siblings():
            if sibling.name != "dt":
                break
            names.append(sibling["id"])
        assert used & set(names), f"no page links the term {names}"


def test_headache_pages_say_when_to_get_medical_help(site, links):
    for docname in sorted(site.env.found_docs):
        if not docname.startswith("headache/") or docname == "headache/index":
            continue
        page = article(site, docname)
        headings = {h.get_text(strip=True) for h in page.find_all("h2")}
        if docname == "headache/when-to-get-help":
            continue
        assert "When to get medical help" in headings, docname
        assert "headache/when-to-get-help" in links[docname], docname


def test_no_seed_typo_remains_in_the_sources():
    typo = re.compile("|".join(SEED_TYPOS))
    # Compiled catalogs (.mo), which a translated build writes, are not sources.
    sources = [
        p
        for p in DOCS.rglob("*")
        if p.is_file() and "_build" not in p.parts and p.suffix != ".mo"
    ]
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not typo.search(line), f"{path}:{number}: {line}"


def test_the_site_covers_its_topics_with_many_sources(site, cited):
    # The knowledge base's size as its content standard sets it: at least 60
    # topic pages and 85 distinct sources, each cited by some page.
    assert len(topic_pages(site)) >= 60
    assert len(set().union(*cited.values())) >= 85
