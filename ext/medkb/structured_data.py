"""Each page's schema.org ``MedicalWebPage``, as JSON-LD, from what the build knows.

Search engines and health aggregators read a page's review date, its sources
and the condition it is about from structured data, not from the review box a
reader sees. Everything here comes from the page's front matter (``description``,
``reviewed``, ``about``), the review store of ``medkb.review``, the registry of
``medkb.reviewers``, the table of contents and the page's own reference list,
so the data cannot say more than the page does. ``reviewedBy`` names a person
only for a page a registered reviewer reviewed. The disclaimer is not in it:
it is the page's own text, not a fact about the page.

A page may name the condition it is about in its front matter, one name or
several separated by ``;``::

    about: Fibromyalgia; Migraine
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import latexcodec  # noqa: F401  (registers the 'ulatex' codec)

from medkb import __version__
from medkb._core import config as _config
from medkb._core.frontmatter import front_matter_line
from medkb._core.problems import note_problem
from medkb._core.state import BuildCache
from medkb._core.static import writes_web_pages
from medkb._core.subtypes import Subtype
from medkb.review import review_of

if TYPE_CHECKING:
    from docutils import nodes
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.domain import BibtexDomain

ABOUT = "about"
#: One condition's name: plain words, as a reader would write them.
CONDITION_NAME = re.compile(r"[^\s;{}\[\]<>`*_|][^;{}\[\]<>`*_|]{0,79}")
DOI_URL = "https://doi.org/"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/"

#: Each page's sources as schema.org describes them, worked out once per build.
_sources_by_page: BuildCache[BuildEnvironment, _PageSources] = BuildCache()

OPTIONS = (
    _config.Option(
        "medkb_structured_data",
        True,
        (bool,),
        "Give each HTML page schema.org MedicalWebPage data (JSON-LD) built "
        "from its front matter, review dates and reference list.",
    ),
)


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def conditions(value: str) -> list[str]:
    """The condition names of an ``about:`` value, in order."""
    return [name.strip() for name in value.split(";") if name.strip()]


def check_about(app: Sphinx, document: nodes.document) -> None:
    """An ``about:`` that would put a wrong or empty condition in the data fails."""
    # At doctree-read Sphinx has moved the front matter into env.metadata.
    metadata = app.env.metadata.get(app.env.docname, {})
    if ABOUT not in metadata:
        return
    value = str(metadata[ABOUT])
    names = conditions(value)
    wrong = [n for n in names if not CONDITION_NAME.fullmatch(n)]
    if names and not wrong:
        return
    shown = f"'{ABOUT}: {value.strip()}'"
    reason = (
        "names no condition"
        if not names
        else f"has {wrong[0]!r}, which is not a plain condition name"
    )
    note_problem(
        app.env,
        Subtype.STRUCTURED_DATA,
        f"{shown} {reason}; write the condition the page is about in plain "
        "words, several separated by ';', such as 'about: Fibromyalgia; "
        "Migraine', or remove the line.",
        line=front_matter_line(document, ABOUT),
        is_error=True,
    )


#: What latexcodec changes in a field: commands, specials, ligatures of
#: dashes, quotes and punctuation, and runs of white space. A field with none
#: of them (nine in ten of the site's) decodes to itself.
NEEDS_DECODING = re.compile(r"[\\~$%&#^_`\"\t\n\r\f\v]|--|''|,,|<<|>>|[!?]`|  |^ ")


@functools.cache
def plain(latex: str) -> str:
    """A BibTeX field as the text a reader sees (escapes and braces resolved).

    latexcodec (pybtex's own decoder) is sixteen times faster than parsing the
    field into pybtex's rich text, which made a full build of the site 3.5
    times slower; a field it would not change is not decoded at all, which
    took the most of what structured data cost a build."""
    text = latex
    if NEEDS_DECODING.search(latex):
        # latexcodec decodes text to text; typeshed knows only bytes to text.
        text = codecs.decode(latex, "ulatex")  # type: ignore[call-overload]
    return text.replace("{", "").replace("}", "")


def cited_work(entry: Entry) -> dict[str, Any]:
    """One source of the page's reference list, as schema.org describes it."""
    fields = entry.fields
    work: dict[str, Any] = {
        "@type": "ScholarlyArticle" if entry.type == "article" else "CreativeWork",
        "name": plain(fields.get("title", "")),
    }
    authors = [
        {
            # A name with no first names is an organisation (written in
            # braces in the bib file), such as a regulator or a maker.
            "@type": "Person"
            if person.first_names or person.middle_names
            else "Organization",
            "name": plain(
                " ".join(
                    person.first_names
                    + person.middle_names
                    + person.prelast_names
                    + person.last_names
                    + person.lineage_names
                )
            ),
        }
        for person in entry.persons.get("author", [])
    ]
    if authors:
        work["author"] = authors
    if "year" in fields:
        work["datePublished"] = fields["year"]
    if "journal" in fields:
        work["isPartOf"] = {"@type": "Periodical", "name": plain(fields["journal"])}
    same_as = []
    if "doi" in fields:
        same_as.append(DOI_URL + fields["doi"])
    if "pmid" in fields:
        same_as.append(f"{PUBMED_URL}{fields['pmid']}/")
    if same_as:
        work["sameAs"] = same_as
    if "url" in fields:
        work["url"] = fields["url"]
    return work


def page_citations(env: BuildEnvironment, pagename: str) -> list[dict[str, Any]]:
    """The sources of the page's own reference list, in its order, each once."""
    sources = _sources_by_page.get(env, lambda: _index_sources(env))
    return sources.works_of(pagename)


@dataclass
class _PageSources:
    """Each page's cited entries, described only when a page is written.

    An incremental build writes a few pages: describing every source of the
    site for them cost most of such a build's time at 300 pages."""

    entries_of: dict[str, list[Entry]]
    works: dict[str, dict[str, Any]] = field(default_factory=dict)

    def works_of(self, pagename: str) -> list[dict[str, Any]]:
        listed = []
        for entry in self.entries_of.get(pagename, ()):
            if entry.key not in self.works:
                self.works[entry.key] = cited_work(entry)
            listed.append(self.works[entry.key])
        return listed


def _index_sources(env: BuildEnvironment) -> _PageSources:
    """Every page's entries, from one pass over the citations, once per build
    (each page asking for its own would scan all of them every time)."""
    if "cite" not in env.domains:
        return _PageSources({})
    domain = cast("BibtexDomain", env.get_domain("cite"))
    by_page: dict[str, list[Entry]] = {}
    seen: set[tuple[str, str]] = set()
    for citation in domain.citations:
        page = citation.bibliography_key.docname
        if (page, citation.key) in seen:
            continue
        seen.add((page, citation.key))
        by_page.setdefault(page, []).append(citation.entry)
    return _PageSources(by_page)


def forget_sources(_app: Sphinx, env: BuildEnvironment) -> None:
    # A second build with the same application (as in tests) has its own sources.
    _sources_by_page.forget(env)


def page_address(app: Sphinx, pagename: str) -> str:
    base = str(app.config.html_baseurl)
    if not base:
        return ""
    return base.rstrip("/") + "/" + app.builder.get_target_uri(pagename)


def breadcrumb(app: Sphinx, pagename: str) -> dict[str, Any]:
    """The path from the home page to this one, as the table of contents has it."""
    relations = getattr(app.builder, "relations", {})
    trail = [pagename]
    while (parent := relations.get(trail[-1], [None])[0]) and parent not in trail:
        trail.append(parent)
    if app.config.root_doc not in trail:
        trail.append(app.config.root_doc)
    items = []
    for position, docname in enumerate(reversed(trail), start=1):
        item: dict[str, Any] = {
            "@type": "ListItem",
            "position": position,
            "name": app.env.titles[docname].astext()
            if docname in app.env.titles
            else "",
        }
        if address := page_address(app, docname):
            item["item"] = address
        items.append(item)
    return {"@type": "BreadcrumbList", "itemListElement": items}


def reviewer(app: Sphinx, name: str) -> dict[str, Any] | None:
    """The registered reviewer called *name*, or ``None`` (nobody is claimed)."""
    from medkb.reviewers import registry

    reg = registry(app.env)
    if not name or reg is None or name not in reg.reviewers:
        return None
    person = reg.reviewers[name]
    return {"@type": "Person", "name": person.name, "jobTitle": person.role}


def medical_web_page(app: Sphinx, pagename: str) -> dict[str, Any]:
    env = app.env
    metadata = env.metadata.get(pagename, {})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": env.titles[pagename].astext() if pagename in env.titles else "",
    }
    if description := str(metadata.get("description", "")).strip():
        data["description"] = description
    if address := page_address(app, pagename):
        data["url"] = address
    data["inLanguage"] = app.config.language or "en"
    if review := review_of(env, pagename):
        data["lastReviewed"] = review.reviewed.isoformat()
        if review.status == "clinician-reviewed" and (
            person := reviewer(app, review.reviewer)
        ):
            data["reviewedBy"] = person
    if names := conditions(str(metadata.get(ABOUT, ""))):
        about = [{"@type": "MedicalCondition", "name": name} for name in names]
        data["about"] = about[0] if len(about) == 1 else about
    site: dict[str, Any] = {"@type": "WebSite", "name": app.config.project}
    if app.config.html_baseurl:
        site["url"] = app.config.html_baseurl
    data["isPartOf"] = site
    data["breadcrumb"] = breadcrumb(app, pagename)
    if works := page_citations(env, pagename):
        data["citation"] = works
    return data


def script_tag(data: dict[str, Any]) -> str:
    # '<' escaped so no value can close the script element or open a comment.
    text = json.dumps(data, ensure_ascii=False, indent=None).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>\n'


def add_structured_data(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    # Pages Sphinx makes (search, index) have no doctree and no front matter.
    if (
        doctree is None
        or not app.config.medkb_structured_data
        or not writes_web_pages(app.builder)
    ):
        return
    tag = script_tag(medical_web_page(app, pagename))
    context["metatags"] = context.get("metatags", "") + tag


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config)
    app.connect("doctree-read", check_about)
    app.connect("env-updated", forget_sources)
    app.connect("html-page-context", add_structured_data)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
