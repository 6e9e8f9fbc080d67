"""Named reviewers: a page may say a clinician reviewed it only by naming one on record.

The registry is a YAML file (``medkb_reviewers_file``)::

    reviewers:
      - name: Dr A. Example
        qualification: MB ChB, MRCP
        role: Consultant neurologist
        conflicts: None declared.

With this feature on, a page whose ``review-status`` is ``clinician-reviewed``
must name a registered reviewer in ``reviewed-by``, exactly as the registry
spells it; any other name is an error naming the page and the line. The review
box links the name to the reviewer's entry on ``medkb_reviewers_page``, which
shows the registry with ``{reviewer-list}``. The file is checked once, before
any page is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from medkb import __version__
from medkb._core import config as _config
from medkb._core import yamldata as _yamldata
from medkb._core.state import BuildCache
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

FIELDS = ("name", "qualification", "role", "conflicts")
CLASS = "medkb-reviewers"


OPTIONS = (
    _config.Option(
        "medkb_reviewers_file",
        "",
        (str,),
        "YAML file, relative to the source directory, registering the clinicians "
        "who may review pages ('' to leave reviewer names unchecked).",
        _config.check_optional_file,
    ),
    _config.Option(
        "medkb_reviewers_page",
        "",
        (str,),
        "Page that shows the registry of reviewers; review boxes link names to it.",
        _config.check_docname,
    ),
)


@dataclass(frozen=True)
class Reviewer:
    name: str
    qualification: str
    role: str
    conflicts: str

    @property
    def label(self) -> str:
        """The reviewer's anchor on the reviewers page."""
        return "reviewer-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class Registry:
    path: Path
    reviewers: dict[str, Reviewer]


_registries: BuildCache[BuildEnvironment, Registry] = BuildCache()


def registry(env: BuildEnvironment) -> Registry | None:
    """The registry, or None where this feature is off: names go unchecked."""
    return _registries.peek(env)


def read_registry(
    path: Path,
) -> tuple[dict[str, Reviewer], list[_config.StartupProblem]]:
    problems: list[_config.StartupProblem] = []

    def problem(line: int, message: str) -> None:
        problems.append(
            _config.StartupProblem(f"{path}:{line}", message, Subtype.REVIEWERS)
        )

    entries = _yamldata.read_list(path, "reviewers", "reviewer registry", problem)
    if entries is None:
        return {}, problems
    reviewers: dict[str, Reviewer] = {}
    for item in entries:
        fields: dict[str, Any] = item.value if isinstance(item.value, dict) else {}
        what = _yamldata.fields_problem(fields, FIELDS)
        if what is not None:
            problem(
                item.line,
                f"this reviewer {what}; each reviewer needs "
                f"{', '.join(FIELDS)} (conflicts: 'None declared.' if there are none).",
            )
            continue
        reviewer = Reviewer(*(str(fields[f].text()) for f in FIELDS))
        if reviewer.name in reviewers:
            problem(
                item.line, f"{reviewer.name!r} is registered twice; keep one entry."
            )
            continue
        reviewers[reviewer.name] = reviewer
    return reviewers, problems


def load_registry(app: Sphinx) -> None:
    name = app.config.medkb_reviewers_file
    if not name:
        return
    path = Path(app.srcdir, name).resolve()
    reviewers, problems = read_registry(path)
    if problems:
        _config.stop(problems)
    _registries.set(app.env, Registry(path, reviewers))


class ReviewerList(SphinxDirective):
    """``{reviewer-list}``: every registered reviewer, with their declared conflicts."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        reg = registry(self.env)
        if reg is None:
            return []
        self.env.note_dependency(reg.path)
        container = nodes.container(classes=[CLASS])
        if not reg.reviewers:
            container += nodes.paragraph(
                text="No clinician is registered as a reviewer yet, so no page of "
                "this site is clinician-reviewed."
            )
            return [container]
        for reviewer in reg.reviewers.values():
            target = nodes.target("", "", ids=[reviewer.label], names=[reviewer.label])
            self.state.document.note_explicit_target(target)
            entry = nodes.paragraph()
            entry += nodes.strong(text=reviewer.name)
            entry += nodes.Text(
                f", {reviewer.qualification}. {reviewer.role}. "
                f"Declared conflicts of interest: {reviewer.conflicts}"
            )
            container += [target, entry]
        return [container]


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("builder-inited", load_registry)
    app.add_directive("reviewer-list", ReviewerList)
    app.setup_extension("medkb.review")
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
