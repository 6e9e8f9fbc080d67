"""The disclaimer reaches every builder, once per page, with a working link."""

from __future__ import annotations

import re

import pytest

from tests.helpers import disclaimers, soup

# Pages in the toctree that carry the disclaimer; books (singlehtml, latex,
# man) hold these. The orphan page without a title is a file of its own only.
IN_TOCTREE = ["index", "topics/alpha", "topics/beta", "topics/gamma", "topics/labelled"]
ALL_PAGES = [*IN_TOCTREE, "topics/untitled"]


def build(make_app, srcdir, builder):
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert app.statuscode == 0
    # A link in the disclaimer that does not resolve would warn here.
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.parametrize(("builder", "suffix"), [("html", ".html"), ("epub", ".xhtml")])
def test_one_per_page_file(make_app, copy_root, builder, suffix):
    app = build(make_app, copy_root("disclaimer-basic"), builder)
    for docname in ALL_PAGES:
        page = soup(app.outdir / f"{docname}{suffix}")
        (box,) = disclaimers(page)
        assert box.find("a")["href"].endswith(f"disclaimer{suffix}")
    assert disclaimers(soup(app.outdir / f"disclaimer{suffix}")) == []


def test_dirhtml(make_app, copy_root):
    app = build(make_app, copy_root("disclaimer-basic"), "dirhtml")
    for docname in ALL_PAGES:
        page_dir = app.outdir / ("" if docname == "index" else docname)
        (box,) = disclaimers(soup(page_dir / "index.html"))
        href = box.find("a")["href"]
        assert (page_dir / href / "index.html").resolve().parent.name == "disclaimer"


def test_singlehtml_once_per_page(make_app, copy_root):
    app = build(make_app, copy_root("disclaimer-basic"), "singlehtml")
    page = soup(app.outdir / "index.html")
    assert len(disclaimers(page)) == len(IN_TOCTREE)
    for docname in IN_TOCTREE[1:]:
        section = page.find(id=f"document-{docname}").find_next("section")
        assert len(disclaimers(section)) == 1, docname
        assert section.find_next("a", href="#document-disclaimer")
    assert disclaimers(page.find(id="document-disclaimer").find_next("section")) == []


def test_text(make_app, copy_root):
    app = build(make_app, copy_root("disclaimer-basic"), "text")
    for docname in ALL_PAGES:
        text = (app.outdir / f"{docname}.txt").read_text(encoding="utf-8")
        assert text.count("Medical disclaimer:") == 1, docname
        assert "full disclaimer" in text
    full = (app.outdir / "disclaimer.txt").read_text(encoding="utf-8")
    assert "Medical disclaimer" not in full


def test_latex(make_app, copy_root):
    app = build(make_app, copy_root("disclaimer-basic"), "latex")
    (tex,) = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    boxes = re.findall(
        r"\\begin\{sphinxadmonition\}\{note\}\{Medical disclaimer\}(.*?)"
        r"\\end\{sphinxadmonition\}",
        source,
        re.DOTALL,
    )
    assert len(boxes) == len(IN_TOCTREE)
    for box in boxes:
        assert r"\hyperref[\detokenize{disclaimer::doc}]" in box
        assert r"\sphinxstylestrong{general information}" in box
    assert r"\label{\detokenize{disclaimer::doc}}" in source


def test_man(make_app, copy_root):
    app = build(make_app, copy_root("disclaimer-basic"), "man")
    (page,) = app.outdir.glob("*.1")
    text = page.read_text(encoding="utf-8")
    assert text.count("Medical disclaimer") == len(IN_TOCTREE)
    assert text.count("general information") == len(IN_TOCTREE)
