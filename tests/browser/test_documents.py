"""Documents and the media library in a real browser, at phone and desktop widths.

An editor attaches a PDF to an article, titles it, publishes; a reader sees "PDF, 1 KB" and
downloads it; the media library lists it with its use, sorts by size from a column heading,
and refuses to delete it while it is used. Each staff page is scanned with axe-core (WCAG 2.1
A and AA) and photographed into the artifacts folder (documents-<step>-<width>.png).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import create_user
from ..documents.samples import pdf
from .pages import WIDTHS
from .test_accessibility import AXE_OPTIONS, describe, screenshot
from .test_staff_pages import log_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def _scan(page, name: str, artifacts) -> None:
    screenshot(page, artifacts / f"documents-{name}.png")
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert not result["violations"], f"{name}:\n{describe(result['violations'])}"
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= page.viewport_size["width"] + 1, f"{name} scrolls sideways"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_attach_publish_download_and_library(width, live_app, live_server, browser, axe_source,
                                             artifacts):
    email = f"dokumenty-{width}@mops.example.pl"
    create_user(live_app, "editor", email=email, name="Dorota Dokumenty")
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900},
                                  locale="pl-PL", accept_downloads=True)
    context.add_init_script(axe_source)
    page = context.new_page()
    base = live_server.url
    title = f"Wniosek o zasiłek ({width})"
    try:
        log_in(page, base, email)
        page.wait_for_url(base + "/staff/")
        page.goto(base + "/staff/articles/new")
        page.locator("#pl-title").fill(f"Zasiłek celowy: jak złożyć wniosek ({width})")
        page.locator("#section-pl .rte-area").fill("Wniosek składa się w ośrodku.")
        page.locator("#document_files").set_input_files(
            [{"name": f"wniosek-{width}.pdf", "mimeType": "application/pdf",
              "buffer": pdf(f"Wniosek {width}")}])
        page.get_by_role("button", name="Dodaj wybrane dokumenty").click()
        expect(page.locator("#document-1")).to_have_count(1)
        expect(page.locator("#document-1 .photo-title")).to_contain_text("PDF, 1 KB")
        page.locator("#documents-0-pl-title").fill(title)
        page.locator("#documents-0-en-title").fill(f"Application for a benefit ({width})")
        _scan(page, f"editor-{width}", artifacts)
        page.locator("#edit-form button[name=action][value=publish]").click()
        expect(page.locator(".flash, .notice, [role=status]").first).to_be_visible()
        expect(page.locator("#documents-0-pl-title")).to_have_value(title)

        # The reader's page: the link, its type and size, and the download.
        page.goto(base + "/pl/news/")
        page.get_by_role("link", name=f"Zasiłek celowy: jak złożyć wniosek ({width})").click()
        link = page.locator(".document-list a").first
        expect(link).to_have_text(title)
        expect(page.locator(".document-list .file-facts").first).to_have_text("(PDF, 1 KB)")
        _scan(page, f"reader-{width}", artifacts)
        with page.expect_download() as info:
            link.click()
        assert info.value.suggested_filename == f"{title}.pdf"

        # The library: searched, with the use listed; deleting it is refused while it is used.
        page.goto(base + f"/staff/media?q=wniosek-{width}")
        row = page.locator("tbody tr")
        expect(row).to_have_count(1)
        expect(row.locator(".media-uses a")).to_contain_text(
            f"Zasiłek celowy: jak złożyć wniosek ({width})")
        _scan(page, f"library-{width}", artifacts)

        # Sorted by size, largest first, from the heading (a link: no JavaScript needed), then
        # the other way round; the search is kept.
        page.goto(base + "/staff/media?q=.pdf&sort=-size")
        size = page.locator("thead th", has_text="Rozmiar")
        expect(size).to_have_attribute("aria-sort", "descending")
        expect(size.get_by_role("link")).to_be_visible()  # on a phone too
        _scan(page, f"library-sorted-{width}", artifacts)
        size.get_by_role("link").click()
        expect(page.locator("thead th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
        expect(page.locator("thead th[aria-sort]")).to_have_text("Rozmiar ▲")
        assert "q=.pdf" in page.url and "sort=size" in page.url

        page.goto(base + f"/staff/media?q=wniosek-{width}")
        row.get_by_role("link", name="Usuń").click()
        expect(page.locator("#in-use")).to_contain_text("nie można usunąć")
        _scan(page, f"delete-refused-{width}", artifacts)
        page.goto(base + "/staff/media?type=image")
        expect(page.locator("tbody tr").first).to_be_visible()
        _scan(page, f"library-photos-{width}", artifacts)
        page.locator("tbody tr").first.get_by_role("link", name="Użyj ponownie").click()
        _scan(page, f"use-again-{width}", artifacts)
    finally:
        context.close()
