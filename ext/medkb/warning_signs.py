"""Warning signs from one cited data file, as care cards on every page needing them.

The lists live in one YAML file (``medkb_warning_signs_file``), one list per
name, each sign with an id, an urgency and cited MyST text::

    headache:
      - id: thunderclap
        urgency: emergency      # emergency, urgent or soon
        text: >-
          A sudden, very bad headache ... {cite:p}`nice2012cg150`.

``{warning-signs} headache`` renders the list as three cards, in the manner
of the NHS "when and where to get care" pattern: call an emergency number
now; get urgent help today; see a doctor soon. Each sign keeps its citation.
The file is checked once, before any page is read: a problem in it stops the
build at its line. Every page matching ``medkb_warning_signs_required``
(``{"headache": ["headache/*"]}``) must show the cards, or the build fails
naming the page. Editing the file re-reads exactly the pages that show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import Matcher

from medkb import __version__
from medkb._core import config as _config
from medkb._core import yamldata as _yamldata
from medkb._core.messages import N_, _, use_catalog
from medkb._core.problems import WARNING_TYPE, note_problem, report_build_errors
from medkb._core.state import BuildCache, DocumentStore
from medkb._core.subtypes import Subtype
from medkb._core.translation import (
    add_messages,
    file_domain,
    keep_out_of_page_catalogs,
    mark,
    messages_of,
    translate_text,
    translating,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: Each urgency, in the order the cards come, with what the card tells a reader.
URGENCIES: dict[str, Any] = {
    "emergency": N_("Call your local emergency number now if you have a headache and:"),
    "urgent": N_("Get urgent medical help today if you have a headache and:"),
    "soon": N_("See a doctor soon if you have a headache and:"),
}
CITATION = re.compile(r"\{cite(?::[a-z]+)?\}`[^`]+`")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CLASS = "medkb-warning-signs"
NO_SEARCH = "no-search"


def _check_required(_app: Sphinx, value: dict[Any, Any]) -> str | None:
    if all(
        isinstance(name, str)
        and isinstance(globs, list | tuple)
        and all(isinstance(g, str) and g for g in globs)
        for name, globs in value.items()
    ):
        return None
    return (
        "a dict of list names to glob patterns of pages, "
        "such as {'headache': ['headache/*']}"
    )


OPTIONS = (
    _config.Option(
        "medkb_warning_signs_file",
        "",
        (str,),
        "YAML file, relative to the source directory, holding the warning-sign "
        "lists ('' for none).",
        _config.check_optional_file,
    ),
    _config.Option(
        "medkb_warning_signs_required",
        {},
        (dict,),
        "For each warning-sign list, glob patterns of the pages that must show it.",
        _check_required,
    ),
)


@dataclass(frozen=True)
class Sign:
    id: str
    urgency: str
    text: str
    #: The line of the sign's id: where the sign starts.
    line: int


@dataclass(frozen=True)
class SignLists:
    path: Path
    lists: dict[str, list[Sign]]
    #: The catalog that translates the signs, named for the file.
    domain: str = ""


_lists: BuildCache[BuildEnvironment, SignLists] = BuildCache()


def read_sign_lists(
    path: Path,
) -> tuple[dict[str, list[Sign]], list[_config.StartupProblem]]:
    """The lists in *path*, and a problem at its line for each thing wrong."""
    problems: list[_config.StartupProblem] = []

    def problem(line: int, message: str) -> None:
        problems.append(
            _config.StartupProblem(f"{path}:{line}", message, Subtype.WARNING_SIGNS)
        )

    try:
        data = _yamldata.read_file(path)
    except _yamldata.YamlProblem as error:
        problem(error.line, f"the warning-sign file is not valid YAML ({error}).")
        return {}, problems
    if data is None or not isinstance(data.value, dict):
        problem(
            1,
            "the warning-sign file must map each list's name to its signs, "
            "such as 'headache:' followed by '- id: ...' items.",
        )
        return {}, problems
    lists: dict[str, list[Sign]] = {}
    for name, items in data.value.items():
        if not isinstance(items.value, list) or not items.value:
            problem(
                items.key_line,
                f"the list {name!r} must hold signs, each starting with '- id:'.",
            )
            continue
        seen: set[str] = set()
        signs = []
        for item in items.value:
            sign = _sign(item, problem)
            if sign is None:
                continue
            if sign.id in seen:
                problem(
                    sign.line,
                    f"the id {sign.id!r} is used twice in {name!r}; "
                    "give each sign its own id.",
                )
                continue
            seen.add(sign.id)
            signs.append(sign)
        lists[name] = signs
    return lists, problems


def _sign(item: _yamldata.Located, problem: Any) -> Sign | None:
    if not isinstance(item.value, dict):
        problem(
            item.line, "each sign must be a mapping with 'id', 'urgency' and 'text'."
        )
        return None
    fields = item.value
    ok = True
    for key in fields:
        if key not in {"id", "urgency", "text"}:
            problem(
                fields[key].key_line,
                f"'{key}' is not a field of a sign; use id, urgency and text.",
            )
            ok = False
    for key in ("id", "urgency", "text"):
        if key not in fields or not fields[key].text():
            problem(
                item.line,
                f"this sign has no '{key}'; every sign needs id, urgency and text.",
            )
            ok = False
    if not ok:
        return None
    sign_id, urgency, text = (str(fields[k].text()) for k in ("id", "urgency", "text"))
    if not ID.fullmatch(sign_id):
        problem(
            fields["id"].line,
            f"id {sign_id!r} must be lowercase words joined by hyphens, "
            "such as 'giant-cell-arteritis'.",
        )
        ok = False
    if urgency not in URGENCIES:
        problem(
            fields["urgency"].line,
            f"urgency {urgency!r} is not one of {', '.join(URGENCIES)}.",
        )
        ok = False
    if not CITATION.search(text):
        problem(
            fields["text"].line,
            f"the sign {sign_id!r} cites no source; end its text with "
            "{cite:p}`key` for the guideline it comes from.",
        )
        ok = False
    return Sign(sign_id, urgency, text, fields["id"].line) if ok else None


def load_sign_lists(app: Sphinx) -> None:
    """Read and check the file once per build, before any page is read."""
    name = app.config.medkb_warning_signs_file
    path = Path(app.srcdir, name).resolve()
    lists, problems = read_sign_lists(path) if name else ({}, [])
    for required in app.config.medkb_warning_signs_required:
        if required not in lists and not problems:
            problems.append(
                _config.StartupProblem(
                    _config.conf_line(app, "medkb_warning_signs_required"),
                    f"medkb_warning_signs_required names the list {required!r}, "
                    f"which {name or 'medkb_warning_signs_file'} does not hold.",
                )
            )
    if problems:
        _config.stop(problems)
    domain = file_domain(app.srcdir, path) if name else ""
    _lists.set(app.env, SignLists(path, lists, domain))
    if domain:
        messages = [
            m for signs in lists.values() for s in signs for m in messages_of(s.text)
        ]
        add_messages(app.builder, domain, messages, path)


#: The lists each page shows.
_shown: DocumentStore[frozenset[str]] = DocumentStore("medkb_warning_signs_shown")


class WarningSigns(SphinxDirective):
    """``{warning-signs} NAME``: the list NAME as care cards, most urgent first.

    The cards are the same on every page that shows them, so site search
    leaves them out (``no-search``) except on the page that explains the list,
    whose directive says ``:searchable:``: a reader searching for a warning
    sign finds that page, not every page that carries the reminder.
    """

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "searchable": directives.flag
    }

    def run(self) -> list[nodes.Node]:
        signs_file = _lists[self.env]
        name = self.arguments[0]
        if name not in signs_file.lists:
            note_problem(
                self.env,
                Subtype.WARNING_SIGNS,
                f"there is no warning-sign list {name!r} in {signs_file.path.name}; "
                f"use one of {', '.join(sorted(signs_file.lists))}.",
                line=self.lineno,
                is_error=True,
            )
            return []
        self.env.note_dependency(signs_file.path)
        shown = _shown.get(self.env)
        shown[self.env.docname] = shown.get(self.env.docname, frozenset()) | {name}
        cards = nodes.container(classes=[CLASS])
        if "searchable" not in self.options:
            cards["classes"].append(NO_SEARCH)
        for urgency, heading in URGENCIES.items():
            signs = [s for s in signs_file.lists[name] if s.urgency == urgency]
            if not signs:
                continue
            card = nodes.container(classes=["medkb-care-card", f"medkb-care-{urgency}"])
            title = nodes.paragraph(classes=["medkb-care-card-title"])
            title += nodes.strong(text=_(heading))
            card += title
            items = nodes.bullet_list()
            for sign in signs:
                item = nodes.list_item(ids=[f"warning-sign-{sign.id}"])
                # MyST counts a nested parse's lines from the directive's own line.
                text = translate_text(self.env, signs_file.domain, sign.text)
                parsed = self.parse_text_to_nodes(text.text, offset=0)
                for node in parsed:
                    # The list's own catalog holds these, once for every page.
                    keep_out_of_page_catalogs(node)
                    if translating(self.config):
                        mark(node, text.complete)
                item += parsed
                items += item
            card += items
            cards += card
        return [cards]


def check_required_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Each page that must show a list and does not is an error, on every build."""
    shown = _shown.get(env)
    missing = 0
    for name, globs in sorted(app.config.medkb_warning_signs_required.items()):
        matches = Matcher(list(globs))
        for docname in sorted(env.found_docs):
            if matches(docname) and name not in shown.get(docname, frozenset()):
                missing += 1
                logger.error(
                    "page %r must show the %s warning signs; add a 'When to get "
                    "medical help' section holding ```{warning-signs} %s``` (with its "
                    "closing ```), in place of any list written by hand.",
                    docname,
                    name,
                    name,
                    location=(docname, 1),
                    type=WARNING_TYPE,
                    subtype=Subtype.WARNING_SIGNS_MISSING,
                )
    report_build_errors(env, "warning-signs-missing", missing)
    return []


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    app.setup_extension("myst_parser")
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("builder-inited", load_sign_lists)
    app.add_directive("warning-signs", WarningSigns)
    _shown.connect(app)
    app.connect("env-updated", check_required_pages)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
