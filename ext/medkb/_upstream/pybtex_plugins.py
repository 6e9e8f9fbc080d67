"""pybtex's installed plugins, looked up once instead of on every use.

Upstream internal used: pybtex's private table ``pybtex.plugin._RUNTIME_PLUGINS``
(as of pybtex 0.26), read to leave plugins registered at run time alone. It
can go when pybtex caches its entry-point look-ups. Imported only through
``medkb._upstream.load``.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from pybtex.plugin import _RUNTIME_PLUGINS

if TYPE_CHECKING:
    from collections.abc import Iterable

# The plugin groups sphinxcontrib-bibtex asks pybtex for while it formats
# every entry of every reference list and every citation.
LOOKED_UP_GROUPS = (
    "pybtex.backends",
    "pybtex.style.formatting",
    "pybtex.style.labels",
    "pybtex.style.names",
    "pybtex.style.sorting",
)


def register(plugins: Iterable[tuple[str, str, type]]) -> None:
    """``register_plugin(group, name, klass, force=True)`` for each, without its
    search: pybtex reads every installed package's entry points first, even
    when forced, a tenth of a second for medkb's styles on every build."""
    for group, name, klass in plugins:
        _RUNTIME_PLUGINS.setdefault(group, {})[name] = klass


def remember_installed_plugins() -> None:
    """Look up pybtex's installed plugins once, instead of on every use.

    pybtex finds a plugin by reading the entry points of every installed
    package, each time it is asked; sphinxcontrib-bibtex asks for each
    reference list and each citation, which took over a third of a 300-page
    build. Registering the very classes the entry points name makes pybtex
    find them in its table of runtime plugins instead: same classes, no
    search, and the installed packages read once for every group.
    """
    installed = entry_points()
    register(
        (group, entry_point.name, entry_point.load())
        for group in LOOKED_UP_GROUPS
        for entry_point in installed.select(group=group)
        if entry_point.name not in _RUNTIME_PLUGINS.get(group, {})
    )
