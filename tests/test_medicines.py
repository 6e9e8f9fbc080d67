"""Medicines as entries: a cited safety box, linked from every page that names it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import build_root
from tests.helpers import plain, soup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def errors(app) -> list[str]:
    return [line for line in plain(app.warning.getvalue()).splitlines() if line]


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One build of the root for the tests that only read it."""
    return build_root("medicines", tmp_path_factory.mktemp("medicines"))


def test_an_entry_shows_every_field_with_its_citation(entries):
    app = entries
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "medicines/valproate.html")
    (box,) = page.select(".medkb-medicine-safety")
    titles = [t.get_text(strip=True) for t in box.select(".medkb-medicine-field-title")]
    assert titles == [
        "What it is",
        "What it is used for on this site",
        "Who should not take it",
        "Pregnancy",
        "Breastfeeding",
        "Boxed warning (the strongest warning on the label)",
        "Most serious warnings",
        "Practical cautions",
    ]
    for field in box.select(".medkb-medicine-field"):
        assert field.select(".bibtex-citation"), field
    pregnancy = box.select_one(".medkb-pregnancy").get_text(" ", strip=True)
    assert "Must not be used to prevent migraine in pregnancy" in pregnancy
    # The optional boxed warning is left out where an entry has none.
    triptans = soup(app.outdir / "medicines/triptans.html")
    assert not triptans.select(".medkb-boxed-warning")


def test_an_entry_lists_the_pages_that_mention_it(entries):
    app = entries
    page = soup(app.outdir / "medicines/valproate.html")
    links = [a["href"] for a in page.select("ul.medkb-medicine-mentions a")]
    # Mentions linked, plain, by alias, and in the exempt glossary; not the
    # page the entry is on, nor a mention in a code block only.
    assert links == ["../attacks.html", "../prevention.html"]
    triptans = soup(app.outdir / "medicines/triptans.html")
    mentioned = [a["href"] for a in triptans.select("ul.medkb-medicine-mentions a")]
    assert mentioned == ["../attacks.html", "../glossary.html", "valproate.html"]


def test_the_role_links_a_mention_by_name_or_alias(entries):
    app = entries
    attacks = soup(app.outdir / "attacks.html")
    links = {a.get_text(): a["href"] for a in attacks.select("p a.reference.internal")}
    assert links == {
        "triptan": "medicines/triptans.html",
        "Depakote": "medicines/valproate.html",
    }


def test_the_index_lists_every_entry(entries):
    app = entries
    index = soup(app.outdir / "medicines/index.html").select_one(
        ".medkb-medicine-index"
    )
    items = [li.get_text(" ", strip=True) for li in index.select("li")]
    assert items == [
        "Triptans (also: sumatriptan, triptan): What triptans are.",
        "Valproate (also: divalproex sodium, Depakote): What valproate is and its "
        "pregnancy warning.",
    ]


@pytest.mark.sphinx("html", testroot="medicines-bad", freshenv=True)
def test_bad_entries_and_mentions_fail_at_their_line(app):
    app.build()
    src = app.srcdir
    assert errors(app) == [
        f"{src}/medicines/triptans.md:1: ERROR: this medicine entry does not show "
        "its safety box; add a '## Safety information' section holding the "
        "directive ```{medicine-safety}``` (with its closing ```). "
        "[medkb.medicine-entry]",
        f"{src}/medicines/valproate.md:3: ERROR: the medicine entry has no "
        "'pregnancy' field (Pregnancy); add it under 'medicine:' with a citation. "
        'If the sources leave it open, say "Not established" and cite where that '
        "is stated. [medkb.medicine-entry]",
        f"{src}/medicines/valproate.md:5: ERROR: 'alias-names' is not a field of "
        "a medicine entry; use one of name, aliases, key-warning, what-it-is, "
        "used-for, who-should-not-take-it, pregnancy, breastfeeding, boxed-warning, "
        "serious-warnings, practical-cautions. [medkb.medicine-entry]",
        f"{src}/medicines/valproate.md:13: ERROR: the 'breastfeeding' field cites "
        "no source; end it with {cite:p}`key` for the label, regulator's notice "
        "or guideline it comes from. [medkb.medicine-entry]",
        f"{src}/prevention.md:3: ERROR: the first mention of 'valproate' on this "
        "page is plain text; write {medicine}`valproate` there, so readers are "
        "one tap from the warnings of its entry (Valproate). "
        "[medkb.medicine-unlinked]",
        f"{src}/prevention.md:5: ERROR: {{medicine}}`valproat` names no medicine "
        "entry; use a name or alias of an entry in medicines/ (Triptans, "
        "Valproate), or add the entry first. [medkb.medicine-unknown]",
        "ERROR: 6 error(s) above must be fixed before the site can be published. "
        "[medkb.errors]",
    ]
    assert app.statuscode == 1
    # The misspelled link keeps its text: nothing a reader should see is lost.
    assert "valproat" in (app.outdir / "prevention.html").read_text()


def test_a_safety_edit_rewrites_only_that_entry(app_params, make_app, copy_root):
    srcdir = copy_root("medicines")
    args, kwargs = app_params
    app = make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": True})
    app.build()
    entry = srcdir / "medicines/triptans.md"
    entry.write_text(
        entry.read_text().replace("Heart attack", "Heart attack and stroke"),
        encoding="utf-8",
    )
    app = make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": False})
    app.build()
    status = plain(app.status.getvalue())
    assert "1 changed" in status
    written = status.split("writing output... ")[-1]
    assert "medicines/triptans" in written
    assert "prevention" not in written
    assert "medicines/valproate" not in written


def test_a_new_alias_rereads_the_pages_that_hold_it(app_params, make_app, copy_root):
    srcdir = copy_root("medicines")
    args, kwargs = app_params
    (srcdir / "notes.md").write_text(
        "# Notes\n\nA page linked to {doc}`prevention` that names Imitrex.\n",
        encoding="utf-8",
    )
    app = make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": True})
    app.build()
    assert app.warning.getvalue() == ""
    entry = srcdir / "medicines/triptans.md"
    entry.write_text(
        entry.read_text().replace(
            "[sumatriptan, triptan]", "[sumatriptan, triptan, Imitrex]"
        ),
        encoding="utf-8",
    )
    app = make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": False})
    app.build()
    assert "notes.md:3: ERROR: the first mention of 'Imitrex'" in plain(
        app.warning.getvalue()
    )
