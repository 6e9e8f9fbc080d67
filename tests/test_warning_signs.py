"""Warning signs from one cited file, as care cards on every page that needs them."""

from __future__ import annotations

import pytest

from tests.helpers import plain, soup
from tests.test_bibcheck import stopped_with

CARDS = [
    "Call your local emergency number now if you have a headache and:",
    "Get urgent medical help today if you have a headache and:",
    "See a doctor soon if you have a headache and:",
]


@pytest.mark.sphinx("html", testroot="warning-signs", freshenv=True)
def test_every_required_page_shows_the_same_cards_most_urgent_first(app):
    app.build()
    assert app.warning.getvalue() == ""
    shown = {}
    for page in (
        "headache/index",
        "headache/migraine",
        "headache/cluster",
        "other/extra",
    ):
        (cards,) = soup(app.outdir / f"{page}.html").select(".medkb-warning-signs")
        titles = [
            t.get_text(strip=True) for t in cards.select(".medkb-care-card-title")
        ]
        assert titles == CARDS, page
        # Each sign keeps its citation, resolved to the page's own reference list.
        for item in cards.select("li"):
            assert item.select(".bibtex-citation a[href^='#']"), (page, item)
        shown[page] = [li["id"] for li in cards.select("li")]
    assert set(map(tuple, shown.values())) == {
        (
            "warning-sign-thunderclap",
            "warning-sign-giant-cell-arteritis",
            "warning-sign-change",
        )
    }


@pytest.mark.sphinx("html", testroot="warning-signs-missing", freshenv=True)
def test_a_required_page_without_the_cards_is_an_error_naming_it(app):
    app.build()
    assert plain(app.warning.getvalue()).splitlines() == [
        f"{app.srcdir}/headache/cluster.md:1: ERROR: page 'headache/cluster' must "
        "show the headache warning signs; add a 'When to get medical help' section "
        "holding ```{warning-signs} headache``` (with its closing ```), in place of "
        "any list written by hand. [medkb.warning-signs-missing]",
        "ERROR: 1 error(s) above must be fixed before the site can be published. "
        "[medkb.errors]",
    ]
    assert app.statuscode == 1


def test_a_bad_sign_stops_the_build_at_its_line(capsys, copy_root):
    srcdir = copy_root("warning-signs-bad-data")
    data = (srcdir / "_data/warning-signs.yaml").resolve()
    assert stopped_with(capsys, srcdir) == [
        f"{data}:6: ERROR: the id 'thunderclap' is used twice in 'headache'; give "
        "each sign its own id. [medkb.warning-signs]",
        f"{data}:11: ERROR: urgency 'right-now' is not one of emergency, urgent, "
        "soon. [medkb.warning-signs]",
        f"{data}:16: ERROR: the sign 'change' cites no source; end its text with "
        "{cite:p}`key` for the guideline it comes from. [medkb.warning-signs]",
    ]


def test_editing_the_signs_rereads_exactly_the_pages_that_show_them(
    app_params, make_app, copy_root
):
    srcdir = copy_root("warning-signs")
    args, kwargs = app_params
    make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": True}).build()
    data = srcdir / "_data/warning-signs.yaml"
    data.write_text(data.read_text().replace("jaw pain", "jaw pain or scalp pain"))
    app = make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": False})
    app.build()
    status = plain(app.status.getvalue())
    assert "4 changed" in status, status
    page = soup(app.outdir / "headache/migraine.html")
    assert "jaw pain or scalp pain" in page.select_one(".medkb-care-urgent").get_text()


@pytest.mark.sphinx("html", testroot="warning-signs", freshenv=True)
def test_search_finds_the_signs_only_on_the_page_whose_list_is_searchable(app):
    app.build()
    classes = {
        page: soup(app.outdir / f"{page}.html").select_one(".medkb-warning-signs")[
            "class"
        ]
        for page in ("headache/index", "headache/migraine", "other/extra")
    }
    assert "no-search" not in classes["headache/index"]  # its directive says so
    assert "no-search" in classes["headache/migraine"]
    assert "no-search" in classes["other/extra"]
