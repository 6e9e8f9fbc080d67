"""The reference page lists every option and every message subtype the code has."""

from __future__ import annotations

import ast
from pathlib import Path

import medkb
from medkb._core.subtypes import EXPLAINED, Subtype
from tests.helpers import soup

EXT = Path(medkb.__file__).parent
# sphinxcontrib-bibtex's own subtypes, which the citation shortcut reproduces.
UPSTREAM_SUBTYPES = {"filter_syntax_error", "missing_field"}


def reference_rows(site) -> dict[str, list[str]]:
    page = soup(site.outdir / "reference" / "extension.html")
    tables = {}
    for table in page.select(".medkb-reference table"):
        title = table.caption.get_text(" ", strip=True).rstrip(" ¶")
        tables[title] = [
            row.find("td").get_text("", strip=True) for row in table.select("tbody tr")
        ]
    return tables


def test_every_option_sphinx_knows_is_on_the_reference_page(site):
    declared = sorted(opt.name for opt in site.config if opt.name.startswith("medkb_"))
    assert len(declared) >= 15
    assert reference_rows(site)["Options"] == declared


def test_every_subtype_is_explained_on_the_reference_page(site):
    assert set(EXPLAINED) == set(Subtype)
    assert all(meaning and fix for meaning, fix in EXPLAINED.values())
    shown = reference_rows(site)["Warning and error subtypes"]
    assert shown == [f"medkb.{subtype}" for subtype in Subtype]


def subtype_literals(path: Path) -> list[str]:
    """Subtypes written as strings rather than as members of ``Subtype``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "subtype":
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.append(value.value)
    return found


def test_the_code_reports_no_subtype_outside_the_enum():
    loose = {
        path.relative_to(EXT).as_posix(): literals
        for path in sorted(EXT.rglob("*.py"))
        if (literals := set(subtype_literals(path)) - UPSTREAM_SUBTYPES)
    }
    assert loose == {}


def test_every_feature_is_listed_with_what_it_does(site):
    assert reference_rows(site)["Features"] == list(medkb.FEATURES)
