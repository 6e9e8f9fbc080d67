"""Each bad config value stops the build with a message naming what is wrong."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sphinx.cmd.build import build_main

from medkb.disclaimer import OPTIONS
from tests.helpers import plain

STYLES = "attention, caution, danger, error, hint, important, note, tip, warning"


def stopped_with(capsys, srcdir, *overrides: str) -> str:
    """Run sphinx-build as a user would; return what it printed to stderr."""
    argv = ["-q", "-b", "html", str(srcdir), str(srcdir / "_build"), *overrides]
    with pytest.raises(SystemExit) as stopped:
        build_main(argv)
    assert stopped.value.code == 2
    err = plain(capsys.readouterr().err)
    assert "Traceback" not in err
    return err


def set_in_conf(srcdir, **values) -> None:
    conf = srcdir / "conf.py"
    lines = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    conf.write_text(conf.read_text() + lines)


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("medkb_disclaimer_style", "purple", f"one of {STYLES}"),
        ("medkb_disclaimer_style", 3, "a value of type str"),
        ("medkb_disclaimer_title", "  ", "a title that is not empty"),
        ("medkb_disclaimer_title", ["Title"], "a value of type str"),
        (
            "medkb_disclaimer_snippet",
            "gone.md",
            "the path of an existing Markdown file",
        ),
        ("medkb_disclaimer_snippet", True, "a value of type str"),
        ("medkb_disclaimer_exempt", "disclaimer", "a value of type list or tuple"),
        ("medkb_disclaimer_exempt", ["ok", 7], "a list of glob patterns"),
    ],
)
def test_bad_value_stops_the_build(capsys, copy_root, option, value, allowed):
    srcdir = copy_root("disclaimer-basic")
    set_in_conf(srcdir, **{option: value})
    line = len((srcdir / "conf.py").read_text().splitlines())
    log = stopped_with(capsys, srcdir)
    assert f"conf.py:{line}: ERROR: {option} = {value!r} is not allowed" in log
    assert f"expected {allowed}" in log
    assert "[medkb.config]" in log


def test_every_bad_value_is_reported_at_once(capsys, copy_root):
    srcdir = copy_root("disclaimer-basic")
    set_in_conf(srcdir, medkb_disclaimer_style="purple", medkb_disclaimer_title="")
    log = stopped_with(capsys, srcdir)
    assert "medkb_disclaimer_style = 'purple'" in log
    assert "medkb_disclaimer_title = ''" in log


def test_value_given_on_the_command_line(capsys, copy_root):
    log = stopped_with(
        capsys, copy_root("disclaimer-basic"), "-D", "medkb_disclaimer_style=loud"
    )
    assert "ERROR: medkb_disclaimer_style = 'loud' is not allowed" in log


def test_snippet_with_a_heading_is_refused(capsys, copy_root):
    log = stopped_with(capsys, copy_root("disclaimer-bad-snippet"))
    assert "_snippets/disclaimer.md:1: ERROR: the disclaimer snippet must hold" in log
    assert "[medkb.disclaimer-snippet]" in log


def test_empty_snippet_is_refused(capsys, copy_root):
    srcdir = copy_root("disclaimer-basic")
    (srcdir / "_snippets/disclaimer.md").write_text("\n")
    log = stopped_with(capsys, srcdir)
    assert "disclaimer.md:1: ERROR: the disclaimer snippet is empty" in log


def test_broken_links_in_the_snippet_are_reported_once_each(capsys, copy_root):
    srcdir = copy_root("disclaimer-basic")
    (srcdir / "_snippets/disclaimer.md").write_text(
        "Read the [full text](../disclaimer.md).\n"
        "See [this](../nope.md) and {doc}`that <../gone>`.\n"
    )
    log = stopped_with(capsys, srcdir)
    assert log.count("ERROR") == 2
    assert "disclaimer.md:2: ERROR: the disclaimer snippet links to '../nope.md'" in log
    assert "disclaimer.md:2: ERROR: the disclaimer snippet links to '../gone'" in log
    assert "'../disclaimer.md'" not in log


def test_sphinx_build_prints_no_traceback(copy_root, tmp_path):
    """What a contributor sees: the message and exit status 2, nothing else."""
    srcdir = copy_root("disclaimer-basic")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            str(srcdir),
            str(tmp_path / "out"),
            "-D",
            "medkb_disclaimer_style=purple",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "medkb_disclaimer_style = 'purple' is not allowed" in result.stderr
    assert "Traceback" not in result.stderr
    assert "report" not in result.stderr


@pytest.mark.sphinx("html", testroot="disclaimer-basic")
def test_options_are_declared_with_types_and_descriptions(app):
    # Every disclaimer option comes from the one table, which the reference
    # page is generated from: none is registered beside it.
    registered = {name for name in app.config.values if "disclaimer" in name}
    assert registered == {option.name for option in OPTIONS}
    assert len(registered) >= 4
    for option in OPTIONS:
        assert option.types, option.name
        assert option.description.endswith("."), option.name
        declared = app.config.values[option.name]
        assert declared.valid_types == frozenset(option.types)
        assert declared.description == option.description
        assert declared.rebuild == "env"  # a change re-reads every page
