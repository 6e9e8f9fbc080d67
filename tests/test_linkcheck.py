"""The site's link-check settings report only links that are really gone.

The linkcheck builder runs in-process, with the settings read from docs/conf.py
(see tests/roots/test-linkcheck/conf.py), against a server on 127.0.0.1 that
plays each kind of answer a real site gives.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from tests.conftest import DOCS, ROOTS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

SLOW_SECONDS = 1.5  # well within linkcheck_timeout
RETRY_AFTER_SECONDS = 1


class Server(ThreadingHTTPServer):
    """Records when each path was asked for, so a test can see retries and waits."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: defaultdict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def record(self, path: str) -> int:
        """Log a request; return how many came to this path before it."""
        with self._lock:
            self.hits[path].append(time.monotonic())
            return len(self.hits[path]) - 1


class Handler(BaseHTTPRequestHandler):
    server: Server

    def answer(self) -> None:
        earlier = self.server.record(self.path)
        match self.path:
            case "/good":
                self.send(200)
            case "/missing":
                self.send(404)
            case "/moved":
                self.send(301, Location="/good")
            case "/gone-elsewhere":
                self.send(302, Location="/missing")
            case "/slow":
                time.sleep(SLOW_SECONDS)
                self.send(200)
            case "/flaky":
                # Sphinx tries HEAD, then GET: the whole first try fails.
                self.send(500 if earlier < 2 else 200)
            case "/rate-limited":
                if earlier == 0:
                    self.send(429, **{"Retry-After": str(RETRY_AFTER_SECONDS)})
                else:
                    self.send(200)
            case "/unavailable":
                self.send(503)
            case _:
                self.send(404)

    do_GET = do_HEAD = answer

    def send(self, status: int, **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest's output for failures


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    # A proxy from the environment must not carry requests off the machine.
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    httpd = Server()
    # A short poll interval makes shutdown() quick.
    serve = functools.partial(httpd.serve_forever, poll_interval=0.05)
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def check_links(
    make_app: Callable[..., Any], server: Server, tmp_path
) -> Callable[..., dict[str, dict[str, Any]]]:
    """Run linkcheck on the test root; return output.json's entries by path."""

    def run(**overrides: Any) -> dict[str, dict[str, Any]]:
        app = make_app(
            "linkcheck",
            srcdir=ROOTS / "test-linkcheck",
            builddir=tmp_path / "_build",
            freshenv=True,
            confoverrides={"test_server": server.url, **overrides},
        )
        app.build()
        lines = (app.outdir / "output.json").read_text(encoding="utf-8").splitlines()
        entries = [json.loads(line) for line in lines]
        return {urlsplit(entry["uri"]).path: entry for entry in entries}

    return run


def test_only_gone_links_are_broken(check_links, server):
    start = time.monotonic()
    results = check_links()
    took = time.monotonic() - start

    assert {path: entry["status"] for path, entry in results.items()} == {
        "/good": "working",
        "/missing": "broken",
        # Moved for good to a working page: worth updating, but not broken.
        "/moved": "redirected",
        "/gone-elsewhere": "broken",
        "/slow": "working",
        "/flaky": "working",
        "/rate-limited": "working",
        # Sphinx does not judge a link while its server is down.
        "/unavailable": "ignored",
    }
    assert results["/moved"]["code"] == 301
    assert results["/moved"]["info"] == f"{server.url}/good"
    assert "404" in results["/gone-elsewhere"]["info"]
    # The flaky link was tried again after its whole first try failed...
    assert len(server.hits["/flaky"]) == 3
    # ...and the rate-limited one only after the wait its server asked for.
    first, second = server.hits["/rate-limited"]
    assert second - first >= RETRY_AFTER_SECONDS - 0.05
    assert took < 15


def test_without_retries_the_flaky_link_is_broken(check_links):
    """Proves the server's /flaky fails a first try: retries are what save it."""
    results = check_links(linkcheck_retries=1)
    assert results["/flaky"]["status"] == "broken"


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    site = eval_config_file(DOCS.resolve() / "conf.py", Tags())
    return {name: value for name, value in site.items() if name.startswith("linkcheck")}


def test_a_doi_may_redirect_to_any_https_page(settings):
    # Sphinx matches both patterns from the start of the URL (re.match).
    def allowed(url: str, to: str) -> bool:
        return any(
            re.match(source, url) and re.match(target, to)
            for source, target in settings["linkcheck_allowed_redirects"].items()
        )

    doi = "https://doi.org/10.1111/head.12442"
    assert allowed(doi, "https://headachejournal.onlinelibrary.wiley.com/doi/x")
    assert not allowed(doi, "http://example.org/insecure")
    assert not allowed("https://pubmed.ncbi.nlm.nih.gov/1/", "https://example.org/")


def test_only_publishers_that_refuse_checkers_are_ignored(settings):
    def ignored(url: str) -> bool:
        return any(re.match(pattern, url) for pattern in settings["linkcheck_ignore"])

    assert ignored("https://onlinelibrary.wiley.com/doi/10.1002/art.1780330203")
    assert ignored("https://acrjournals.onlinelibrary.wiley.com/doi/10.1002/acr.1")
    assert ignored("https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD1")
    assert ignored("https://jamanetwork.com/journals/jama/fullarticle/183189")
    # The site's own links are all checked.
    assert not ignored("https://doi.org/10.1002/art.1780330203")
    assert not ignored("https://pubmed.ncbi.nlm.nih.gov/7818567/")
    assert not ignored("https://www.nice.org.uk/guidance/ng193")
