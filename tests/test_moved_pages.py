"""A published page keeps its address: it stays, or it redirects (medkb.moved_pages)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest
from sphinx.cmd.build import build_main

from medkb.moved_pages import HEADER, read_published_pages
from tests.conftest import build_root
from tests.helpers import plain, soup

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: Where the site is served: an old address resolves against this, as in a browser.
SITE = "https://example.org/en/latest/"
#: (old address, new address, the new page's title) of tests/roots/test-moved-pages.
MOVES = [
    (
        "treatments/botox.html",
        "treatments/botox-trigger-points.html",
        "Botox for trigger points",
    ),
    ("migraine.html", "headache/migraine.html", "Migraine"),
]
GONE = (
    "page 'treatments/botox' was published and is gone: it is no longer a page of "
    "the site and no redirect leads from its address, so links to it now end at "
    "'Page not found'. If it moved, add \"treatments/botox\": "
    '"../SECTION/NEW-NAME.html" to `redirects` in conf.py (the new page\'s '
    "address relative to the old page's folder); if it was never meant to be "
    "kept, remove this line from the list. [medkb.moved-page]"
)
ONE_ERROR = (
    "ERROR: 1 error(s) above must be fixed before the site can be published. "
    "[medkb.errors]"
)
NOT_A_NAME = (
    "is not a page name; write one page a line as Sphinx names it, its path "
    "under the source folder without a suffix or a leading '/', such as "
    "'treatments/botox-trigger-points'. [medkb.moved-page]"
)


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_root("moved-pages", tmp_path_factory.mktemp("moved-pages"))


@pytest.fixture
def sphinx_build(capsys, tmp_path) -> Callable[..., tuple[int, list[str]]]:
    """Run sphinx-build as a user would; return its status and what it printed."""

    def run(srcdir: Path, *args: str) -> tuple[int, list[str]]:
        out = tmp_path / "out"
        argv = ["-q", "-b", "html", "-d", str(out / "doctrees"), *args]
        status = build_main([*argv, str(srcdir), str(out / "html")])
        err = plain(capsys.readouterr().err)
        assert "Traceback" not in err
        return status, err.splitlines()

    return run


def redirect_targets(page: Path) -> list[str]:
    """Where the page at an old address sends a reader: its meta refresh (for
    browsers without JavaScript) and its script's target."""
    html = soup(page)
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})
    url = re.fullmatch(r"0; url=(.+)", str(refresh["content"]))
    script = re.search(r'var target = "([^"]+)"', html.find("script").string)
    assert url
    assert script
    return [url[1], script[1]]


def test_a_moved_page_with_a_redirect_builds_without_a_problem(moved):
    assert moved.warning.getvalue() == ""
    assert moved.statuscode == 0


@pytest.mark.parametrize(("old", "new", "title"), MOVES)
def test_each_old_address_sends_readers_to_the_new_page(moved, old, new, title):
    targets = redirect_targets(moved.outdir / old)
    assert [urljoin(SITE + old, target) for target in targets] == [SITE + new] * 2
    assert soup(moved.outdir / new).find("h1").get_text(strip=True) == title + "¶"


def test_a_published_page_gone_without_a_redirect_is_an_error_at_its_line(
    sphinx_build, copy_root
):
    srcdir = copy_root("moved-pages-missing")
    data = (srcdir / "_data/published-pages.txt").resolve()
    assert sphinx_build(srcdir) == (1, [f"{data}:4: ERROR: {GONE}", ONE_ERROR])


def test_the_check_runs_on_every_build_not_only_when_a_page_is_read(
    sphinx_build, copy_root
):
    srcdir = copy_root("moved-pages-missing")
    data = (srcdir / "_data/published-pages.txt").resolve()
    sphinx_build(srcdir)
    # Nothing changed: no page is read again, and the page is still gone.
    assert sphinx_build(srcdir) == (1, [f"{data}:4: ERROR: {GONE}", ONE_ERROR])
    # Adding the redirect fixes it.
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text().replace(
            "redirects = {}",
            'redirects = {"treatments/botox": "botox-trigger-points.html"}',
        )
    )
    assert sphinx_build(srcdir) == (0, [])


def test_a_redirect_to_no_page_is_an_error_at_its_line_of_conf_py(
    sphinx_build, copy_root
):
    srcdir = copy_root("moved-pages-nowhere")
    conf = srcdir / "conf.py"
    fix = (
        "point it at the new page's address relative to the old page's folder, such as"
    )
    assert sphinx_build(srcdir) == (
        1,
        [
            f"{conf}:10: ERROR: redirect 'migraine' -> '/headache/migraine.html' "
            "leads to the server's root, not the site's (which may be "
            f"/en/latest/); {fix} 'SECTION/NEW-NAME.html'. [medkb.moved-page]",
            f"{conf}:8: ERROR: redirect 'treatments/botox' -> "
            "'botox-trigger-point.html' leads to 'treatments/botox-trigger-point', "
            f"which is not a page of the site; {fix} '../SECTION/NEW-NAME.html'. "
            "[medkb.moved-page]",
            ONE_ERROR.replace("1 error(s)", "2 error(s)"),
        ],
    )


def test_a_redirect_from_a_page_that_still_exists_is_an_error(sphinx_build, copy_root):
    srcdir = copy_root("moved-pages-still-a-page")
    assert sphinx_build(srcdir) == (
        1,
        [
            f"{srcdir / 'conf.py'}:7: ERROR: 'treatments/botox' is both a page of "
            "the site and the source of a redirect, so the redirect would "
            "overwrite the page; remove the redirect, or the page if it has "
            "moved. [medkb.moved-page]",
            ONE_ERROR,
        ],
    )


def test_a_line_that_is_not_a_page_name_is_an_error_at_its_line(
    sphinx_build, copy_root
):
    srcdir = copy_root("moved-pages")
    data = (srcdir / "published-pages.txt").resolve()
    with data.open("a", encoding="utf-8") as listing:
        listing.write("treatments/botox.md\n/index\n")
    assert sphinx_build(srcdir) == (
        1,
        [
            f"{data}:5: ERROR: 'treatments/botox.md' {NOT_A_NAME}",
            f"{data}:6: ERROR: '/index' {NOT_A_NAME}",
            ONE_ERROR.replace("1 error(s)", "2 error(s)"),
        ],
    )


def test_a_list_that_cannot_be_read_is_an_error(sphinx_build, copy_root):
    srcdir = copy_root("moved-pages")
    data = (srcdir / "published-pages.txt").resolve()
    data.write_bytes("index\ntraitements/botox-é\n".encode("latin-1"))
    assert sphinx_build(srcdir) == (
        1,
        [
            f"{data}:2: ERROR: the list of published pages is not UTF-8 text; "
            "save it as UTF-8, one page name a line. [medkb.moved-page]",
            ONE_ERROR,
        ],
    )


def test_the_check_needs_sphinx_reredirects(capsys, copy_root, tmp_path):
    srcdir = copy_root("moved-pages")
    argv = ["-q", "-b", "html", "-D", "extensions=myst_parser,medkb.moved_pages"]
    with pytest.raises(SystemExit) as stopped:
        build_main([*argv, str(srcdir), str(tmp_path / "out")])
    assert stopped.value.code == 2
    assert plain(capsys.readouterr().err).splitlines() == [
        f"{srcdir / 'conf.py'}:5: ERROR: medkb_published_pages_file needs "
        "sphinx-reredirects, which writes the pages at old addresses; add "
        "'sphinx_reredirects' to extensions in conf.py. [medkb.config]"
    ]


def test_writing_the_list_records_every_page_and_redirect(sphinx_build, copy_root):
    srcdir = copy_root("moved-pages")
    data = srcdir / "published-pages.txt"
    assert sphinx_build(srcdir, "-D", "medkb_published_pages_write=1") == (0, [])
    names = [
        "headache/migraine",
        "index",
        "migraine",  # redirects: still an address the site keeps
        "treatments/botox",
        "treatments/botox-trigger-points",
    ]
    assert data.read_text(encoding="utf-8") == HEADER + "".join(f"{n}\n" for n in names)
    assert sphinx_build(srcdir) == (0, [])


def test_the_list_is_not_written_while_it_names_a_page_that_is_gone(
    sphinx_build, copy_root
):
    srcdir = copy_root("moved-pages-missing")
    data = (srcdir / "_data/published-pages.txt").resolve()
    before = data.read_text(encoding="utf-8")
    status, printed = sphinx_build(srcdir, "-D", "medkb_published_pages_write=1")
    assert (status, printed) == (
        1,
        [
            f"{data}:4: ERROR: {GONE}",
            f"ERROR: the list of published pages, {data}, was not refreshed: fix "
            "the errors above first, or the pages they name would drop off the "
            "list unnoticed. [medkb.moved-page]",
            ONE_ERROR.replace("1 error(s)", "2 error(s)"),
        ],
    )
    assert data.read_text(encoding="utf-8") == before


def test_writing_the_list_needs_its_file(capsys, copy_root, tmp_path):
    srcdir = copy_root("moved-pages")
    argv = ["-q", "-b", "html", "-D", "medkb_published_pages_file="]
    argv += ["-D", "medkb_published_pages_write=1"]
    with pytest.raises(SystemExit) as stopped:
        build_main([*argv, str(srcdir), str(tmp_path / "out")])
    assert stopped.value.code == 2
    assert plain(capsys.readouterr().err).splitlines() == [
        "ERROR: medkb_published_pages_write needs medkb_published_pages_file: set "
        "it to the file the list is written to, such as "
        "'_data/published-pages.txt'. [medkb.config]"
    ]


def test_the_real_site_keeps_every_page_it_has_published(site):
    path = site.srcdir / site.config.medkb_published_pages_file
    listed, problems = read_published_pages(path)
    assert problems == []
    assert len(listed) >= 96
    kept = set(site.env.found_docs) | set(site.config.redirects)
    assert {page.name for page in listed} <= kept
    assert "medkb.moved-page" not in site.warning.getvalue()
    assert path.read_text(encoding="utf-8").startswith(HEADER)
