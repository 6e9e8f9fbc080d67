"""Update the translation catalogs from the English pages and medkb's code.

Usage: python tools/update_translations.py [--language es] [--docs DIR] [--pages-only]

1. ``sphinx-build -b gettext`` writes one ``.pot`` per page (and one for the
   disclaimer snippet and the warning-sign list) into docs/_build/gettext.
2. ``sphinx-intl update`` merges them into docs/locales/LANG/LC_MESSAGES:
   new messages come in empty, changed ones are marked fuzzy (Sphinx then
   shows the English paragraph and medkb says the page is behind), removed
   ones become obsolete. A page's catalog whose page is gone is deleted.
3. medkb's own messages (its boxes, notices and labels) are extracted from
   ext/medkb into ext/medkb/locale/medkb.pot and merged the same way.

Last, each catalog that needs work is listed with its count of finished,
fuzzy and empty messages.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXTENSION = ROOT / "ext" / "medkb"
MEDKB_LOCALE = EXTENSION / "locale"
WIDTH = 79
KEYWORDS = {"_": None, "N_": None}


def build_templates(docs: Path, out: Path) -> None:
    doctrees = out.parent / "doctrees-gettext"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-E", "-q", "-W",
         "--keep-going", "-d", str(doctrees), str(docs), str(out)],
        check=True,
    )  # fmt: skip


def update_pages(locales: Path, templates: Path, language: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx_intl", "update", "-p", str(templates),
         "-d", str(locales), "-l", language, "-w", str(WIDTH)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    folder = locales / language / "LC_MESSAGES"
    for po in sorted(folder.rglob("*.po")):
        one_final_newline(po)
        domain = po.relative_to(folder).with_suffix("")
        if not (templates / domain).with_suffix(".pot").exists():
            print(f"removed {po.relative_to(locales.parent)}: its page is gone")
            po.unlink()
            po.with_suffix(".mo").unlink(missing_ok=True)


def one_final_newline(path: Path) -> None:
    """End the file as the lint's end-of-file check wants: Babel writes a
    blank line last, which the check would then remove on every run."""
    text = path.read_bytes()
    if text.endswith(b"\n\n"):
        path.write_bytes(text.rstrip(b"\n") + b"\n")


def messages(catalog: Catalog) -> list[tuple[str, str, bool]]:
    return sorted((str(m.id), str(m.string), m.fuzzy) for m in catalog if m.id)


def write_if_changed(path: Path, catalog: Catalog, **options: bool) -> None:
    """Write *catalog* unless the file holds the same messages already, so a
    run that changes nothing leaves no new creation date behind."""
    if path.exists():
        with path.open("rb") as source:
            if messages(read_po(source)) == messages(catalog):
                return
    with path.open("wb") as out:
        write_po(out, catalog, width=WIDTH, sort_output=True, **options)
    one_final_newline(path)


def medkb_template() -> Catalog:
    template = Catalog(project="medkb", fuzzy=False)
    for path in sorted(EXTENSION.rglob("*.py")):
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            if isinstance(message, str):
                template.add(message)
    return template


def update_medkb(language: str) -> None:
    template = medkb_template()
    write_if_changed(MEDKB_LOCALE / "medkb.pot", template, omit_header=True)
    po = MEDKB_LOCALE / language / "LC_MESSAGES" / "medkb.po"
    if po.exists():
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
    else:
        catalog = Catalog(locale=language, project="medkb")
    catalog.update(template, no_fuzzy_matching=False)
    catalog.obsolete.clear()
    po.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(po, catalog, ignore_obsolete=True)


def summary(locales: Path, language: str, *, medkb: bool) -> None:
    folder = locales / language / "LC_MESSAGES"
    rows = []
    catalogs = [*sorted(folder.rglob("*.po"))]
    if medkb:
        catalogs.append(MEDKB_LOCALE / language / "LC_MESSAGES" / "medkb.po")
    for po in catalogs:
        with po.open("rb") as source:
            catalog = read_po(source)
        messages = [m for m in catalog if m.id]
        fuzzy = sum(1 for m in messages if m.fuzzy)
        empty = sum(1 for m in messages if not m.string)
        rows.append((po.relative_to(locales.parents[1]), len(messages), fuzzy, empty))
    lacking = [r for r in rows if r[2] or r[3]]
    for path, total, fuzzy, empty in lacking:
        done = total - fuzzy - empty
        print(f"{path}: {done} of {total} done, {fuzzy} fuzzy, {empty} empty")
    total = sum(r[1] for r in rows)
    done = total - sum(r[2] + r[3] for r in rows)
    print(f"{language}: {len(rows)} catalogs, {done} of {total} messages translated; "
          f"{len(lacking)} catalogs need work.")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="es")
    parser.add_argument("--docs", type=Path, default=DOCS, help="the source folder")
    parser.add_argument(
        "--pages-only", action="store_true", help="leave medkb's own catalog alone"
    )
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    templates = docs / "_build" / "gettext"
    if templates.exists():
        shutil.rmtree(templates)
    build_templates(docs, templates)
    locales = docs / "locales"
    update_pages(locales, templates, args.language)
    if not args.pages_only:
        update_medkb(args.language)
    summary(locales, args.language, medkb=not args.pages_only)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        # The command printed why; a traceback would only hide it.
        print(f"stopped: {' '.join(map(str, error.cmd[1:4]))} ... failed (above)")
        sys.exit(error.returncode or 1)
