"""furo's navigation sidebar, computed once per build instead of once per page.

For every page furo asks Sphinx for the whole site's toctree, renders it to
HTML and reworks that HTML with BeautifulSoup: work that grows with the
number of pages, done once per page, so a build grows with the square of the
page count. Yet the sidebars of two pages differ only in where their links
point from and in which entries are marked as the current branch.

This module renders furo's sidebar once, for a page outside the toctree, and
turns it into a template whose only variable parts are those. Each page's
sidebar is then filled in from the template: the same HTML, byte for byte,
that furo would have written (tests/test_fast_build.py compares every page).
Anything the template does not model (a sidebar marked current before any
page is, an entry it cannot parse) leaves furo to do its own work. Pages
Sphinx writes itself (the general index, the search page) get their sidebar
from the template too: furo computed the whole navigation for each of them on
every build.

Working out the root's toctree for the template took a tenth of a one-page
rebuild, so the template is kept in the doctree folder with a fingerprint of
what it is made from: every document's title and table of contents (taken
as each is read), the documents' names, and the versions of furo, Sphinx and
medkb. A build whose fingerprint matches reuses it.

Upstream internals used: furo's ``furo.navigation.get_navigation_tree``, the
toctree arguments of furo's private ``_compute_navigation_tree`` (copied in
``FURO_TOCTREE``), and the page-context key ``furo_navigation_tree`` that
furo's template reads (as of furo 2025.12.19). It can go when furo computes
the navigation once per build. Imported only through ``medkb._upstream.load``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Any

from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from medkb import __version__
from medkb._core.state import BuildCache, DocumentStore, KeptFile

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# The toctree furo asks Sphinx for, for its sidebar (furo._compute_navigation_tree).
FURO_TOCTREE: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
BUILDERS = frozenset({"html", "dirhtml"})

# The parts of furo's sidebar HTML that differ from page to page.
TOKENS = re.compile(
    r'<li class="(?P<li>[^"]*)">'
    r'|<a class="reference internal" href="(?P<href>[^"]*)">'
    r'|(?P<checkbox><input aria-label="[^"]*" )'
    r"|(?P<ul><ul>)"
    r"|(?P<end_li></li>)"
    r"|(?P<end_ul></ul>)"
)
LEVEL_CLASS = re.compile(r"toctree-l\d+")
#: The template kept between builds, in the doctree folder.
KEPT_TEMPLATE = "medkb-navigation.pickle"
#: The toctree function Sphinx gives a page: a page whose context has another
#: (sphinx-notfound-page's, which writes absolute links) is left to furo.
SPHINX_TOCTREE = "StandaloneHTMLBuilder.handle_page.<locals>.<lambda>"


class Unsupported(Exception):
    """The sidebar holds something the template does not model."""


@dataclass
class Entry:
    """One ``<li>`` of the sidebar: a page, and where its variable parts are."""

    classes: list[str]
    li: int
    parent: int | None
    ul: int
    docname: str | None = None
    link: int | None = None
    checkbox: int | None = None


@dataclass
class Template:
    """furo's sidebar as fixed text with slots for the per-page parts."""

    parts: list[str]
    entries: list[Entry]
    #: The entries of each page.
    entries_of: dict[str, list[int]]
    #: Per folder of page addresses: the parts with links pointing from there.
    by_folder: dict[str, list[str]] = field(default_factory=dict)

    def render(self, builder: Builder, docname: str) -> str:
        folder = posixpath.dirname(builder.get_target_uri(docname))
        if folder not in self.by_folder:
            self.by_folder[folder] = self._parts_from(builder, folder)
        parts = self.by_folder[folder].copy()
        own = self.entries_of.get(docname, [])
        current: set[int] = set()
        for index in own:
            entry: int | None = index
            while entry is not None and entry not in current:
                current.add(entry)
                entry = self.entries[entry].parent
        if not current:
            return "".join(parts)
        last = max(current)  # furo marks the last current <li> as the page
        for index in current:
            entry_ = self.entries[index]
            classes = [entry_.classes[0], "current", *entry_.classes[1:]]
            if index == last:
                classes.append("current-page")
            parts[entry_.li] = f'<li class="{" ".join(classes)}">'
            if entry_.checkbox is not None:
                parts[entry_.checkbox] = parts[entry_.checkbox] + 'checked="" '
        for index in own:
            link = self.entries[index].link
            assert link is not None
            parts[link] = '<a class="current reference internal" href="#">'
        # Sphinx marks every list on the way up from the page's entry.
        for slot in {self.entries[index].ul for index in current}:
            parts[slot] = '<ul class="current">'
        return "".join(parts)

    def _parts_from(self, builder: Builder, folder: str) -> list[str]:
        # Links from any page in the folder, as Sphinx writes them: relative
        # URIs depend only on the folder, except a page's link to itself,
        # which render() replaces. The NUL file name is no page's.
        base = posixpath.join(folder, "\0")
        parts = self.parts.copy()
        for entry in self.entries:
            if entry.link is not None and entry.docname is not None:
                href = relative_uri(base, builder.get_target_uri(entry.docname))
                parts[entry.link] = f'<a class="reference internal" href="{href}">'
        return parts


def furo_sidebar(builder: StandaloneHTMLBuilder, docname: str) -> str:
    """The sidebar furo writes for ``docname``, computed as furo computes it."""
    from furo.navigation import get_navigation_tree

    # One Any-typed mapping: Sphinx releases type these keywords differently.
    options: dict[str, Any] = {**FURO_TOCTREE, "tags": builder.tags}
    toctree = global_toctree_for_doc(builder.env, docname, builder, **options)
    html = builder.render_partial(toctree)["fragment"] if toctree else ""
    return str(get_navigation_tree(html))


def make_template(builder: StandaloneHTMLBuilder) -> Template:
    """Parse furo's sidebar for the root page, which no entry points to."""
    env = builder.env
    root = env.config.root_doc
    html = furo_sidebar(builder, root)
    if "current" in html:
        raise Unsupported("the root page is in its own toctree")
    docname_at = {builder.get_relative_uri(root, name): name for name in env.found_docs}
    parts: list[str] = []
    entries: list[Entry] = []
    open_entries: list[int] = []
    open_lists: list[int] = []
    position = 0
    for match in TOKENS.finditer(html):
        parts.append(html[position : match.start()])
        position = match.end()
        slot = len(parts)
        parts.append(match.group(0))
        if (classes := match.group("li")) is not None:
            names = classes.split()
            if not names or not LEVEL_CLASS.fullmatch(names[0]) or not open_lists:
                raise Unsupported(f"a sidebar entry with classes {classes!r}")
            if names[1:] not in ([], ["has-children"]):
                raise Unsupported(f"a sidebar entry with classes {classes!r}")
            parent = open_entries[-1] if open_entries else None
            entries.append(Entry(names, slot, parent, open_lists[-1]))
            open_entries.append(len(entries) - 1)
        elif (href := match.group("href")) is not None:
            if not open_entries or entries[open_entries[-1]].link is not None:
                raise Unsupported("a link outside a sidebar entry")
            if href not in docname_at:
                raise Unsupported(f"a link to {href!r}, which is no page")
            entry = entries[open_entries[-1]]
            entry.docname, entry.link = docname_at[href], slot
        elif match.group("checkbox") is not None:
            if not open_entries:
                raise Unsupported("a checkbox outside a sidebar entry")
            entries[open_entries[-1]].checkbox = slot
        elif match.group("ul") is not None:
            open_lists.append(slot)
        elif match.group("end_li") is not None:
            if not open_entries:
                raise Unsupported("a </li> closing no sidebar entry")
            open_entries.pop()
        else:
            if not open_lists:
                raise Unsupported("a </ul> closing no list")
            open_lists.pop()
    parts.append(html[position:])
    if open_entries or open_lists:
        raise Unsupported("unbalanced sidebar HTML")
    entries_of: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.docname is not None:
            entries_of.setdefault(entry.docname, []).append(index)
    template = Template(parts, entries, entries_of)
    # The template must give back what it was made from.
    if template.render(builder, root) != html:
        raise Unsupported("the template does not reproduce furo's sidebar")
    return template


# One template per builder, made on the first page it writes (in the main
# process: Sphinx writes the first page there before it forks) and dropped
# when the environment changes.
_templates: BuildCache[BuildEnvironment, Template | None] = BuildCache()
#: Each document's part of the fingerprint, taken when it is read.
_read_prints: DocumentStore[str] = DocumentStore("navigation-fingerprint")
#: The template of the last build, with the fingerprint it was made under.
_kept: KeptFile[Template] = KeptFile(KEPT_TEMPLATE)


def document_print(env: BuildEnvironment, docname: str) -> str:
    """A digest of what the sidebar shows of one document."""
    parts = [
        env.titles[docname].pformat() if docname in env.titles else "",
        env.tocs[docname].pformat() if docname in env.tocs else "",
        repr(env.metadata.get(docname, {}).get("tocdepth")),
    ]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def note_document(app: Sphinx, doctree: nodes.document) -> None:
    # After Sphinx's collectors (priority 500) filled in the title and toc.
    docname = app.env.docname
    _read_prints.get(app.env)[docname] = document_print(app.env, docname)


def site_print(builder: StandaloneHTMLBuilder) -> str | None:
    """A digest of everything the template is made from; None: do not keep it."""
    env = builder.env
    if env.numbered_toctrees:
        return None  # section numbers are assigned after reading
    prints = _read_prints.get(env)
    digest = hashlib.blake2b(digest_size=16)
    versions = [metadata.version(name) for name in ("furo", "sphinx")]
    suffixes = [
        str(getattr(builder, name, "")) for name in ("out_suffix", "link_suffix")
    ]
    fixed = [__version__, *versions, builder.name, env.config.root_doc, *suffixes]
    digest.update("\0".join(fixed).encode())
    for docname in sorted(env.found_docs):
        known = prints.get(docname) or document_print(env, docname)
        digest.update(f"\0{docname}\0{known}".encode())
    return digest.hexdigest()


def template_for(app: Sphinx) -> Template | None:
    env = app.env
    if env not in _templates:
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        fingerprint = site_print(builder)
        template = _kept.load(builder.doctreedir, fingerprint) if fingerprint else None
        if not isinstance(template, Template):
            try:
                template = make_template(builder)
            except Unsupported as why:
                logger.info(
                    "medkb.sidebar_cache: furo computes each sidebar itself (%s)", why
                )
            else:
                if fingerprint:
                    # Without the pages' copies of the folders' links.
                    blank = Template(
                        template.parts, template.entries, template.entries_of
                    )
                    _kept.save(builder.doctreedir, fingerprint, blank)
        _templates[env] = template
    return _templates[env]


def forget_templates(_app: Sphinx, env: BuildEnvironment) -> None:
    _templates.forget(env)


def applies(app: Sphinx, pagename: str, context: dict[str, Any]) -> bool:
    if not (
        app.config.medkb_navigation
        and app.builder.name in BUILDERS
        and app.config.html_theme == "furo"
        and "toctree" in context
    ):
        return False
    if pagename in app.env.found_docs:
        return True
    # A page Sphinx writes itself, such as the general index: no entry is its.
    return getattr(context["toctree"], "__qualname__", "") == SPHINX_TOCTREE


def before_furo(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict[str, Any],
    _doctree: nodes.document | None,
) -> None:
    if not applies(app, pagename, context) or (template := template_for(app)) is None:
        return
    context["medkb_sidebar"] = template.render(app.builder, pagename)
    toctree: Callable[..., str] = context["toctree"]

    def skip_furo_sidebar(**kwargs: Any) -> str:
        # furo's own call gets nothing to rework; any other call is served.
        return "" if kwargs == FURO_TOCTREE else toctree(**kwargs)

    context["medkb_toctree"] = toctree
    context["toctree"] = skip_furo_sidebar


def after_furo(
    _app: Sphinx,
    _pagename: str,
    _templatename: str,
    context: dict[str, Any],
    _doctree: nodes.document | None,
) -> None:
    if "medkb_sidebar" in context:
        context["furo_navigation_tree"] = context.pop("medkb_sidebar")
        context["toctree"] = context.pop("medkb_toctree")


def install(app: Sphinx) -> None:
    """Fill in each page's sidebar from the template, before furo would."""
    app.connect("doctree-read", note_document, priority=900)
    app.connect("env-updated", forget_templates)
    # furo fills in its sidebar at the default priority (500); sphinx-notfound-page
    # swaps in its own toctree function at 400, for a page that is no document.
    app.connect("html-page-context", before_furo, priority=450)
    app.connect("html-page-context", after_furo, priority=550)
