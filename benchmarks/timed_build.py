"""Run one Sphinx build in a fresh process: its wall time and its peak memory.

Each build gets a process of its own, so one build's memory never counts for
the next. ``os.wait4`` returns the finished child's resource usage, whose
``ru_maxrss`` is the largest resident set of the child or of any process it
waited for (the workers of ``-j``), not their sum.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import resource
    from collections.abc import Mapping, Sequence
    from pathlib import Path

#: Lines of a failed build's output shown in the error.
TAIL_LINES = 30


@dataclass(frozen=True)
class BuildTiming:
    """How long one build took and the most memory one of its processes held.

    ``cpu_seconds`` is the user and system time of the build and of the
    workers it waited for: less disturbed than wall time by other work on
    the machine, so ratios of it are steadier.
    """

    seconds: float
    max_rss_mib: float
    cpu_seconds: float = 0.0


class BuildFailed(RuntimeError):
    """A build exited with an error; the message ends with its last output."""

    def __init__(self, name: str, status: int, output: str) -> None:
        tail = "\n".join(output.splitlines()[-TAIL_LINES:])
        super().__init__(f"the {name} build exited with status {status}:\n{tail}")
        self.output = output


def sphinx_command(
    srcdir: Path,
    outdir: Path,
    doctreedir: Path,
    *,
    jobs: int = 1,
    overrides: Sequence[str] = (),
) -> list[str]:
    """``python -m sphinx -b html -q -W``: a warning means the corpus is wrong."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W"]
    command += ["-d", str(doctreedir)]
    if jobs > 1:
        command += ["-j", str(jobs)]
    for override in overrides:
        command += ["-D", override]
    return [*command, str(srcdir), str(outdir)]


def _max_rss_mib(usage: resource.struct_rusage) -> float:
    # Linux reports KiB; macOS reports bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return float(usage.ru_maxrss * scale / 2**20)


def run_build(
    name: str, command: Sequence[str], log: Path, env: Mapping[str, str]
) -> BuildTiming:
    """Run *command* with its output in *log*; raise ``BuildFailed`` on an error."""
    with log.open("wb") as log_file:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env
        )
        # wait4 instead of process.wait(): only it returns the child's usage.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        output = log.read_text(errors="replace")
        raise BuildFailed(name, process.returncode, output)
    cpu = usage.ru_utime + usage.ru_stime
    return BuildTiming(round(seconds, 3), round(_max_rss_mib(usage), 1), round(cpu, 3))
