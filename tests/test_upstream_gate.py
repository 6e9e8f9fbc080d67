"""The shortcuts that lean on other packages' internals step aside when those change.

``medkb._upstream`` holds every use of a private name of sphinxcontrib-bibtex,
pybtex or furo. It is imported only when a build uses a shortcut, and only
with the versions the tests have proven; otherwise the build takes the stock
path, which writes the same pages, and says so in an ``info`` line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest
import sphinxcontrib.bibtex.domain
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from sphinxcontrib.bibtex.domain import BibtexDomain

import medkb
from medkb import _upstream
from tests.conftest import DOCS, build

EXT = Path(medkb.__file__).parent
UPSTREAM = ("sphinxcontrib", "furo", "pybtex")


def written(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def private_uses(path: Path) -> list[str]:
    """Each private name of an upstream package that *path* imports or reads."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upstream_modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            UPSTREAM
        ):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name[0] == "_"]
            if any(part.startswith("_") for part in (node.module or "").split(".")):
                found.append(str(node.module))
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(UPSTREAM):
                    upstream_modules.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name | ast.Attribute)
            and ast.unparse(node.value).split(".")[0] in upstream_modules
        ):
            found.append(ast.unparse(node))
    return found


def test_private_upstream_names_are_used_only_behind_the_gate():
    outside = {
        path.relative_to(EXT).as_posix(): uses
        for path in sorted(EXT.rglob("*.py"))
        if "_upstream" not in path.parts and (uses := private_uses(path))
    }
    assert outside == {}
    inside = [p for p in (EXT / "_upstream").glob("*.py") if private_uses(p)]
    # The check itself finds them where they are.
    assert {p.name for p in inside} >= {"bibtex_domain.py", "pybtex_plugins.py"}


def test_importing_medkb_imports_no_upstream_internals():
    code = (
        "import sys, importlib, medkb\n"
        "for feature in medkb.FEATURES: importlib.import_module(feature)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(("
        "'medkb._upstream.', 'furo', 'sphinxcontrib.bibtex.domain')))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []


def test_a_version_outside_the_proven_range_steps_aside_with_an_info_line(
    monkeypatch,
):
    monkeypatch.setitem(_upstream.PROVEN, "furo", SpecifierSet("<2000"))
    assert _upstream.unproven("furo") is not None
    assert _upstream.load("sidebar_cache") is None
    assert _upstream.unproven("no-such-package-here") == (
        "no-such-package-here is not installed"
    )


def test_without_the_shortcuts_the_build_takes_the_stock_path(
    copy_root, tmp_path, monkeypatch
):
    # Citations with reference lists and furo's sidebar: all three shortcuts.
    src = copy_root("bibliography-lists")
    everything = {
        "extensions": [
            "myst_parser",
            "sphinxcontrib.bibtex",
            "medkb.citations",
            "medkb.indexed_citations",
            "medkb.sidebar_cache",
        ],
        "html_theme": "furo",
    }
    fast = build(src, tmp_path / "fast", **everything)
    assert "steps aside" not in fast.status.getvalue()
    assert type(fast.env.domains["cite"]) is not BibtexDomain
    for name in _upstream.PROVEN:
        monkeypatch.setitem(_upstream.PROVEN, name, SpecifierSet("<0.0.1"))
    stock = build(src, tmp_path / "stock", **everything)
    status = stock.status.getvalue()
    for name in _upstream.SHORTCUTS:
        assert f"medkb.{name} steps aside" in status
    assert type(stock.env.domains["cite"]) is BibtexDomain
    # Info lines only: a -W build passes on the stock path as on ours.
    assert stock.warning.getvalue() == fast.warning.getvalue()
    assert written(stock.outdir) == written(fast.outdir)


@pytest.mark.long
def test_the_real_site_builds_the_same_without_sphinxcontrib_bibtex_s_filter_visitor(
    tmp_path, monkeypatch, site
):
    # As if a release renamed it: upstream's own code keeps its globals, but
    # an import of the name fails.
    renamed = types.ModuleType(sphinxcontrib.bibtex.domain.__name__)
    renamed.__dict__.update(vars(sphinxcontrib.bibtex.domain))
    del renamed._FilterVisitor
    monkeypatch.setitem(sys.modules, renamed.__name__, renamed)
    with pytest.raises(ImportError):
        exec("from sphinxcontrib.bibtex.domain import _FilterVisitor", {})
    monkeypatch.delitem(sys.modules, "medkb._upstream.bibtex_domain", raising=False)
    # And as if furo and pybtex had releases the tests have not run: so this
    # one build of the real site takes every stock path, and also stands for
    # "the shortcuts write what stock Sphinx, furo and pybtex write".
    for name in ("furo", "pybtex"):
        monkeypatch.setitem(_upstream.PROVEN, name, SpecifierSet("<0.0.1"))
    app = build(DOCS, tmp_path / "site")
    assert type(app.env.domains["cite"]) is BibtexDomain
    for shortcut in _upstream.SHORTCUTS:
        assert f"medkb.{shortcut} steps aside" in app.status.getvalue()
    assert app.warning.getvalue() == ""
    assert app.statuscode == 0
    ours, stock = written(site.outdir), written(app.outdir)
    assert sorted(ours) == sorted(stock)
    assert [name for name in ours if ours[name] != stock[name]] == []


def test_each_proven_range_starts_at_the_lowest_version_medkb_allows():
    # tox -e py-oldest installs pyproject.toml's lower bounds: a proven range
    # starting higher would leave the oldest allowed version unproven, and
    # one starting lower would claim versions no run has tried.
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    allowed = {
        (req := Requirement(line)).name: req.specifier
        for line in project["project"]["dependencies"]
    }
    for name, proven in _upstream.PROVEN.items():
        assert name in allowed, f"{name} is proven but not a dependency"
        lowest = {s.version for s in allowed[name] if s.operator == ">="}
        starts = {s.version for s in proven if s.operator == ">="}
        assert starts == lowest, name
