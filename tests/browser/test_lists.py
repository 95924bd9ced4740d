"""Staff lists in Chromium, at a phone's and a desktop's width: searching and sorting the
dashboard, a bulk action behind its confirmation page, and deleting for good from the trash.

The whole flow runs with JavaScript turned off (links, GET forms, the confirmation page's POST).
Every page on the way is photographed into test-artifacts/staff-lists-<step>-<width>.png, and
scanned with axe-core against WCAG 2.1 A and AA in a second tab of the same person with
JavaScript on (axe is JavaScript), opened at the same address. Each run makes items of its own,
so the shared demo content is left as it was for the other browser tests.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.content import utcnow

from .. import factories
from ..conftest import create_user
from .pages import WIDTHS
from .test_staff_pages import check_accessibility, log_in

pytestmark = pytest.mark.browser


def _items(live_app, prefix: str) -> None:
    with live_app.app_context():
        for letter in "CAB":
            factories.make("article", {"pl": {"title": f"{prefix} {letter}"}})
        trashed = factories.make("article", {"pl": {"title": f"{prefix} Z (kosz)"}},
                                 published=utcnow())
        from portal.extensions import db
        from portal.news.models import Article

        factories.update(db.session.get(Article, trashed), deleted_at=utcnow())


@pytest.mark.parametrize("width", WIDTHS)
def test_search_sort_bulk_publish_and_delete_for_good(width, live_app, live_server, browser,
                                                      artifacts):
    prefix = f"Zbiorczo {width}"
    email = f"listy-{width}@mops.example.pl"
    create_user(live_app, "admin", email=email, name="Lidia Listowa")
    _items(live_app, prefix)
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 800},
                                  locale="pl-PL", java_script_enabled=False)
    page = context.new_page()
    scanner = browser.new_context(viewport={"width": WIDTHS[width], "height": 800},
                                  locale="pl-PL")
    scanning = scanner.new_page()
    base = live_server.url

    def shoot(name: str) -> None:
        page.screenshot(path=artifacts / f"staff-{name}.png", full_page=True)
        scanning.goto(page.url)
        expect(scanning.locator("h1")).to_have_text(page.locator("h1").inner_text())
        check_accessibility(scanning, name)
        scroll = scanning.evaluate("document.documentElement.scrollWidth")
        assert scroll <= WIDTHS[width], f"{name} scrolls sideways: {scroll}px"

    try:
        log_in(page, base, email)
        log_in(scanning, base, email)
        expect(page.locator("h1")).to_have_text("Pulpit")

        # Search, then sort by title with the column's heading.
        page.get_by_label("Tytuł zawiera").fill(prefix.upper())
        page.get_by_role("button", name="Pokaż", exact=True).click()
        rows = page.locator("tbody th[scope=row] a")
        expect(rows).to_have_text([f"{prefix} B", f"{prefix} A", f"{prefix} C"])
        page.locator("thead").get_by_role("link", name="Tytuł").click()
        expect(rows).to_have_text([f"{prefix} A", f"{prefix} B", f"{prefix} C"])
        expect(page.locator("thead th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
        shoot(f"lists-dashboard-{width}")

        # Publish two of them at once: the confirmation page names them first.
        page.get_by_label(f"Zaznacz „{prefix} A”").check()
        page.get_by_label(f"Zaznacz „{prefix} C”").check()
        page.get_by_label("Z zaznaczonymi pozycjami").select_option("publish")
        page.get_by_role("button", name="Zastosuj").click()
        expect(page.locator("h1")).to_have_text("Opublikować 2 pozycje?")
        expect(page.locator("ul.bulk-items li")).to_have_count(2)
        shoot(f"lists-confirm-publish-{width}")
        page.get_by_role("button", name="Tak, opublikuj").click()
        expect(page.locator(".flashes")).to_contain_text("Opublikowano 2 pozycje.")
        # Back on the same list, searched and sorted as it was.
        expect(rows).to_have_text([f"{prefix} A", f"{prefix} B", f"{prefix} C"])
        expect(page.locator("tbody tr").filter(has_text=f"{prefix} A")
               .locator(".status")).to_have_text("Opublikowano")
        expect(page.locator("tbody tr").filter(has_text=f"{prefix} B")
               .locator(".status")).to_have_text("Szkic")
        shoot(f"lists-published-{width}")

        # Delete for good from the trash (an administrator), after its own question.
        page.goto(base + "/staff/?status=trash&q=" + prefix.replace(" ", "+"))
        expect(page.locator("h2#content-heading")).to_have_text("Kosz")
        shoot(f"lists-trash-{width}")
        page.get_by_role("link", name=re.compile(f"^Usuń na stałe ?: {prefix} Z")).click()
        expect(page.locator("h1")).to_have_text("Usunąć na stałe 1 pozycję?")
        expect(page.locator(".notice")).to_contain_text("Tego nie można cofnąć.")
        shoot(f"lists-confirm-purge-{width}")
        page.get_by_role("button", name="Tak, usuń na stałe").click()
        expect(page.locator(".flashes")).to_contain_text("Usunięto na stałe 1 pozycję.")
        expect(page.locator("tbody th[scope=row] a")).to_have_count(0)
        shoot(f"lists-purged-{width}")
    finally:
        context.close()
        scanner.close()
