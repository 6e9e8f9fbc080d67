"""The disclaimer stays out of the search index and the page descriptions."""

from __future__ import annotations

import json

import pytest
from sphinx.search.en import SearchEnglish

from tests.helpers import soup

ONLY_IN_DISCLAIMER = ["knowledge", "general", "information", "replace", "advice"]
ALSO_ON_THE_PAGE = ["doctor", "migraine"]


def search_terms(outdir) -> set[str]:
    js = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1 : js.rindex(")")])
    return set(index["terms"]) | set(index["titleterms"])


@pytest.mark.sphinx("html", testroot="disclaimer-search", freshenv=True)
def test_search_index_holds_no_word_only_the_disclaimer_has(app):
    app.build()
    terms = search_terms(app.outdir)
    stem = SearchEnglish({}).stem
    for word in [*ONLY_IN_DISCLAIMER, "medical", "disclaimer"]:
        assert stem(word) not in terms, word
    for word in ALSO_ON_THE_PAGE:
        assert stem(word) in terms, word


@pytest.mark.sphinx("html", testroot="disclaimer-search", freshenv=True)
def test_description_comes_from_the_page_not_the_disclaimer(app):
    app.build()
    for docname, own_words in [("index", "Migraine is"), ("tension", "tight band")]:
        page = soup(app.outdir / f"{docname}.html")
        for meta in [
            page.find("meta", attrs={"name": "description"}),
            page.find("meta", attrs={"property": "og:description"}),
        ]:
            assert own_words in meta["content"], docname
            for word in ONLY_IN_DISCLAIMER:
                assert word not in meta["content"].lower(), (docname, word)
