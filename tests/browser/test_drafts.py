"""Drafts of live items and review before publishing, in Chromium, at a phone's and a desktop's
width: each page on the way photographed (test-artifacts/staff-drafts-*.png) and scanned by axe.
Everything is done with plain links and forms, as it must work without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .. import factories
from ..conftest import create_user
from .pages import WIDTHS
from .test_staff_pages import log_in, shoot

pytestmark = pytest.mark.browser


def _context(browser, width: str):
    return browser.new_context(viewport={"width": WIDTHS[width], "height": 800}, locale="pl-PL")


def _article(live_app, title: str, body: str, published: bool = True) -> int:
    with live_app.app_context():
        if published:
            return factories.article(title, body)
        return factories.make("article", {"pl": {"title": title, "body": body}})


def _user(live_app, role: str, email: str, name: str) -> str:
    create_user(live_app, role, email=email, name=name)
    return email


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_draft_is_kept_previewed_compared_published_and_discarded(live_app, live_server,
                                                                    browser, artifacts, width):
    email = _user(live_app, "editor", f"szkic-{width}@mops.example.pl", "Dorota Szkicowa")
    title = f"Dyżur w sobotę {width}"
    item_id = _article(live_app, title, "<p>Dyżur od 9:00.</p>")
    context = _context(browser, width)
    page = context.new_page()
    base = live_server.url
    url = f"{base}/staff/articles/{item_id}"
    try:
        log_in(page, base, email)
        page.wait_for_url(base + "/staff/")
        page.goto(url)
        expect(page.locator("#draft-state")).to_contain_text("wersją roboczą")
        page.locator("#pl-summary").fill("Dyżur także w niedzielę.")
        page.get_by_role("button", name="Zapisz wersję roboczą").click()
        expect(page.locator(".flashes")).to_contain_text("Zapisano wersję roboczą")
        expect(page.locator("#draft-state")).to_contain_text("Edytujesz wersję roboczą.")
        shoot(page, artifacts, f"drafts-edit-{width}")
        # Readers still see the published text.
        public = context.new_page()
        public.goto(f"{base}/pl/news/{page.locator('#pl-slug').input_value()}")
        expect(public.locator("main")).not_to_contain_text("także w niedzielę")
        public.close()

        page.get_by_role("link", name="Podgląd wersji roboczej: Polski").click()
        expect(page.locator(".preview-banner")).to_contain_text("wersja robocza")
        expect(page.locator("main")).to_contain_text("Dyżur także w niedzielę.")
        shoot(page, artifacts, f"drafts-preview-{width}")
        page.goto(url)
        page.get_by_role("link", name="Porównaj z wersją opublikowaną").click()
        expect(page.locator("main ins").first).to_contain_text("Dyżur także w niedzielę.")
        shoot(page, artifacts, f"drafts-compare-{width}")

        page.goto(url)
        page.get_by_role("button", name="Opublikuj zmiany").click()
        expect(page.locator("h1")).to_have_text(f"Opublikować zmiany w „{title}”?")
        shoot(page, artifacts, f"drafts-confirm-publish-{width}")
        page.get_by_role("button", name="Tak, opublikuj zmiany").click()
        expect(page.locator(".flashes")).to_contain_text("jest opublikowany ze zmianami")
        expect(page.locator("#draft-state")).not_to_contain_text("Edytujesz")

        # A revision restored goes into the draft, after asking.
        page.goto(url + "/history")
        page.get_by_role("link", name="Przywróć wersję 1").click()
        expect(page.locator(".notice")).to_contain_text("trafią do wersji roboczej")
        shoot(page, artifacts, f"drafts-confirm-revert-{width}")
        page.get_by_role("button", name="Tak, przywróć wersję 1").click()
        expect(page.locator(".flashes")).to_contain_text("jest w wersji roboczej")
        expect(page.locator("#pl-summary")).to_have_value("Zaproszenie.")

        page.get_by_role("link", name="Odrzuć wersję roboczą").click()
        expect(page.locator("h1")).to_contain_text("Odrzucić wersję roboczą")
        shoot(page, artifacts, f"drafts-confirm-discard-{width}")
        page.get_by_role("button", name="Tak, odrzuć wersję roboczą").click()
        expect(page.locator(".flashes")).to_contain_text("Odrzucono wersję roboczą")
        expect(page.locator("#pl-summary")).to_have_value("Dyżur także w niedzielę.")
        page.goto(url + "/history")
        expect(page.locator(".draft-steps li")).to_have_count(3)
        shoot(page, artifacts, f"drafts-history-{width}")
    finally:
        context.close()


@pytest.fixture
def review_required(live_app):
    live_app.config["PORTAL_REVIEW_REQUIRED"] = True
    yield
    live_app.config["PORTAL_REVIEW_REQUIRED"] = False


@pytest.mark.parametrize("width", list(WIDTHS))
def test_review_submit_send_back_approve_and_publish_without_review(
        live_app, live_server, browser, artifacts, width, review_required):
    editor = _user(live_app, "editor", f"autor-{width}@mops.example.pl", "Ewa Autorka")
    publisher = _user(live_app, "publisher", f"wydawca-{width}@mops.example.pl",
                      "Piotr Wydawca")
    other = _user(live_app, "admin", f"druga-{width}@mops.example.pl", "Anna Druga")
    title = f"Nowe godziny kasy {width}"
    item_id = _article(live_app, title, "<p>Kasa czynna od 8:00.</p>", published=False)
    urgent = f"Komunikat pilny {width}"
    urgent_id = _article(live_app, urgent, "<p>Dziś ośrodek zamknięty.</p>", published=False)
    base = live_server.url
    url = f"{base}/staff/articles/{item_id}"
    contexts = [_context(browser, width) for _ in range(3)]
    ewa, piotr, anna = (context.new_page() for context in contexts)
    try:
        log_in(ewa, base, editor)
        ewa.wait_for_url(base + "/staff/")
        ewa.goto(url)
        expect(ewa.get_by_role("button", name="Zapisz i opublikuj teraz")).to_have_count(0)
        ewa.get_by_role("button", name="Wyślij do akceptacji").click()
        expect(ewa.locator(".flashes")).to_contain_text("wysłano do akceptacji")
        expect(ewa.locator("#review-state")).to_contain_text("Czeka na akceptację")
        shoot(ewa, artifacts, f"drafts-review-submitted-{width}")

        log_in(piotr, base, publisher)
        piotr.wait_for_url(base + "/staff/")
        expect(piotr.locator(".waiting")).to_contain_text(title)
        shoot(piotr, artifacts, f"drafts-review-dashboard-{width}")
        piotr.locator(".waiting").get_by_role("link", name=title).click()
        piotr.get_by_role("link", name="Odeślij do poprawy z komentarzem").click()
        piotr.get_by_role("button", name="Odeślij do poprawy", exact=True).click()
        expect(piotr.locator(".error-summary")).to_contain_text("Napisz, co trzeba poprawić")
        shoot(piotr, artifacts, f"drafts-review-return-errors-{width}")
        piotr.locator("#comment").fill("Podaj też godziny w soboty.")
        piotr.get_by_role("button", name="Odeślij do poprawy", exact=True).click()
        expect(piotr.locator(".flashes")).to_contain_text("Odesłano do poprawy")

        ewa.goto(base + "/staff/")
        expect(ewa.locator(".waiting")).to_contain_text("Podaj też godziny w soboty.")
        shoot(ewa, artifacts, f"drafts-review-returned-{width}")
        ewa.locator(".waiting").get_by_role("link", name=title).click()
        ewa.locator("#pl-summary").fill("Kasa czynna od 8:00, w soboty od 9:00.")
        ewa.get_by_role("button", name="Wyślij do akceptacji").click()
        expect(ewa.locator(".flashes")).to_contain_text("wysłano do akceptacji")

        piotr.goto(url)
        piotr.get_by_role("button", name="Zaakceptuj i opublikuj").click()
        expect(piotr.locator("h1")).to_contain_text("Zaakceptować i opublikować")
        shoot(piotr, artifacts, f"drafts-review-confirm-approve-{width}")
        piotr.get_by_role("button", name="Tak, zaakceptuj i opublikuj").click()
        expect(piotr.locator(".item-state .status").first).to_have_text("Opublikowano")

        # Publishing without a review: a reason, then the mark until someone else reviews it.
        piotr.goto(f"{base}/staff/articles/{urgent_id}")
        piotr.get_by_role("button", name="Opublikuj bez akceptacji").click()
        piotr.get_by_role("button", name="Tak, opublikuj bez akceptacji").click()
        expect(piotr.locator(".error-summary")).to_contain_text("Napisz, dlaczego")
        shoot(piotr, artifacts, f"drafts-review-reason-errors-{width}")
        piotr.locator("#reason").fill("Awaria ogrzewania, komunikat musi być od razu.")
        piotr.get_by_role("button", name="Tak, opublikuj bez akceptacji").click()
        expect(piotr.locator("#review-state")).to_contain_text("Bez akceptacji")
        expect(piotr.get_by_role("button", name="Oznacz jako sprawdzone")).to_have_count(0)
        shoot(piotr, artifacts, f"drafts-review-unreviewed-{width}")

        log_in(anna, base, other)
        anna.wait_for_url(base + "/staff/")
        expect(anna.locator(".waiting")).to_contain_text("Awaria ogrzewania")
        anna.locator(".waiting").get_by_role("link", name=urgent).click()
        anna.get_by_role("button", name="Oznacz jako sprawdzone").click()
        expect(anna.locator(".flashes")).to_contain_text("Oznaczono jako sprawdzone")
        expect(anna.locator("#review-state")).to_have_count(0)
        anna.goto(f"{base}/staff/articles/{urgent_id}/history")
        expect(anna.locator(".draft-steps")).to_contain_text("sprawdzono po publikacji")
        shoot(anna, artifacts, f"drafts-review-history-{width}")
        anna.goto(base + "/staff/audit?action=force_publish")
        expect(anna.locator("tbody")).to_contain_text("Awaria ogrzewania")
    finally:
        for context in contexts:
            context.close()
