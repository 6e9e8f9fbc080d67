"""A missing page gets the site's styled 404 page, however deep its address."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.mark.parametrize(
    "address",
    ["no-such-page.html", "fibromyalgia/gone.html", "a/b/c/d/moved/page.html"],
)
def test_the_404_page_renders_with_the_site_styles_at_any_depth(
    page: Page, base_url: str, address: str
) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response",
        lambda response: (
            failed.append(response.url)
            if response.status >= 400 and response.url != base_url + address
            else None
        ),
    )
    response = page.goto(base_url + address)
    assert response is not None
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    # Every stylesheet, script and image loaded, so the page is styled ...
    assert failed == []
    assert page.evaluate("() => document.styleSheets.length") >= 3
    # furo's font stack, not the browser's default serif.
    assert "Segoe UI" in page.evaluate(
        "() => getComputedStyle(document.body).fontFamily"
    )
    # ... and its links lead back into the site.
    page.get_by_role("link", name="home page").click()
    page.wait_for_url(base_url + "index.html")
    assert (
        page.locator("article h1").inner_text().startswith("Fibromyalgia and headache")
    )
