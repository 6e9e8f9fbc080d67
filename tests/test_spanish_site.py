"""The real site's Spanish edition: every page translated, and honest about it."""

from __future__ import annotations

from babel.messages.pofile import read_po

from medkb._core.translation import sort_key
from tests.conftest import DOCS
from tests.helpers import plain, site_page

CATALOGS = DOCS / "locales" / "es" / "LC_MESSAGES"


def test_the_spanish_edition_builds_without_a_warning(spanish_site):
    assert spanish_site.statuscode == 0
    assert plain(spanish_site.warning.getvalue()) == ""


def test_every_catalog_is_fully_translated():
    lacking = {}
    for path in sorted(CATALOGS.rglob("*.po")):
        with path.open("rb") as source:
            catalog = read_po(source)
        undone = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        if undone:
            lacking[str(path.relative_to(CATALOGS))] = undone
    assert lacking == {}


def test_every_page_has_its_spanish_counterpart_and_says_so(site, spanish_site):
    english = sorted(site.env.found_docs)
    assert sorted(spanish_site.env.found_docs) == english
    for docname in english:
        page = site_page(spanish_site.outdir / f"{docname}.html")
        assert page.html["lang"] == "es", docname
        assert page.select_one(".medkb-translation-notice") is None, docname
        assert page.select(".untranslated") == [], docname
        article = page.find("article")
        if docname != "disclaimer":
            first = article.find("h1").find_next("p")
            assert first.get_text() == "Aviso médico", docname
        review = article.select_one(".medkb-review").get_text(" ", strip=True)
        assert review.startswith("Traducida de la página en inglés y cotejada"), docname
        assert "no ha sido revisada por un profesional clínico" in review
        assert "Página en inglés: Fuentes comprobadas:" in review
        switch = page.select_one("nav.medkb-language-switch a")
        assert switch["href"] == f"/en/latest/{docname}.html"


def test_medicine_boxes_and_warning_signs_are_spanish(spanish_site):
    triptans = site_page(spanish_site.outdir / "medicines/triptans.html")
    box = triptans.select_one(".medkb-medicine-safety").get_text(" ", strip=True)
    assert box.startswith("Información de seguridad: Triptanes")
    assert "Quién no debe tomarlo" in box
    assert "Who should not take it" not in box
    signs = site_page(spanish_site.outdir / "headache/when-to-get-help.html")
    cards = signs.select_one(".medkb-warning-signs").get_text(" ", strip=True)
    assert "Llame ahora al número de emergencias de su zona" in cards
    assert "A sudden, very bad headache" not in cards
    bibliography = site_page(spanish_site.outdir / "bibliography.html").get_text()
    assert (
        "Tipo de fuente: Resumen de congreso, no un artículo completo." in bibliography
    )


def test_the_spanish_glossary_runs_a_to_z_by_its_spanish_terms(spanish_site):
    glossary = site_page(spanish_site.outdir / "reference/glossary.html")
    # An entry's first term: a <dt> that starts the list or follows a <dd>.
    first_terms = [
        dt.get_text(strip=True).rstrip("¶")
        for dt in glossary.select("dl.glossary > dt")
        if dt.find_previous_sibling() is None or dt.find_previous_sibling().name == "dd"
    ]
    assert len(first_terms) >= 40
    assert first_terms == sorted(first_terms, key=sort_key)
    assert first_terms[0] == "advertencia en recuadro"
