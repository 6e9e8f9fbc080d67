"""A medical disclaimer under the title of every page, in every builder.

The disclaimer's text is a Markdown snippet named in ``conf.py``. It is parsed
once per build and copied into each doctree at read time, directly under the
page's H1, so html, dirhtml, singlehtml, epub, latex, text and man all show it.
It carries the ``no-search`` class, so the search index does not hold its words.

A page goes without it only when ``conf.py`` lists the page in
``medkb_disclaimer_exempt`` *and* the page's front matter says
``disclaimer: false``: neither a contributor nor a broad glob alone can drop it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.matching import Matcher

from medkb import __version__
from medkb._core import config as _config
from medkb._core.frontmatter import front_matter_field
from medkb._core.placement import under_title
from medkb._core.problems import WARNING_TYPE, note_problem
from medkb._core.snippet import (
    anchor_doc_links,
    parse_snippet,
    snippet_docname,
    snippet_in_srcdir,
    snippet_path,
    snippet_problems,
)
from medkb._core.state import BuildCache, DocumentStore
from medkb._core.subtypes import Subtype
from medkb._core.translation import (
    add_messages,
    catalog,
    file_domain,
    keep_out_of_page_catalogs,
    mark,
    message_id,
    messages_of,
    translate_text,
    translating,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: Marks the admonition, so checks and tests can find it in any output.
CLASS = "medkb-disclaimer"
#: Front matter key a page sets to ``false`` to go without the disclaimer.
FRONT_MATTER_KEY = "disclaimer"
#: The docutils admonition styles; furo colours each one. (Sphinx's LaTeX
#: writer draws every generic admonition, ours included, in its note style.)
STYLES = (
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "tip",
    "warning",
)


def _check_snippet(app: Sphinx, value: str) -> str | None:
    if value and Path(app.srcdir, value).is_file():
        return None
    return f"the path of an existing Markdown file, relative to {app.srcdir}"


def _check_style(_app: Sphinx, value: str) -> str | None:
    return None if value in STYLES else "one of " + ", ".join(STYLES)


def _check_title(_app: Sphinx, value: str) -> str | None:
    return None if value.strip() else "a title that is not empty"


OPTIONS = (
    _config.Option(
        "medkb_disclaimer_snippet",
        "_snippets/disclaimer.md",
        (str,),
        "Markdown file, relative to the source directory, holding the disclaimer "
        "text shown on every page.",
        _check_snippet,
    ),
    _config.Option(
        "medkb_disclaimer_style",
        "caution",
        (str,),
        "Admonition style of the disclaimer box.",
        _check_style,
    ),
    _config.Option(
        "medkb_disclaimer_title",
        "Medical disclaimer",
        (str,),
        "Title of the disclaimer box.",
        _check_title,
    ),
    _config.Option(
        "medkb_disclaimer_exempt",
        [],
        (list, tuple),
        "Glob patterns of pages that may go without the disclaimer by setting "
        "'disclaimer: false' in their front matter.",
        _config.check_page_globs,
    ),
)


@dataclass(frozen=True)
class DisclaimerTemplate:
    """The parsed disclaimer box and what decides where it goes, built once."""

    admonition: nodes.admonition
    snippet: Path
    exempt: Matcher
    #: The catalog that translated the box, if this build is a translation.
    catalog: Path | None = None


#: One template per environment; forked parallel readers inherit it.
_templates: BuildCache[BuildEnvironment, DisclaimerTemplate] = BuildCache()


def validate_config(app: Sphinx, config: Config) -> None:
    _config.validate(app, OPTIONS)
    # The snippet is Markdown in the source tree: keep it from becoming a page.
    relative = snippet_in_srcdir(app)
    if relative is not None and relative.as_posix() not in config.exclude_patterns:
        config.exclude_patterns = [*config.exclude_patterns, relative.as_posix()]


def build_template(app: Sphinx) -> None:
    """Parse the snippet once per build, before any page is read."""
    config = app.config
    snippet = snippet_path(app)
    source = snippet.read_text(encoding="utf-8")
    # The snippet's own catalog translates it, once for every page; the
    # gettext builder writes its messages there, not into each page's.
    domain = file_domain(app.srcdir, snippet)
    add_messages(
        app.builder, domain, [message_id(config.medkb_disclaimer_title)], snippet
    )
    add_messages(app.builder, domain, messages_of(source), snippet)
    body = translate_text(app.env, domain, source, depend=False)
    title = translate_text(app.env, domain, config.medkb_disclaimer_title, depend=False)
    content = parse_snippet(app, body.text)
    if problems := snippet_problems(app, content):
        _config.stop(problems)
    anchor_doc_links(content, snippet_docname(app))
    admonition = nodes.admonition(
        classes=[config.medkb_disclaimer_style, CLASS, "no-search"]
    )
    admonition += nodes.title(text=title.text)
    admonition += content
    keep_out_of_page_catalogs(admonition)
    if translating(config):
        mark(admonition, body.complete and title.complete)
    _templates[app.env] = DisclaimerTemplate(
        admonition=admonition,
        snippet=snippet_path(app),
        exempt=Matcher(list(config.medkb_disclaimer_exempt)),
        catalog=catalog(app.env, domain).path if translating(config) else None,
    )


def is_disclaimer(node: nodes.Node) -> bool:
    return isinstance(node, nodes.admonition) and CLASS in node["classes"]


class InjectDisclaimer(SphinxTransform):
    """Copy the disclaimer box into the page being read."""

    # Before Sphinx's doctree-read (880), so later transforms and the search
    # indexer see the box as part of the page.
    default_priority = 700

    def apply(self, **_kwargs: Any) -> None:
        template = _templates[self.env]
        docname = self.env.docname
        wanted = self._wanted(docname, template)
        if not wanted:
            return
        parent, index = under_title(self.document)
        admonition = template.admonition.deepcopy()
        # A copied node keeps its document: the snippet's, whose settings hold
        # the whole environment. Left so, every page's pickled doctree would
        # carry the environment too (about 1 MB a page at 300 pages).
        for node in admonition.findall():
            node.document = self.document
        for xref in admonition.findall(addnodes.pending_xref):
            xref["refdoc"] = docname
        parent.insert(index, admonition)
        # Editing the snippet re-reads every page that shows it.
        self.env.note_dependency(template.snippet)
        if template.catalog is not None:
            self.env.note_dependency(template.catalog)

    def _wanted(self, docname: str, template: DisclaimerTemplate) -> bool:
        field = front_matter_field(self.document, FRONT_MATTER_KEY)
        if field is None:
            return True
        value = field.value.strip().lower()
        if value not in {"true", "false"}:
            note_problem(
                self.env,
                Subtype.DISCLAIMER_FRONTMATTER,
                f"front matter '{FRONT_MATTER_KEY}: {field.value}' must be true "
                f"or false; remove the line to show the disclaimer.",
                line=field.line,
                is_error=True,
            )
            return True
        if value == "true":
            return True
        if template.exempt(docname):
            return False
        note_problem(
            self.env,
            Subtype.DISCLAIMER_OPTOUT,
            f"page {docname!r} turns the medical disclaimer off with "
            f"'{FRONT_MATTER_KEY}: false', but conf.py does not list it in "
            "medkb_disclaimer_exempt; remove that front matter line, or add "
            f"{docname!r} to medkb_disclaimer_exempt in conf.py. The disclaimer "
            "is kept on the page.",
            line=field.line,
            is_error=True,
        )
        return True


#: How many disclaimers each page carries once read, for the check below.
_counts: DocumentStore[int] = DocumentStore("medkb_disclaimer_count")


def count_disclaimers(app: Sphinx, doctree: nodes.document) -> None:
    """Record how many disclaimers the page has once all transforms ran."""
    count = sum(1 for _ in doctree.findall(is_disclaimer))
    _counts.get(app.env)[app.env.docname] = count


def check_every_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading, warn about each page without exactly one disclaimer."""
    template = _templates[env]
    counts = _counts.get(env)
    for docname in sorted(env.all_docs):
        count = counts.get(docname, 0)
        if count == 1:
            continue
        if count == 0:
            if template.exempt(docname) and _opted_out(env, docname):
                continue
            message = (
                f"page {docname!r} has no medical disclaimer; something removed "
                f"it after it was added. Check the extensions in conf.py."
            )
            subtype = Subtype.DISCLAIMER_MISSING
        else:
            message = (
                f"page {docname!r} has {count} medical disclaimers instead of one; "
                "remove any copy of the disclaimer text from the page itself."
            )
            subtype = Subtype.DISCLAIMER_DUPLICATE
        logger.warning(message, location=docname, type=WARNING_TYPE, subtype=subtype)
    return []


def _opted_out(env: BuildEnvironment, docname: str) -> bool:
    value = env.metadata.get(docname, {}).get(FRONT_MATTER_KEY)
    return str(value).strip().lower() == "false"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    # Before Sphinx's own type check (800), which only warns.
    app.connect("config-inited", validate_config, priority=400)
    # After myst-parser has built its config (builder-inited, priority 500).
    app.connect("builder-inited", build_template, priority=800)
    app.add_transform(InjectDisclaimer)
    app.connect("doctree-read", count_disclaimers, priority=900)
    _counts.connect(app)
    app.connect("env-updated", check_every_page)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
