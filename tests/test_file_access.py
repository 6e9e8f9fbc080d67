"""Pages can use only the files of their own repository: nothing outside it is read."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from sphinx.cmd.build import build_main

from tests.conftest import ROOTS
from tests.helpers import build_twice, plain, soup

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SECRET = "secret of the build machine 7f3a"
INCLUDE = "the include directive's file"
FIX = (
    "Add the file to the repository and give its path from this page "
    "(or from the source folder, starting with '/'). [medkb.file-outside-repository]"
)
OUTSIDE = "it is outside the repository, and pages may use only its own files"


def refused(what: str, name: str, reason: str = OUTSIDE) -> str:
    return f"ERROR: {what} {name!r} is not allowed in pages: {reason}. {FIX}"


# An audit hook cannot be removed, so one hook watches whichever folder the
# running test names.
_watched: dict[str, Any] = {"folder": None, "opened": []}


def _note_open(event: str, args: tuple[Any, ...]) -> None:
    folder = _watched["folder"]
    if event != "open" or folder is None or isinstance(args[0], int):
        return
    if os.path.realpath(os.fsdecode(args[0])).startswith(folder):
        _watched["opened"].append(os.fsdecode(args[0]))


sys.addaudithook(_note_open)


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[list[str]]:
    """Files beside the repository holding a secret; yields the opened ones."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for name in ("secret.txt", "doses.csv", "pill.png"):
        (folder / name).write_text(f"{SECRET}\n")
    _watched["folder"] = os.path.realpath(folder) + os.sep
    _watched["opened"] = []
    yield _watched["opened"]
    _watched["folder"] = None


def copy_repository(tmp_path: Path, name: str) -> Path:
    """Copy a root that is a whole repository; return its docs folder."""
    repository = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", repository)
    return repository / "docs"


def test_files_outside_the_repository_are_refused_unread(make_app, tmp_path, outside):
    srcdir = copy_repository(tmp_path, "file-access-outside")
    # A link inside the repository to a file outside it.
    (srcdir / "notes.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    app = make_app("html", srcdir=srcdir)
    app.build()
    log = plain(app.warning.getvalue())
    secret = "../../outside/secret.txt"
    expected = {
        6: refused(INCLUDE, secret),
        9: refused("the literalinclude directive's file", secret),
        12: refused("the literalinclude directive's file", secret),  # its :diff:
        16: refused("the csv-table directive's file", "../../outside/doses.csv"),
        20: refused("the image", "../../outside/pill.png"),
        24: refused("the image", "/../../outside/pill.png"),  # :figwidth: image
        29: refused("the image", "../../outside/pill.png"),  # Markdown
        33: refused(
            "the literalinclude directive's file",
            "notes.txt",
            "it is a symbolic link to a file outside the repository",
        ),
        37: refused(INCLUDE, secret),  # .. include::
        39: refused("the csv-table directive's file", "../../outside/doses.csv"),
        42: refused("the raw directive's file", secret),
        45: refused(INCLUDE, "<../../../../../../../../../outside/secret.txt>"),
    }
    for line, message in expected.items():
        assert f"index.md:{line}: {message}" in log
    # {download} and a Markdown link to a file: both would be copied.
    assert log.count(f"index.md:31: {refused('the download link to', secret)}") == 2
    # At the line of the included file, which the message names.
    assert (
        "index.md:3: ERROR: the image '../../outside/pill.png' is not allowed in "
        f"pages (in dose.md, included by this page): {OUTSIDE}. {FIX}"
    ) in log
    assert log.count("[medkb.file-outside-repository]") == len(expected) + 3
    assert app.statuscode == 1

    assert outside == []  # nothing outside the repository was even opened
    for path in app.outdir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert not (app.outdir / "_images").exists()
    assert not (app.outdir / "_downloads").exists()
    page = soup(app.outdir / "index.html")
    text = " ".join(page.get_text().split())
    # The repository's own file, one folder above the source, is included.
    assert "Open a pull request with your page." in text
    assert "A download and a Markdown link." in text  # link text stays
    assert "A sentence after them all. Take one tablet." in text


def test_refusals_are_repeated_until_fixed(make_app, tmp_path, outside):
    srcdir = copy_repository(tmp_path, "file-access-outside")
    (srcdir / "notes.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    again = build_twice(make_app, srcdir)
    log = plain(again.warning.getvalue())
    assert f"index.md:6: {refused(INCLUDE, '../../outside/secret.txt')}" in log
    assert log.count("[medkb.file-outside-repository]") == 15
    assert again.statuscode == 1
    assert outside == []


def test_the_git_work_tree_is_the_repository(make_app, tmp_path):
    srcdir = copy_repository(tmp_path, "file-access-git")
    (srcdir.parent / ".git").mkdir()
    (srcdir.parent / ".git" / "config").write_text(f"[http]\n  token = {SECRET}\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    log = plain(app.warning.getvalue())
    assert log.count("ERROR") == 2  # the message and the count of errors
    assert (
        "index.md:6: "
        + refused(
            "the literalinclude directive's file",
            "../.git/config",
            "it is in the repository's .git folder, which holds the repository's "
            "settings and can hold credentials",
        )
    ) in log
    html = (app.outdir / "index.html").read_text()
    assert "Open a pull request with your page." in html
    assert SECRET not in html


def test_outside_git_the_source_folder_is_the_repository(make_app, tmp_path):
    srcdir = copy_repository(tmp_path, "file-access-git")
    app = make_app("html", srcdir=srcdir)
    app.build()
    log = plain(app.warning.getvalue())
    assert f"index.md:3: {refused(INCLUDE, '../CONTRIBUTING.md')}" in log
    assert "Open a pull request" not in (app.outdir / "index.html").read_text()


def test_the_repository_root_must_hold_the_source_folder(capsys, tmp_path):
    srcdir = copy_repository(tmp_path, "file-access-git")
    argv = ["-q", "-b", "html", str(srcdir), str(tmp_path / "out")]
    with pytest.raises(SystemExit) as stopped:
        build_main([*argv, "-D", "medkb_repository_root=../docs/nowhere"])
    assert stopped.value.code == 2
    err = plain(capsys.readouterr().err)
    assert (
        "ERROR: medkb_repository_root = '../docs/nowhere' is not allowed; expected "
        "'' or a folder, relative to conf.py, that holds the source folder."
    ) in err
    assert "Traceback" not in err


class _Recorder(SimpleHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, list[str]]]:
    """An HTTP server on 127.0.0.1 that would serve the files; yields its
    port and the paths asked of it."""
    (tmp_path / "served").mkdir()
    (tmp_path / "served" / "doses.csv").write_text(f"{SECRET},1\n")
    (tmp_path / "served" / "note.html").write_text(f"<p>{SECRET}</p>\n")

    def handler(*args: Any) -> _Recorder:
        return _Recorder(*args, directory=str(tmp_path / "served"))

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    _Recorder.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], _Recorder.requests
    httpd.shutdown()
    httpd.server_close()


def test_url_options_are_refused_unfetched(make_app, copy_root, server):
    port, requests = server
    srcdir = copy_root("file-access-url")
    page = srcdir / "index.md"
    page.write_text(page.read_text().replace("PORT", str(port)))
    app = make_app("html", srcdir=srcdir)
    app.build()
    log = plain(app.warning.getvalue())

    def fetch(name: str, url: str) -> str:
        return (
            f"ERROR: the {name} directive's :url: option is not allowed in pages: "
            f"the build machine would fetch {url!r}, which can be an address only "
            "it reaches or a file of its own. Add the file to the repository and "
            "name it with :file: instead. [medkb.fetch-url]"
        )

    assert (
        f"index.md:3: {fetch('csv-table', f'http://127.0.0.1:{port}/doses.csv')}" in log
    )
    assert f"index.md:7: {fetch('csv-table', 'file:///etc/hostname')}" in log
    assert f"index.md:11: {fetch('raw', f'http://127.0.0.1:{port}/note.html')}" in log
    assert log.count("[medkb.") == 4  # and the count of errors
    assert app.statuscode == 1
    assert requests == []
    page_html = soup(app.outdir / "index.html")
    assert SECRET not in page_html.get_text()
    # Files of the repository itself are still read.
    assert [c.get_text() for c in page_html.select("td")] == [
        "Medicine",
        "Dose",
        "Paracetamol",
        "1 g",
    ]
    assert page_html.select("p.from-file")
