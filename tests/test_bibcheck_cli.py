"""``python -m medkb.bibcheck`` checks bibliography files without a build."""

from __future__ import annotations

import subprocess
import sys

import pytest

from medkb.bibcheck import main
from tests.conftest import DOCS, ROOTS


def run(capsys, *argv: str) -> tuple[int, list[str]]:
    status = main(list(argv))
    return status, capsys.readouterr().out.splitlines()


def test_the_real_bibliography_is_clean(capsys):
    assert run(capsys, str(DOCS / "refs.bib")) == (0, [])


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        (
            "unbalanced-brace",
            "refs.bib:9: beta2002review: syntax error: '}' expected (pybtex "
            "noticed it at line 17); check that every { has a matching }",
        ),
        (
            "duplicate-key",
            "refs.bib:9: alpha2001trial: duplicate key: the entry at ",
        ),
        (
            "duplicate-doi",
            "refs.bib:9: alpha2001copy: duplicate DOI 10.1000/alpha.x: the entry "
            "alpha2001trial at ",
        ),
        (
            "missing-identifier",
            "refs.bib:9: beta2002review: no doi, pmid or url field: ",
        ),
        ("exempt", "refs.bib:16: poster2007talk: no doi, pmid or url field: "),
        ("bad-key", "refs.bib:17: paper-1: key does not follow the convention: "),
        ("javascript-url", "refs.bib:8: evil2022link: url 'javascript:alert(1)' "),
    ],
)
def test_each_problem_is_one_line(capsys, root, expected):
    path = ROOTS / f"test-bibcheck-{root}" / "refs.bib"
    status, lines = run(capsys, str(path))
    assert status == 1
    assert any(line.startswith(f"{path.parent}/{expected}") for line in lines), lines


def test_unused_entries_are_left_to_the_build(capsys):
    assert run(capsys, str(ROOTS / "test-bibcheck-unused" / "refs.bib")) == (0, [])


def test_files_are_checked_together(capsys):
    # The build reads every file into one set: a key in two files clashes.
    path = ROOTS / "test-bibcheck-clean" / "refs.bib"
    status, lines = run(capsys, str(path), str(path))
    assert status == 1
    assert f"{path}:1: alpha2001trial: duplicate key: the entry at {path}:1" in (
        "\n".join(lines)
    )


def test_missing_file(capsys, tmp_path):
    status, lines = run(capsys, str(tmp_path / "gone.bib"))
    assert status == 1
    assert lines[0].startswith(f"{tmp_path / 'gone.bib'}:1: (no key): cannot read:")


def test_command_line(tmp_path):
    path = ROOTS / "test-bibcheck-bad-key" / "refs.bib"
    result = subprocess.run(
        [sys.executable, "-m", "medkb.bibcheck", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "Smith2020",
        "smith",
        "paper-1",
    ]
    assert result.stderr == ""
    clean = ROOTS / "test-bibcheck-clean" / "refs.bib"
    result = subprocess.run(
        [sys.executable, "-m", "medkb.bibcheck", str(clean)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "")
