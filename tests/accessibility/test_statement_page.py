"""The accessibility statement: every element of the law's template, in every language."""

from __future__ import annotations

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from portal.accessibility.models import (
    AccessibilityStatement,
    Assessment,
    Compliance,
    review_status,
)
from portal.extensions import db

from .. import factories

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The ids of the law's template; each must hold some text.
REQUIRED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]
DATE_IDS = [
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_statement_has_every_element_of_the_template(demo, page, lang):
    statement = page(f"/{lang}/deklaracja-dostepnosci", lang)
    for element_id in REQUIRED_IDS:
        element = statement.one(f"#{element_id}")
        assert element.get_text(strip=True), f"#{element_id} is empty"
    for element_id in DATE_IDS:
        element = statement.one(f"#{element_id}")
        assert ISO_DATE.match(element.get_text(strip=True)), element
        assert element["datetime"] == element.get_text(strip=True)
    assert statement.one("#a11y-data-publikacja").get_text() == "2022-01-03"
    assert statement.one("#a11y-url")["href"] == f"http://localhost/{lang}/"
    assert statement.one("#a11y-email a")["href"] == "mailto:dostepnosc@mops.example.pl"
    assert statement.one("#a11y-telefon a")["href"] == "tel:140000005"
    # The intro names the body inside it, and the status is "partially compliant".
    assert statement.one("#a11y-wstep #a11y-podmiot")
    status = statement.one("#a11y-status").get_text()
    assert {"pl": "częściowo zgodna", "en": "partially compliant"}[lang] in status
    # The request and complaint procedure: 7 days, at most 2 months, complaint, the Ombudsman.
    procedure = statement.text[statement.text.index(statement.one("#a11y-procedura").get_text()) :]
    assert "7" in procedure and "2" in procedure
    assert {"pl": "skarg", "en": "complaint"}[lang] in procedure
    assert [a for a in statement.select("a") if a["href"] == "https://bip.brpo.gov.pl/"]
    # Keyboard shortcuts, the building and the sign-language interpreter.
    assert {"pl": "Skróty klawiaturowe", "en": "Keyboard shortcuts"}[lang] in statement.text
    assert {"pl": "podjazd", "en": "ramp"}[lang] in statement.text
    assert "PJM" in statement.text
    # Self-assessment: no external auditor to name.
    assert not statement.select("#a11y-audytor")


def test_polish_statement_uses_the_laws_wording(demo, page):
    statement = page("/pl/deklaracja-dostepnosci", "pl")
    assert statement.one("h1").get_text() == "Deklaracja dostępności"
    assert statement.one("#a11y-podmiot").get_text() == "Miejski Ośrodek Pomocy Społecznej"
    assert "zobowiązuje się zapewnić dostępność" in statement.one("#a11y-wstep").get_text()
    assert "Procedura wnioskowo-skargowa" in statement.one("#a11y-procedura").get_text()
    assert "Dostępność architektoniczna" in statement.one("#a11y-architektura").get_text()


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Compliance.FULL, "jest zgodna z ustawą"),
        (Compliance.NONE, "jest niezgodna z ustawą"),
    ],
)
def test_statement_status_and_external_auditor(demo, page, status, words):
    with demo.app_context():
        factories.update(AccessibilityStatement.current(), status=status,
                         assessment=Assessment.EXTERNAL, auditor="Fundacja Dostępności Przykład")
    shown = page("/pl/deklaracja-dostepnosci", "pl")
    assert words in shown.one("#a11y-status").get_text()
    assert shown.one("#a11y-audytor").get_text() == "Fundacja Dostępności Przykład"


def test_statement_never_reviewed_shows_its_preparation_date(demo, page):
    with demo.app_context():
        factories.update(AccessibilityStatement.current(), reviewed_on=None)
    shown = page("/pl/deklaracja-dostepnosci", "pl")
    assert shown.one("#a11y-data-przeglad").get_text() == "2022-03-28"


def test_statement_site_url_can_be_set(demo, page):
    with demo.app_context():
        factories.update(AccessibilityStatement.current(), site_url="https://mops.example.pl")
    assert page("/en/deklaracja-dostepnosci", "en").one("#a11y-url")["href"] == (
        "https://mops.example.pl/en/"
    )


def test_no_statement_is_a_404(client, page):
    page("/pl/deklaracja-dostepnosci", "pl", status=404)


PAGES = [
    "/pl/",
    "/en/",
    "/pl/news/",
    "/en/awards/",
    "/pl/info/kontakt",
    "/pl/deklaracja-dostepnosci",
    "/en/no-such-page",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_announces_and_links_the_statement(demo, client, url):
    lang = url.split("/")[1]
    response = client.get(url)
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    meta = soup.find("meta", attrs={"name": "deklaracja-dostępności"})
    assert meta["content"] == f"http://localhost/{lang}/deklaracja-dostepnosci"
    footer_links = [a["href"] for a in soup.select("footer a")]
    assert f"/{lang}/deklaracja-dostepnosci" in footer_links


def test_demo_load_is_idempotent(demo):
    result = demo.test_cli_runner().invoke(args=["demo", "load"])
    assert "0 item(s) added" in result.output
    with demo.app_context():
        assert db.session.query(AccessibilityStatement).count() == 1


# --- The yearly review (by 31 March) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_review", "today", "deadline", "due", "overdue"),
    [
        # Reviewed this year: nothing to do until next year.
        (date(2026, 3, 20), date(2026, 11, 25), date(2027, 3, 31), False, False),
        (date(2026, 3, 20), date(2026, 12, 31), date(2027, 3, 31), False, False),
        # The new year starts the reminder; it stays "due" up to and including 31 March.
        (date(2026, 3, 20), date(2027, 1, 1), date(2027, 3, 31), True, False),
        (date(2026, 3, 20), date(2027, 3, 31), date(2027, 3, 31), True, False),
        # Missed: overdue from 1 April, and still due.
        (date(2026, 3, 20), date(2027, 4, 1), date(2027, 3, 31), True, True),
        # A late review (after March) still covers its own year only.
        (date(2026, 6, 1), date(2026, 12, 1), date(2027, 3, 31), False, False),
        # Several years without one.
        (date(2023, 2, 1), date(2026, 1, 10), date(2024, 3, 31), True, True),
        # Never reviewed nor prepared: due at once.
        (None, date(2026, 2, 1), date(2026, 3, 31), True, True),
    ],
)
def test_review_status(last_review, today, deadline, due, overdue):
    status = review_status(last_review, today)
    assert (status.deadline, status.due, status.overdue) == (deadline, due, overdue)


def test_statement_review_counts_the_later_of_preparation_and_review(demo):
    with demo.app_context():
        statement = AccessibilityStatement.current()
        assert statement.review(date(2026, 11, 25)).due is False
        assert statement.review(date(2027, 2, 1)).due is True
        statement.reviewed_on = None
        statement.prepared_on = date(2025, 3, 1)
        assert statement.review(date(2026, 4, 1)).overdue is True


def test_statement_in_a_language_it_lacks_shows_polish_marked_as_such(tmp_path, shared_media):
    from ..conftest import check_page, make_app

    app = make_app(tmp_path, media_root=shared_media, PORTAL_LANGUAGES=("pl", "en", "uk"))
    app.test_cli_runner().invoke(args=["demo", "load"])
    shown = check_page(app.test_client().get("/uk/deklaracja-dostepnosci"), "uk")
    assert shown.one("#a11y-podmiot")["lang"] == "pl"
    assert shown.one("#a11y-podmiot").get_text() == "Miejski Ośrodek Pomocy Społecznej"
    # The law's wording is Ukrainian: the notice names the parts that are Polish, not the whole.
    notice = shown.one('.notice[role="note"]')
    assert "крім частин, які центр пише сам" in notice.get_text()
    parts = [li.get_text(strip=True) for li in notice.select("li")]
    assert parts[0] == "Назва публічної установи та вебсайту"
    assert "Архітектурна доступність" in parts and "Адреса центру" in parts
    # A part the demo statement leaves empty (its own keyboard shortcuts) is not named.
    assert "Сполучення клавіш" not in parts and shown.one("#a11y-status").get("lang") is None
    assert "Цей текст ще не перекладено" not in shown.text
    assert shown.one('link[rel="canonical"]')["href"].endswith("/pl/deklaracja-dostepnosci")
    assert not shown.select('link[hreflang="uk"]')
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
