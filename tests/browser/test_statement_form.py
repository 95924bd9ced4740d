"""The accessibility statement's form in Chromium: photographed with and without errors, checked
with axe-core against WCAG 2.1 A and AA, and saved through to the public statement."""

from __future__ import annotations

from datetime import date

import pytest

from portal.accessibility.models import AccessibilityStatement
from portal.extensions import db

from ..conftest import create_user
from .test_staff_pages import check_accessibility, log_in

pytestmark = pytest.mark.browser

EMAIL = "deklaracja@mops.example.pl"


def test_admin_edits_the_statement_in_the_form(live_server, live_app, browser, artifacts):
    create_user(live_app, "admin", email=EMAIL, name="Maria Wiśniewska")
    with live_app.app_context():
        statement = AccessibilityStatement.current()
        reviewed = statement.reviewed_on
        statement.reviewed_on = date(2020, 3, 1)  # the yearly review is long overdue
        db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    try:
        log_in(page, live_server.url, EMAIL)
        reminder = page.locator(".statement-review")
        assert "jest zaległy" in reminder.inner_text()
        page.screenshot(path=artifacts / "staff-dashboard-statement-review-pl.png")
        reminder.get_by_role("link", name="Przejrzyj deklarację dostępności").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Deklaracja dostępności"
        page.get_by_label("Data ostatniego przeglądu deklaracji").fill(reviewed.isoformat())
        page.screenshot(path=artifacts / "staff-statement-form-pl.png", full_page=True)
        check_accessibility(page, "statement-form")

        page.get_by_label("Data publikacji strony").fill("2022-02-30")
        page.locator("#pl-body_name").fill("")
        page.get_by_label("Adres e-mail do kontaktu").fill("nie-adres")
        page.get_by_role("button", name="Zapisz deklarację").click()
        summary = page.get_by_role("alert")
        assert "Wpisz nazwę podmiotu publicznego." in summary.inner_text()
        assert page.get_by_label("Data publikacji strony").input_value() == "2022-02-30"
        page.screenshot(path=artifacts / "staff-statement-form-errors-pl.png", full_page=True)
        check_accessibility(page, "statement-form-errors")

        summary.get_by_role("link", name="Wpisz nazwę podmiotu publicznego.").click()
        page.locator("#pl-body_name").fill("Miejski Ośrodek Pomocy Społecznej")
        page.get_by_label("Data publikacji strony").fill("2022-01-04")
        page.get_by_label("Adres e-mail do kontaktu").fill("dostepnosc@mops.example.pl")
        page.get_by_role("button", name="Zapisz deklarację").click()
        assert "została zapisana" in page.get_by_role("status").first.inner_text()

        page.goto(live_server.url + "/staff/")
        assert not page.locator(".statement-review").count()
        page.goto(live_server.url + "/pl/deklaracja-dostepnosci")
        assert page.locator("#a11y-data-publikacja").inner_text() == "2022-01-04"
        assert page.locator("#a11y-data-przeglad").inner_text() == reviewed.isoformat()
    finally:
        context.close()
