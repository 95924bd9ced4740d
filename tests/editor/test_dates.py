"""Dates in the editor: a schedule never in the past, an end of publication, a review date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named
from portal.revisions import Revision

from .. import factories
from ..conftest import check_page
from ..content_helpers import asks, confirm, edit_form

WARSAW = ZoneInfo("Europe/Warsaw")
URL = "/staff/articles/{id}"


def warsaw_now() -> datetime:
    return datetime.now(WARSAW)


def typed(moment: datetime) -> tuple[str, str]:
    """A moment as a person types it into the date and time fields (Polish time)."""
    local = moment.astimezone(WARSAW)
    return local.date().isoformat(), local.strftime("%H:%M")


def item(kind: str, item_id: int):
    db.session.expire_all()
    return db.session.get(kind_named(kind).model, item_id)


def send(client, url: str, action: str, **fields):
    data = edit_form(client, url)
    data.update(action=action, **fields)
    response = client.post(url, data=data)
    # Unpublishing, trashing and publishing a published item's changes ask first: answer yes.
    if action in ("unpublish", "delete") or asks(response):
        response = confirm(client, response)
    return response


def field_error(page, field_id: str) -> str:
    return page.one(f"#{field_id}-error").get_text(" ", strip=True)


@pytest.fixture
def draft(app):
    with app.app_context():
        return factories.make("article", {"pl": {"title": "Nowe kwoty zasiłków",
                                                 "body": "<p>Od stycznia.</p>"}})


# --- Scheduling --------------------------------------------------------------------------------


def test_a_schedule_in_the_past_is_refused_on_its_field(app, client, staff, draft):
    staff("editor")
    url = URL.format(id=draft)
    response = send(client, url, "schedule", publish_date="2020-05-01", publish_time="10:00")
    page = check_page(response, "pl")
    message = field_error(page, "publish_date")
    assert "Termin 1 maja 2020, 10:00 już minął" in message
    assert "zamiast tego opublikuj pozycję teraz" in message
    assert page.one(".error-summary a[href='#publish_date']")
    assert page.one("#publish_date")["aria-invalid"] == "true"
    # What was typed stays, and the way out is offered beside it.
    assert page.one("#publish_date")["value"] == "2020-05-01"
    offer = page.one("#publish-now-instead")
    assert offer["name"] == "action" and offer["value"] == "publish"
    assert offer.get_text(strip=True) == "Zapisz i zamiast tego opublikuj teraz"
    with app.app_context():
        assert item("article", draft).published_at is None
        assert [r.action for r in Revision.for_item("article", draft)] == ["create"]


def test_a_time_that_has_passed_today_is_refused_on_the_time_field(app, client, staff, draft):
    staff("editor")
    moment = warsaw_now() - timedelta(minutes=2)
    day, hour = typed(moment)
    page = check_page(send(client, URL.format(id=draft), "schedule", publish_date=day,
                           publish_time=hour), "pl")
    # Just after midnight two minutes ago is yesterday: then the date is what has passed.
    wrong = "publish_time" if moment.date() == warsaw_now().date() else "publish_date"
    assert "już minął" in field_error(page, wrong)
    with app.app_context():
        assert item("article", draft).published_at is None


def test_publish_now_instead_publishes_at_once_never_backdated(app, client, staff, draft):
    staff("editor")
    url = URL.format(id=draft)
    send(client, url, "schedule", publish_date="2020-05-01", publish_time="10:00")
    before = utcnow()
    response = send(client, url, "publish", publish_date="2020-05-01", publish_time="10:00")
    assert response.status_code == 302
    with app.app_context():
        published = item("article", draft).published_at
    assert before - timedelta(seconds=1) <= published <= utcnow()
    assert client.get("/pl/news/nowe-kwoty-zasilkow").status_code == 200


def test_a_future_schedule_still_works(app, client, staff, draft):
    staff("editor")
    later = utcnow() + timedelta(days=3)
    day, hour = typed(later)
    response = send(client, URL.format(id=draft), "schedule", publish_date=day, publish_time=hour)
    assert response.status_code == 302
    with app.app_context():
        assert item("article", draft).published_at > utcnow()


# --- The end of publication --------------------------------------------------------------------


def test_an_end_of_publication_is_saved_through_the_service_and_shown(app, client, staff, draft):
    staff("editor")
    url = URL.format(id=draft)
    end = (warsaw_now() + timedelta(days=10)).replace(hour=16, minute=0, second=0,
                                                      microsecond=0)
    day, hour = typed(end)
    response = send(client, url, "publish", expiry_date=day, expiry_time=hour)
    assert response.status_code == 302
    flashed = check_page(client.get(url), "pl")
    assert "Artykuł „Nowe kwoty zasiłków” jest opublikowany do " in flashed.text
    with app.app_context():
        saved = item("article", draft)
        assert saved.expires_at == end.astimezone(UTC)
        assert saved.is_visible()
        revision = Revision.for_item("article", draft)[0]
        assert revision.data["expires_at"] == end.astimezone(UTC).isoformat()
    # The form shows it back in Polish time; the state says until when.
    assert flashed.one("#expiry_date")["value"] == day
    assert flashed.one("#expiry_time")["value"] == hour
    state = flashed.one(".item-state").get_text(" ", strip=True)
    assert "Opublikowano" in state and " do " in state
    # The history names the field by its label.
    history = check_page(client.get(url + "/history"), "pl")
    assert "Zakończenie publikacji" in history.select(".revision")[0].get_text(" ")


def test_the_end_of_publication_is_checked(app, client, staff, draft):
    staff("editor")
    url = URL.format(id=draft)

    passed = check_page(send(client, url, "save", expiry_date="2021-03-01",
                             expiry_time="12:00"), "pl")
    assert "Termin 1 marca 2021, 12:00 już minął" in field_error(passed, "expiry_date")

    half = check_page(send(client, url, "save", expiry_date="2031-03-01", expiry_time=""), "pl")
    assert field_error(half, "expiry_time") == (
        "Błąd: Wpisz godzinę zakończenia publikacji albo zostaw oba pola puste.")

    start = utcnow() + timedelta(days=5)
    start_day, start_hour = typed(start)
    end_day, end_hour = typed(start - timedelta(days=2))
    early = check_page(send(client, url, "schedule", publish_date=start_day,
                            publish_time=start_hour, expiry_date=end_day,
                            expiry_time=end_hour), "pl")
    assert "Publikacja zakończyłaby się, zanim się zacznie" in field_error(early, "expiry_date")

    nonsense = check_page(send(client, url, "save", expiry_date="31.02.2030",
                               expiry_time="25:99"), "pl")
    assert "prawdziwą datę" in field_error(nonsense, "expiry_date")
    with app.app_context():
        saved = item("article", draft)
        assert saved.expires_at is None and saved.published_at is None
        assert [r.action for r in Revision.for_item("article", draft)] == ["create"]


def test_an_expired_item_can_be_saved_unpublished_and_published_again(app, client, staff):
    staff("editor")
    with app.app_context():
        article_id = factories.article("Ferie zimowe 2025",
                                       published=utcnow() - timedelta(days=30))
        factories.update(item("article", article_id), expires_at=utcnow() - timedelta(days=1))
    url = URL.format(id=article_id)
    page = check_page(client.get(url), "pl")
    assert page.one(".item-state .status").get_text() == "Wygasłe"
    assert "publikacja zakończyła się" in page.one(".item-state").get_text()
    assert page.select("button[value=unpublish]") and page.select("button[value=publish]")

    # Saving keeps the end that has passed: it is not new.
    assert send(client, url, "save", **{"pl-summary": "Poprawione."}).status_code == 302
    # Publishing again with it is refused, saying why.
    again = check_page(send(client, url, "publish"), "pl")
    assert "Publikacja zakończyła się " in field_error(again, "expiry_date")
    # Cleared, the item is published again.
    assert send(client, url, "publish", expiry_date="", expiry_time="").status_code == 302
    with app.app_context():
        saved = item("article", article_id)
        assert saved.expires_at is None and saved.is_visible()
    assert send(client, url, "unpublish").status_code == 302
    with app.app_context():
        assert item("article", article_id).published_at is None


def test_the_expired_state_has_a_label_in_every_language(app, staff_client):
    with app.app_context():
        article_id = factories.article("Wygasły", published=utcnow() - timedelta(days=3))
        factories.update(item("article", article_id), expires_at=utcnow() - timedelta(hours=1))
    labels = {"pl": "Wygasłe", "en": "Expired", "uk": "Термін минув"}
    for number, (lang, label) in enumerate(labels.items()):
        client = staff_client(app, "editor", email=f"editor-{number}@mops.example.pl",
                              language=lang)
        editor = check_page(client.get(URL.format(id=article_id)), lang)
        assert editor.one(".item-state .status").get_text() == label
        dashboard = check_page(client.get("/staff/?status=expired"), lang)
        assert [a.get_text() for a in dashboard.select("tbody th a")] == ["Wygasły"]
        assert dashboard.one("tbody .status").get_text() == label
        if lang == "pl":
            assert "zakończono " in dashboard.one("tbody").get_text()
        assert label in [o.get_text() for o in dashboard.select("#status option")]


@pytest.mark.parametrize("kind", ["award", "page"])
def test_awards_and_pages_have_the_same_dates(app, client, staff, kind):
    staff("editor")
    with app.app_context():
        texts = {"pl": {"title": "Tekst z datami", "body": "<p>Treść.</p>"}}
        fields = {"awarded_on": date(2024, 5, 1)} if kind == "award" else {}
        item_id = factories.make(kind, texts, published=utcnow() - timedelta(days=1), **fields)
        url = f"/staff/{kind_named(kind).url}/{item_id}"
    end_day, end_hour = typed(utcnow() + timedelta(days=20))
    review = (warsaw_now() + timedelta(days=60)).date().isoformat()
    # A published item's changes reach readers when they are published (saved: a draft).
    response = send(client, url, "publish", expiry_date=end_day, expiry_time=end_hour,
                    review_due_on=review)
    assert response.status_code == 302
    with app.app_context():
        saved = item(kind, item_id)
        assert saved.expires_at is not None and saved.review_due_on.isoformat() == review
        assert saved.is_visible()
    public = {"award": "/pl/awards/tekst-z-datami", "page": "/pl/info/tekst-z-datami"}[kind]
    assert client.get(public).status_code == 200
    with app.app_context():
        factories.update(item(kind, item_id), expires_at=utcnow() - timedelta(minutes=1))
    assert client.get(public).status_code == 404


# --- The review date ---------------------------------------------------------------------------


def test_a_review_date_is_saved_and_a_new_one_may_not_have_passed(app, client, staff, draft):
    staff("editor")
    url = URL.format(id=draft)
    passed = check_page(send(client, url, "save", review_due_on="2022-01-10"), "pl")
    assert "Dzień 10 stycznia 2022 już minął" in field_error(passed, "review_due_on")

    later = (warsaw_now() + timedelta(days=200)).date()
    assert send(client, url, "save", review_due_on=later.isoformat()).status_code == 302
    with app.app_context():
        assert item("article", draft).review_due_on == later
    page = check_page(client.get(url), "pl")
    assert page.one("#review_due_on")["value"] == later.isoformat()
    assert page.one("label[for=review_due_on]").get_text() == "Termin przeglądu treści"
    history = check_page(client.get(url + "/history"), "pl")
    newest = history.select(".revision")[0].get_text(" ")
    assert "Termin przeglądu treści" in newest and str(later.year) in newest


def test_a_review_date_that_has_passed_stays_when_the_item_is_saved(app, client, staff, draft):
    staff("editor")
    with app.app_context():
        factories.update(item("article", draft), review_due_on=date(2023, 1, 1))
    url = URL.format(id=draft)
    assert send(client, url, "save", **{"pl-summary": "Sprawdzone."}).status_code == 302
    with app.app_context():
        assert item("article", draft).review_due_on == date(2023, 1, 1)


def test_a_translator_gets_no_date_fields_and_cannot_send_them(app, client, staff, draft):
    staff("translator")
    url = URL.format(id=draft)
    page = check_page(client.get(url), "pl")
    assert not page.select("#expiry_date, #expiry_time, #review_due_on")
    data = edit_form(client, url)
    data.update({"action": "save", "en-title": "New amounts", "expiry_date": "2030-01-01",
                 "expiry_time": "10:00", "review_due_on": "2030-01-01"})
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        saved = item("article", draft)
        assert saved.expires_at is None and saved.review_due_on is None
