"""Pages from the public cannot put raw HTML, scripts or unsafe links on the site."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from medkb.content_policy import UNSAFE_SCHEMES, unsafe_scheme
from tests.helpers import build_twice, plain, soup

if TYPE_CHECKING:
    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp

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
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        # A URL parser strips leading C0 controls and spaces...
        (" JAVASCRIPT:alert(1)", "javascript"),
        ("\x00javascript:alert(1)", "javascript"),
        ("\x01\x1f \x0ejavascript:alert(1)", "javascript"),
        # ...and drops tabs and newlines wherever they are.
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscr\ript:alert(1)", "javascript"),
        ("\tj\na\rvascript:alert(1)", "javascript"),
        ("vbscript:msgbox(1)", "vbscript"),
        (" VBScript:msgbox(1)", "vbscript"),
        ("data:text/html,<script>alert(1)</script>", "data"),
        ("\x08DATA:text/html;base64,PGI+", "data"),
        ("da\tta:image/png;base64,iVBORw0KGgo=", "data"),
    ],
)
def test_unsafe_schemes_are_found_as_browsers_read_them(url, scheme):
    assert unsafe_scheme(url) == scheme


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/javascript:x",
        "page.html",
        "./javascript:alert(1)",
        "/javascript:alert(1)",
        "#x",
        "#data:",
        "javascript",  # no colon: a relative URL
        "javascript%3Aalert(1)",  # an escaped colon ends no scheme
        "javascript :alert(1)",  # a space inside is kept, and ends the scheme
        "j\x00avascript:alert(1)",  # only tabs and newlines go from inside
        "\xa0javascript:alert(1)",  # a no-break space is not stripped
        "1javascript:alert(1)",  # a scheme starts with a letter
        "mailto:a@b",
    ],
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


# Attributes that hold a URL a browser may load or follow.
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "data")
# Elements that show another document inside the page.
EMBEDS = ("iframe", "frame", "object", "embed")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class SiteScripts:
    """What a built site may run: Sphinx's and the theme's own scripts, no others."""

    outdir: Path
    url_prefix: str  # the path 404.html's absolute links start with
    theme_inline: frozenset[str]  # the inline scripts the theme's templates hold

    @classmethod
    def of(cls, app: SphinxTestApp) -> SiteScripts:
        inline = frozenset(
            body.strip()
            for folder in app.builder.theme.get_theme_dirs()
            for path in Path(folder).rglob("*.html")
            for body in INLINE_SCRIPT.findall(path.read_text(encoding="utf-8"))
        )
        return cls(app.outdir, app.config.notfound_urls_prefix, inline)

    def allows(self, page: Path, script: Tag) -> bool:
        text = script.get_text().strip()
        src = str(script.get("src", ""))
        if script.get("type") == "application/ld+json":
            # Data a browser never runs (medkb.structured_data), if it is data.
            return not src and is_json(text)
        if not src:
            return text in self.theme_inline
        url = urlsplit(src)
        if url.scheme or url.netloc or text:
            return False
        if url.path.startswith("/"):
            target = self.outdir / url.path.removeprefix(self.url_prefix)
        else:
            target = page.parent / url.path
        target, top = target.resolve(), self.outdir.resolve()
        # Sphinx writes the search index at the top; all else is in _static.
        return target.is_file() and (
            top / "_static" in target.parents or target == top / "searchindex.js"
        )


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def urls_in(attribute: str, value: str | list[str]) -> list[str]:
    text = value if isinstance(value, str) else " ".join(value)
    if attribute == "srcset":  # "a.png 1x, b.png 2x"
        return [part.split()[0] for part in text.split(",") if part.split()]
    return [text]


def page_breaches(scripts: SiteScripts, page: Path, html: str) -> list[str]:
    """What in one built page breaks the content policy, each as a line."""
    where = page.relative_to(scripts.outdir).as_posix()
    tree = BeautifulSoup(html, "html.parser")
    found = [
        f"{where}: script {script}"
        for script in tree.find_all("script")
        if not scripts.allows(page, script)
    ]
    found += [f"{where}: {tag.name} {tag}" for tag in tree.find_all(EMBEDS)]
    for tag in tree.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.startswith("on"):
                found.append(f"{where}: event handler {attribute} on <{tag.name}>")
            if attribute not in URL_ATTRIBUTES:
                continue
            found += [
                f"{where}: {unsafe_scheme(url)}: in {attribute} of <{tag.name}>"
                for url in urls_in(attribute, value)
                if unsafe_scheme(url)
            ]
    found += [
        f"{where}: no alt text on {img}"
        for img in tree.find_all("img")
        if not str(img.get("alt", "")).strip()
    ]
    return found


def site_breaches(scripts: SiteScripts) -> tuple[list[str], list[str]]:
    """The pages read and what in them breaks the content policy."""
    pages = sorted(
        path
        for path in scripts.outdir.rglob("*.html")
        if "_static" not in path.relative_to(scripts.outdir).parts
    )
    found = [
        breach
        for page in pages
        for breach in page_breaches(scripts, page, page.read_text(encoding="utf-8"))
    ]
    return [p.relative_to(scripts.outdir).as_posix() for p in pages], found


def test_the_real_site_keeps_to_the_policy(site):
    """No page of the built site holds what the policy keeps out of pages."""
    pages, found = site_breaches(SiteScripts.of(site))
    assert found == []
    assert {f"{doc}.html" for doc in site.env.found_docs} <= set(pages)
    assert {"404.html", "search.html", "genindex.html"} <= set(pages)


# Each would break the policy once, wherever a page held it.
INJECTED = {
    "inline script": "<script>alert(1)</script>",
    "inline script made of the theme's words": "<script>document</script>",
    "code as structured data": '<script type="application/ld+json">alert(1)</script>',
    "remote structured data": (
        '<script type="application/ld+json" src="https://example.org/x.js"></script>'
    ),
    "remote script": '<script src="https://cdn.example.org/track.js"></script>',
    "script beside the site": '<script src="_static/../track.js"></script>',
    "theme script with a body": '<script src="_static/doctools.js">alert(1)</script>',
    "404 script outside _static": '<script src="/en/latest/track.js"></script>',
    "iframe": '<iframe src="https://example.org/"></iframe>',
    "object": '<object data="https://example.org/x.swf"></object>',
    "javascript link": '<a href="java&#9;script:alert(1)">x</a>',
    "vbscript link": '<a href=" VBScript:msgbox(1)">x</a>',
    "data image": '<img alt="A pill" src="data:image/png;base64,iVBORw0KGgo=">',
    "data in srcset": '<img alt="A pill" srcset="a.png 1x, data:image/png,x 2x">',
    "javascript form": '<form action="javascript:alert(1)"></form>',
    "image without alt": '<img src="_static/file.png">',
    "image with blank alt": '<img src="_static/file.png" alt="  ">',
    "event handler": '<p onmouseover="alert(1)">x</p>',
}


@pytest.mark.parametrize("markup", INJECTED.values(), ids=list(INJECTED))
def test_a_page_holding_a_forbidden_thing_is_caught(site, markup):
    """The check above can fail: each forbidden thing, put in a built page."""
    scripts = SiteScripts.of(site)
    for page in (site.outdir / "index.html", site.outdir / "404.html"):
        html = page.read_text(encoding="utf-8")
        assert page_breaches(scripts, page, html) == []
        injected = html.replace("</article>", f"{markup}</article>", 1)
        assert injected != html
        (breach,) = page_breaches(scripts, page, injected)
        assert breach.startswith(f"{page.name}: ")


def test_the_site_check_reads_every_page(site, tmp_path):
    copy = Path(shutil.copytree(site.outdir, tmp_path / "html"))
    page = copy / "headache" / "migraine.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</article>", '<iframe src="https://example.org/"></iframe></article>'
        ),
        encoding="utf-8",
    )
    _, found = site_breaches(replace(SiteScripts.of(site), outdir=copy))
    assert found == [
        'headache/migraine.html: iframe <iframe src="https://example.org/"></iframe>'
    ]
