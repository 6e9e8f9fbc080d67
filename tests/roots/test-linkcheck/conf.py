"""Check links on a local test server with the site's own link-check settings.

Every ``linkcheck_*`` value is read from docs/conf.py, so the tests check the
real settings, not a copy. Use this folder in place (not copied elsewhere) and
give the server's address with the override ``test_server``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "Linkcheck"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser"]

_SITE_CONF = Path(__file__).resolve().parents[3] / "docs" / "conf.py"
for _name, _value in eval_config_file(_SITE_CONF, Tags()).items():
    if _name.startswith("linkcheck_"):
        globals()[_name] = _value

# The pages link to this placeholder; it never leaves the machine.
PLACEHOLDER = "http://server.invalid"


def _point_at_server(app: Sphinx, docname: str, source: list[str]) -> None:
    if not app.config.test_server:
        raise ConfigError("set test_server to the local server's address")
    source[0] = source[0].replace(PLACEHOLDER, app.config.test_server)


def setup(app: Sphinx) -> None:
    app.add_config_value("test_server", "", "env", types=frozenset({str}))
    app.connect("source-read", _point_at_server)
