"""medkb's own words to readers, in the build's language.

Every reader-facing string is ``_("English text")``: a message of the
``medkb`` catalog (``medkb/locale/<lang>/LC_MESSAGES/medkb.po``), read
through Sphinx's translation API. The catalog is compiled into the build's
doctree folder, so an installed medkb never writes into its own package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale
from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "medkb"
LOCALE_DIR = Path(__file__).parents[1] / "locale"

_ = get_translation(CATALOG)


def N_(message: str) -> str:
    """Mark *message* for the catalog where it is translated later, by ``_``."""
    return message


def catalog_source(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"


def compile_catalog(po: Path, mo: Path) -> None:
    """Write *po* as *mo* unless *mo* is newer; fuzzy messages stay English."""
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return
    with po.open("rb") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    partial = mo.with_suffix(".mo.part")
    with partial.open("wb") as out:
        write_mo(out, catalog)
    partial.replace(mo)


def use_catalog(app: Sphinx) -> None:
    """Load medkb's catalog for the build's language, once per application."""
    if getattr(app, "_medkb_catalog_loaded", False):
        return
    app._medkb_catalog_loaded = True  # type: ignore[attr-defined]
    # Sphinx keeps one translator per catalog for the whole process and only
    # ever adds to it: a later build in another language would read this one's.
    locale.translators.pop(("general", CATALOG), None)
    language = app.config.language or "en"
    po = catalog_source(language)
    if not po.exists():
        locale.init([], None, CATALOG)
        return
    compiled = Path(app.doctreedir) / "medkb-locale"
    compile_catalog(po, compiled / language / "LC_MESSAGES" / f"{CATALOG}.mo")
    app.add_message_catalog(CATALOG, str(compiled))
