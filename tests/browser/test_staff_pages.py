"""Staff accounts in Chromium: log in, manage users, my account, the audit log; each page is
photographed into test-artifacts/ and checked with axe-core against WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import create_user

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def accounts(live_app):
    create_user(live_app, "admin", email="anna@mops.example.pl", name="Anna Kowalska")
    create_user(live_app, "editor", email="ewa@mops.example.pl", name="Ewa Nowak")
    return live_app


def check_accessibility(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    assert not violations, f"{name}: " + "; ".join(
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations
    )


def shoot(page, artifacts, name: str) -> None:
    page.screenshot(path=artifacts / f"staff-{name}.png", full_page=True)
    check_accessibility(page, name)


def publish_changes(page) -> None:
    """Publish a published item's changes from its editor, saying yes when asked."""
    page.get_by_role("button", name="Opublikuj zmiany").click()
    page.get_by_role("button", name="Tak, opublikuj zmiany").click()
    page.locator(".flashes").wait_for()


def log_in(page, url: str, email: str, password: str = PASSWORD) -> None:
    page.goto(url + "/staff/login")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(password)
    page.get_by_role("button", name="Zaloguj się").click()


def test_admin_invites_a_user_who_sets_a_password(live_server, browser, accounts, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/staff/login")
        shoot(page, artifacts, "login-pl")

        log_in(page, live_server.url, "anna@mops.example.pl", "not my password")
        assert page.get_by_role("alert").inner_text().count("nieprawidłowe") == 1
        shoot(page, artifacts, "login-error-pl")

        log_in(page, live_server.url, "anna@mops.example.pl")
        assert page.url.endswith("/staff/")
        page.get_by_role("navigation", name="Menu panelu").get_by_role(
            "link", name="Użytkownicy"
        ).click()
        assert page.locator("h1").inner_text() == "Użytkownicy"
        shoot(page, artifacts, "users-pl")

        page.get_by_role("link", name="Zaproś użytkownika").click()
        page.get_by_role("button", name="Utwórz konto").click()
        summary = page.get_by_role("alert")
        assert "Wpisz imię i nazwisko tej osoby." in summary.inner_text()
        shoot(page, artifacts, "invite-errors-pl")
        summary.get_by_role("link", name="Wpisz imię i nazwisko tej osoby.").click()
        assert page.evaluate("document.activeElement.id") == "name"

        page.get_by_label("Imię i nazwisko").fill("Tomasz Wiśniewski")
        page.get_by_label("Adres e-mail").fill("tomasz@mops.example.pl")
        page.get_by_label("Rola").select_option("translator")
        page.get_by_label("Język stron dla pracowników").select_option("en")
        page.get_by_role("button", name="Utwórz konto").click()
        link = page.get_by_role("textbox", name="Link do przekazania").input_value()
        assert "/staff/set-password/" in link
        shoot(page, artifacts, "user-new-link-pl")

        page.get_by_role("link", name="Dziennik zdarzeń").click()
        expect(page.locator("h1")).to_have_text("Dziennik zdarzeń")
        expect(page.locator("tbody tr").nth(2)).to_be_attached()
        shoot(page, artifacts, "audit-pl")

        page.get_by_role("link", name="Anna Kowalska").first.click()
        assert page.locator("h1").inner_text() == "Moje konto"
        shoot(page, artifacts, "account-pl")
        page.get_by_role("link", name="Zmień hasło").click()
        page.get_by_role("button", name="Zmień hasło").click()
        shoot(page, artifacts, "password-errors-pl")

        # The invitee, in another browser, sets a password and logs in.
        other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        invitee = other.new_page()
        try:
            invitee.goto(link)
            shoot(invitee, artifacts, "set-password-en")
            invitee.get_by_label("New password", exact=True).fill("a long enough passphrase")
            invitee.get_by_label("Repeat the new password").fill("a long enough passphrase")
            invitee.get_by_role("button", name="Set password").click()
            assert "/staff/login" in invitee.url
            invitee.get_by_label("Email address").fill("tomasz@mops.example.pl")
            invitee.get_by_label("Password").fill("a long enough passphrase")
            invitee.get_by_role("button", name="Log in").click()
            assert invitee.locator("html").get_attribute("lang") == "en"
            assert invitee.locator("h1").inner_text() == "Dashboard"
            expect(invitee.get_by_role("link", name="Users")).to_have_count(0)
            invitee.goto(live_server.url + "/staff/account")
            shoot(invitee, artifacts, "account-en")
        finally:
            other.close()
    finally:
        context.close()


def test_session_ended_page_keeps_what_was_typed(live_server, browser, accounts, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    try:
        log_in(page, live_server.url, "anna@mops.example.pl")
        page.goto(live_server.url + "/staff/users/new")
        page.get_by_label("Imię i nazwisko").fill("Jan Kowalski")
        page.get_by_label("Adres e-mail").fill("jan@mops.example.pl")
        context.clear_cookies()  # the session ends while the form is open
        page.get_by_role("button", name="Utwórz konto").click()
        assert page.locator("h1").inner_text() == "Zaloguj się ponownie"
        assert page.get_by_label("Imię i nazwisko").input_value() == "Jan Kowalski"
        shoot(page, artifacts, "session-ended-pl")
    finally:
        context.close()


def test_staff_pages_fit_a_phone(live_server, browser, accounts, artifacts):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    page = context.new_page()
    try:
        log_in(page, live_server.url, "anna@mops.example.pl")
        for path in ("/staff/users", "/staff/audit", "/staff/account", "/staff/users/new"):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} scrolls sideways ({width}px)"
        page.goto(live_server.url + "/staff/audit")
        page.screenshot(path=artifacts / "staff-audit-phone.png", full_page=True)
    finally:
        context.close()
