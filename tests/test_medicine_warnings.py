"""An entry's key warning stands beside its first mention on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.helpers import build_noting_reads, soup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

WARNING = ".medkb-medicine-warning"
PREGNANCY = "Valproate must not be used to prevent migraine in pregnancy"


def blocks(page) -> list[tuple[str, str]]:
    """The page's top-level blocks under its title: tag or class, and text."""
    section = page.select_one("div.body > section")
    return [
        (
            "warning" if WARNING[1:] in (el.get("class") or []) else el.name,
            el.get_text(" ", strip=True),
        )
        for el in section.find_all(recursive=False)
        if el.name != "h1"
    ]


@pytest.mark.sphinx("html", testroot="medicine-warnings", freshenv=True)
def test_the_warning_follows_the_block_of_the_first_link_with_its_source(app):
    app.build()
    assert app.warning.getvalue() == ""
    prevention = soup(app.outdir / "prevention.html")
    kinds = [kind for kind, _ in blocks(prevention)]
    # After the paragraph of the first mention, and only once.
    assert kinds == ["p", "warning", "p", "section"]
    (box,) = prevention.select(WARNING)
    assert box.select_one(".admonition-title").get_text() == "Important: Valproate"
    assert PREGNANCY in box.get_text(" ", strip=True)
    link = box.select_one(".medkb-medicine-warning-more a")
    assert link["href"] == "medicines/valproate.html"
    # The warning's citation is the page's own: it is in the reference list.
    (citation,) = box.select("a[href^='#id']")
    references = prevention.select_one("section#references")
    assert references.find(id=citation["href"][1:])
    # In a list, the warning follows the whole list.
    choices = soup(app.outdir / "choices.html")
    assert [kind for kind, _ in blocks(choices)] == ["ul", "warning", "p", "section"]


@pytest.mark.sphinx("html", testroot="medicine-warnings", freshenv=True)
def test_only_pages_mentioning_an_entry_with_a_warning_show_one(app):
    app.build()
    assert not soup(app.outdir / "attacks.html").select(WARNING)
    # Its own entry shows the warning first in the box, not again below it.
    entry = soup(app.outdir / "medicines/valproate.html")
    assert not entry.select(WARNING)
    first = entry.select_one(".medkb-medicine-field")
    assert "medkb-key-warning" in first["class"]
    assert PREGNANCY in first.get_text(" ", strip=True)
    # Another entry that mentions it shows it, after its own box.
    triptans = soup(app.outdir / "medicines/triptans.html")
    (box,) = triptans.select(WARNING)
    assert box.find_previous_sibling(class_="medkb-medicine-safety")


def test_changing_the_warning_rereads_the_pages_that_mention_it(make_app, copy_root):
    srcdir = copy_root("medicine-warnings")

    def build() -> tuple[SphinxTestApp, list[str]]:
        return build_noting_reads(make_app, srcdir)

    build()
    entry = srcdir / "medicines/valproate.md"
    entry.write_text(
        entry.read_text().replace(
            "Valproate must not be used", "Valproate must never be used", 1
        )
    )
    app, read = build()
    assert read == [
        "choices",
        "medicines/triptans",
        "medicines/valproate",
        "prevention",
    ]
    for page in ("prevention", "choices", "medicines/triptans"):
        (box,) = soup(app.outdir / f"{page}.html").select(WARNING)
        assert "must never be used" in box.get_text(" ", strip=True)
