"""What a reader downloads: under 500 KB for the home page and a typical page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

LIMIT = 500 * 1024
PAGES = {"home": "index.html", "content": "fibromyalgia/symptoms.html"}


@pytest.mark.parametrize("label", sorted(PAGES))
def test_page_weight_is_under_500_kb(
    browser: Browser, base_url: str, artifacts: Path, label: str
) -> None:
    # A fresh context: nothing cached, as on a reader's first visit.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + PAGES[label], wait_until="networkidle")
    by_kind: dict[str, int] = {}
    for response in responses:
        # The served bytes; the test server does not compress, so Read the
        # Docs, which does, sends fewer.
        size = len(response.body())
        kind = response.request.resource_type
        by_kind[kind] = by_kind.get(kind, 0) + size
    context.close()
    total = sum(by_kind.values())
    report = artifacts / f"page-weight-{label}.json"
    report.write_text(
        json.dumps({"page": PAGES[label], "bytes": total, "by_type": by_kind}, indent=2)
    )
    print(f"{PAGES[label]}: {total} bytes {by_kind}")
    assert by_kind.get("document", 0) > 0
    assert total < LIMIT, f"{PAGES[label]} weighs {total} bytes: {by_kind}"
