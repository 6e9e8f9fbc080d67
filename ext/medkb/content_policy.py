"""Keep raw HTML, scripts and unsafe links out of pages written by the public.

Pages arrive by pull request, so whatever a page holds ends up in every
reader's browser. At read time this reports, as errors that fail the build:

* raw HTML, block or inline, which MyST passes to the output as ``raw`` nodes;
* the ``raw`` directive, in MyST or in ``eval-rst`` form;
* ``<script>`` and ``<iframe>`` elements, named as such;
* links whose target uses the ``javascript:``, ``data:`` or ``vbscript:``
  scheme, including the ``url`` of a BibTeX entry a page cites, and the
  Markdown links to them that markdown-it declines to make (it leaves them
  as plain text, which would otherwise pass without a word);
* images without alt text, which tell a reader who cannot see them nothing.

It loads ``medkb.file_access`` too, so pages use only the repository's files.

HTML comments are allowed: a well-formed comment shows nothing and runs nothing,
and contributors use them for notes to editors. Hard line breaks,
strikethrough and task lists are Markdown that MyST itself writes as raw HTML,
so those are allowed too.

Every offending node is removed from the doctree (a link keeps its text), so
nothing unsafe reaches readers even from a build whose failure was ignored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from medkb import __version__
from medkb._core.problems import note_problem
from medkb._core.state import BuildCache
from medkb._core.subtypes import Subtype
from medkb.file_access import source_line

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

#: Schemes whose links run code or hide a whole page in the link itself, with
#: what they do (vbscript: only ever ran in Internet Explorer; refusing it is free).
UNSAFE_SCHEMES = {
    "javascript": "run code in the reader's browser",
    "data": "hide a whole page, scripts and all, inside the link",
    "vbscript": "run code in the reader's browser",
}

# As browsers do: tabs and newlines anywhere in a URL are dropped, as are
# leading spaces and control characters, and schemes ignore case.
_URL_DROPPED = re.compile(r"[\t\n\r]")
_URL_LEADING = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")

# Where markdown-it left a link it refused as text: after "](" of an inline
# link or image, "]:" of a reference definition, "<" of an autolink.
_REFUSED_LINK = re.compile(r"\]\(|\]:|<(?=[A-Za-z])")
# Text that is code, not Markdown: its brackets were never meant as links.
_NOT_MARKDOWN = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw)

_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
_IFRAME = re.compile(r"<iframe\b", re.IGNORECASE)
# One comment and nothing else. Its text may not hold "--", start with ">"
# or "->" or end with "-": browsers end or break a comment on those, and
# whatever followed would be live HTML.
_COMMENT = re.compile(r"<!--(?!-?>)(?:(?!--).)*(?<!-)-->", re.DOTALL)
_CLOSING_TAG = re.compile(r"</[A-Za-z][^<>]*>")

# The raw nodes myst-parser writes itself for Markdown syntax: hard line
# breaks, ~~strikethrough~~ and task list boxes.
_MYST_MARKUP = frozenset({"<br />\n", "\\\\\n", "<s>", "</s>"})
_MYST_CHECKBOX = re.compile(
    r'<input class="task-list-item-checkbox" (?:checked="checked" )?'
    r'(?:disabled="disabled" )?type="checkbox">'
)

_REMEDY_BLOCK = "Write it in Markdown, or ask a maintainer to add a directive."
_REMEDY_INLINE = (
    "Write it in Markdown (such as *emphasis* or **bold**), or ask a maintainer "
    "to add a role."
)
_REMEDY_SCRIPT = (
    "it would run in the browser of every reader. Remove it; if the page needs "
    "something interactive, ask a maintainer to add a directive."
)
_REMEDY_IFRAME = (
    "it would show another site inside the page. Remove it and link to that "
    "site instead, such as [its title](https://example.org/page)."
)


def unsafe_scheme(url: str) -> str | None:
    """The scheme of *url* when a browser would run or render it unchecked."""
    cleaned = _URL_DROPPED.sub("", url).lstrip(_URL_LEADING).lower()
    match = _SCHEME.match(cleaned)
    if match and match.group(1) in UNSAFE_SCHEMES:
        return match.group(1)
    return None


def _excerpt(text: str, width: int = 60) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return repr(first if len(first) <= width else first[: width - 1] + "…")


def _element_problem(text: str, where: str) -> tuple[Subtype, str] | None:
    """The subtype and message for a <script> or <iframe> in *text*, if any."""
    if _SCRIPT.search(text):
        message = f"a <script> element is not allowed {where}: {_REMEDY_SCRIPT}"
        return Subtype.SCRIPT, message
    if _IFRAME.search(text):
        message = f"an <iframe> element is not allowed {where}: {_REMEDY_IFRAME}"
        return Subtype.IFRAME, message
    return None


def _is_allowed_raw(raw: nodes.raw) -> bool:
    text = raw.astext()
    if text in _MYST_MARKUP or _MYST_CHECKBOX.fullmatch(text):
        return True
    return bool(_COMMENT.fullmatch(text.strip())) and not _element_problem(text, "")


def _included(env: BuildEnvironment, source: str | None) -> str:
    """A note naming *source* when it is an {include}d file, not the page:
    the line numbers are that file's."""
    if source and Path(source) != Path(env.doc2path(env.docname)):
        return f" (in {Path(source).name}, included by this page)"
    return ""


def _location(env: BuildEnvironment, node: nodes.Node) -> tuple[int | None, str]:
    source, line = source_line(node)
    return line, _included(env, source)


def check_raw(env: BuildEnvironment, raw: nodes.raw) -> None:
    """Report and remove one raw node that is not allowed."""
    text = raw.astext()
    inline = isinstance(raw.parent, nodes.TextElement)
    line, included = _location(env, raw)
    problem = _element_problem(text, "in pages" + included)
    if problem is None and inline and _CLOSING_TAG.fullmatch(text.strip()):
        # The opening tag's message covers the pair; the closing tag just goes.
        raw.parent.remove(raw)
        return
    if problem is None:
        what = "inline HTML is" if inline else "a raw HTML block is"
        remedy = _REMEDY_INLINE if inline else _REMEDY_BLOCK
        problem = (
            Subtype.RAW_HTML,
            f"{what} not allowed in pages{included}: {_excerpt(text)}. {remedy}",
        )
    subtype, message = problem
    note_problem(env, subtype, message, line=line, is_error=True)
    # Removed, so it never reaches readers: the build fails anyway, and this
    # keeps a script out of any HTML published from an ignored failure.
    raw.parent.remove(raw)


def _note_unsafe_link(
    env: BuildEnvironment, url: str, scheme: str, line: int | None, included: str
) -> None:
    note_problem(
        env,
        Subtype.UNSAFE_LINK,
        f"a link to {_excerpt(url)} is not allowed in pages"
        f"{included}: '{scheme}:' links can {UNSAFE_SCHEMES[scheme]}. "
        "Link to an https:// address or to a page of this site instead.",
        line=line,
        is_error=True,
    )


def check_link(
    env: BuildEnvironment, reference: nodes.reference | addnodes.pending_xref
) -> None:
    """Report and unlink one link with an unsafe scheme; its text stays.

    A ``pending_xref`` is MyST's link to what it takes for a page (such as
    ``data:image/png;...``, which markdown-it lets through).
    """
    attribute = "refuri" if isinstance(reference, nodes.reference) else "reftarget"
    url = reference.get(attribute, "")
    scheme = unsafe_scheme(url)
    if scheme is None:
        return
    line, included = _location(env, reference)
    _note_unsafe_link(env, url, scheme, line, included)
    reference.replace_self(reference.children)


def _markdown_text(element: nodes.Element) -> str:
    """The text of *element* that Markdown made, code left out."""
    parts = []
    for text in element.findall(nodes.Text):
        parent = text.parent
        while parent is not element and not isinstance(parent, _NOT_MARKDOWN):
            parent = parent.parent
        if parent is element:
            parts.append(str(text))
    return "".join(parts)


def _written_url(text: str, start: int, closing: str) -> int:
    """Where the URL written from *start* ends: at a space, or at *closing*
    (an inline link's ")" once its parentheses balance)."""
    depth = 0
    end = start
    while end < len(text) and text[end] != " ":
        char = text[end]
        if char == closing and depth == 0:
            break
        if closing == ")":
            depth += {"(": 1, ")": -1}.get(char, 0)
        end += 1
    return end


def check_refused_links(env: BuildEnvironment, doctree: nodes.document) -> None:
    """Report the Markdown links to unsafe schemes that markdown-it left as text.

    Found in the text of each paragraph (or title, or other run of text), so
    a link split over lines is found too; the line is the paragraph's first
    line plus the line breaks before the link.
    """
    for element in doctree.findall(nodes.TextElement):
        if isinstance(element.parent, nodes.TextElement) or isinstance(
            element, _NOT_MARKDOWN
        ):
            continue  # checked with its paragraph, or code
        text = _markdown_text(element)
        if ":" not in text:
            continue
        checked_to = 0  # "<" in "](<url>)" is the same link
        for match in _REFUSED_LINK.finditer(text):
            if match.start() < checked_to:
                continue
            start = match.end()
            while start < len(text) and text[start] in _URL_LEADING:
                start += 1
            closing = {"](": ")", "<": ">"}.get(match.group(), " ")
            if match.group() == "](" and text.startswith("<", start):
                start, closing = start + 1, ">"
            checked_to = _written_url(text, start, closing)
            url = text[start:checked_to]
            if (scheme := unsafe_scheme(url)) is None:
                continue
            line, included = _location(env, element)
            if line is not None:
                line += text.count("\n", 0, match.start())
            _note_unsafe_link(env, url, scheme, line, included)


def check_image_alt(env: BuildEnvironment, image: nodes.image) -> None:
    """Report an image with no alt text."""
    if image.get("alt", "").strip():
        return
    line, included = _location(env, image)
    note_problem(
        env,
        Subtype.IMAGE_ALT,
        f"the image {image['uri']!r} has no alt text{included}: readers who "
        "cannot see it, such as those using a screen reader, learn nothing "
        "from it. Say what it shows, as in ![A blister pack of 8 tablets]"
        "(pack.png), or with :alt: in the image or figure directive.",
        line=line,
        is_error=True,
    )


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    """Check the page just read; at doctree-read, after every transform made
    its links (such as reStructuredText's named hyperlink targets)."""
    env = app.env
    for raw in list(doctree.findall(nodes.raw)):
        if not _is_allowed_raw(raw):
            check_raw(env, raw)
    for reference in list(doctree.findall(nodes.reference)):
        check_link(env, reference)
    for xref in list(doctree.findall(addnodes.pending_xref)):
        if xref.get("reftype") == "myst":
            check_link(env, xref)
    check_refused_links(env, doctree)
    for image in doctree.findall(nodes.image):
        check_image_alt(env, image)
    check_cited_entries(env, doctree)


class RawDirective(Raw):
    """The ``raw`` directive, refused: it reports itself and outputs nothing.

    Refused before it runs, so its ``:file:`` and ``:url:`` options never
    read a file of the build machine or fetch a URL.
    """

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        source, line = self.state_machine.get_source_and_line(self.lineno)
        where = f"in pages{_included(env, source)}"
        text = "\n".join(self.content)
        subtype, message = _element_problem(text, where) or (
            Subtype.RAW_DIRECTIVE,
            f"the raw directive is not allowed {where}: it passes "
            f"{self.arguments[0]!r} output through unchecked. {_REMEDY_BLOCK}",
        )
        note_problem(env, subtype, message, line=line, is_error=True)
        return []


# -- BibTeX entries --------------------------------------------------------
#: For each cite domain: the bib data read, and the file of each key in it.
_key_files: BuildCache[Any, tuple[Any, dict[str, Path]]] = BuildCache()
# sphinxcontrib-bibtex formats reference lists while writing, after the
# doctree-read check above, so an entry's url is checked where it is cited.


def _bibfiles_by_key(domain: Any) -> dict[str, Path]:
    """The bib file of each key, worked out once for the bib files read."""
    bibdata = domain.bibdata
    known = _key_files.peek(domain)
    if known is None or known[0] is not bibdata:
        files: dict[str, Path] = {}
        for path, bibfile in bibdata.bibfiles.items():
            for key in bibfile.keys:
                files.setdefault(key, Path(path))  # the first file, as pybtex
        known = (bibdata, files)
        _key_files.set(domain, known)
    return known[1]


def _citations_read_last(domain: Any, docname: str) -> list[Any]:
    """The page's citations: the last ones noted, as the page was just read.

    Sphinx reads one page at a time in each process, after forgetting the
    page's old citations, so these are the newest; scanning every citation
    of the site for each page would grow with the square of the site.
    """
    refs = domain.citation_refs
    start = len(refs)
    while start > 0 and refs[start - 1].docname == docname:
        start -= 1
    cited: list[Any] = refs[start:]
    return cited


def _unsafe_fields(entry: Entry) -> Iterator[tuple[str, str, str]]:
    for name, value in entry.fields.items():
        if scheme := unsafe_scheme(str(value)):
            yield name, str(value), scheme


def _citation_lines(doctree: nodes.document) -> dict[str, int | None]:
    """The line of each citation in the page, by the id sphinxcontrib-bibtex
    gave it (it records no line of its own for MyST pages)."""
    return {
        node["ids"][0]: get_source_line(node)[1]
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") == "cite" and node["ids"]
    }


def check_cited_entries(env: BuildEnvironment, doctree: nodes.document) -> None:
    """Report each BibTeX entry the page cites whose fields hold unsafe links."""
    if "cite" not in env.domains:
        return
    domain: Any = env.get_domain("cite")
    entries = domain.bibdata.data.entries
    lines = _citation_lines(doctree)
    bibfiles = _bibfiles_by_key(domain)
    for ref in _citations_read_last(domain, env.docname):
        for target in ref.targets:
            bibfile = bibfiles.get(target.key)
            if target.key not in entries or bibfile is None:
                continue
            # Fixing the entry must re-read the page, to clear the error.
            env.note_dependency(bibfile)
            for name, value, scheme in _unsafe_fields(entries[target.key]):
                note_problem(
                    env,
                    Subtype.UNSAFE_LINK,
                    f"the cited entry {target.key!r} in {bibfile.name} has "
                    f"{name} = {_excerpt(value)}: '{scheme}:' links can "
                    f"{UNSAFE_SCHEMES[scheme]}. Fix the {name} field in "
                    f"{bibfile.name} to an https:// address, or remove it.",
                    line=lines.get(ref.citation_ref_id),
                    is_error=True,
                )


class UnlinkUnsafeLinks(SphinxPostTransform):
    """Unlink, while writing, every link with an unsafe scheme, whatever made it.

    sphinxcontrib-bibtex turns a ``url`` field into a link at priority 5, after
    the read-time checks; an entry no page cites (listed by ``:all:``, say)
    is not reported, but its link still never reaches readers.
    """

    default_priority = 900  # after the post-transforms that make links

    def run(self, **_kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if unsafe_scheme(reference.get("refuri", "")):
                reference.replace_self(reference.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb._core.problems")
    # Loaded first, so that this module's raw directive, which reads nothing,
    # replaces file_access's in whichever order conf.py names the two.
    app.setup_extension("medkb.file_access")
    app.add_directive("raw", RawDirective, override=True)
    app.connect("doctree-read", check_page)
    app.add_post_transform(UnlinkUnsafeLinks)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
