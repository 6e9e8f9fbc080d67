"""What ``tox -e audit`` runs: the review audit, then the translations' audit.

Usage: python tools/audit.py [--strict] [--language es]

1. Every page's review dates and status, and each guideline's and label's
   currency check; fails if a page is past its next-review date or a check is
   more than 12 months old.
2. Every page of the translation with its status: complete, partial (with the
   share of its paragraphs translated) or behind the English review; with
   ``--strict`` it fails on any page that is not complete.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"


def sphinx(*options: str, name: str) -> int:
    command = [
        sys.executable, "-m", "sphinx", "-b", "dummy", "-n",
        "-d", str(BUILD / f"doctrees-{name}"), *options, str(DOCS), str(BUILD / name),
    ]  # fmt: skip
    return subprocess.run(command, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--strict", action="store_true", help="fail on any translation not complete"
    )
    parser.add_argument("--language", default="es", help="the translation to audit")
    args = parser.parse_args(argv)
    reviews = sphinx("-D", "medkb_review_audit=1", name="audit")
    mode = "strict" if args.strict else "list"
    translations = sphinx(
        "-D", f"language={args.language}", "-D", f"medkb_translation_audit={mode}",
        name=f"audit-{args.language}",
    )  # fmt: skip
    return 1 if reviews or translations else 0


if __name__ == "__main__":
    sys.exit(main())
