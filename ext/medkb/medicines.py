"""Medicines as entries: one cited safety box each, one tap from every mention.

Each page in the medicines folder (``medkb_medicines_folder``, default
``medicines``) is an entry. Its front matter holds a ``medicine:`` mapping::

    medicine:
      name: Valproate
      aliases: [divalproex sodium, Depakote]
      key-warning: >-            # shown beside its first mention on every page
        Must not be used to prevent migraine in pregnancy ...
      what-it-is: >-
        A medicine for epilepsy ... {cite:p}`fda2013valproate`.
      used-for: ...
      who-should-not-take-it: ...
      pregnancy: ...
      breastfeeding: ...
      boxed-warning: ...          # only where the label has one
      serious-warnings: ...
      practical-cautions: ...

The ``{medicine-safety}`` directive renders these as the entry's safety box,
followed by the pages of the site that mention the medicine (worked out from
the mentions, when the page is written). Every field is required except
``aliases``, ``key-warning`` and ``boxed-warning``, and each must cite a
source; a field the sources leave open says "Not established" and is cited
all the same. The key warning is also shown beside the first mention on every
other page (``medkb.medicine_warnings``).

Elsewhere, ``{medicine}`valproate``` (or any alias, or
``{medicine}`text <name>```) links a mention to its entry. The first mention
of a registered medicine on a page must be such a link, so every reader is
one tap from its warnings; a plain first mention is an error at its line.
Headings, code, link targets, the boxes every page starts with, and the pages
in ``medkb_medicine_mentions_exempt`` (the glossary) are not read for
mentions. ``{medicine-index}`` lists every entry.

The names are read from the entries before any page is read, so a page can
be checked whatever order pages are read in. Editing an entry's safety fields
re-reads that entry alone; changing its names re-reads the pages whose text
holds an old or a new name, and the pages that list entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.matching import Matcher

from medkb import __version__
from medkb._core import config as _config
from medkb._core import yamldata as _yamldata
from medkb._core.frontmatter import line_holding, source_lines
from medkb._core.messages import N_, _, use_catalog
from medkb._core.problems import WARNING_TYPE, note_problem, report_build_errors
from medkb._core.state import BuildCache, DocumentStore, SiteValue
from medkb._core.subtypes import Subtype
from medkb._core.translation import (
    add_messages,
    message_id,
    page_domain,
    sort_key,
    translate_text,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

FRONT_MATTER_KEY = "medicine"
#: The safety fields in the order the box shows them, with their headings.
FIELDS: dict[str, Any] = {
    "key-warning": N_("The warning you must not miss"),
    "what-it-is": N_("What it is"),
    "used-for": N_("What it is used for on this site"),
    "who-should-not-take-it": N_("Who should not take it"),
    "pregnancy": N_("Pregnancy"),
    "breastfeeding": N_("Breastfeeding"),
    "boxed-warning": N_("Boxed warning (the strongest warning on the label)"),
    "serious-warnings": N_("Most serious warnings"),
    "practical-cautions": N_("Practical cautions"),
}
OPTIONAL_FIELDS = frozenset({"key-warning", "boxed-warning"})
NAME_FIELDS = ("name", "aliases")
CITATION = re.compile(r"\{cite(?::[a-z]+)?\}`[^`]+`")
BOX_CLASS = "medkb-medicine-safety"
INDEX_CLASS = "medkb-medicine-index"
#: Classes of the boxes every page starts with: not the page's own words.
BOX_CLASSES = frozenset({"medkb-disclaimer", "medkb-review"})


def _check_folder(_app: Sphinx, value: str) -> str | None:
    if value == value.strip("/") and ".." not in value.split("/"):
        return None
    return "a folder of the source directory, such as 'medicines'"


OPTIONS = (
    _config.Option(
        "medkb_medicines_folder",
        "medicines",
        (str,),
        "Folder of the source directory whose pages are medicine entries.",
        _check_folder,
    ),
    _config.Option(
        "medkb_medicine_mentions_exempt",
        ["reference/glossary"],
        (list, tuple),
        "Glob patterns of pages whose plain mentions of a medicine need no link.",
        _config.check_page_globs,
    ),
)


@dataclass(frozen=True)
class Medicine:
    """A registered medicine: its entry page and the names readers meet."""

    docname: str
    name: str
    aliases: tuple[str, ...]
    description: str
    #: Shown beside the first mention on every page (medkb.medicine_warnings).
    key_warning: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Registry:
    """Every entry by docname, and a matcher of all their names in text."""

    medicines: dict[str, Medicine]
    by_name: dict[str, str]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, medicines: dict[str, Medicine]) -> Registry:
        by_name: dict[str, str] = {}
        for medicine in medicines.values():
            for name in medicine.names:
                by_name.setdefault(name.casefold(), medicine.docname)
        names = sorted(by_name, key=len, reverse=True)
        pattern = None
        if names:
            # A name, or its plural, as a whole word: "triptan" in "triptans",
            # not "steroid" in "corticosteroid".
            alternatives = "|".join(re.escape(name) for name in names)
            pattern = re.compile(
                rf"(?<![\w-])({alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE
            )
        return cls(medicines, by_name, pattern)

    def find(self, name: str) -> Medicine | None:
        docname = self.by_name.get(" ".join(name.split()).casefold())
        return self.medicines.get(docname) if docname else None

    def mentions(self, text: str) -> Iterator[tuple[int, str, Medicine]]:
        """Each name of a medicine in *text*: its offset, as written, the medicine."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            medicine = self.find(match.group(1))
            if medicine is not None:
                yield match.start(), match.group(0), medicine

    def fingerprint(self) -> dict[str, str]:
        """What every other page depends on: each name's entry."""
        return dict(sorted(self.by_name.items()))

    def key_warnings(self) -> dict[str, str]:
        """What the pages that mention an entry show of it: its key warning."""
        return {
            doc: medicine.key_warning
            for doc, medicine in sorted(self.medicines.items())
            if medicine.key_warning
        }


_registries: BuildCache[BuildEnvironment, Registry] = BuildCache()


def registry(env: BuildEnvironment) -> Registry:
    return _registries.get(env, lambda: read_registry(env))


def entry_docnames(env: BuildEnvironment) -> list[str]:
    folder = env.config.medkb_medicines_folder
    if not folder:
        return []
    return sorted(
        doc
        for doc in env.found_docs
        if doc.startswith(f"{folder}/") and doc != f"{folder}/index"
    )


def read_registry(env: BuildEnvironment) -> Registry:
    """The names of every entry, from the front matter of its file.

    A file whose names cannot be read is left out here; reading the page
    itself reports what is wrong, at its line.
    """
    medicines: dict[str, Medicine] = {}
    for docname in entry_docnames(env):
        path = Path(env.doc2path(docname))
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            front = _yamldata.front_matter(lines)
        except (OSError, UnicodeDecodeError, _yamldata.YamlProblem):
            continue
        medicine = _medicine_from(docname, front)
        if medicine is not None:
            medicines[docname] = medicine
    return Registry.of(medicines)


def _medicine_from(docname: str, front: _yamldata.Located | None) -> Medicine | None:
    if front is None or not isinstance(front.value, dict):
        return None
    data = front.value.get(FRONT_MATTER_KEY)
    if data is None or not isinstance(data.value, dict):
        return None
    name = data.value.get("name")
    if name is None or not name.text():
        return None
    aliases = data.value.get("aliases")
    alias_list = aliases.value if aliases and isinstance(aliases.value, list) else []
    description = front.value.get("description")
    warning = data.value.get("key-warning")
    return Medicine(
        docname=docname,
        name=str(name.text()),
        aliases=tuple(a.text() or "" for a in alias_list if a.text()),
        description=(description.text() or "") if description else "",
        key_warning=(warning.text() or "") if warning else "",
    )


def shown_name(env: BuildEnvironment, docname: str, name: str) -> str:
    """An entry's name as this build's readers read it: its translation in
    the entry page's catalog, where the gettext builder puts it."""
    return translate_text(env, page_domain(env.config, docname), name).text


def collect_names(app: Sphinx, _doctree: nodes.document, docname: str) -> None:
    """Put each entry's name into its page's catalog, for its translators."""
    medicine = registry(app.env).medicines.get(docname)
    if medicine is not None:
        add_messages(
            app.builder,
            page_domain(app.config, docname),
            [message_id(medicine.name)],
            Path(app.env.doc2path(docname)),
        )


# -- The entry's safety box ------------------------------------------------------


class medicine_mentions(nodes.General, nodes.Element):
    """Where the list of pages that mention a medicine goes, when it is written."""


class MedicineSafety(SphinxDirective):
    """``{medicine-safety}``: the safety box of the entry it is on."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.env
        docname = env.docname
        path = Path(env.doc2path(docname))
        _lines, line = self.get_source_info()
        if docname not in entry_docnames(env):
            return self._problem(
                line,
                "the medicine-safety directive shows an entry's own front matter, "
                f"so it belongs on a page in {env.config.medkb_medicines_folder}/; "
                "to link a medicine from here, write {medicine}`its name`.",
            )
        _shows.get(env)[docname] = "box"
        fields = self._fields(path, line)
        if fields is None:
            return []
        name, values = fields
        box = nodes.container(classes=[BOX_CLASS])
        heading = nodes.paragraph(classes=["medkb-medicine-safety-title"])
        heading += nodes.strong(
            text=_("Safety information: {name}").format(
                name=shown_name(env, docname, name)
            )
        )
        box += heading
        for key, label in FIELDS.items():
            if key not in values:
                continue
            text, field_line = values[key]
            item = nodes.container(classes=["medkb-medicine-field", f"medkb-{key}"])
            title = nodes.paragraph(classes=["medkb-medicine-field-title"])
            title += nodes.strong(text=_(label))
            item += title
            # MyST counts a nested parse's lines from the directive's own line.
            item += self.parse_text_to_nodes(text, offset=field_line - self.lineno)
            box += item
        mentions = medicine_mentions(medicine=docname, name=name)
        return [box, mentions]

    def _fields(
        self, path: Path, line: int
    ) -> tuple[str, dict[str, tuple[str, int]]] | None:
        try:
            front = _yamldata.front_matter(source_lines(self.state.document))
        except _yamldata.YamlProblem:
            return None  # the review check reports the broken front matter
        data = (
            front.value.get(FRONT_MATTER_KEY)
            if front and isinstance(front.value, dict)
            else None
        )
        if data is None or not isinstance(data.value, dict):
            self._problem(
                front.line if front else 1,
                f"the front matter has no '{FRONT_MATTER_KEY}:' mapping; add one with "
                "the fields "
                + ", ".join(("name", *FIELDS))
                + " (see CONTRIBUTING.md).",
            )
            return None
        values: dict[str, tuple[str, int]] = {}
        ok = True
        fields = cast("dict[str, _yamldata.Located]", data.value)
        for key, value in fields.items():
            if key not in FIELDS and key not in NAME_FIELDS:
                ok = False
                self._problem(
                    value.line,
                    f"'{key}' is not a field of a medicine entry; use one of "
                    + ", ".join((*NAME_FIELDS, *FIELDS))
                    + ".",
                )
        name = fields.get("name")
        if name is None or not name.text():
            ok = False
            self._problem(
                data.key_line,
                f"the medicine entry has no 'name'; add '  name: ...' under "
                f"'{FRONT_MATTER_KEY}:', as readers would search for it.",
            )
        for key in FIELDS:
            field = fields.get(key)
            if field is None:
                if key not in OPTIONAL_FIELDS:
                    ok = False
                    self._problem(
                        data.key_line,
                        f"the medicine entry has no '{key}' field ({FIELDS[key]}); "
                        f"add it under '{FRONT_MATTER_KEY}:' with a citation. If the "
                        'sources leave it open, say "Not established" and cite '
                        "where that is stated.",
                    )
                continue
            text = field.text()
            if not text:
                ok = False
                self._problem(
                    field.line,
                    f"the '{key}' field must be text ({FIELDS[key]}), with a citation.",
                )
            elif not CITATION.search(text):
                ok = False
                self._problem(
                    field.line,
                    f"the '{key}' field cites no source; end it with "
                    "{cite:p}`key` for the label, regulator's notice or guideline "
                    "it comes from.",
                )
            else:
                values[key] = (text, field.line)
        if not ok or name is None:
            return None
        return str(name.text()), values

    def _problem(self, line: int | None, message: str) -> list[nodes.Node]:
        note_problem(
            self.env, Subtype.MEDICINE_ENTRY, message, line=line, is_error=True
        )
        return []


class FillMentions(SphinxPostTransform):
    """Replace each mention list with links to the pages that mention the medicine."""

    # Before the references resolver (10), which resolves the links made here.
    default_priority = 5

    def run(self, **_kwargs: Any) -> None:
        for node in list(self.document.findall(medicine_mentions)):
            pages = mentioning_pages(self.env, node["medicine"])
            paragraph = nodes.paragraph(classes=["medkb-medicine-mentions"])
            if not pages:
                paragraph += nodes.Text(
                    _("No other page of this site mentions {name} yet.").format(
                        name=node["name"]
                    )
                )
                node.replace_self(paragraph)
                continue
            paragraph += nodes.strong(
                text=_("Pages that mention {name}:").format(name=node["name"])
            )
            items = nodes.bullet_list(classes=["medkb-medicine-mentions"])
            for page in pages:
                xref = addnodes.pending_xref(
                    "",
                    nodes.inline(text=page),
                    refdomain="std",
                    reftype="doc",
                    reftarget=f"/{page}",
                    refdoc=node["medicine"],
                    refexplicit=False,
                )
                items += nodes.list_item("", nodes.paragraph("", "", xref))
            node.replace_self([paragraph, items])


# -- Mentions everywhere -------------------------------------------------------


class MedicineRole(SphinxRole):
    """``{medicine}`name``` or ``{medicine}`text <name>```: a link to the entry."""

    explicit = re.compile(r"^(?P<text>.+?)\s*<(?P<name>[^<>]+)>$", re.DOTALL)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = self.explicit.match(self.text)
        text, name = (match["text"], match["name"]) if match else (self.text,) * 2
        medicine = registry(self.env).find(name)
        if medicine is None:
            known = ", ".join(
                sorted(m.name for m in registry(self.env).medicines.values())
            )
            note_problem(
                self.env,
                Subtype.MEDICINE_UNKNOWN,
                f"{{medicine}}`{self.text}` names no medicine entry; use a name or "
                f"alias of an entry in {self.env.config.medkb_medicines_folder}/ "
                f"({known or 'none yet'}), or add the entry first.",
                line=line_holding(self.inliner.document, self.lineno, f"`{self.text}`"),
                is_error=True,
            )
            return [nodes.Text(text)], []
        xref = addnodes.pending_xref(
            self.rawtext,
            nodes.inline(text, text, classes=["medkb-medicine"]),
            refdomain="std",
            reftype="doc",
            reftarget=f"/{medicine.docname}",
            refexplicit=True,
            refdoc=self.env.docname,
            medkb_medicine=medicine.docname,
        )
        xref.line = self.lineno
        return [xref], []


#: Nodes whose text is not a mention: code, headings, what links point to.
SKIPPED = (
    nodes.literal,
    nodes.FixedTextElement,
    nodes.raw,
    nodes.comment,
    nodes.title,
    nodes.docinfo,
    nodes.substitution_definition,
    nodes.target,
    addnodes.toctree,
    addnodes.desc_signature,
)


def _skipped(node: nodes.Node) -> bool:
    if isinstance(node, SKIPPED):
        return True
    if isinstance(node, nodes.Element):
        if BOX_CLASSES & set(node.get("classes", ())) or INDEX_CLASS in node.get(
            "classes", ()
        ):
            return True
        if isinstance(node, addnodes.pending_xref):
            # A citation shows its label; {doc} without a title shows a path.
            return node.get("refdomain") == "cite" or (
                node.get("reftype") == "doc" and not node.get("refexplicit")
            )
    return False


@dataclass(frozen=True)
class Mention:
    medicine: str
    linked: bool
    written: str
    node: nodes.Node
    offset: int


def find_mentions(reg: Registry, node: nodes.Node) -> Iterator[Mention]:
    """Every mention of a medicine under *node*, in reading order."""
    if isinstance(node, addnodes.pending_xref) and node.get("medkb_medicine"):
        yield Mention(node["medkb_medicine"], True, node.astext(), node, 0)
        return
    if _skipped(node):
        return
    if isinstance(node, nodes.Text):
        for offset, written, medicine in reg.mentions(str(node)):
            yield Mention(medicine.docname, False, written, node, offset)
        return
    for child in node.children:
        yield from find_mentions(reg, child)


#: Which of the directives above a page holds: "box" or "index".
_shows: DocumentStore[str] = DocumentStore("medkb_medicine_directives")
#: The entries each page mentions, linked or not.
_mentions: DocumentStore[frozenset[str]] = DocumentStore("medkb_medicine_mentions")


def check_mentions(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    reg = registry(env)
    first: dict[str, Mention] = {}
    for mention in find_mentions(reg, doctree):
        first.setdefault(mention.medicine, mention)
    mentioned = frozenset(first) - {docname}
    _mentions.get(env)[docname] = mentioned
    if Matcher(list(app.config.medkb_medicine_mentions_exempt))(docname):
        return
    for medicine_doc in sorted(mentioned):
        mention = first[medicine_doc]
        if mention.linked:
            continue
        name = reg.medicines[medicine_doc].name
        note_problem(
            env,
            Subtype.MEDICINE_UNLINKED,
            f"the first mention of {mention.written!r} on this page is plain text; "
            f"write {{medicine}}`{mention.written}` there, so readers are one tap "
            f"from the warnings of its entry ({name}).",
            line=_line_of(doctree, mention),
            is_error=True,
        )


def _line_of(doctree: nodes.document, mention: Mention) -> int | None:
    """The source line holding the mention (a paragraph gives only its first)."""
    parent = mention.node.parent
    while parent is not None and get_source_line(parent)[1] is None:
        parent = parent.parent
    first = get_source_line(parent)[1] if parent is not None else None
    word = re.compile(rf"(?<![\w-]){re.escape(mention.written)}(?![\w-])", re.I)
    return line_holding(doctree, first, word)


def mentioning_pages(env: BuildEnvironment, medicine: str) -> list[str]:
    return sorted(
        doc
        for doc, mentioned in _mentions.get(env).items()
        if medicine in mentioned and doc in env.found_docs
    )


# -- The index of entries ------------------------------------------------------


class MedicineIndex(SphinxDirective):
    """``{medicine-index}``: every entry, with its other names and description."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _shows.get(self.env)[self.env.docname] = "index"
        reg = registry(self.env)
        items = nodes.bullet_list(classes=[INDEX_CLASS])
        env = self.env
        shown = {
            doc: shown_name(env, doc, medicine.name)
            for doc, medicine in reg.medicines.items()
        }
        for medicine in sorted(
            reg.medicines.values(), key=lambda m: sort_key(shown[m.docname])
        ):
            paragraph = nodes.paragraph()
            paragraph += addnodes.pending_xref(
                "",
                nodes.inline(text=shown[medicine.docname]),
                refdomain="std",
                reftype="doc",
                reftarget=f"/{medicine.docname}",
                refexplicit=True,
                refdoc=self.env.docname,
            )
            if medicine.aliases:
                paragraph += nodes.Text(
                    " " + _("(also: {names})").format(names=", ".join(medicine.aliases))
                )
            if medicine.description:
                description = translate_text(
                    env, page_domain(env.config, medicine.docname), medicine.description
                )
                paragraph += nodes.Text(f": {description.text}")
            items += nodes.list_item("", paragraph)
        container = nodes.container(classes=[INDEX_CLASS])
        container += items
        return [container]


# -- Keeping incremental builds exact -------------------------------------------

#: The last build's names, key warnings and lists of mentioning pages.
_names: SiteValue[dict[str, str]] = SiteValue("medicine-names")
_key_warnings: SiteValue[dict[str, str]] = SiteValue("medicine-key-warnings")
_shown: SiteValue[dict[str, list[str]]] = SiteValue("medicine-mentions-shown")


def refresh_registry(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Read the names again; re-read the pages a change of names could touch."""
    reg = read_registry(env)
    _registries.set(env, reg)
    current = reg.fingerprint()
    previous = _names.set(env, current) or {}
    # A page shows the key warning of each entry it mentions: a changed
    # warning re-reads the pages that mention that entry.
    warnings = reg.key_warnings()
    old_warnings = _key_warnings.set(env, warnings) or {}
    warned = {
        doc
        for doc in set(old_warnings) | set(warnings)
        if old_warnings.get(doc) != warnings.get(doc)
    }
    if previous == current and not warned:
        return []
    names = {
        n for n in set(previous) | set(current) if previous.get(n) != current.get(n)
    }
    entries = (
        {previous.get(n) for n in names} | {current.get(n) for n in names} | warned
    )
    stale = set()
    for docname in env.found_docs - added - changed:
        lists_entries = _shows.get(env).get(docname) == "index"
        mentioned = _mentions.get(env).get(docname, frozenset()) & entries
        if lists_entries or mentioned or _holds_any(env, docname, names):
            stale.add(docname)
    return sorted(stale)


def _holds_any(env: BuildEnvironment, docname: str, names: set[str]) -> bool:
    try:
        text = Path(env.doc2path(docname)).read_text(encoding="utf-8").casefold()
    except OSError:
        return False
    return any(name in text for name in names)


def rewrite_mention_lists(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Entries whose list of mentioning pages changed since the last build."""
    current = {doc: mentioning_pages(env, doc) for doc in registry(env).medicines}
    previous = _shown.set(env, current)
    if previous is None:
        return []
    return sorted(
        doc
        for doc in current
        if previous.get(doc) != current[doc] and doc in env.found_docs
    )


def check_entries_show_their_box(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    """An entry without its safety box is an error, checked on every build."""
    missing = [
        doc
        for doc in sorted(registry(env).medicines)
        if _shows.get(env).get(doc) != "box"
    ]
    for docname in missing:
        logger.error(
            "this medicine entry does not show its safety box; add a '## Safety "
            "information' section holding the directive ```{medicine-safety}``` "
            "(with its closing ```).",
            location=(docname, 1),
            type=WARNING_TYPE,
            subtype=Subtype.MEDICINE_ENTRY,
        )
    report_build_errors(env, "medicine-box", len(missing))
    return []


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    app.setup_extension("myst_parser")
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.add_node(medicine_mentions)
    app.add_role("medicine", MedicineRole())
    app.add_directive("medicine-safety", MedicineSafety)
    app.connect("doctree-resolved", collect_names)
    app.add_directive("medicine-index", MedicineIndex)
    app.add_post_transform(FillMentions)
    app.connect("env-get-outdated", refresh_registry)
    app.connect("doctree-read", check_mentions)
    _mentions.connect(app)
    _names.connect(app)
    _shows.connect(app)
    app.connect("env-updated", check_entries_show_their_box, priority=400)
    app.connect("env-updated", rewrite_mention_lists, priority=900)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
