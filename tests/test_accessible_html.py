"""Reference lists and wide tables are written as assistive technology expects."""

from __future__ import annotations

import pytest

from tests.helpers import soup


@pytest.mark.sphinx("html", testroot="accessible-html")
def test_a_reference_list_holds_list_items(app):
    app.build()
    page = soup(app.outdir / "index.html")
    (reference_list,) = page.select(".citation-list")
    assert reference_list["role"] == "list"
    entries = reference_list.find_all(recursive=False)
    assert len(entries) == 2
    # ARIA: a list's children are list items (axe: aria-required-children).
    assert [entry["role"] for entry in entries] == ["listitem", "listitem"]
    assert not page.select('[role="doc-biblioentry"]')


@pytest.mark.sphinx("html", testroot="accessible-html")
def test_a_table_that_may_scroll_is_a_named_region_a_keyboard_can_reach(app):
    app.build()
    wrappers = soup(app.outdir / "index.html").select(".table-wrapper")
    # axe: scrollable-region-focusable. The name is the caption, else the section.
    assert [(w["role"], w["tabindex"], w["aria-label"]) for w in wrappers] == [
        ("region", "0", "Table: How the doses compare"),
        ("region", "0", "Table: Side effects"),
    ]
    assert app.warning.getvalue() == ""


def card_classes(outdir) -> list[list[str]]:
    page = soup(outdir / "index.html")
    return [div.get("class", []) for div in page.select("div.sd-card, div.sd-card div")]


@pytest.mark.sphinx("html", testroot="accessible-html", freshenv=True)
def test_other_extensions_containers_are_written_as_they_write_them(
    app, make_app, tmp_path
):
    # sphinx-design writes its cards' containers itself; medkb must not.
    app.build()
    stock = make_app(
        "html",
        srcdir=app.srcdir,
        builddir=tmp_path / "stock",
        confoverrides={
            "extensions": ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"]
        },
    )
    stock.build()
    ours, theirs = card_classes(app.outdir), card_classes(stock.outdir)
    assert ours == theirs
    assert ours[0] == [
        "sd-card",
        "sd-sphinx-override",
        "sd-mb-3",
        "sd-shadow-sm",
        "docutils",
    ]
