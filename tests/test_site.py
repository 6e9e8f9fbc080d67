"""The real site in docs/ builds without a single warning."""

from __future__ import annotations

import datetime
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from sphinx.search.en import SearchEnglish

from tests.conftest import DOCS, build_site
from tests.helpers import disclaimers, soup

if TYPE_CHECKING:
    from pathlib import Path

SEED_SOURCES = {
    "Trigger point evaluation in migraine patients": (
        "https://doi.org/10.1111/j.1468-1331.2006.01181.x"
    ),
    "Effectiveness of ropivacaine trigger points inactivation": (
        "https://doi.org/10.1111/j.1526-4637.2007.00251.x"
    ),
    # A congress abstract: no DOI or PMID exists on record.
    "Effectiveness of botulinum toxin type A in the prophylaxis": None,
}
EXEMPT = {"disclaimer"}
# Markdown that is included into pages, not a page of its own, and build output.
NOT_PAGES = (DOCS / "_snippets", DOCS / "_build")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
OUTPUT_SUFFIXES = {".html", ".xhtml", ".txt", ".tex", ".7"}


def test_builds_with_zero_warnings(site):
    assert site.warning.getvalue() == ""
    assert site.statuscode == 0


def test_every_page_has_the_disclaimer_under_its_h1(site):
    docnames = sorted(site.env.found_docs)
    assert len(docnames) >= 4
    for docname in docnames:
        page = soup(site.outdir / f"{docname}.html")
        if docname in EXEMPT:
            assert disclaimers(page) == []
            continue
        (box,) = disclaimers(page)
        assert page.find("h1").find_next_sibling() is box, docname


def front_matter(source: Path) -> dict[str, Any]:
    """The YAML block that opens a page's source file, as YAML reads it."""
    text = source.read_text(encoding="utf-8")
    assert text.startswith("---\n"), source
    block, end, _ = text.removeprefix("---\n").partition("\n---\n")
    assert end, f"{source}: the front matter is never closed"
    return yaml.safe_load(block)


def long_date(value: datetime.date | str) -> str:
    """A date as pages show it, ``2 December 2026``, in English on any machine."""
    if not isinstance(value, datetime.date):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def test_every_page_shows_its_review_box_next_to_the_disclaimer(site):
    docnames = sorted(site.env.found_docs)
    sources = sorted(
        path
        for path in DOCS.rglob("*.md")
        if not any(path.is_relative_to(folder) for folder in NOT_PAGES)
    )
    assert sorted(site.env.doc2path(doc) for doc in docnames) == sources
    shown = set()
    for docname in docnames:
        page = soup(site.outdir / f"{docname}.html")
        (review,) = page.select(".medkb-review")
        above = review.find_previous_sibling()
        assert above is (disclaimers(page) or [page.find("h1")])[0], docname
        # The dates the page's own source file gives, written out in full.
        meta = front_matter(site.env.doc2path(docname))
        text = review.get_text(" ", strip=True)
        assert f"Last reviewed: {long_date(meta['reviewed'])}." in text, docname
        assert f"Next review due: {long_date(meta['next-review'])}." in text, docname
        shown.add(meta["reviewed"])
        # The status links to the page that explains how pages are checked.
        link = review.a["href"]
        assert link.endswith("how-content-is-reviewed.html") or link == "#", docname
    # Pages were reviewed on different days: one date for all would not pass.
    assert len(shown) > 1


def test_bibliography_shows_the_seed_sources_with_doi_links(site):
    bibliography = soup(site.outdir / "bibliography.html").select_one("article")
    entries = {e.get_text(" ", strip=True): e for e in bibliography.select(".citation")}
    for title, doi in SEED_SOURCES.items():
        (entry,) = [e for text, e in entries.items() if title in text]
        links = [a["href"] for a in entry.find_all("a")]
        assert (doi in links) if doi else not any("doi.org" in h for h in links)


def test_seed_page_cites_each_seed_source(site):
    page = soup(site.outdir / "treatments/botox-trigger-points.html")
    references = page.select_one("#references").get_text(" ", strip=True)
    for title in SEED_SOURCES:
        assert title in references


@pytest.mark.parametrize(
    ("builder", "count"),
    [
        # Books hold every page of the toctree in one file.
        (
            "singlehtml",
            lambda out: (
                out.joinpath("index.html")
                .read_text()
                .count('class="caution medkb-disclaimer')
            ),
        ),
        (
            "latex",
            lambda out: (
                next(out.glob("*.tex"))
                .read_text()
                .count(r"\begin{sphinxadmonition}{note}{Medical disclaimer}")
            ),
        ),
        (
            "man",
            lambda out: (
                next(out.glob("*.7")).read_text().count('.IP "Medical disclaimer"')
            ),
        ),
        # The others write one file per page.
        (
            "dirhtml",
            lambda out: sum(
                p.read_text().count("medkb-disclaimer") for p in out.rglob("index.html")
            ),
        ),
        (
            "epub",
            lambda out: sum(
                p.read_text().count("medkb-disclaimer") for p in out.rglob("*.xhtml")
            ),
        ),
        (
            "text",
            lambda out: sum(
                p.read_text().count("Medical disclaimer: This page gives")
                for p in out.rglob("*.txt")
            ),
        ),
    ],
)
def test_every_builder_shows_it_once_per_page(tmp_path, builder, count):
    app = build_site(builder, tmp_path)
    assert app.warning.getvalue() == ""
    pages = sorted(app.env.found_docs - EXEMPT)
    assert count(app.outdir) == len(pages)
    # Every page, the exempt one too, shows its review dates.
    outputs = [p for p in app.outdir.rglob("*") if p.suffix in OUTPUT_SUFFIXES]
    reviews = sum(
        " ".join(p.read_text(encoding="utf-8").split()).count("Next review due:")
        for p in outputs
        if p.name not in {"genindex.html", "search.html", "nav.xhtml"}
    )
    assert reviews == len(app.env.found_docs)


def test_disclaimer_words_are_indexed_only_from_page_text(site):
    stem = SearchEnglish({}).stem
    words = re.compile(r"[A-Za-z]{3,}")

    def stems(text: str) -> set[str]:
        return {stem(w.lower()) for w in words.findall(text)}

    snippet = (DOCS / "_snippets/disclaimer.md").read_text(encoding="utf-8")
    own_text = set()
    for docname in site.env.found_docs:
        page = soup(site.outdir / f"{docname}.html").select_one("article")
        for box in disclaimers(page):
            box.decompose()
        own_text |= stems(page.get_text(" "))
    js = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1 : js.rindex(")")])
    indexed = set(index["terms"]) | set(index["titleterms"])
    # Each disclaimer word in the index is there for a page's own text.
    assert stems(snippet) & indexed <= own_text
    assert len(stems(snippet) & indexed) > 5


def test_search_engines_get_each_page_s_front_matter_description(site):
    for docname in sorted(site.env.found_docs):
        page = soup(site.outdir / f"{docname}.html")
        expected = front_matter(site.env.doc2path(docname))["description"]
        (meta,) = page.select('meta[name="description"]')
        (og,) = page.select('meta[property="og:description"]')
        assert meta["content"] == og["content"] == expected, docname
