"""Problems found while reading, kept on the environment until they are fixed.

Sphinx prints a warning only while it reads the page that caused it, so an
incremental build that does not re-read the page passes silently. Problems
noted here are stored per document, printed on every build and, when one is an
error, make the build exit with a non-zero status even without ``-W``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.util import logging

from medkb import __version__
from medkb._core.state import BuildCache, DocumentStore
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

WARNING_TYPE = "medkb"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one document, with where it is and how to fix it."""

    docname: str
    line: int
    subtype: str
    message: str
    is_error: bool = False


_store: DocumentStore[list[Problem]] = DocumentStore("medkb_problems")


def note_problem(
    env: BuildEnvironment,
    subtype: Subtype,
    message: str,
    *,
    docname: str | None = None,
    line: int | None = None,
    is_error: bool = False,
) -> None:
    """Keep a problem of *docname* (the document being read by default)."""
    docname = docname if docname is not None else env.docname
    problem = Problem(docname, line or 0, subtype, message, is_error)
    _store.get(env).setdefault(docname, []).append(problem)


def _report(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Sorted, so serial, parallel and incremental builds print the same lines.
    problems = _store.get(env)
    for docname in sorted(problems):
        for problem in sorted(problems[docname]):
            log = logger.error if problem.is_error else logger.warning
            log(
                problem.message,
                location=(problem.docname, problem.line or None),
                type=WARNING_TYPE,
                subtype=problem.subtype,
            )
    return []


#: Errors that checks of the whole site found in this build, by check name.
_build_errors: BuildCache[BuildEnvironment, dict[str, int]] = BuildCache()


def report_build_errors(env: BuildEnvironment, check: str, count: int) -> None:
    """Record how many errors *check* logged in this build, for the exit status.

    For checks of the whole site, run on every build (such as pages no toctree
    lists): their errors are not kept per page, so they cannot go stale.
    """
    _build_errors.get(env, dict)[check] = count


def error_count(env: BuildEnvironment) -> int:
    per_page = sum(p.is_error for ps in _store.get(env).values() for p in ps)
    return per_page + sum((_build_errors.peek(env) or {}).values())


def _fail_on_errors(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.env is None:
        return
    if errors := error_count(app.env):
        logger.error(
            "%d error(s) above must be fixed before the site can be published.",
            errors,
            type=WARNING_TYPE,
            subtype=Subtype.ERRORS,
        )
        app.statuscode = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    """Loaded by each feature with ``app.setup_extension``; Sphinx loads it once."""
    _store.connect(app)
    app.connect("env-updated", _report)
    app.connect("build-finished", _fail_on_errors)
    return {
        "version": __version__,
        "env_version": 2,  # 2: kept in the medkb domain
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
