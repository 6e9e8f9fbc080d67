"""Each page's schema.org MedicalWebPage JSON-LD says what the page says, and no
more (medkb.structured_data)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import DOCS, build_root
from tests.helpers import front_matter, plain, site_page, soup

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

ROOT = "structured-data"
BASE = "https://example.org/en/latest/"


def json_ld(page: BeautifulSoup) -> list[dict[str, Any]]:
    return [
        json.loads(script.string)
        for script in page.find_all("script", type="application/ld+json")
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_root(ROOT, tmp_path_factory.mktemp(ROOT))


def data_of(app: SphinxTestApp, name: str) -> dict[str, Any]:
    (data,) = json_ld(soup(app.outdir / f"{name}.html"))
    return data


def test_the_build_has_no_warning(built):
    assert built.warning.getvalue() == ""
    assert built.statuscode == 0


def test_a_page_with_sources_describes_itself_and_each_source(built):
    data = data_of(built, "section/cited")
    assert {k: v for k, v in data.items() if k not in {"citation", "breadcrumb"}} == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "A cited page",
        "description": "A page with sources </script> and one condition.",
        "url": BASE + "section/cited.html",
        "inLanguage": "en",
        "lastReviewed": "2026-11-30",
        "about": {"@type": "MedicalCondition", "name": "Migraine"},
        "isPartOf": {"@type": "WebSite", "name": "Structured data", "url": BASE},
    }
    works = {work["name"]: work for work in data["citation"]}
    assert sorted(works) == [
        "Botulinum toxin in migraine",
        "Trigger point evaluation in migraine patients",
        "Trigger point injections for headache disorders",
    ]
    review = works["Trigger point injections for headache disorders"]
    assert review["@type"] == "ScholarlyArticle"
    assert review["sameAs"] == ["https://doi.org/10.1000/robbins.2014"]
    assert review["datePublished"] == "2014"


def test_a_value_cannot_close_the_script(built):
    html = (built.outdir / "section/cited.html").read_text(encoding="utf-8")
    script = html.split('<script type="application/ld+json">', 1)[1]
    assert script.index("</script>") > script.index("one condition")


def test_the_breadcrumb_follows_the_table_of_contents(built):
    items = data_of(built, "section/reviewed")["breadcrumb"]["itemListElement"]
    assert [(i["position"], i["name"], i["item"]) for i in items] == [
        (1, "Structured data home", BASE + "index.html"),
        (2, "A section", BASE + "section/index.html"),
        (3, "A reviewed page", BASE + "section/reviewed.html"),
    ]


def test_only_a_registered_reviewer_is_named(built):
    assert data_of(built, "section/reviewed")["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Test Person",
        "jobTitle": "Test neurologist",
    }
    for name in ["index", "section/index", "section/cited", "reviewers"]:
        assert "reviewedBy" not in data_of(built, name), name


def test_several_conditions_and_none(built):
    assert data_of(built, "index")["about"] == [
        {"@type": "MedicalCondition", "name": "Fibromyalgia"},
        {"@type": "MedicalCondition", "name": "Migraine"},
    ]
    assert "about" not in data_of(built, "section/index")
    assert "citation" not in data_of(built, "section/index")


def test_sphinx_s_own_pages_and_epub_have_none(built, tmp_path):
    for name in ["genindex", "search"]:
        assert json_ld(soup(built.outdir / f"{name}.html")) == []
    epub = build_root(ROOT, tmp_path, "epub")
    assert all(
        "application/ld+json" not in page.read_text(encoding="utf-8")
        for page in epub.outdir.glob("*.xhtml")
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("' '", "names no condition"),
        (
            "Migraine; {cite:p}`robbins2014`",
            "has '{cite:p}`robbins2014`', which is not a plain condition name",
        ),
    ],
)
def test_an_about_that_is_not_a_condition_is_an_error_at_its_line(
    copy_root, tmp_path, value, reason
):
    srcdir = copy_root(ROOT)
    page = srcdir / "section/cited.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("about: Migraine", f"about: {value}"),
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "out")
    try:
        app.build()
    finally:
        app.cleanup()
    shown = value.strip("' ")
    assert (
        plain(app.warning.getvalue())
        .splitlines()[0]
        .endswith(
            f"cited.md:3: ERROR: 'about: {shown}' {reason}; write the condition "
            "the page is about in plain words, several separated by ';', such as "
            "'about: Fibromyalgia; Migraine', or remove the line. "
            "[medkb.structured-data]"
        )
    )
    assert app.statuscode == 1


DISCLAIMER_PHRASES_MIN_WORDS = 6


def test_every_page_of_the_site_carries_what_it_says(site):
    pages = [
        p
        for p in sorted(site.outdir.rglob("*.html"))
        if "_static" not in p.parts
        and p.relative_to(site.outdir).as_posix()
        not in {"genindex.html", "search.html", "404.html"}
    ]
    assert len(pages) >= 90
    wrong = []
    for path in pages:
        name = path.relative_to(site.outdir).with_suffix("").as_posix()
        page = site_page(path)
        scripts = json_ld(page)
        if len(scripts) != 1:
            wrong.append(f"{name}: {len(scripts)} JSON-LD scripts")
            continue
        (data,) = scripts
        meta = front_matter(site.srcdir / f"{name}.md")
        canonical = page.find("link", rel="canonical")
        expected = {
            "@type": "MedicalWebPage",
            "lastReviewed": str(meta["reviewed"]),
            "description": meta["description"],
            "url": canonical["href"] if canonical else None,
            "inLanguage": page.find("html")["lang"],
            "name": page.find("h1").get_text().removesuffix("¶").strip(),
        }
        for key, value in expected.items():
            if data.get(key) != value:
                wrong.append(f"{name}: {key} is {data.get(key)!r}, not {value!r}")
        about = [c.strip() for c in str(meta.get("about", "")).split(";") if c.strip()]
        shown = data.get("about", [])
        shown = [shown] if isinstance(shown, dict) else shown
        if [c["name"] for c in shown] != about:
            wrong.append(f"{name}: about {shown!r}, front matter {about!r}")
        if ("reviewedBy" in data) != (meta["review-status"] == "clinician-reviewed"):
            wrong.append(f"{name}: reviewedBy {data.get('reviewedBy')!r}")
        # Each entry of the page's reference list, and nothing else, by DOI.
        entries = page.select("div.citation")
        works = data.get("citation", [])
        if len(works) != len(entries):
            wrong.append(f"{name}: {len(works)} sources, list shows {len(entries)}")
        listed = sorted(
            a["href"] for a in page.select("div.citation a[href^='https://doi.org/']")
        )
        given = sorted(
            url for w in works for url in w.get("sameAs", []) if "doi.org" in url
        )
        if listed != given:
            wrong.append(f"{name}: DOIs {given} differ from the list's {listed}")
        # The disclaimer is the page's text, not a fact about the page.
        text = json.dumps(data, ensure_ascii=False)
        for box in page.select(".medkb-disclaimer p"):
            for sentence in box.get_text(" ", strip=True).split(". "):
                if len(sentence.split()) >= DISCLAIMER_PHRASES_MIN_WORDS and (
                    sentence in text
                ):
                    wrong.append(f"{name}: the disclaimer's {sentence!r}")
    assert wrong == []


def test_the_site_s_pages_name_a_condition_where_they_are_about_one(site):
    named = [d for d in site.env.found_docs if site.env.metadata[d].get("about")]
    assert len(named) >= 40


def test_a_second_build_in_one_process_gives_the_sources_as_they_are_now(
    copy_root, tmp_path
):
    srcdir = copy_root(ROOT)
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "out")
    try:
        app.build()
        page = srcdir / "section/cited.md"
        page.write_text(
            page.read_text(encoding="utf-8").replace(
                "{cite:p}`calandre2006,hidalgo2006`", "{cite:p}`calandre2006`"
            ),
            encoding="utf-8",
        )
        app.build()  # the same environment: what the first build knew is stale
    finally:
        app.cleanup()
    names = [work["name"] for work in data_of(app, "section/cited")["citation"]]
    assert "Botulinum toxin in migraine" not in names
    assert len(names) == 2


def test_a_field_is_decoded_only_where_latexcodec_would_change_it():
    # plain() skips latexcodec for a field it would leave as it is: the skip
    # must never change what a reader sees, for the site's sources or any text.
    import codecs
    import random

    from pybtex.database import parse_file

    from medkb.structured_data import NEEDS_DECODING

    def decoded(text: str) -> str:
        return codecs.decode(text, "ulatex")  # type: ignore[call-overload]

    texts = []
    for entry in parse_file(DOCS / "refs.bib").entries.values():
        texts += entry.fields.values()
        texts += [str(person) for person in entry.persons.get("author", [])]
    rng = random.Random(2)
    # Typographic dashes and quotes too, as sources are written.
    alphabet = "abcXYZ019 .,;:()[]{}<>/|*+=@-'!?\u00e9\u00fc\u00f1\u2013\u2014\u2019"
    texts += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for _ in range(20000)
    ]
    skipped = [text for text in texts if not NEEDS_DECODING.search(text)]
    assert len(skipped) > len(texts) / 2
    assert [text for text in skipped if decoded(text) != text] == []
    # And what it does decode, it decodes: dashes, quotes, escapes, spaces.
    for text in ("a -- b", "``q''", 'M\\"uller', "x~y", "a  b", "50\\%"):
        assert NEEDS_DECODING.search(text)
