"""Serve a built site on 127.0.0.1 the way Read the Docs does.

Pages live under a path prefix (``/en/latest/``), and any address that has no
file gets the site's ``404.html`` with status 404, at any depth.
"""

from __future__ import annotations

import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator


class PrefixedSiteHandler(SimpleHTTPRequestHandler):
    """Files of ``directory`` under ``prefix``; the 404 page for anything else."""

    def __init__(self, *args: Any, directory: str, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output to what failed


def serve(site: Path, prefix: str) -> Iterator[str]:
    """Serve ``site`` under ``prefix`` until the generator is closed; yields its URL."""
    handler = partial(PrefixedSiteHandler, directory=str(site), prefix=prefix)
    yield from _run(handler, prefix)


def _run(handler: Any, path: str) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}{path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class EditionsHandler(PrefixedSiteHandler):
    """Several built sites, each under its own prefix (``/en/latest/``,
    ``/es/latest/``), as Read the Docs serves a project and its translations."""

    def __init__(self, *args: Any, sites: dict[str, str], **kwargs: Any) -> None:
        self.sites = sites
        super().__init__(
            *args, directory=next(iter(sites.values())), prefix="/", **kwargs
        )

    def _site(self) -> tuple[str, str]:
        url_path = urlsplit(self.path).path
        for prefix, directory in self.sites.items():
            if url_path.startswith(prefix):
                return prefix, directory
        return "/", next(iter(self.sites.values()))

    def translate_path(self, path: str) -> str:
        self.prefix, self.directory = self._site()
        return super().translate_path(path)

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        self.prefix, self.directory = self._site()
        super().send_error(code, message, explain)


def serve_editions(sites: dict[str, Path]) -> Iterator[str]:
    """Serve each site at its prefix until closed; yields the server's root URL."""
    handler = partial(EditionsHandler, sites={p: str(d) for p, d in sites.items()})
    yield from _run(handler, "")


def serve_test_root(name: str, builddir: Path) -> Iterator[str]:
    """Build ``tests/roots/test-NAME`` into *builddir*, then serve it at "/"."""
    from tests.conftest import build_root

    app = build_root(name, builddir)
    assert app.statuscode == 0, app.warning.getvalue()
    yield from serve(app.outdir, "/")
