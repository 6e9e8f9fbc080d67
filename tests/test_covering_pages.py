"""The browser tests' sample pages hold every kind of element, and no more pages."""

from __future__ import annotations

from tests.browser.covering_pages import covering_pages, element_kinds

PAGES = {
    # A link in plain text, and one in a note: two kinds of link.
    "plain.html": "<body><p>Text with <a href='#'>a link</a>.</p></body>",
    "note.html": (
        "<body><p>Text.</p>"
        "<div class='admonition note'><p><a href='#'>A link</a></p></div></body>"
    ),
    "same.html": "<body><p>Only text, as on the other pages.</p></body>",
}


def test_an_element_s_kind_includes_the_classed_elements_around_it():
    assert element_kinds(PAGES["plain.html"]) == {"p", "a"}
    assert element_kinds(PAGES["note.html"]) == {
        "p",
        "div.admonition.note",
        "div.admonition.note > p",
        "div.admonition.note > a",
    }


def test_the_fewest_pages_holding_every_kind_are_chosen(tmp_path):
    for name, html in PAGES.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    names = sorted(PAGES)
    # The note page holds the most kinds; the plain one adds the plain link;
    # the third adds nothing.
    assert covering_pages(tmp_path, names) == ["note.html", "plain.html"]
    (tmp_path / "same.html").write_text(
        "<body><table class='docutils'><tr><td>A cell</td></tr></table></body>"
    )
    assert covering_pages(tmp_path, names) == ["note.html", "same.html", "plain.html"]
