"""The Spanish edition of a test root: its boxes, its links to the English
edition, and what it says once the English page moves on.

Each test edits a copy of ``tests/roots/test-translations``, whose catalogs are
complete; ``tools/update_translations.py`` is the command a maintainer runs
(``python3 -m tox -e translations``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

from tests.helpers import plain, soup

ROOT = Path(__file__).parents[1]
TOOL = ROOT / "tools" / "update_translations.py"
PAGES = [
    "index",
    "migraine",
    "tension",
    "sleep",
    "cluster",
    "nested/index",
    "nested/deep",
]
NOTICE = ".medkb-translation-notice"
NEW_TEXT = "Migraine is a headache that comes back again and again."


def spanish(
    srcdir: Path, outdir: Path, *, jobs: int = 1, **conf: object
) -> SphinxTestApp:
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=outdir,
        confoverrides={"language": "es", **conf},
        parallel=jobs if jobs > 1 else 0,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def update_catalogs(srcdir: Path) -> str:
    """What a maintainer runs after editing an English page."""
    done = subprocess.run(
        [sys.executable, str(TOOL), "--docs", str(srcdir), "--pages-only"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def edit_english_paragraph(srcdir: Path) -> None:
    page = srcdir / "migraine.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("Migraine is a headache that comes back.", NEW_TEXT),
        encoding="utf-8",
    )


def notices(outdir: Path) -> dict[str, str]:
    found = {}
    for docname in PAGES:
        notice = soup(outdir / "html" / f"{docname}.html").select_one(NOTICE)
        if notice is not None:
            found[docname] = notice.get_text(" ", strip=True)
    return found


@pytest.fixture
def root(copy_root) -> Path:
    return copy_root("translations")


def test_every_page_is_spanish_and_says_how_it_was_checked(root, tmp_path):
    app = spanish(root, tmp_path / "b")
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    for docname in PAGES:
        page = soup(app.outdir / f"{docname}.html")
        assert page.html["lang"] == "es"
        assert page.title.get_text().endswith("Notas sobre el dolor de cabeza")
        box = page.select_one(".medkb-disclaimer")
        assert box.find(class_="admonition-title").get_text() == "Aviso médico"
        assert "no sustituye a su médico" in box.get_text()
        review = page.select_one(".medkb-review").get_text(" ", strip=True)
        assert review.startswith(
            "Traducida de la página en inglés y cotejada con ella el 1 de diciembre "
            "de 2026; la traducción no ha sido revisada por un profesional clínico."
        ), review
        assert "Fuentes comprobadas: 28 de noviembre de 2026" in review
        assert "Próxima revisión prevista: 28 de noviembre de 2027" in review
        assert page.select_one(NOTICE) is None, docname
        assert page.select(".untranslated") == []
    description = soup(app.outdir / "migraine.html").find(
        "meta", attrs={"name": "description"}
    )
    assert description["content"] == "Qué es la migraña."


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [
        ("html", "{docname}.html"),
        ("epub", "{docname}.xhtml"),
        ("text", "{docname}.txt"),
    ],
)
def test_the_spanish_disclaimer_is_under_each_title_in_every_builder(
    root, tmp_path, builder, pattern
):
    app = SphinxTestApp(
        builder, srcdir=root, builddir=tmp_path, confoverrides={"language": "es"}
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0, app.warning.getvalue()
    for docname in PAGES:
        path = app.outdir / pattern.format(docname=docname)
        if builder == "text":
            lines = [
                ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()
            ]
            # Title, its underline, then the box.
            assert lines[2].startswith("Aviso médico"), lines[:4]
            assert "Medical disclaimer" not in path.read_text(encoding="utf-8")
            continue
        page = soup(path)
        # The first paragraph after the title is the box's own title.
        first = page.find("h1").find_next("p")
        assert first.find_parent(class_="medkb-disclaimer") is not None, docname
        assert first.get_text() == "Aviso médico"
        assert "Medical disclaimer" not in page.get_text()


def test_the_spanish_disclaimer_is_in_the_latex_book(root, tmp_path):
    app = SphinxTestApp(
        "latex", srcdir=root, builddir=tmp_path, confoverrides={"language": "es"}
    )
    try:
        app.build()
    finally:
        app.cleanup()
    (tex,) = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert source.count(r"\begin{sphinxadmonition}{note}{Aviso médico}") == len(PAGES)
    assert "Medical disclaimer" not in source


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_page_links_to_its_counterpart(root, tmp_path, language):
    app = spanish(root, tmp_path / "b", language=language)
    other = {"en": "es", "es": "en"}[language]
    for docname in PAGES:
        page = soup(app.outdir / f"{docname}.html")
        switch = page.select_one("nav.medkb-language-switch")
        assert switch["aria-label"] == {"en": "Language", "es": "Idioma"}[language]
        (link,) = switch.find_all("a")
        assert link["href"] == f"/{other}/latest/{docname}.html"
        assert link["hreflang"] == link["lang"] == other
        assert switch.find(attrs={"aria-current": "page"})["lang"] == language
        head = {
            tag["hreflang"]: tag["href"]
            for tag in page.find_all("link", rel="alternate", hreflang=True)
        }
        assert head == {
            "en": f"https://example.org/en/latest/{docname}.html",
            "es": f"https://example.org/es/latest/{docname}.html",
            "x-default": f"https://example.org/en/latest/{docname}.html",
        }
    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    for docname in PAGES:
        entry = re.search(
            rf"<loc>https://example.org/{language}/latest/{docname}\.html</loc>(.*?)</url>",
            sitemap,
            re.DOTALL,
        )
        assert entry, docname
        assert (
            f'hreflang="{other}" href="https://example.org/{other}/latest/{docname}.html"'
            in entry[1]
        )


def test_not_found_page_is_spanish(root, tmp_path):
    app = spanish(root, tmp_path / "b")
    page = soup(app.outdir / "404.html")
    assert page.find("h1").get_text() == "Página no encontrada"
    links = {a.get_text(): a["href"] for a in page.select("p a")}
    assert links["página de inicio"] == "/es/latest/index.html"
    assert links["busque en la base de conocimientos"] == "/es/latest/search.html"


@pytest.mark.long
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("incremental", [False, True], ids=["clean", "incremental"])
def test_an_english_edit_shows_on_that_spanish_page_only(
    root, tmp_path, jobs, incremental
):
    if incremental:
        spanish(root, tmp_path / "b", jobs=jobs)
        assert notices(tmp_path / "b") == {}
    edit_english_paragraph(root)
    printed = update_catalogs(root)
    assert "migraine.po: 3 of 4 done, 1 fuzzy, 0 empty" in printed
    app = spanish(root, tmp_path / "b", jobs=jobs)
    assert app.statuscode == 0, app.warning.getvalue()
    found = notices(tmp_path / "b")
    assert list(found) == ["migraine"]
    assert found["migraine"].startswith(
        "Esta traducción no está al día Sigue la página en inglés tal como se "
        "revisó el 28 de noviembre de 2026."
    )
    assert (
        "Algunas partes aún no están traducidas (lo está el 80 %)" in found["migraine"]
    )
    page = soup(app.outdir / "migraine.html")
    (english,) = page.select(".untranslated")
    assert english.get_text() == NEW_TEXT
    assert english["lang"] == "en"
    original = page.select_one(f"{NOTICE} a")
    assert original["href"] == "/en/latest/migraine.html"


def test_the_changed_paragraph_keeps_its_old_translation_as_fuzzy(root):
    edit_english_paragraph(root)
    update_catalogs(root)
    with (root / "locales/es/LC_MESSAGES/migraine.po").open("rb") as po:
        catalog = read_po(po)
    changed = catalog[NEW_TEXT]
    assert changed.fuzzy
    assert changed.string == "La migraña es un dolor de cabeza que vuelve."


def test_a_new_english_review_shows_even_without_a_changed_paragraph(root, tmp_path):
    page = root / "migraine.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "reviewed: 2026-11-28", "reviewed: 2026-12-02"
        ),
        encoding="utf-8",
    )
    app = spanish(root, tmp_path / "b")
    assert app.statuscode == 0, app.warning.getvalue()
    found = notices(tmp_path / "b")
    assert list(found) == ["migraine"]
    assert (
        "La página en inglés se volvió a revisar el 2 de diciembre de 2026"
        in found["migraine"]
    )
    assert "Algunas partes" not in found["migraine"]


def test_a_message_translated_as_itself_counts_as_translated(root, tmp_path):
    # A name or a link may read the same in both languages: Sphinx (9 on)
    # counts the finished message as translated, and so does the notice.
    po_path = root / "locales/es/LC_MESSAGES/cluster.po"
    with po_path.open("rb") as po:
        catalog = read_po(po)
    catalog["Cluster headache"].string = "Cluster headache"
    with po_path.open("wb") as po:
        write_po(po, catalog)
    app = spanish(root, tmp_path / "b")
    assert notices(tmp_path / "b") == {}
    assert soup(app.outdir / "cluster.html").select(".untranslated") == []


def test_the_audit_lists_each_page_and_strict_fails_on_partial_ones(root, tmp_path):
    edit_english_paragraph(root)
    update_catalogs(root)
    listed = spanish(root, tmp_path / "list", medkb_translation_audit="list")
    assert listed.statuscode == 0
    output = listed.status.getvalue()
    assert re.search(r"^  migraine\s+partial \(80%\)$", output, re.MULTILINE), output
    assert re.search(r"^  tension\s+complete$", output, re.MULTILINE)
    assert "6 of 7 pages complete." in output
    strict = spanish(root, tmp_path / "strict", medkb_translation_audit="strict")
    assert strict.statuscode != 0
    warnings = strict.warning.getvalue()
    assert (
        "migraine.md:1: ERROR: the 'es' translation of 'migraine' is partial (80%)"
        in warnings
    )
    assert "tension" not in warnings


def test_a_page_without_a_record_is_an_error_naming_the_file(root, tmp_path):
    records = root / "translations.yaml"
    text = records.read_text(encoding="utf-8")
    records.write_text(
        text.replace(
            "  sleep:\n    english-review: 2026-11-28\n    checked: 2026-12-01\n", ""
        ),
        encoding="utf-8",
    )
    app = spanish(root, tmp_path / "b")
    assert app.statuscode != 0
    assert (
        f"{records}:1: ERROR: the page 'sleep' has no record under 'es'; add '  sleep:'"
        in app.warning.getvalue()
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "checked: 2026-12-01",
            "checked: 1 December",
            "'checked' must be a date as YYYY-MM-DD, not '1 December'.",
        ),
        (
            "english-review: 2026-11-28\n    checked",
            "english-reviewed: 2026-11-28\n    checked",
            "has unknown field(s) english-reviewed",
        ),
    ],
)
def test_a_malformed_record_stops_the_build_at_its_line(
    root, capsys, old, new, expected
):
    records = root / "translations.yaml"
    text = records.read_text(encoding="utf-8")
    records.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build_main(["-q", "-b", "html", str(root), str(root / "_build")])
    assert stopped.value.code == 2
    err = plain(capsys.readouterr().err)
    assert "Traceback" not in err
    assert re.search(
        rf"{re.escape(str(records))}:\d+: ERROR: .*{re.escape(expected)}", err
    ), err


def test_an_unregistered_reviewer_or_a_future_review_is_an_error(root, tmp_path):
    records = root / "translations.yaml"
    text = records.read_text(encoding="utf-8")
    text = text.replace(
        "  tension:\n    english-review: 2026-11-28\n",
        "  tension:\n    english-review: 2026-11-28\n    reviewed-by: someone\n",
    ).replace(
        "  cluster:\n    english-review: 2026-11-28",
        "  cluster:\n    english-review: 2026-12-30",
    )
    records.write_text(text, encoding="utf-8")
    app = spanish(root, tmp_path / "b")
    warnings = app.warning.getvalue()
    assert app.statuscode != 0
    assert "'tension': reviewed-by 'someone' is not a registered reviewer" in warnings
    assert (
        "'cluster': english-review 2026-12-30 is later than the English page's "
        "review (2026-11-28)" in warnings
    )


def test_medkb_speaks_the_language_of_each_build_in_one_process(root, tmp_path):
    spanish(root, tmp_path / "es")
    english = spanish(root, tmp_path / "en", language="en")
    review = (
        soup(english.outdir / "migraine.html")
        .select_one(".medkb-review")
        .get_text(" ", strip=True)
    )
    assert review.startswith("Sources checked 28 November 2026, not by a clinician.")
    assert (
        soup(english.outdir / "migraine.html")
        .select_one(".medkb-disclaimer .admonition-title")
        .get_text()
        == "Medical disclaimer"
    )


def test_updating_unchanged_catalogs_changes_no_file(root):
    catalogs = sorted((root / "locales").rglob("*.po"))
    before = {path: path.read_bytes() for path in catalogs}
    printed = update_catalogs(root)
    assert (
        "es: 8 catalogs, 28 of 28 messages translated; 0 catalogs need work." in printed
    )
    assert {path: path.read_bytes() for path in catalogs} == before
