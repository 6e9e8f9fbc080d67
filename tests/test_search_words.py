"""What the search page knows besides Sphinx's index: words, synonyms, lists."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from sphinx.search.en import SearchEnglish

from tests.conftest import build, build_root
from tests.helpers import plain, soup
from tests.test_bibcheck import stopped_with
from tests.test_incremental import replace

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def data_file(outdir: Path) -> Path:
    """The one word list of a build, named by its content."""
    (path,) = (outdir / "_static").glob("medkb-search-data-*.js")
    return path


def search_data(outdir: Path) -> dict:
    text = data_file(outdir).read_text(encoding="utf-8")
    prefix = "window.medkbSearchData = "
    assert text.startswith(prefix)
    return json.loads(text.removeprefix(prefix).rstrip().removesuffix(";"))


def search_terms(outdir: Path) -> dict:
    js = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1 : js.rindex(")")])
    return {**index["terms"], **index["titleterms"]}, index["docnames"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_root("search-words", tmp_path_factory.mktemp("search-words"))


def test_the_word_list_holds_the_pages_words_and_not_the_boxes_or_sources(built):
    words = set(search_data(built.outdir)["words"])
    assert {"tension", "pressure", "painkillers", "therapy", "band"} <= words
    assert "xylograph" not in words  # only the disclaimer says it
    assert "quokkas" not in words  # only a source's title says it
    assert not any(len(word) < 3 for word in words)


def test_each_page_s_description_is_given_for_ranking(built):
    descriptions = search_data(built.outdir)["descriptions"]
    assert set(descriptions["index"].split()) >= {"tension", "band", "head"}
    assert "glossary" not in descriptions  # it has none


def test_synonyms_come_from_the_glossary_and_the_list_for_the_build_s_language(
    built,
):
    synonyms = search_data(built.outdir)["synonyms"]
    assert synonyms["cbt"] == ["cognitive behavioral therapy"]
    assert synonyms["cognitive behavioral therapy"] == ["cbt"]
    assert synonyms["medication"] == ["painkillers"]
    assert synonyms["band"] == ["pressure"]
    assert "analgésico" not in synonyms  # a Spanish line, for a Spanish build


def test_a_page_s_own_sources_are_left_out_of_search_and_every_source_is_not(built):
    terms, docnames = search_terms(built.outdir)
    stem = SearchEnglish({}).stem
    # The title of the one source: only the list of every source holds it.
    found = terms[stem("quokkas")]
    assert [docnames[f] for f in ([found] if isinstance(found, int) else found)] == [
        "sources"
    ]
    own = soup(built.outdir / "index.html").select(".medkb-page-sources")
    assert len(own) == 1
    assert "no-search" in own[0]["class"]
    assert own[0].select(".citation")  # the list is still shown
    assert not soup(built.outdir / "sources.html").select(".medkb-page-sources")
    # Both lists explain; neither answers: search ranks them after the pages.
    assert search_data(built.outdir)["lists"] == ["glossary", "sources"]


def test_the_search_page_runs_the_search_after_its_data_and_every_page_has_the_key(
    built,
):
    scripts = [
        (script["src"].split("?")[0], script.get("defer"))
        for script in soup(built.outdir / "search.html").select("script[src]")
    ]
    names = [src for src, _ in scripts]
    data = names.index(f"_static/{data_file(built.outdir).name}")
    search = names.index("_static/medkb-search.js")
    assert data < search
    assert scripts[data][1] is not None
    assert scripts[search][1] is not None
    page = [s["src"] for s in soup(built.outdir / "index.html").select("script[src]")]
    assert any("medkb-search-key.js" in src for src in page)
    assert not any("medkb-search.js" in src for src in page)


def test_a_single_page_build_writes_no_search_data(tmp_path):
    app = build_root("search-words", tmp_path, "singlehtml")
    assert app.statuscode == 0
    assert not list((app.outdir / "_static").glob("medkb-search-data*"))


def test_a_build_with_other_words_replaces_the_word_list_under_a_new_name(
    copy_root, tmp_path
):
    src = copy_root("search-words")
    first = data_file(build(src, tmp_path).outdir).name
    replace(src / "index.md", "Painkillers can ease it.", "Rest can ease it.")
    second = build(src, tmp_path)
    assert data_file(second.outdir).name != first  # the old file is gone, too
    assert "painkillers" not in search_data(second.outdir)["words"]


def test_a_malformed_synonym_list_stops_the_build_at_each_wrong_line(copy_root, capsys):
    src = copy_root("search-words")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('medkb_search_synonyms_file = "_data/malformed.txt"\n')
    lines = stopped_with(capsys, src)
    where = f"{src / '_data' / 'malformed.txt'}"
    said = {
        int(line.removeprefix(f"{where}:").split(":")[0]): line
        for line in lines
        if line.startswith(where)
    }
    assert sorted(said) == [1, 3, 4, 5, 7]
    assert "comes before any language line" in said[1]
    assert "write one '='" in said[3]
    assert "is not a language line" in said[4]
    assert "both sides of '=' need words" in said[5]
    assert "'painkiller' is already listed at line 6" in said[7]
    assert all("[medkb.search-synonyms]" in line for line in said.values())


def test_a_synonym_leading_to_words_no_page_uses_fails_at_its_line(tmp_path):
    app = build_root(
        "search-words", tmp_path, medkb_search_synonyms_file="_data/unused.txt"
    )
    warnings = plain(app.warning.getvalue())
    assert app.statuscode == 1
    assert (
        "unused.txt:2: ERROR: 'analgesic medicine' leads to 'analgesic', 'medicine', "
        "which no page uses, so searching for 'painkiller' finds nothing through it"
    ) in warnings
    assert "unused.txt:3" not in warnings  # 'pressure' is on a page
