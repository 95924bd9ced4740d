"""Administrators edit the accessibility statement in a form; the dashboard reminds them of
the yearly review; the sign-language page's film is set in the page editor."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.accessibility.editor import review_reminder
from portal.accessibility.models import AccessibilityStatement
from portal.audit import AuditEvent
from portal.extensions import db
from portal.pages.models import Page, PageKey

from .. import factories
from ..conftest import check_page, csrf_token
from ..content_helpers import answer_yes, edit_form, form_values

URL = "/staff/accessibility"


def _today() -> date:
    """Today where the centre is; the tests below hold whatever today is."""
    return datetime.now(ZoneInfo("Europe/Warsaw")).date()


PUBLIC = "/pl/deklaracja-dostepnosci"


def test_only_administrators_edit_the_statement(demo, client, staff):
    assert client.get(URL).status_code == 302  # to the login page
    staff("editor")
    assert client.get(URL).status_code == 403
    token = csrf_token(client, "/staff/")
    assert client.post(URL, data={"csrf_token": token}).status_code == 403


def test_translators_may_not_edit_the_statement(demo, client, staff):
    staff("translator")
    assert client.get(URL).status_code == 403


def test_form_shows_the_statement_and_saving_updates_the_public_page(demo, client, staff, page):
    staff("admin")
    shown = check_page(client.get(URL), "pl")
    assert shown.one("h1").get_text() == "Deklaracja dostępności"
    data = form_values(shown.response.get_data(as_text=True))
    assert data["published_on"] == "2022-01-03"
    assert data["status"] == "partial"
    assert data["pl-body_name"] == "Miejski Ośrodek Pomocy Społecznej"
    assert data["uk-body_name"] == ""
    data.update(
        {
            "updated_on": "2026-10-01",
            "reviewed_on": "2026-11-20",
            "status": "compliant",
            "contact_email": "a11y@mops.example.pl",
            "contact_phone": "+48 14 000 00 06",
            "pl-body_name": "MOPS w Mieście",
            "pl-architecture": "<p>Nowy podjazd.</p><script>alert(1)</script>",
            "uk-body_name": "Міський центр соціальної допомоги",
            "uk-site_name": "Сайт центру",
        }
    )
    response = client.post(URL, data=data)
    assert response.status_code == 302 and response.headers["Location"] == URL
    after = check_page(client.get(URL), "pl")
    assert "Deklaracja dostępności została zapisana." in after.text

    public = page(PUBLIC, "pl")
    assert public.one("#a11y-data-aktualizacja").get_text() == "2026-10-01"
    assert public.one("#a11y-data-aktualizacja")["datetime"] == "2026-10-01"
    assert public.one("#a11y-data-przeglad").get_text() == "2026-11-20"
    assert public.one("#a11y-podmiot").get_text() == "MOPS w Mieście"
    assert "jest zgodna z ustawą" in public.one("#a11y-status").get_text()
    assert public.one("#a11y-email a")["href"] == "mailto:a11y@mops.example.pl"
    assert public.one("#a11y-telefon a")["href"] == "tel:+48140000006"
    assert "Nowy podjazd." in public.text and "alert" not in public.response.get_data(as_text=True)
    ukrainian = page("/uk/deklaracja-dostepnosci", "uk")
    assert ukrainian.one("#a11y-podmiot").get_text() == "Міський центр соціальної допомоги"

    with demo.app_context():
        statement = AccessibilityStatement.current()
        assert statement.version == 2  # the Polish text changed
        assert statement.translations["uk"].source_version == 2
        event = db.session.scalar(
            db.select(AuditEvent).where(AuditEvent.action == "statement_update")
        )
        assert event.user.role == "admin" and "pl:body_name" in event.details["changed"]


def test_invalid_values_are_explained_and_kept(demo, client, staff):
    staff("admin")
    data = edit_form(client, URL)
    data.update(
        {
            "published_on": "2022-02-30",
            "updated_on": "2021-01-01",
            "prepared_on": "",
            "reviewed_on": "2999-01-01",
            "assessment": "external",
            "auditor": "",
            "contact_email": "not-an-email",
            "contact_phone": "call us",
            "site_url": "javascript:alert(1)",
            "pl-body_name": "",
            "en-body_name": "",
            "uk-architecture": "<p>Пандус</p>",
        }
    )
    response = client.post(URL, data=data)
    shown = check_page(response, "pl")
    summary = [a.get_text() for a in shown.select(".error-summary a")]
    links = {a["href"] for a in shown.select(".error-summary a")}
    assert "Wpisz datę publikacji strony jako prawdziwą datę, np. 2022-01-03." in summary
    assert "Wpisz datę sporządzenia deklaracji." in summary
    assert "Data nie może być z przyszłości." in summary
    assert "Wpisz nazwę podmiotu, który zbadał stronę." in summary
    assert "Wpisz adres e-mail w postaci dostepnosc@mops.example.pl." in summary
    assert "Wpisz nazwę podmiotu publicznego." in summary
    assert {
        "#published_on",
        "#prepared_on",
        "#reviewed_on",
        "#auditor",
        "#contact_email",
        "#contact_phone",
        "#site_url",
        "#pl-body_name",
        "#en-body_name",
        "#uk-body_name",
    } <= links
    # What was typed is kept, every invalid field says so.
    assert shown.one("#published_on")["value"] == "2022-02-30"
    assert shown.one("#contact_phone")["value"] == "call us"
    assert "Пандус" in shown.one("#uk-architecture").get_text()
    assert shown.one("#pl-body_name")["aria-invalid"] == "true"
    assert shown.one("#assessment-external").has_attr("checked")
    with demo.app_context():
        assert AccessibilityStatement.current().published_on == date(2022, 1, 3)


def test_update_earlier_than_publication_is_refused(demo, client, staff):
    staff("admin")
    data = edit_form(client, URL)
    data.update({"updated_on": "2021-12-31"})
    shown = check_page(client.post(URL, data=data), "pl")
    assert [li.get_text() for li in shown.select(".error-summary li")] == [
        "Data ostatniej istotnej aktualizacji nie może być wcześniejsza niż data publikacji strony."
    ]


def test_form_without_csrf_token_saves_nothing(demo, client, staff):
    staff("admin")
    data = edit_form(client, URL)
    data["pl-body_name"] = "Bez tokenu"
    del data["csrf_token"]
    response = client.post(URL, data=data)
    assert response.status_code in (200, 400)
    with demo.app_context():
        assert AccessibilityStatement.current().translations["pl"].body_name != "Bez tokenu"
    # Without its dates too (they are checked after the fields: not when the token failed),
    # the form comes back with what was typed, saying why.
    for name in ("published_on", "updated_on", "prepared_on"):
        data.pop(name, None)
    page = check_page(client.post(URL, data=data), "pl")
    assert "Zmiany nie zostały jeszcze zapisane" in page.one(".error-summary").get_text()
    assert page.one("#pl-body_name")["value"] == "Bez tokenu"


def test_first_statement_can_be_made_in_the_form(app, client, staff, page):
    staff("admin")
    data = edit_form(client, URL)
    data.update(
        {
            "published_on": "2022-01-03",
            "updated_on": "2022-01-03",
            "prepared_on": "2022-03-28",
            "status": "noncompliant",
            "assessment": "self",
            "pl-body_name": "MOPS",
            "pl-site_name": "Strona MOPS",
        }
    )
    assert client.post(URL, data=data).status_code == 302
    public = page(PUBLIC, "pl")
    assert public.one("#a11y-data-sporzadzenie").get_text() == "2022-03-28"
    assert public.one("#a11y-data-przeglad").get_text() == "2022-03-28"


# --- The yearly review reminder -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "due", "overdue"),
    [
        (date(2026, 12, 31), False, False),
        (date(2027, 1, 1), True, False),
        (date(2027, 3, 31), True, False),
        (date(2027, 4, 1), True, True),
    ],
)
def test_reminder_by_date(demo, today, due, overdue):
    with demo.app_context():
        statement = AccessibilityStatement.current()  # reviewed on 2026-03-20
        reminder = review_reminder(statement, today)
        assert (reminder is not None) == due
        if reminder:
            assert reminder.overdue == overdue
            assert reminder.deadline == date(2027, 3, 31)


def _last_review(app, when: date) -> None:
    with app.app_context():
        statement = AccessibilityStatement.current()
        factories.update(statement, prepared_on=min(statement.prepared_on, when), reviewed_on=when)


def test_dashboard_reminds_administrators_only(demo, client, staff):
    _last_review(demo, _today() - timedelta(days=800))  # overdue whatever today is
    staff("editor")
    shown = check_page(client.get("/staff/"), "pl")
    assert not shown.select(".statement-review")
    client.post("/staff/logout", data={"csrf_token": _token(client)})
    staff("admin", email="admin@mops.example.pl")
    shown = check_page(client.get("/staff/"), "pl")
    notice = shown.one(".statement-review")
    assert "jest zaległy" in notice.get_text()
    assert notice.find("a")["href"] == URL


def _token(client) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/staff/").get_data(as_text=True), "html.parser")
    return soup.find("input", attrs={"name": "csrf_token"})["value"]


def test_saving_a_new_review_date_clears_the_reminder(demo, client, staff):
    _last_review(demo, _today() - timedelta(days=800))
    staff("admin")
    assert check_page(client.get("/staff/"), "pl").select(".statement-review")
    data = edit_form(client, URL)
    data["reviewed_on"] = _today().isoformat()
    assert client.post(URL, data=data).status_code == 302
    assert not check_page(client.get("/staff/"), "pl").select(".statement-review")


# --- The sign-language page's film ----------------------------------------------------------------


def _sign_language_page(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Page.id).where(Page.key == PageKey.SIGN_LANGUAGE))


def test_film_and_its_text_version_are_set_in_the_page_editor(demo, client, staff, page):
    media = demo.config["MEDIA_ROOT"]
    from pathlib import Path

    (Path(media) / "films").mkdir(parents=True, exist_ok=True)
    (Path(media) / "films" / "pjm-test.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    staff("editor")
    url = f"/staff/pages/{_sign_language_page(demo)}"
    data = edit_form(client, url)
    assert data["video"] == ""
    assert "Dzień dobry." in data["pl-video_text"]
    data["video"] = "/media/films/pjm-test.mp4"
    data["pl-video_text"] = "<p>Nowy tekst filmu.</p><img src=x onerror=alert(1)>"
    data["en-video_text"] = "<p>The new text of the film.</p>"
    data["action"] = "publish"  # the page is published: its changes are published
    assert answer_yes(client, client.post(url, data=data)).status_code == 302
    shown = page("/pl/info/informacja-w-polskim-jezyku-migowym", "pl")
    assert shown.one("video")["src"] == "/media/films/pjm-test.mp4"
    text = shown.one(".video-text .prose")
    assert text.get_text(strip=True) == "Nowy tekst filmu." and not text.select("img")
    english = page("/en/info/information-in-polish-sign-language", "en")
    assert "The new text of the film." in english.one(".video-text").get_text()
    with demo.app_context():
        assert db.session.get(Page, _sign_language_page(demo)).video == "films/pjm-test.mp4"
    # Emptied, the page has no film again.
    data = edit_form(client, url)
    assert data["video"] == "films/pjm-test.mp4"
    data["video"] = ""
    data["action"] = "publish"
    assert answer_yes(client, client.post(url, data=data)).status_code == 302
    with demo.app_context():
        assert db.session.get(Page, _sign_language_page(demo)).video is None


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "https://example.com/film.mp4",
        "../../etc/passwd.mp4",
        "/media/../secret.mp4",
        "films/film.exe",
        "films/missing.mp4",
    ],
)
def test_film_must_be_a_file_in_the_media_folder(demo, client, staff, value):
    staff("editor")
    url = f"/staff/pages/{_sign_language_page(demo)}"
    data = edit_form(client, url)
    data["video"] = value
    shown = check_page(client.post(url, data=data), "pl")
    assert [a["href"] for a in shown.select(".error-summary a")] == ["#video"]
    assert shown.one("#video")["value"] in (value, value.removeprefix("/media/"))
    with demo.app_context():
        assert db.session.get(Page, _sign_language_page(demo)).video is None
