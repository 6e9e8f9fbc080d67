"""A sitemap that lists every page after any build, in a stable order.

sphinx-sitemap collects a page's URL when the page is written, so after an
incremental build its sitemap lists only the pages written again (its issue
#13), and after a parallel build the order depends on which process wrote
first. Just before it writes the file, this replaces what it collected with
every page of the project, sorted, so a clean, an incremental and a parallel
build give the same sitemap.

Upstream behaviour relied on: sphinx-sitemap's queue ``app.sitemap_links``,
filled per written page and read at ``build-finished`` (priority 500), as of
sphinx-sitemap 2.9; and sphinx-last-updated-by-git's ``env.git_last_updated``
when that extension is loaded. Without the queue this does nothing. It can go
when sphinx-sitemap lists every page after an incremental build.
"""

from __future__ import annotations

import fnmatch
import queue
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from medkb import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


# Builders that write one file per page; a sitemap of singlehtml or epub
# output would list one page or none a reader can open.
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


def list_every_page(app: Sphinx, exception: BaseException | None) -> None:
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None or app.builder.name not in PAGE_BUILDERS:
        return
    # Drop what was collected from the pages written in this build ...
    while True:
        try:
            links.get_nowait()
        except queue.Empty:
            break
    # ... and list every page instead, each once, in a fixed order, with the
    # address Sphinx itself links to (page.html, or page/ for dirhtml).
    excludes = app.config.sitemap_excludes
    last_updated = getattr(app.env, "git_last_updated", {})
    for docname in sorted(app.env.found_docs):
        link = app.builder.get_target_uri(docname)
        if any(fnmatch.fnmatch(link, pattern) for pattern in excludes):
            continue
        lastmod = None
        if app.config.sitemap_show_lastmod and last_updated.get(docname, (None,))[0]:
            stamp = int(last_updated[docname][0])
            lastmod = datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        links.put((link, lastmod))


def setup(app: Sphinx) -> ExtensionMetadata:
    # Does nothing unless sphinx_sitemap is in the project's extensions. Runs
    # before sphinx-sitemap writes the file at the default priority (500).
    app.connect("build-finished", list_every_page, priority=400)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
