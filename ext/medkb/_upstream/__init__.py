"""Every use of another package's private names or copied internals, behind one gate.

Three build-speed shortcuts lean on internals that their packages may change
in any release: sphinxcontrib-bibtex's domain and filter visitor
(``bibtex_domain``), pybtex's table of runtime plugins (``pybtex_plugins``)
and furo's sidebar (``furo_sidebar``). Nothing in this package is imported
when ``medkb`` loads; a shortcut calls :func:`load` when a build would use it.
:func:`load` imports the module only if every package it leans on is
installed at a version the tests have run against (``PROVEN``, the range
``tox -e py-oldest`` and ``tox -e py-latest`` cover). Otherwise, or if the
import fails because a name is gone, the shortcut steps aside with an
``info`` line, and the build takes the stock path, which writes the same
output, only slower.

One module here is not a shortcut: ``myst_include`` runs myst-parser's own
include for ``medkb.file_access``. It has no stock path to fall back on, as
an unchecked include is what ``file_access`` prevents, so if its private name
goes the include is refused with an error instead.

When a new release of one of these packages comes out: run the tests with it
(``tox -e py-latest``) and, if they pass, move its bound in ``PROVEN``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version
from sphinx.util import logging

if TYPE_CHECKING:
    from types import ModuleType

logger = logging.getLogger(__name__)


#: The versions of each package the tests have proven the shortcuts against:
#: the lower bounds are pyproject.toml's, the upper ones the newest tested.
PROVEN: dict[str, SpecifierSet] = {
    "sphinxcontrib-bibtex": SpecifierSet(">=2.7,<2.8"),
    "pybtex": SpecifierSet(">=0.25,<0.27"),
    "furo": SpecifierSet(">=2025.12.19,<2026"),
}


@dataclass(frozen=True)
class Shortcut:
    """A module of this package, and the packages whose internals it uses."""

    module: str
    leans_on: tuple[str, ...]
    #: What the build does instead, for the info line.
    instead: str


SHORTCUTS = {
    "indexed_citations": Shortcut(
        "bibtex_domain",
        ("sphinxcontrib-bibtex", "pybtex"),
        "sphinxcontrib-bibtex scans every citation itself",
    ),
    "pybtex_plugins": Shortcut(
        "pybtex_plugins",
        ("pybtex",),
        "pybtex searches its installed plugins on every look-up",
    ),
    "sidebar_cache": Shortcut(
        "furo_sidebar",
        ("furo",),
        "furo computes each sidebar itself",
    ),
}


def unproven(distribution: str) -> str | None:
    """Why the installed *distribution* is outside ``PROVEN``, or ``None``."""
    try:
        installed = version(distribution)
    except PackageNotFoundError:
        return f"{distribution} is not installed"
    try:
        if Version(installed) in PROVEN[distribution]:
            return None
    except InvalidVersion:
        pass
    return (
        f"{distribution} {installed} is outside the versions its tests have "
        f"run against ({PROVEN[distribution]})"
    )


def load(name: str) -> ModuleType | None:
    """The module of shortcut *name*, or ``None`` when it must step aside.

    Called once per build by the shortcut; the reason it steps aside is
    logged as ``info``, so builds with ``-W`` pass on the stock path.
    """
    shortcut = SHORTCUTS[name]
    why = next(filter(None, map(unproven, shortcut.leans_on)), None)
    if why is None:
        try:
            return importlib.import_module(f"{__name__}.{shortcut.module}")
        except (ImportError, AttributeError) as error:
            why = f"a name it uses is gone ({error})"
    logger.info("medkb.%s steps aside, so %s: %s.", name, shortcut.instead, why)
    return None
