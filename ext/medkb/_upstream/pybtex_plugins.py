"""pybtex's installed plugins, looked up once instead of on every use.

Upstream internal used: pybtex's private table ``pybtex.plugin._RUNTIME_PLUGINS``
(as of pybtex 0.26), read to leave plugins registered at run time alone. It
can go when pybtex caches its entry-point look-ups. Imported only through
``medkb._upstream.load``.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from pybtex.plugin import _RUNTIME_PLUGINS, register_plugin

# The plugin groups sphinxcontrib-bibtex asks pybtex for while it formats
# every entry of every reference list and every citation.
LOOKED_UP_GROUPS = (
    "pybtex.backends",
    "pybtex.style.formatting",
    "pybtex.style.labels",
    "pybtex.style.names",
    "pybtex.style.sorting",
)


def remember_installed_plugins() -> None:
    """Look up pybtex's installed plugins once, instead of on every use.

    pybtex finds a plugin by reading the entry points of every installed
    package, each time it is asked; sphinxcontrib-bibtex asks for each
    reference list and each citation, which took over a third of a 300-page
    build. Registering the very classes the entry points name makes pybtex
    find them in its table of runtime plugins instead: same classes, no
    search.
    """
    for group in LOOKED_UP_GROUPS:
        for entry_point in entry_points(group=group):
            if entry_point.name not in _RUNTIME_PLUGINS.get(group, {}):
                register_plugin(group, entry_point.name, entry_point.load(), force=True)
