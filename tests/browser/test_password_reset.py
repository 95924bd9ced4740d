"""A forgotten password in Chromium, in Polish and in English, on a phone and a desktop.

The login page's language links, "Forgot your password?", the form with its errors, the
confirmation, the link read from the mail (the live app has no SMTP server, so the mail is in
the log), a new password and logging in with it. Every page is photographed into
test-artifacts/reset-<page>-<lang>-<width>.png, scanned with axe-core (WCAG 2.1 A and AA,
nothing excluded) and checked not to scroll sideways.
"""

from __future__ import annotations

import logging

import pytest

from ..conftest import create_user
from .pages import WIDTHS
from .test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a brand new passphrase"
# Per language: the account (its own, so each width's request stays within the limits), the
# browser's locale, then the words on the pages.
LANGUAGES = {
    "pl": {
        "locale": "pl-PL",
        "user": ("Ewa Reset", "ewa-reset-{width}@mops.example.pl"),
        "forgot": "Nie pamiętasz hasła?",
        "email": "Adres e-mail",
        "send": "Wyślij link",
        "sent": "Sprawdź pocztę e-mail",
        "new": "Nowe hasło",
        "repeat": "Powtórz nowe hasło",
        "set": "Ustaw hasło",
        "password": "Hasło",
        "log_in": "Zaloguj się",
        "dashboard": "Pulpit",
        "error": "Wpisz adres e-mail swojego konta w panelu pracowników.",
    },
    "en": {
        "locale": "pl-PL",  # English chosen with the login page's language link
        "user": ("Emma Reset", "emma-reset-{width}@mops.example.pl"),
        "forgot": "Forgot your password?",
        "email": "Email address",
        "send": "Send the link",
        "sent": "Check your email",
        "new": "New password",
        "repeat": "Repeat the new password",
        "set": "Set password",
        "password": "Password",
        "log_in": "Log in",
        "dashboard": "Dashboard",
        "error": "Enter the email address of your staff account.",
    },
}


class Outbox(logging.Handler):
    """The mail the live app logs instead of sending."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list = []

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "mail"):
            self.messages.append(record.mail)


@pytest.fixture
def outbox():
    handler = Outbox()
    logger = logging.getLogger("portal.mail")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def check(page, artifacts, name: str, width: str) -> None:
    page.screenshot(path=artifacts / f"reset-{name}-{width}.png", full_page=True)
    failures = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > WIDTHS[width]:
        failures.append(f"scrolls sideways ({scroll}px > {WIDTHS[width]}px)")
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    if results["violations"]:
        failures.append(describe(results["violations"]))
    assert not failures, f"{name} at {WIDTHS[width]}px, {page.url}:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_forgotten_password_is_replaced_by_mail(
    lang, width, browser, live_server, live_app, axe_source, artifacts, outbox
):
    words = LANGUAGES[lang]
    name, email = words["user"]
    email = email.format(width=width)
    create_user(live_app, "editor", email=email, name=name, language=lang)
    context = browser.new_context(
        viewport={"width": WIDTHS[width], "height": 800}, locale=words["locale"]
    )
    context.add_init_script(axe_source)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/staff/login")
        languages = page.get_by_role("navigation", name="Język")
        assert languages.get_by_role("link", name="Polski").get_attribute("aria-current") == "page"
        if lang != "pl":
            languages.get_by_role("link", name="English").click()
            page.wait_for_url(live_server.url + "/staff/login")
        assert page.locator("html").get_attribute("lang") == lang
        current = page.locator("nav.languages a[aria-current=page]")
        assert current.get_attribute("hreflang") == lang
        check(page, artifacts, f"login-{lang}", width)

        page.get_by_role("link", name=words["forgot"]).click()
        assert page.locator("h1").inner_text() == words["forgot"]
        check(page, artifacts, f"forgot-{lang}", width)

        page.get_by_role("button", name=words["send"]).click()
        summary = page.get_by_role("alert")
        assert words["error"] in summary.inner_text()
        summary.get_by_role("link", name=words["error"]).click()
        assert page.evaluate("document.activeElement.id") == "email"
        check(page, artifacts, f"forgot-errors-{lang}", width)

        page.get_by_label(words["email"]).fill(email)
        page.get_by_role("button", name=words["send"]).click()
        assert page.locator("h1").inner_text() == words["sent"]
        assert email in page.locator("main").inner_text()
        check(page, artifacts, f"sent-{lang}", width)

        [message] = [m for m in outbox.messages if m["To"] == email]
        link = next(
            line for line in message.get_content().splitlines() if "/staff/set-password/" in line
        )
        page.goto(link.strip())
        page.get_by_label(words["new"], exact=True).fill(NEW_PASSWORD)
        page.get_by_label(words["repeat"]).fill(NEW_PASSWORD)
        page.get_by_role("button", name=words["set"]).click()
        page.wait_for_url(live_server.url + "/staff/login")
        check(page, artifacts, f"password-set-{lang}", width)

        page.get_by_label(words["email"]).fill(email)
        page.get_by_label(words["password"], exact=True).fill(NEW_PASSWORD)
        page.locator("main form.narrow button[type=submit]").click()
        page.wait_for_url(live_server.url + "/staff/")
        assert page.locator("h1").inner_text() == words["dashboard"]
    finally:
        context.close()
