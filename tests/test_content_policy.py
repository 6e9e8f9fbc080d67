"""Pages from the public cannot put raw HTML, scripts or unsafe links on the site."""

from __future__ import annotations

import pytest

from medkb import FEATURES
from medkb.content_policy import UNSAFE_SCHEMES, unsafe_scheme
from tests.conftest import DOCS
from tests.helpers import build_twice, plain, soup

REMEDY_BLOCK = "Write it in Markdown, or ask a maintainer to add a directive."
REMEDY_INLINE = (
    "Write it in Markdown (such as *emphasis* or **bold**), or ask a maintainer "
    "to add a role."
)
SCRIPT = (
    "ERROR: a <script> element is not allowed in pages: it would run in the "
    "browser of every reader. Remove it; if the page needs something "
    "interactive, ask a maintainer to add a directive. [medkb.script]"
)
UNSAFE = "is not allowed in pages: 'javascript:' links can run code in the reader's "


def build(make_app, copy_root, name: str, **kwargs):
    app = make_app("html", srcdir=copy_root(f"content-policy-{name}"), **kwargs)
    app.build()
    return app, plain(app.warning.getvalue())


def test_raw_html_block_and_inline_html_are_errors(make_app, copy_root):
    app, log = build(make_app, copy_root, "raw-html")
    assert (
        "index.md:6: ERROR: a raw HTML block is not allowed in pages: "
        f"'<div class=\"callout\">'. {REMEDY_BLOCK} [medkb.raw-html]"
    ) in log
    assert (
        "index.md:10: ERROR: inline HTML is not allowed in pages: "
        f"'<span style=\"color: red\">'. {REMEDY_INLINE} [medkb.raw-html]"
    ) in log
    assert log.count("[medkb.raw-html]") == 2  # the </span> adds no message
    assert app.statuscode == 1
    page = soup(app.outdir / "index.html")
    assert page.select("div.callout, span[style]") == []
    assert "Take it with food every day." in page.get_text(" ", strip=True)


def test_the_raw_directive_is_an_error_and_reads_nothing(make_app, copy_root):
    app, log = build(make_app, copy_root, "raw-directive")
    message = (
        "ERROR: the raw directive is not allowed in pages: it passes 'html' "
        f"output through unchecked. {REMEDY_BLOCK} [medkb.raw-directive]"
    )
    assert f"index.md:3: {message}" in log  # ```{raw} html
    assert f"index.md:8: {message}" in log  # .. raw:: html in eval-rst
    assert app.statuscode == 1
    html = (app.outdir / "index.html").read_text()
    assert "fancy" not in html
    assert "secret token" not in html  # its :file: is never read


@pytest.mark.parametrize("jobs", [1, 2])
def test_script_and_iframe_are_named(make_app, copy_root, jobs):
    app, log = build(make_app, copy_root, "script", parallel=jobs)
    assert f"index.md:3: {SCRIPT}" in log  # a block
    assert f"index.md:5: {SCRIPT}" in log  # inline in a paragraph
    assert f"index.md:9: {SCRIPT}" in log  # after a comment on the same line
    assert (
        "index.md:7: ERROR: an <iframe> element is not allowed in pages: it "
        "would show another site inside the page. Remove it and link to that "
        "site instead, such as [its title](https://example.org/page). "
        "[medkb.iframe]"
    ) in log
    assert "[medkb.raw-html]" not in log
    assert app.statuscode == 1
    page = soup(app.outdir / "index.html")
    assert page.select("iframe") == []
    assert [s for s in page.select("script") if "alert" in s.get_text()] == []


def test_javascript_and_data_links_are_errors(make_app, copy_root):
    app, log = build(make_app, copy_root, "unsafe-link")
    assert (
        f"index.md:6: ERROR: a link to 'JavaScript:alert(3)' {UNSAFE}browser. "
        "Link to an https:// address or to a page of this site instead. "
        "[medkb.unsafe-link]"
    ) in log
    assert (
        "index.md:6: ERROR: a link to 'data:text/html;base64,PHNjcmlwdD5hbGVydCg0"
        "KTwvc2NyaXB0Pg==' is not allowed in pages: 'data:' links can hide a "
        "whole page, scripts and all, inside the link. Link to an https:// "
        "address or to a page of this site instead. [medkb.unsafe-link]"
    ) in log
    # The target of an {image}.
    assert f"index.md:11: ERROR: a link to 'javascript:alert(5)' {UNSAFE}" in log
    # markdown-it itself refuses these as links and leaves them as text; they
    # are errors all the same.
    assert f"index.md:3: ERROR: a link to 'javascript:alert(1)' {UNSAFE}" in log
    assert f"index.md:3: ERROR: a link to 'javascript:alert(2)' {UNSAFE}" in log
    assert log.count("[medkb.unsafe-link]") == 5
    assert app.statuscode == 1
    page = soup(app.outdir / "index.html")
    hrefs = [a.get("href", "") for a in page.select("a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    assert "https://example.org/" in hrefs
    # The link text stays; only the link goes.
    assert "A mixed case link and a data link." in " ".join(page.get_text().split())
    assert "[click](javascript:alert(1))" in page.get_text()
    assert "<javascript:alert(2)>" in page.get_text()


def unsafe(line: int, url: str, scheme: str = "javascript") -> str:
    does = UNSAFE_SCHEMES[scheme]
    return (
        f"index.md:{line}: ERROR: a link to {url!r} is not allowed in pages: "
        f"'{scheme}:' links can {does}. Link to an https:// address or to a "
        "page of this site instead. [medkb.unsafe-link]"
    )


def test_markdown_links_markdown_it_refuses_are_errors(make_app, copy_root):
    """markdown-it leaves these as text, silently; each is an error at its line."""
    app, log = build(make_app, copy_root, "refused-link")
    expected = [
        unsafe(3, "javascript:alert(1)"),
        unsafe(3, "JAVASCRIPT:alert(2)"),  # any case, after spaces
        unsafe(5, "java\tscript:alert(3)"),  # browsers drop the tab
        unsafe(5, "javascript:alert(4)"),  # and a control character before it
        unsafe(7, "vbscript:msgbox(5)", "vbscript"),  # in <...>
        unsafe(7, "data:text/html;base64,PGI+Ng==", "data"),
        unsafe(8, "javascript:alert(7)"),  # &#106; is a "j"
        unsafe(11, "javascript:alert(8)"),  # split over lines
        unsafe(12, "javascript:alert(9)"),  # an autolink
        unsafe(16, "javascript:alert(10)"),  # a reference definition
        unsafe(19, "javascript:alert(11)"),  # in a directive's Markdown
        # markdown-it lets this one through, and MyST takes it for a page.
        unsafe(22, "data:image/png;base64,iVBORw0KGgo=", "data"),
    ]
    for message in expected:
        assert message in log
    assert log.count("[medkb.unsafe-link]") == len(expected)  # code is not checked
    assert log.count("WARNING") == 0  # no reference left for MyST to resolve
    assert app.statuscode == 1
    page = soup(app.outdir / "index.html")
    hrefs = [a.get("href", "") for a in page.select("div.body a.reference")]
    assert hrefs == ["https://example.org/", "#"]
    assert "[code](javascript:alert(12))" in page.select_one("code").get_text()


def test_images_need_alt_text(make_app, copy_root):
    app, log = build(make_app, copy_root, "image-alt")
    message = (
        "ERROR: the image 'pill.png' has no alt text: readers who cannot see "
        "it, such as those using a screen reader, learn nothing from it. Say "
        "what it shows, as in ![A blister pack of 8 tablets](pack.png), or with "
        ":alt: in the image or figure directive. [medkb.image-alt]"
    )
    assert log.count(f"index.md:3: {message}") == 2  # ![]() and ![ ]()
    assert f"index.md:5: {message}" in log  # {image}
    assert f"index.md:8: {message}" in log  # {figure}: a caption is not alt text
    assert f"index.md:13: {message}" in log  # .. image::
    assert log.count("[medkb.image-alt]") == 5
    assert app.statuscode == 1
    alts = [i["alt"] for i in soup(app.outdir / "index.html").select("img")]
    assert alts.count("A white round pill") == 3


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "  JaVaScRiPt:x",
        "\x01java\tscr\nipt:x",
        "DATA:text/html,x",
    ],
)
def test_unsafe_schemes_are_found_as_browsers_read_them(url):
    assert unsafe_scheme(url) in {"javascript", "data"}


@pytest.mark.parametrize(
    "url", ["https://example.org/javascript:x", "#data:", "page.html", "mailto:a@b"]
)
def test_safe_urls_pass(url):
    assert unsafe_scheme(url) is None


def test_comments_breaks_and_task_lists_are_allowed(make_app, copy_root):
    app, log = build(make_app, copy_root, "allowed")
    assert log == ""
    assert app.statuscode == 0
    html = (app.outdir / "index.html").read_text()
    assert "<!-- Note to editors: check the dose against the 2024 label. -->" in html
    assert "<br />" in html
    assert 'type="checkbox"' in html


BIB_URL = (
    "ERROR: the cited entry 'evil2020' in refs.bib has url = "
    "'javascript:alert(1)': 'javascript:' links can run code in the "
    "reader's browser. Fix the url field in refs.bib to an https:// "
    "address, or remove it. [medkb.unsafe-link]"
)


def test_bib_fields_are_escaped_and_unsafe_urls_are_errors(make_app, copy_root):
    app, log = build(make_app, copy_root, "bib")
    # Reported where the entry is cited, on every page that cites it.
    assert f"index.md:5: {BIB_URL}" in log
    assert f"claims.md:3: {BIB_URL}" in log
    assert log.count("[medkb.unsafe-link]") == 2
    assert app.statuscode == 1
    page = soup(app.outdir / "index.html")
    assert [s for s in page.select("script") if "alert" in s.get_text()] == []
    assert page.select("b") == []
    entry = next(p for p in page.select(".citation p") if "Mallory" in p.get_text())
    assert "Headache <script>alert(1)</script> and <b>bold</b> claims." in entry.text
    html = (app.outdir / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold" in html
    # The url is not a live link, in the list or anywhere else.
    hrefs = [a.get("href", "") for a in page.select("a")]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "https://example.org/safe" in hrefs


def test_errors_are_repeated_until_fixed(make_app, copy_root):
    """An incremental build that reads nothing still fails."""
    srcdir = copy_root("content-policy-bib")
    again = build_twice(make_app, srcdir)
    log = plain(again.warning.getvalue())
    assert f"index.md:5: {BIB_URL}" in log
    # claims.md has no bibliography: it is read again because it cites refs.bib.
    assert f"claims.md:3: {BIB_URL}" in log
    assert again.statuscode == 1

    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text().replace("javascript:alert(1)", "https://x.org"))
    fixed = make_app("html", srcdir=srcdir)
    fixed.build()
    assert fixed.warning.getvalue() == ""
    assert fixed.statuscode == 0


def test_the_real_site_keeps_to_the_policy():
    """The site loads every medkb feature; test_site builds it with zero warnings."""
    assert "medkb.content_policy" in FEATURES
    assert '"medkb",' in (DOCS / "conf.py").read_text()
