"""After reading, every page is checked for exactly one disclaimer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import plain


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_page_without_one_is_named(make_app, copy_root, jobs):
    app = make_app("html", srcdir=copy_root("disclaimer-removed"), parallel=jobs)
    app.build()
    log = plain(app.warning.getvalue())
    assert "stripped.md: WARNING: page 'stripped' has no medical disclaimer" in log
    assert "[medkb.disclaimer-missing]" in log
    assert "doubled.md: WARNING: page 'doubled' has 2 medical disclaimers" in log
    assert "[medkb.disclaimer-duplicate]" in log
    assert "index" not in log


def test_fails_under_W(rootdir, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-q",
            "-b",
            "html",
            str(rootdir / "test-disclaimer-removed"),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "page 'stripped' has no medical disclaimer" in result.stderr
