"""Pages stay readable: each one at a Flesch-Kincaid grade of 9 or below."""

from __future__ import annotations

import statistics

from tests.conftest import DOCS
from tools.reading_level import (
    main,
    measure,
    measure_translation,
    pages,
    prose,
    translated_prose,
)

MAX_GRADE = 9.0

PAGE = """\
---
description: Not prose.
---

# A heading is not a sentence

Migraine is common {cite:p}`lipton2007ampp`.
See {doc}`/headache/when-to-get-help` and the {term}`red flags <red flag>`.
- a list item without a full stop

```{toctree}
hidden-page
```

```{glossary}
aura
  Changes in seeing before an attack.
```
"""


def test_prose_keeps_only_what_a_reader_reads():
    assert prose(PAGE).splitlines() == [
        "Migraine is common.",
        "See when to get help and the red flags.",
        "a list item without a full stop.",
        "Changes in seeing before an attack.",
    ]


ENTRY = """\
---
description: Not prose.
medicine:
  name: Valproate
  aliases: [Depakote]
  pregnancy: >-
    Must not be used to prevent migraine in pregnancy {cite:p}`fda2013valproate`.
    Needs birth control {cite:p}`fda2013valproate`.
---

# Valproate
"""


def test_a_medicine_entry_is_read_with_its_safety_box():
    # The box is written in the front matter, and readers read it on the page.
    assert prose(ENTRY).splitlines() == [
        "Must not be used to prevent migraine in pregnancy.",
        "Needs birth control.",
    ]


def test_every_page_reads_at_grade_nine_or_below():
    levels = [measure(page, DOCS) for page in pages(DOCS)]
    assert len(levels) >= 30
    too_hard = [f"{lvl.page}: {lvl.grade}" for lvl in levels if lvl.grade > MAX_GRADE]
    assert too_hard == [], "shorten sentences and explain terms on these pages"
    assert statistics.median(lvl.grade for lvl in levels) <= MAX_GRADE


#: Fernández-Huerta score that English grade 9 corresponds to (see the tool).
MIN_SPANISH_SCORE = 60


def test_every_spanish_page_reads_as_easily_as_the_english_standard():
    levels = [measure_translation(page, DOCS, "es") for page in pages(DOCS)]
    assert None not in levels, "every page has a Spanish catalog"
    too_hard = [
        f"{lvl.page}: {lvl.score}" for lvl in levels if lvl.score < MIN_SPANISH_SCORE
    ]
    assert too_hard == [], "shorten sentences and use everyday words on these pages"
    assert all(lvl.words > 0 for lvl in levels if lvl.page != "bibliography.md")


def test_the_spanish_measure_reads_only_sentences(tmp_path):
    catalog = tmp_path / "locales/es/LC_MESSAGES/page.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid "Migraine"\nmsgstr "Migraña"\n\n'
        'msgid "`tox -e docs`"\nmsgstr "`tox -e docs`"\n\n'
        'msgid "It is common {cite:p}`a`. Rest helps."\n'
        'msgstr "Es frecuente {cite:p}`a`. Descansar ayuda a muchas personas."\n',
        encoding="utf-8",
    )
    assert translated_prose(catalog).splitlines() == [
        "Descansar ayuda a muchas personas."
    ]
    (tmp_path / "page.md").write_text("# Migraine\n", encoding="utf-8")
    level = measure_translation(tmp_path / "page.md", tmp_path, "es")
    assert level is not None
    assert level.words == 5


def test_one_page_can_be_checked_alone(tmp_path, capsys):
    page = tmp_path / "easy.md"
    page.write_text("# Easy\n\nMigraine is common.\nIt can be treated.\n")
    assert main(["--max", "9", str(page)]) == 0
    assert "easy.md" in capsys.readouterr().out
