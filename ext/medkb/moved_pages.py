"""A page the site has published keeps its address: it stays, or it redirects.

Readers, search engines and other sites link to a page's address. When a page
moves or is removed, sphinx-reredirects writes a small page at the old
address that sends readers on (``redirects`` in conf.py). Forgetting that
entry only shows once readers meet a 404, so here it is an error.

The list of pages the last release published lives in the repository
(``medkb_published_pages_file``), one page name a line. Every build, full or
incremental, checks that each listed page is still a page of the site or the
source of a redirect, that each redirect leads to a page of the site, and that
no redirect starts at a page that still exists (it would overwrite it). At a
release, ``-D medkb_published_pages_write=1`` refreshes the list.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from sphinx.util import logging

from medkb import __version__
from medkb._core import config as _config
from medkb._core.problems import WARNING_TYPE, report_build_errors
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: The extension that writes the pages at old addresses, and its option.
REDIRECTS_EXTENSION = "sphinx_reredirects"
REDIRECTS = "redirects"
WRITE = "medkb_published_pages_write"

OPTIONS = (
    _config.Option(
        "medkb_published_pages_file",
        "",
        (str,),
        "Text file, relative to the source directory, listing the pages the "
        "last release published, one page name a line; each must still be a "
        "page or the source of a redirect ('' to turn the check off).",
        _config.check_optional_file,
    ),
    _config.Option(
        WRITE,
        False,
        (bool,),
        "Rewrite the list of published pages from this build's pages and "
        "redirects, once it has no errors: run at each release.",
    ),
)

HEADER = """\
# The pages the site has published, as of the last release: one page name a
# line (its path under docs/ without '.md'), and the old names that redirect.
# The build fails when a page listed here is no longer a page of the site and
# has no redirect in `redirects` in docs/conf.py, so no published address
# leads to a 404. Remove a line only for a page that was never meant to stay.
# Refresh at each release (see CONTRIBUTING.md, "For maintainers"):
#   sphinx-build -b dummy -D medkb_published_pages_write=1 docs docs/_build/dummy
"""

# Wildcards in a source make sphinx-reredirects match pages that exist.
WILDCARD = re.compile(r"[*?\[\]]")
PAGE_NAME = re.compile(r"[^\s/]+(?:/[^\s/]+)*")
NOT_A_PAGE_NAME_SUFFIXES = (".md", ".rst", ".html", ".txt")


class ListedPage(NamedTuple):
    name: str
    line: int


class ListProblem(NamedTuple):
    line: int | None
    message: str


def list_path(app: Sphinx) -> Path | None:
    name = app.config.medkb_published_pages_file
    return Path(app.srcdir, name).resolve() if name else None


def read_published_pages(path: Path) -> tuple[list[ListedPage], list[ListProblem]]:
    """The page names of the list, each with its line, and its malformed lines."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as error:
        return [], [
            ListProblem(
                None,
                f"the list of published pages, {path}, cannot be read "
                f"({error.strerror}). Restore it from the last release, or write "
                f"it again with -D {WRITE}=1.",
            )
        ]
    except UnicodeDecodeError as error:
        return [], [
            ListProblem(
                data[: error.start].count(b"\n") + 1,
                "the list of published pages is not UTF-8 text; save it as "
                "UTF-8, one page name a line.",
            )
        ]
    pages, problems = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if PAGE_NAME.fullmatch(line) and not line.endswith(NOT_A_PAGE_NAME_SUFFIXES):
            pages.append(ListedPage(line, number))
            continue
        problems.append(
            ListProblem(
                number,
                f"{line!r} is not a page name; write one page a line as Sphinx "
                "names it, its path under the source folder without a suffix or "
                "a leading '/', such as 'treatments/botox-trigger-points'.",
            )
        )
    return pages, problems


def written_target(source: str, target: str) -> str:
    """The address sphinx-reredirects writes into the page at *source*.

    It turns a target with a leading '/' into one relative to the source's
    folder by prepending a '..' per folder, so a top-level source keeps the
    '/' and leads out of a site served under a path such as /en/latest/.
    """
    if not target.startswith("/"):
        return target
    return "/".join([".."] * source.count("/")) + target


def target_page(source: str, target: str) -> str | None:
    """The page a redirect from *source* leads to, or ``None`` if none can be."""
    written = urlsplit(written_target(source, target))
    if written.scheme or written.netloc or written.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), written.path))
    if path.startswith("../") or path == "..":
        return None
    if written.path.endswith("/"):  # a folder: its index page
        return posixpath.join(path, "index") if path != "." else "index"
    return path.removesuffix(".html") if path.endswith(".html") else None


def relative_prefix(source: str) -> str:
    """'../' per folder of *source*: how its redirect reaches the site's root."""
    return "../" * source.count("/")


def conf_location(app: Sphinx, source: str) -> str | None:
    """The line of conf.py that holds the redirect from *source*."""
    start = _config.conf_line(app, REDIRECTS)
    if start is None:
        return None
    path, _, first = start.rpartition(":")
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    key = re.compile(rf"""["']{re.escape(source)}["']\s*:""")
    for number in range(int(first) - 1, len(lines)):
        if key.search(lines[number]):
            return f"{path}:{number + 1}"
    return start


def redirect_problems(
    app: Sphinx, redirects: Mapping[str, str], pages: set[str]
) -> Iterator[tuple[str | None, str]]:
    """Each redirect to no page, and each that starts at a page that exists."""
    for source, target in sorted(redirects.items()):
        location = conf_location(app, source)
        if WILDCARD.search(source):
            yield (
                location,
                f"redirect {source!r} is a pattern, and sphinx-reredirects "
                "matches patterns only against pages that exist, replacing them; "
                "name each old page in its own entry.",
            )
            continue
        name = source.removesuffix(".html")
        if name in pages:
            yield (
                location,
                f"{name!r} is both a page of the site and the source of a "
                "redirect, so the redirect would overwrite the page; remove the "
                "redirect, or the page if it has moved.",
            )
        if urlsplit(target).scheme in {"http", "https"}:
            continue  # another site: the link check follows it
        page = target_page(name, target)
        if page in pages:
            continue
        if page is not None:
            wrong = f"leads to {page!r}, which is not a page of the site"
        elif written_target(name, target).startswith("/"):
            # sphinx-reredirects keeps the '/' of a source in the top folder.
            wrong = (
                "leads to the server's root, not the site's (which may be /en/latest/)"
            )
        else:
            wrong = "is not the address of a page of the site"
        yield (
            location,
            f"redirect {name!r} -> {target!r} {wrong}; point it at the new "
            "page's address relative to the old page's folder, such as "
            f"'{relative_prefix(name)}SECTION/NEW-NAME.html'.",
        )


def check_published_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Report published pages gone without a redirect, and broken redirects."""
    path = list_path(app)
    if path is None:
        return []
    redirects: dict[str, str] = dict(app.config[REDIRECTS])
    redirected = {s.removesuffix(".html") for s in redirects if not WILDCARD.search(s)}
    listed, problems = read_published_pages(path)
    errors = 0
    for problem in problems:
        errors += 1
        _error(f"{path}:{problem.line}" if problem.line else None, problem.message)
    for page in listed:
        if page.name in env.found_docs or page.name in redirected:
            continue
        errors += 1
        _error(
            f"{path}:{page.line}",
            f"page {page.name!r} was published and is gone: it is no longer a page "
            "of the site and no redirect leads from its address, so links to it "
            "now end at 'Page not found'. If it moved, add "
            f'"{page.name}": "{relative_prefix(page.name)}SECTION/NEW-NAME.html" '
            f"to `{REDIRECTS}` in conf.py (the new page's address relative to the "
            "old page's folder); if it was never meant to be kept, remove this "
            "line from the list.",
        )
    for location, message in redirect_problems(app, redirects, set(env.found_docs)):
        errors += 1
        _error(location, message)
    if app.config[WRITE]:
        errors += _write_list(path, set(env.found_docs) | redirected, errors)
    report_build_errors(env, "moved-pages", errors)
    return []


def _write_list(path: Path, names: set[str], errors: int) -> int:
    """Refresh the list, unless the build found the old one broken; new errors."""
    if errors:
        _error(
            None,
            f"the list of published pages, {path}, was not refreshed: fix the "
            "errors above first, or the pages they name would drop off the list "
            "unnoticed.",
        )
        return 1
    path.write_text(HEADER + "".join(f"{n}\n" for n in sorted(names)), "utf-8")
    logger.info("wrote %d published pages to %s", len(names), path)
    return 0


def _error(location: str | None, message: str) -> None:
    logger.error(
        message, location=location, type=WARNING_TYPE, subtype=Subtype.MOVED_PAGE
    )


def validate_config(app: Sphinx, _config_: Config) -> None:
    problems = _config.find_problems(app, OPTIONS)
    if app.config.medkb_published_pages_file:
        if REDIRECTS_EXTENSION not in app.extensions:
            problems.append(
                _config.StartupProblem(
                    _config.conf_line(app, "medkb_published_pages_file"),
                    "medkb_published_pages_file needs sphinx-reredirects, which "
                    "writes the pages at old addresses; add "
                    f"'{REDIRECTS_EXTENSION}' to extensions in conf.py.",
                )
            )
    elif app.config[WRITE]:
        problems.append(
            _config.StartupProblem(
                _config.conf_line(app, WRITE),
                f"{WRITE} needs medkb_published_pages_file: set it to the file "
                "the list is written to, such as '_data/published-pages.txt'.",
            )
        )
    if problems:
        _config.stop(problems)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("env-updated", check_published_pages)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
