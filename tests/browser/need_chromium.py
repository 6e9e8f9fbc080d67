"""Stop the browser tests at once, in one line, when there is no Chromium to run.

``tox -e browser`` runs this first, before its sphinx-build, and the browser
tests' conftest checks the same at session start for those who run pytest.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium() -> str:
    """The browser the tests drive: CHROMIUM, or Debian's Chromium."""
    return os.environ.get("CHROMIUM", DEFAULT_CHROMIUM)


def missing_chromium() -> str | None:
    """What to do, in one line, if the browser is not there to run; else None."""
    path = chromium()
    if Path(path).is_file() and os.access(path, os.X_OK):
        return None
    return (
        f"tox -e browser needs Chromium at {path}: install it with "
        "`sudo apt-get install chromium` (or set CHROMIUM to another "
        "Chromium-based browser)."
    )


if __name__ == "__main__":
    if message := missing_chromium():
        print(message, file=sys.stderr)
        sys.exit(1)
