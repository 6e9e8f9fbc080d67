"""The real site in docs/ builds without a single warning."""

from __future__ import annotations

import datetime
import functools
import json
import re
from typing import TYPE_CHECKING

import pytest
import yaml
from sphinx.search.en import SearchEnglish

from medkb.review import long_date
from tests.conftest import DOCS, build_site
from tests.helpers import (
    DISCLAIMER,
    disclaimers,
    front_matter,
    site_page,
    text_without,
)

if TYPE_CHECKING:
    from collections.abc import Callable
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
OUTPUT_SUFFIXES = {".html", ".xhtml", ".txt", ".tex", ".7"}


def test_builds_with_zero_warnings(site):
    assert site.warning.getvalue() == ""
    assert site.statuscode == 0


def test_every_page_has_the_disclaimer_under_its_h1(site):
    docnames = sorted(site.env.found_docs)
    assert len(docnames) >= 4
    for docname in docnames:
        page = site_page(site.outdir / f"{docname}.html")
        if docname in EXEMPT:
            assert disclaimers(page) == []
            continue
        (box,) = disclaimers(page)
        assert page.find("h1").find_next_sibling() is box, docname


def as_shown(value: datetime.date | str) -> str:
    """A front-matter date as the review box writes it (test_review pins the
    format itself to literal dates)."""
    if not isinstance(value, datetime.date):
        value = datetime.date.fromisoformat(value)
    return long_date(value)


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
        page = site_page(site.outdir / f"{docname}.html")
        (review,) = page.select(".medkb-review")
        above = review.find_previous_sibling()
        assert above is (disclaimers(page) or [page.find("h1")])[0], docname
        # The dates the page's own source file gives, written out in full.
        meta = front_matter(site.env.doc2path(docname))
        text = review.get_text(" ", strip=True)
        assert f" {as_shown(meta['reviewed'])}" in text.split(".")[0], docname
        assert f"Next review due {as_shown(meta['next-review'])}." in text, docname
        shown.add(meta["reviewed"])
        # The status links to the page that explains how pages are checked.
        link = review.a["href"]
        assert link.endswith("how-content-is-reviewed.html") or link == "#", docname
    # Pages were reviewed on different days: one date for all would not pass.
    assert len(shown) > 1


def test_bibliography_shows_the_seed_sources_with_doi_links(site):
    bibliography = site_page(site.outdir / "bibliography.html").select_one("article")
    entries = {e.get_text(" ", strip=True): e for e in bibliography.select(".citation")}
    for title, doi in SEED_SOURCES.items():
        (entry,) = [e for text, e in entries.items() if title in text]
        links = [a["href"] for a in entry.find_all("a")]
        assert (doi in links) if doi else not any("doi.org" in h for h in links)


def test_seed_page_cites_each_seed_source(site):
    page = site_page(site.outdir / "treatments/botox-trigger-points.html")
    references = page.select_one("#references").get_text(" ", strip=True)
    for title in SEED_SOURCES:
        assert title in references


# The formats Read the Docs publishes besides HTML (.readthedocs.yaml), with the
# builder each comes from, and how many disclaimer boxes a build of it holds.
# Every other builder is tested on small roots (test_disclaimer_builders.py and
# test_review.py): a build of the whole site for each would double the run.
PUBLISHED: dict[str, tuple[str, Callable[[Path], int]]] = {
    # A book: every page of the toctree in one file.
    "pdf": (
        "latex",
        lambda out: (
            next(out.glob("*.tex"))
            .read_text()
            .count(r"\begin{sphinxadmonition}{note}{Medical disclaimer}")
        ),
    ),
    "epub": (
        "epub",
        lambda out: sum(
            p.read_text().count("medkb-disclaimer") for p in out.rglob("*.xhtml")
        ),
    ),
}


FORMATS = yaml.safe_load((DOCS.parent / ".readthedocs.yaml").read_text())["formats"]


def test_each_published_format_is_tested_on_the_real_site():
    assert FORMATS, "no download formats: nothing for the builder test below"
    assert set(FORMATS) <= set(PUBLISHED), "a new format: add its builder here"


@pytest.mark.long
@pytest.mark.parametrize(
    ("builder", "count"),
    [PUBLISHED[name] for name in FORMATS if name in PUBLISHED],
    ids=[name for name in FORMATS if name in PUBLISHED],
)
def test_every_published_format_shows_it_once_per_page(tmp_path, builder, count):
    app = build_site(builder, tmp_path)
    assert app.warning.getvalue() == ""
    pages = sorted(app.env.found_docs - EXEMPT)
    assert count(app.outdir) == len(pages)
    # Every page, the exempt one too, shows its review dates.
    outputs = [p for p in app.outdir.rglob("*") if p.suffix in OUTPUT_SUFFIXES]
    reviews = sum(
        " ".join(p.read_text(encoding="utf-8").split()).count("Next review due ")
        for p in outputs
        if p.name not in {"genindex.html", "search.html", "nav.xhtml"}
    )
    assert reviews == len(app.env.found_docs)


def test_disclaimer_words_are_indexed_only_from_page_text(site):
    # The stemmer is slow and the site uses a few thousand words: stem each once.
    stem = functools.cache(SearchEnglish({}).stem)
    words = re.compile(r"[A-Za-z]{3,}")

    def stems(text: str) -> set[str]:
        return {stem(w.lower()) for w in words.findall(text)}

    snippet = (DOCS / "_snippets/disclaimer.md").read_text(encoding="utf-8")
    own_text = set()
    for docname in site.env.found_docs:
        page = site_page(site.outdir / f"{docname}.html").select_one("article")
        own_text |= stems(text_without(page, DISCLAIMER))
    js = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1 : js.rindex(")")])
    indexed = set(index["terms"]) | set(index["titleterms"])
    # Each disclaimer word in the index is there for a page's own text.
    assert stems(snippet) & indexed <= own_text
    assert len(stems(snippet) & indexed) > 5


def test_search_engines_get_each_page_s_front_matter_description(site):
    for docname in sorted(site.env.found_docs):
        page = site_page(site.outdir / f"{docname}.html")
        expected = front_matter(site.env.doc2path(docname))["description"]
        (meta,) = page.select('meta[name="description"]')
        (og,) = page.select('meta[property="og:description"]')
        assert meta["content"] == og["content"] == expected, docname
