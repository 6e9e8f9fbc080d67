"""The site's link-check settings report only links that are really gone.

The linkcheck builder runs in-process, with the settings read from docs/conf.py,
against a server on 127.0.0.1 that plays each kind of answer a real site gives.
For the https:// sites the settings name (doi.org, publishers), that server is
the proxy every request goes through, so no request leaves the machine.
"""

from __future__ import annotations

import functools
import json
import re
import ssl
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import pytest
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from tests.conftest import DOCS, ROOTS
from tests.helpers import plain

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


T = TypeVar("T", bound=ThreadingHTTPServer)


def running(httpd: T) -> Iterator[T]:
    """Serve *httpd* in a thread until the generator is closed."""
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
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    # A proxy from the environment must not carry requests off the machine.
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    httpd = Server()
    yield from running(httpd)


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


SETTINGS_ROOT = ROOTS / "test-linkcheck-settings"
DOI = "https://doi.org/10.1111/head.12442"
WILEY_DOI = "https://doi.org/10.1002/art.1780330203"
PUBLISHER = "https://example.org/article"
# What each site answers: a status, and where a redirect goes. {local} is the
# server's own address; every other site is reached through it as the proxy.
ANSWERS: dict[str, tuple[int, str | None]] = {
    "{local}/good": (200, None),
    "{local}/moved": (301, "{local}/good"),
    DOI: (302, PUBLISHER),
    PUBLISHER: (200, None),
    "https://doi.org/10.1111/head.1": (302, "http://example.org/article"),
    "http://example.org/article": (200, None),
    "https://example.org/old": (301, PUBLISHER),
    WILEY_DOI: (302, "https://onlinelibrary.wiley.com/doi/10.1002/art.1780330203"),
}
# Sites linkcheck_ignore keeps the checker from; the certificate does not name
# them, so a request would fail.
NEVER_ASKED = ("https://onlinelibrary.wiley.com/", "https://www.cochranelibrary.com/")
# The links on the page, and what the site's link-check settings make of each.
EXPECTED = {
    "{local}/good": "working",
    "{local}/missing": "broken",  # every site answers 404 for what it has not
    "{local}/moved": "redirected",
    # linkcheck_allowed_redirects: a DOI may go on to any https:// page...
    DOI: "working",
    # ...but not to an insecure one...
    "https://doi.org/10.1111/head.1": "redirected",
    # ...and a DOI that doi.org does not know is broken.
    "https://doi.org/10.1111/head.0": "broken",
    # Only a DOI may redirect: any other redirect is reported.
    "https://example.org/old": "redirected",
    # linkcheck_ignore: a publisher that refuses checkers is never asked, not
    # when a DOI redirects to it, and not when a page links to it.
    WILEY_DOI: "ignored",
    "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD001218/full": (
        "ignored"
    ),
}


class Web(ThreadingHTTPServer):
    """Stands in for the web: any host, over HTTP and, tunnelled as a proxy, HTTPS.

    Every request is recorded, so a test can see which sites were never asked.
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), WebHandler)
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(SETTINGS_ROOT / "cert.pem", SETTINGS_ROOT / "key.pem")
        self.asked: list[str] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def local(self, url: str) -> str:
        return url.format(local=self.url)

    def answer(self, url: str) -> tuple[int, str | None]:
        with self._lock:
            self.asked.append(url)
        answers = {self.local(u): (status, to) for u, (status, to) in ANSWERS.items()}
        status, to = answers.get(url, (404, None))
        return status, to and self.local(to)


class WebHandler(BaseHTTPRequestHandler):
    server: Web
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers
    timeout = 10
    scheme = "http"

    def do_CONNECT(self) -> None:
        """Make the connection a tunnel, and answer https:// requests inside it."""
        self.send_response(200)
        self.end_headers()
        self.connection = self.server.tls.wrap_socket(self.connection, server_side=True)
        self.rfile = self.connection.makefile("rb")
        self.wfile = self.connection.makefile("wb")
        self.scheme = "https"
        # A CONNECT is sent as HTTP/1.0, which would close the connection now.
        self.close_connection = False

    def answer(self) -> None:
        # A proxy is asked for the whole URL; a server, or a tunnel, for a path.
        if "://" in self.path:
            url = self.path
        else:
            url = f"{self.scheme}://{self.headers['Host']}{self.path}"
        status, location = self.server.answer(url)
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = answer

    def finish(self) -> None:
        super().finish()
        if self.scheme == "https":
            self.connection.close()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[Web]:
    httpd = Web()
    # Every request for another host goes through the server, so none leaves
    # the machine; its own address is asked directly.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, httpd.url)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1")
    for name in ("all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    yield from running(httpd)


@dataclass
class LinkReport:
    entries: dict[str, dict[str, Any]]  # output.json's entry for each link
    statuscode: int
    warnings: str

    @property
    def statuses(self) -> dict[str, str]:
        return {url: entry["status"] for url, entry in self.entries.items()}


@pytest.fixture
def check_with_site_settings(
    make_app: Callable[..., Any], copy_root, web: Web, settings: dict[str, Any]
) -> Callable[[list[str]], LinkReport]:
    """Run linkcheck on a page of *links*, with docs/conf.py's linkcheck_* values."""

    def run(links: list[str]) -> LinkReport:
        srcdir = copy_root("linkcheck-settings")
        urls = [web.local(link) for link in links]
        (srcdir / "index.md").write_text(
            "# Links\n\n" + "".join(f"- <{url}>\n" for url in urls), encoding="utf-8"
        )
        # Short waits: every server here answers at once.
        quick = {"linkcheck_timeout": 5, "linkcheck_retries": 1}
        app = make_app("linkcheck", srcdir=srcdir, confoverrides={**settings, **quick})
        app.build()
        lines = (app.outdir / "output.json").read_text(encoding="utf-8").splitlines()
        entries = {entry["uri"]: entry for entry in map(json.loads, lines)}
        assert sorted(entries) == sorted(urls)
        return LinkReport(entries, app.statuscode, plain(app.warning.getvalue()))

    return run


def test_the_site_settings_pass_dois_and_refusing_publishers(
    check_with_site_settings, web
):
    report = check_with_site_settings(list(EXPECTED))
    expected = {web.local(url): status for url, status in EXPECTED.items()}
    assert report.statuses == expected
    assert report.entries[DOI]["code"] == 0  # reported as no redirect at all
    assert report.entries[WILEY_DOI]["info"] == (
        "ignored redirect: https://onlinelibrary.wiley.com/doi/10.1002/art.1780330203"
    )
    # The DOIs were asked, and the page a DOI may go on to; the publishers
    # that refuse checkers never were.
    assert {DOI, PUBLISHER, WILEY_DOI} <= set(web.asked)
    assert [url for url in web.asked if url.startswith(NEVER_ASKED)] == []
    # Broken links fail the check; each other redirect is a warning.
    assert report.statuscode == 1
    redirected = sorted(u for u, status in expected.items() if status == "redirected")
    warned = sorted(re.findall(r"WARNING: redirect  (\S+) - ", report.warnings))
    assert warned == redirected
    assert report.warnings.count("WARNING") == len(redirected)


def test_redirects_alone_do_not_fail_the_check(check_with_site_settings, web):
    report = check_with_site_settings(["{local}/moved", "https://example.org/old", DOI])
    assert report.statuses == {
        web.local("{local}/moved"): "redirected",
        "https://example.org/old": "redirected",
        DOI: "working",
    }
    assert report.statuscode == 0
    assert report.warnings.count("WARNING: redirect  ") == 2
