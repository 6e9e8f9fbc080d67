"""Editions in other languages that say how current they are.

A translated page (``-D language=es``) comes from the English page and its
catalog (``locales/es/LC_MESSAGES/<page>.po``). The translation's own record
lives in one file, ``medkb_translations_file``::

    es:
      headache/migraine:
        english-review: 2026-12-02   # the English review it was translated from
        checked: 2026-12-03          # translated and checked against it on
        reviewed-by: jdoe            # only a registered reviewer who read the Spanish

This feature then

- tells the reader, under the title, when the page is behind: a paragraph
  Sphinx shows in English because its translation is missing or fuzzy (the
  English paragraph changed), or an English review newer than the one the
  translation follows; the English paragraphs carry ``lang="en"`` and a mark;
- puts the translation's own status in the review box: translated and
  checked against the English page, not clinician-reviewed unless a
  registered reviewer read the translation;
- links every page to the same page in the other editions (a language switch
  and ``hreflang`` links in the head and the sitemap);
- writes the 404 page in the build's language (``medkb_not_found``);
- lists every page's translation status in an audit
  (``medkb_translation_audit``), failing on partial pages when strict.
"""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse, urlunparse

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from medkb import __version__
from medkb._core import config as _config
from medkb._core import yamldata as _yamldata
from medkb._core.messages import _, use_catalog
from medkb._core.placement import under_title
from medkb._core.problems import WARNING_TYPE, report_build_errors
from medkb._core.state import BuildCache, DocumentStore
from medkb._core.static import add_stylesheet, writes_web_pages
from medkb._core.subtypes import Subtype
from medkb._core.translation import (
    SOURCE_LANGUAGE,
    sort_key,
    translating,
)
from medkb.review import CLASS as REVIEW_CLASS
from medkb.review import long_date, review_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

NOTICE_CLASS = "medkb-translation-notice"
STATUS_CLASS = "medkb-translation-status"
SWITCH_CLASS = "medkb-language-switch"
FIELDS = ("english-review", "checked", "reviewed-by")
AUDITS = ("", "list", "strict")


def _check_languages(_app: Sphinx, value: dict[Any, Any]) -> str | None:
    if all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items()):
        return None
    return (
        "a dict of language code to the language's own name, such as {'es': 'Español'}"
    )


#: What an edition may name in its own language (medkb_edition_names).
NAMES = ("project", "html_title", "html_short_title")


def _check_names(_app: Sphinx, value: dict[Any, Any]) -> str | None:
    if all(
        isinstance(names, dict)
        and all(
            key in NAMES and isinstance(text, str) and text
            for key, text in names.items()
        )
        for names in value.values()
    ):
        return None
    return (
        "a dict of language code to the site's names in it, with keys from "
        f"{', '.join(NAMES)}, such as {{'es': {{'html_title': 'Fibromialgia'}}}}"
    )


def _check_audit(_app: Sphinx, value: str) -> str | None:
    return None if value in AUDITS else "'' (no audit), 'list' or 'strict'"


OPTIONS = (
    _config.Option(
        "medkb_translations_file",
        "",
        (str,),
        "YAML file (under the source folder) recording, for each language and "
        "page, the English review the translation follows and when it was checked.",
        _config.check_optional_file,
    ),
    _config.Option(
        "medkb_languages",
        {},
        (dict,),
        "The site's editions, by language code, each with its name in its own "
        "language; every page links to its counterpart in each.",
        _check_languages,
    ),
    _config.Option(
        "medkb_edition_names",
        {},
        (dict,),
        "The site's names in each edition's language (project, html_title, "
        "html_short_title), used in place of conf.py's when building it.",
        _check_names,
    ),
    _config.Option(
        "medkb_not_found",
        False,
        (bool,),
        "Write the 404 page (sphinx-notfound-page) in the build's language, with "
        "links under html_baseurl's path.",
    ),
    _config.Option(
        "medkb_translation_audit",
        "",
        (str,),
        "In a translation build: 'list' prints every page's translation status; "
        "'strict' also fails on pages that are partly translated or behind.",
        _check_audit,
    ),
)


# -- The record of each translation -----------------------------------------


@dataclass(frozen=True)
class Record:
    english_review: datetime.date
    checked: datetime.date
    reviewed_by: str
    line: int


@dataclass(frozen=True)
class Records:
    path: Path | None
    #: language -> page -> record
    languages: dict[str, dict[str, Record]]

    def of(self, language: str, docname: str) -> Record | None:
        return self.languages.get(language, {}).get(docname)


_records: BuildCache[BuildEnvironment, Records] = BuildCache()


def read_records(path: Path) -> tuple[dict[str, dict[str, Record]], list[str]]:
    """The file's records and, for each problem, ``line: message``."""
    problems: list[str] = []
    try:
        data = _yamldata.read_file(path)
    except _yamldata.YamlProblem as error:
        return {}, [f"{error.line}: the file is not valid YAML ({error})."]
    if data is None:
        return {}, []
    if not isinstance(data.value, dict):
        return {}, [f"{data.line}: expected a language code, such as 'es:'."]
    languages: dict[str, dict[str, Record]] = {}
    for language, pages in data.value.items():
        if not isinstance(pages.value, dict):
            problems.append(
                f"{pages.key_line or pages.line}: under {language!r}, list each "
                "page as 'section/page:' with its english-review and checked dates."
            )
            continue
        languages[language] = {}
        for docname, fields in pages.value.items():
            record = _record(docname, fields, problems)
            if record is not None:
                languages[language][docname] = record
    return languages, problems


def _record(
    docname: str, fields: _yamldata.Located, problems: list[str]
) -> Record | None:
    line = fields.key_line or fields.line
    if not isinstance(fields.value, dict):
        problems.append(
            f"{line}: {docname!r} needs 'english-review: YYYY-MM-DD' and "
            "'checked: YYYY-MM-DD'."
        )
        return None
    if extra := [f for f in fields.value if f not in FIELDS]:
        problems.append(
            f"{line}: {docname!r} has unknown field(s) {', '.join(extra)}; "
            f"allowed: {', '.join(FIELDS)}."
        )
        return None
    dates: dict[str, datetime.date] = {}
    for key in ("english-review", "checked"):
        value = fields.value.get(key)
        text = value.text() if value is not None else None
        try:
            dates[key] = datetime.date.fromisoformat(text or "")
        except ValueError:
            where = value.line if value is not None else line
            problems.append(
                f"{where}: {docname!r}: '{key}' must be a date as YYYY-MM-DD"
                + (f", not {text!r}." if text else "; add it.")
            )
    if len(dates) < 2:
        return None
    reviewer = fields.value.get("reviewed-by")
    return Record(
        dates["english-review"],
        dates["checked"],
        (reviewer.text() or "") if reviewer is not None else "",
        line,
    )


def load_records(app: Sphinx) -> None:
    name = app.config.medkb_translations_file
    if not name:
        _records.set(app.env, Records(None, {}))
        return
    path = Path(app.srcdir, name).resolve()
    languages, problems = read_records(path)
    if problems:
        _config.stop(
            [
                _config.StartupProblem(
                    f"{path}:{p.split(':', 1)[0]}",
                    p.split(": ", 1)[1],
                    Subtype.TRANSLATION,
                )
                for p in problems
            ]
        )
    _records.set(app.env, Records(path, languages))


# -- Untranslated paragraphs ------------------------------------------------


@dataclass(frozen=True)
class Progress:
    total: int
    translated: int
    english_review: datetime.date | None
    english_reviewed: datetime.date | None
    checked: datetime.date | None

    @property
    def percent(self) -> int:
        if not self.total:
            return 100
        # Rounded down: a page 99.6% translated is not 100%.
        return self.translated * 100 // self.total

    @property
    def behind(self) -> bool:
        return (
            self.english_review is not None
            and self.english_reviewed is not None
            and self.english_review < self.english_reviewed
        )

    @property
    def status(self) -> str:
        if self.english_review is None:
            return "not recorded"
        parts = []
        if self.translated < self.total:
            parts.append(f"partial ({self.percent}%)")
        if self.behind:
            parts.append(f"behind the English review of {self.english_reviewed}")
        return ", ".join(parts) or "complete"


_progress: DocumentStore[Progress] = DocumentStore("medkb_translation_progress")


def record_progress(app: Sphinx, doctree: nodes.document) -> None:
    """Count the page's translated blocks, then tell the reader what is not."""
    env = app.env
    if not translating(app.config):
        return
    docname = env.docname
    records = _records[env]
    if records.path is not None:
        env.note_dependency(records.path)
    record = records.of(app.config.language, docname)
    review = review_of(env, docname)
    blocks = [
        node
        for node in doctree.findall(nodes.Element)
        if "translated" in node.attributes
    ]
    progress = Progress(
        total=len(blocks),
        translated=sum(1 for node in blocks if node["translated"] is True),
        english_review=record.english_review if record else None,
        english_reviewed=review.reviewed if review else None,
        checked=record.checked if record else None,
    )
    _progress.get(env)[docname] = progress
    _status_in_review_box(app, doctree, record)
    if progress.translated < progress.total or progress.behind:
        parent, index = under_title(doctree, after=_is_box)
        parent.insert(index, _notice(app, docname, progress))


def sort_glossaries(app: Sphinx, doctree: nodes.document) -> None:
    """A translated glossary stays A to Z: its terms are sorted again by
    their translated names (Sphinx sorts a ``:sorted:`` glossary before the
    translation, by the English names)."""
    if not translating(app.config):
        return
    for glossary in doctree.findall(addnodes.glossary):
        for items in glossary.findall(nodes.definition_list):
            entries = list(items.children)
            # An entry's first child is its (first) term.
            entries.sort(key=lambda entry: sort_key(entry.children[0].astext()))
            items.children = []
            items.extend(entries)


def _is_box(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.Element):
        return False
    classes: set[str] = set(node.get("classes", ()))
    return bool(classes & {"medkb-disclaimer", REVIEW_CLASS})


def _notice(app: Sphinx, docname: str, progress: Progress) -> nodes.container:
    language = app.config.language
    notice = nodes.container(classes=[NOTICE_CLASS, "no-search"])
    title = nodes.paragraph(classes=["medkb-translation-notice-title"])
    title += nodes.strong(text=_("This translation is not up to date"))
    notice += title
    text = nodes.paragraph()
    if progress.english_review is not None:
        text += nodes.Text(
            _("It follows the English page as reviewed on {date}.").format(
                date=long_date(progress.english_review, language)
            )
            + " "
        )
    if progress.behind and progress.english_reviewed is not None:
        text += nodes.Text(
            _(
                "The English page was reviewed again on {date}, so this "
                "translation may not say what the English page says now."
            ).format(date=long_date(progress.english_reviewed, language))
            + " "
        )
    if progress.translated < progress.total:
        text += nodes.Text(
            _(
                "Parts of it are not translated yet ({percent}% is): they are "
                "shown in English, marked with a line at their side."
            ).format(percent=progress.percent)
            + " "
        )
    text += nodes.reference(
        "",
        _("Read the English page"),
        refuri=counterpart(app.config, docname, SOURCE_LANGUAGE, page=True),
        classes=["medkb-translation-original"],
    )
    text += nodes.Text(".")
    notice += text
    return notice


def _status_in_review_box(
    app: Sphinx, doctree: nodes.document, record: Record | None
) -> None:
    """A translated page says what was done to the translation itself."""
    box = next(
        (
            node
            for node in doctree.findall(nodes.container)
            if REVIEW_CLASS in node.get("classes", ())
        ),
        None,
    )
    if box is None or record is None:
        return
    from medkb.reviewers import registry

    reviewers = registry(app.env)
    reviewer = (
        reviewers.reviewers.get(record.reviewed_by)
        if reviewers is not None and record.reviewed_by
        else None
    )
    checked = long_date(record.checked, app.config.language)
    paragraph = nodes.paragraph(classes=[STATUS_CLASS])
    if reviewer is None:
        paragraph += nodes.Text(
            _(
                "Translated from the English page and checked against it on "
                "{date}; the translation is not reviewed by a clinician."
            ).format(date=checked)
        )
    else:
        paragraph += nodes.Text(
            _("Translation reviewed by {reviewer} on {date}.").format(
                reviewer=f"{reviewer.name}, {reviewer.role}", date=checked
            )
        )
    original = box.next_node(nodes.paragraph)
    if original is not None:
        original.insert(0, nodes.Text(_("English page:") + " "))
    box.insert(0, paragraph)


def check_records(app: Sphinx, env: BuildEnvironment) -> None:
    """Each translated page has its record, and each record a page."""
    records = _records[env]
    if records.path is None:
        report_build_errors(env, "translation-records", 0)
        return
    path = records.path
    errors = 0
    for language, pages in sorted(records.languages.items()):
        if language not in app.config.medkb_languages:
            first = next(iter(pages.values()), None)
            errors += _error(
                path,
                first.line if first else 1,
                f"the language {language!r} is not one of medkb_languages in conf.py "
                f"({', '.join(sorted(app.config.medkb_languages)) or 'none'}).",
            )
        for docname, record in sorted(pages.items()):
            review = review_of(env, docname)
            if docname not in env.found_docs:
                errors += _error(
                    path, record.line, f"{docname!r} is not a page of the site."
                )
            elif review is not None and record.english_review > review.reviewed:
                errors += _error(
                    path,
                    record.line,
                    f"{docname!r}: english-review {record.english_review} is later "
                    f"than the English page's review ({review.reviewed}); give the "
                    "date of the review the translation was made from.",
                )
            if record.reviewed_by:
                errors += _check_reviewer(env, path, docname, record)
    if translating(app.config):
        pages = records.languages.get(app.config.language, {})
        for docname in sorted(env.found_docs - set(pages)):
            if review_of(env, docname) is None:
                continue
            errors += _error(
                path,
                1,
                f"the page {docname!r} has no record under {app.config.language!r}; "
                f"add '  {docname}:' with 'english-review:' (the English page's "
                "'reviewed' date it was translated from) and 'checked:'.",
            )
    report_build_errors(env, "translation-records", errors)


def _check_reviewer(
    env: BuildEnvironment, path: Path, docname: str, record: Record
) -> int:
    from medkb.reviewers import registry

    reviewers = registry(env)
    if reviewers is None or record.reviewed_by not in reviewers.reviewers:
        return _error(
            path,
            record.line,
            f"{docname!r}: reviewed-by {record.reviewed_by!r} is not a registered "
            "reviewer; remove the line, or register the reviewer first.",
        )
    return 0


def _error(path: Path, line: int, message: str) -> int:
    logger.error(
        message,
        location=f"{path}:{line}",
        type=WARNING_TYPE,
        subtype=Subtype.TRANSLATION,
    )
    return 1


def audit(app: Sphinx, env: BuildEnvironment) -> None:
    mode = app.config.medkb_translation_audit
    if not mode or not translating(app.config):
        report_build_errors(env, "translation-audit", 0)
        return
    progress = _progress.get(env)
    width = max((len(d) for d in progress), default=10)
    logger.info("")
    logger.info(f"Translation status ({app.config.language}):")
    lacking = errors = 0
    for docname in sorted(progress):
        item = progress[docname]
        logger.info(f"  {docname:<{width}}  {item.status}")
        if item.status != "complete":
            lacking += 1
            if mode == "strict":
                errors += _error(
                    Path(env.doc2path(docname)),
                    1,
                    f"the {app.config.language!r} translation of {docname!r} is "
                    f"{item.status}; run 'python3 -m tox -e translations', "
                    "translate the empty and fuzzy messages of its catalog, and "
                    "update its record.",
                )
    done = len(progress) - lacking
    logger.info(f"  {done} of {len(progress)} pages complete.")
    report_build_errors(env, "translation-audit", errors)


# -- Links between editions -------------------------------------------------


def edition_base(config: Config, language: str) -> str:
    """html_baseurl of the edition in *language*: the language part of the
    address (Read the Docs' ``/en/latest/``) swapped for *language*."""
    parts = urlparse(config.html_baseurl)
    segments = parts.path.split("/")
    current = config.language or SOURCE_LANGUAGE
    known = {current, *config.medkb_languages}
    for index, segment in enumerate(segments):
        if segment in known:
            segments[index] = language
            break
    return str(urlunparse(parts._replace(path="/".join(segments))))


def counterpart(config: Config, docname: str, language: str, *, page: bool) -> str:
    """The address of *docname* in *language*'s edition: absolute, or from
    the server's root (*page*), which works on Read the Docs and locally."""
    base = edition_base(config, language)
    if page:
        base = urlparse(base).path
    return base.rstrip("/") + f"/{docname}.html"


def follow_language(app: Sphinx, config: Config) -> None:
    """A translation built from the English configuration takes its own
    address: ``/en/latest/`` becomes ``/es/latest/``."""
    if translating(config) and config.html_baseurl and config.medkb_languages:
        english = config.html_baseurl
        config.html_baseurl = edition_base(config, config.language)
        # sphinxext-opengraph's address, when conf.py set it to the same.
        if getattr(config, "ogp_site_url", None) == english:
            config.ogp_site_url = config.html_baseurl
    for key, text in config.medkb_edition_names.get(config.language, {}).items():
        config[key] = text
    if config.medkb_not_found:
        prefix = urlparse(config.html_baseurl).path or "/"
        config.notfound_urls_prefix = prefix
        config.notfound_context = not_found_context(prefix)


def not_found_context(prefix: str) -> dict[str, str]:
    """The 404 page's title and body, with links under *prefix*."""
    title = html.escape(_("Page not found"))
    why = html.escape(
        _(
            "There is no page at this address. It may have moved when the "
            "knowledge base was reorganised."
        )
    )
    home = html.escape(_("home page"))
    search = html.escape(_("search the knowledge base"))
    links = _("Go to the {home}, or {search}.").format(
        home=f'<a href="{prefix}index.html">{home}</a>',
        search=f'<a href="{prefix}search.html">{search}</a>',
    )
    return {
        "title": str(_("Page not found")),
        "body": f"<h1>{title}</h1>\n<p>{why}</p>\n<p>{links}</p>\n",
    }


def link_editions(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict[str, Any],
    _doctree: nodes.document | None,
) -> None:
    languages = app.config.medkb_languages
    if len(languages) < 2 or not writes_web_pages(app.builder):
        return
    # The 404 page stands for every missing address: it has no counterpart.
    if pagename == getattr(app.config, "notfound_pagename", None):
        return
    current = app.config.language or SOURCE_LANGUAGE
    alternates = [
        f'<link rel="alternate" hreflang="{code}" '
        f'href="{html.escape(counterpart(app.config, pagename, code, page=False))}" />'
        for code in sorted(languages)
    ]
    default = counterpart(app.config, pagename, SOURCE_LANGUAGE, page=False)
    alternates.append(
        f'<link rel="alternate" hreflang="x-default" href="{html.escape(default)}" />'
    )
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates) + "\n"
    if "body" not in context:
        return
    links = []
    for code, name in sorted(languages.items(), key=lambda item: sort_key(item[1])):
        if code == current:
            links.append(
                f'<span lang="{code}" aria-current="page">{html.escape(name)}</span>'
            )
        else:
            href = html.escape(counterpart(app.config, pagename, code, page=True))
            links.append(
                f'<a href="{href}" hreflang="{code}" lang="{code}" rel="alternate">'
                f"{html.escape(name)}</a>"
            )
    label = html.escape(_("Language"))
    switch = (
        f'<nav class="{SWITCH_CLASS} no-search" aria-label="{label}">'
        + " ".join(links)
        + "</nav>\n"
    )
    body = UNTRANSLATED.sub(r'<\1 lang="en"\2', context["body"])
    context["body"] = switch + body


#: An English block on a translated page: screen readers should read it as English.
UNTRANSLATED = re.compile(
    r'<(p|h[1-6]|li|dt|dd|td|th|div|caption)(\s+class="[^"]*\buntranslated\b)'
)

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_alternates(app: Sphinx, exception: BaseException | None) -> None:
    """Each sitemap entry names the page's counterparts in every edition."""
    languages = app.config.medkb_languages
    if exception is not None or len(languages) < 2 or app.builder.name != "html":
        return
    path = Path(app.outdir, getattr(app.config, "sitemap_filename", "sitemap.xml"))
    if not path.is_file():
        return
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.parse(path)
    base = app.config.html_baseurl.rstrip("/") + "/"
    for url in tree.getroot().findall(f"{{{SITEMAP}}}url"):
        loc = url.find(f"{{{SITEMAP}}}loc")
        if loc is None or not loc.text or not loc.text.startswith(base):
            continue
        for old in url.findall(f"{{{XHTML}}}link"):
            url.remove(old)
        page = loc.text[len(base) :]
        docname = page.removesuffix(".html") if page else "index"
        for code in [*sorted(languages), "x-default"]:
            language = SOURCE_LANGUAGE if code == "x-default" else code
            ET.SubElement(
                url,
                f"{{{XHTML}}}link",
                rel="alternate",
                hreflang=code,
                href=counterpart(app.config, docname, language, page=False),
            )
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("config-inited", follow_language, priority=450)
    app.connect("builder-inited", load_records)
    app.connect("builder-inited", add_stylesheet)
    # After the review box's own handlers, which the notice follows.
    app.connect("doctree-read", record_progress, priority=600)
    app.connect("doctree-read", sort_glossaries)
    _progress.connect(app)
    app.connect("env-updated", check_records)
    app.connect("env-updated", audit, priority=900)
    # Before the print header (500), which then stays first on the page.
    app.connect("html-page-context", link_editions, priority=450)
    # After sphinx-sitemap writes the file (500).
    app.connect("build-finished", sitemap_alternates, priority=600)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
