"""The disclaimer snippet: a Markdown file parsed once per build.

It is parsed as if it were a page of its own, so relative links resolve from
the snippet's folder, and checked before any page is read: a broken link or a
heading in it would otherwise break every page, once per page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.frontend import get_default_settings
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.util import docname_join
from sphinx.util.docutils import LoggingReporter, sphinx_domains

from medkb._core.config import StartupProblem
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def snippet_path(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.medkb_disclaimer_snippet).resolve()


def snippet_in_srcdir(app: Sphinx) -> Path | None:
    """The snippet's path relative to the source folder, if it lies inside."""
    snippet, srcdir = snippet_path(app), Path(app.srcdir).resolve()
    return snippet.relative_to(srcdir) if snippet.is_relative_to(srcdir) else None


def snippet_docname(app: Sphinx) -> str:
    """A name for the snippet as if it were a page, to resolve relative links."""
    relative = snippet_in_srcdir(app)
    if relative is None:
        return snippet_path(app).stem
    return relative.with_suffix("").as_posix()


def parse_snippet(app: Sphinx, text: str | None = None) -> list[nodes.Node]:
    """Parse the snippet (or *text*, its translation) with MyST as if it
    were a page of its own."""
    env = app.env
    snippet = snippet_path(app)
    settings = get_default_settings(MystParser)
    settings.env = env
    reporter = LoggingReporter(str(snippet))
    document = nodes.document(settings, reporter, source=str(snippet))
    document.note_source(str(snippet), -1)
    reading = env.current_document
    env.prepare_settings(snippet_docname(app))
    try:
        with sphinx_domains(env):
            if text is None:
                text = snippet.read_text(encoding="utf-8")
            MystParser().parse(text, document)
    finally:
        env.current_document = reading
        # The parsed nodes outlive the parse: keep them from holding the
        # environment through their document's settings.
        settings.env = None
    return list(document.children)


def anchor_doc_links(content: list[nodes.Node], snippet_docname: str) -> None:
    """Make links to pages absolute, as seen from the snippet's own folder.

    Each copy of the box is then resolved from the page it sits on, so the
    link works from any page depth and in every builder.
    """
    for xref in (x for n in content for x in n.findall(addnodes.pending_xref)):
        if xref.get("reftype") == "doc":
            xref["reftarget"] = "/" + docname_join(snippet_docname, xref["reftarget"])


def snippet_problems(app: Sphinx, content: list[nodes.Node]) -> list[StartupProblem]:
    """What in the snippet would break every page: found once, reported once."""
    snippet = snippet_path(app)

    def at(line: int | None, message: str) -> StartupProblem:
        return StartupProblem(
            f"{snippet}:{line or 1}", message, Subtype.DISCLAIMER_SNIPPET
        )

    if not content:
        return [at(1, "the disclaimer snippet is empty; write the disclaimer in it.")]
    problems = [
        at(
            node.line,
            "the disclaimer snippet must hold paragraphs only, with no headings "
            "or front matter: it is shown in a box under each page's title.",
        )
        for node in content
        if isinstance(node, nodes.section | nodes.docinfo)
    ]
    lines = snippet.read_text(encoding="utf-8").splitlines()
    for xref in (x for n in content for x in n.findall(addnodes.pending_xref)):
        if not _links_to_missing_page(app, xref):
            continue
        target = str(xref["reftarget"])
        # myst-parser gives the paragraph's first line: find the link's own.
        first = (xref.line or 1) - 1
        line = next(
            (n for n, text in enumerate(lines[first:], first + 1) if target in text),
            first + 1,
        )
        problems.append(
            at(
                line,
                f"the disclaimer snippet links to {target!r}, which is not a page "
                f"in {app.srcdir}; fix the link (relative to the snippet's "
                "folder, or starting with / for the source folder).",
            )
        )
    return problems


def _links_to_missing_page(app: Sphinx, xref: addnodes.pending_xref) -> bool:
    suffixes = tuple(app.config.source_suffix)
    target = str(xref["reftarget"])
    if xref.get("reftype") == "doc":  # the {doc} role
        base = Path(app.srcdir, docname_join(snippet_docname(app), target))
        return not any(base.with_name(base.name + s).is_file() for s in suffixes)
    # myst-parser leaves a link to a file it could not find without a domain.
    path = target.split("#", 1)[0]
    return xref.get("refdomain") is None and path.endswith(suffixes)
