"""The saved environment loads with Python's cycle collector paused.

Sphinx reads back the environment of the last build as one pickle, about 20 MB
at 3,000 pages: millions of objects, none of them garbage. Python's cycle
collector runs again and again while they are made, each time over all of
them; paused, the load at 3,000 pages took a third of the time. The objects
are then moved out of the collector's sight (``gc.freeze``) until the build
ends, so later collections do not walk them either. Only the collector is
paused: memory that is freed by reference counting is freed as before.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from medkb import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

#: Whether this module paused the collector (it leaves one paused by others).
_paused: list[bool] = []


def pause_collector(_app: Sphinx, _config: Config) -> None:
    # config-inited: after the extensions are set up, before the environment
    # is read back.
    if gc.isenabled():
        gc.disable()
        _paused[:] = [True]


def resume_collector(_app: Sphinx) -> None:
    if _paused:
        gc.freeze()
        gc.enable()
        _paused.clear()


def unfreeze(_app: Sphinx, _exception: BaseException | None) -> None:
    # A process that builds again (tests, sphinx-autobuild) gets its objects
    # back into the collector's sight, to be freed when no longer used.
    gc.unfreeze()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", pause_collector, priority=0)
    app.connect("builder-inited", resume_collector, priority=0)
    app.connect("build-finished", unfreeze, priority=1000)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
