"""Every HTML page loads the citation previews' script (medkb.citation_previews);
EPUB and the option turned off keep citations as plain links to the list.

How the cards behave in a browser: tests/browser/test_citation_previews.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from medkb.citation_previews import SCRIPT
from tests.conftest import ROOTS, build_root
from tests.helpers import soup

if TYPE_CHECKING:
    from pathlib import Path

ROOT = "citation-previews"


def preview_scripts(page: Path) -> list[dict[str, str]]:
    """The page's script elements that load the previews, with their attributes."""
    return [
        {name: " ".join(v) if isinstance(v, list) else v for name, v in s.attrs.items()}
        for s in soup(page).find_all("script", src=True)
        if str(s["src"]).split("?")[0].endswith("/" + SCRIPT)
    ]


def test_each_page_of_a_parallel_build_loads_the_script_once_deferred(tmp_path):
    app = SphinxTestApp(
        "html", srcdir=ROOTS / f"test-{ROOT}", builddir=tmp_path, parallel=2
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    for name in ["index.html", "other.html"]:
        (script,) = preview_scripts(app.outdir / name)
        assert script["src"].startswith("_static/" + SCRIPT)
        assert "defer" in script
    shipped = (app.outdir / "_static" / SCRIPT).read_text(encoding="utf-8")
    assert "aria-describedby" in shipped


def test_without_the_script_a_citation_is_a_link_to_its_entry(tmp_path):
    app = build_root(ROOT, tmp_path)
    page = soup(app.outdir / "index.html")
    links = page.select(".bibtex-citation a")
    assert len(links) == 3
    for link in links:
        entry = page.find(id=str(link["href"]).removeprefix("#"))
        assert entry is not None
        assert "citation" in entry["class"]


@pytest.mark.parametrize(
    ("builder", "overrides"),
    [("epub", {}), ("html", {"medkb_citation_previews": False})],
    ids=["epub", "option-off"],
)
def test_no_script_where_it_is_not_wanted(tmp_path, builder, overrides):
    app = build_root(ROOT, tmp_path, builder, **overrides)
    pages = sorted(app.outdir.glob("*.html")) + sorted(app.outdir.glob("*.xhtml"))
    assert {p.stem for p in pages} >= {"index", "other"}
    assert [p.name for p in pages if preview_scripts(p)] == []
    assert not (app.outdir / "_static" / SCRIPT).exists()


def test_every_page_of_the_site_loads_the_script(site):
    pages = [p for p in site.outdir.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= 90
    assert [p.name for p in pages if len(preview_scripts(p)) != 1] == []
