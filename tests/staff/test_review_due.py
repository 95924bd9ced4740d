"""The dashboard's list of content due for review: its review date has passed or is near."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named

from .. import factories
from ..conftest import check_page
from ..content_helpers import answer_yes, edit_form


def today() -> date:
    return datetime.now(ZoneInfo("Europe/Warsaw")).date()


def row(kind: str, item_id: int):
    db.session.expire_all()
    return db.session.get(kind_named(kind).model, item_id)


def make(kind: str, title: str, review: date | None, **fields) -> int:
    texts = {"pl": {"title": title, "body": "<p>Treść.</p>"}}
    item_id = factories.make(kind, texts, published=utcnow() - timedelta(days=1), **fields)
    if review is not None:
        factories.update(row(kind, item_id), review_due_on=review)
    return item_id


def review_list(page) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for li in page.select(".review-list li")]


def test_editors_see_what_is_due_for_review_most_urgent_first(app, client, staff):
    with app.app_context():
        soon = make("page", "Kryteria dochodowe", today() + timedelta(days=10))
        overdue = make("article", "Kwoty świadczeń 2026", today() - timedelta(days=3))
        due_today = make("award", "Certyfikat", today(), awarded_on=date(2025, 1, 1))
        make("page", "Za dwa miesiące", today() + timedelta(days=31))
        make("page", "Bez terminu", None)
        trashed = make("article", "W koszu", today() - timedelta(days=1))
        factories.update(row("article", trashed), deleted_at=utcnow())
    staff("editor")
    page = check_page(client.get("/staff/"), "pl")
    section = page.one("section.review-due")
    assert section.find("h2").get_text() == "Do przeglądu"
    assert section["aria-labelledby"] == section.find("h2")["id"]
    entries = review_list(page)
    assert len(entries) == 3
    assert entries[0].startswith("Kwoty świadczeń 2026 Artykuł · Po terminie sprawdzić do ")
    assert entries[0].endswith(": 3 dni po terminie")
    assert entries[1].startswith("Certyfikat Wyróżnienie · sprawdzić do dziś, ")
    assert entries[2].startswith("Kryteria dochodowe Strona informacyjna · sprawdzić do ")
    assert entries[2].endswith(": za 10 dni")
    links = [a["href"] for a in section.select("a")]
    assert links == [f"/staff/articles/{overdue}", f"/staff/awards/{due_today}",
                     f"/staff/pages/{soon}"]
    assert all(a["lang"] == "pl" for a in section.select("a"))


def test_one_day_is_said_in_the_singular(app, client, staff):
    with app.app_context():
        make("article", "Jutro", today() + timedelta(days=1))
        make("article", "Wczoraj", today() - timedelta(days=1))
    staff("editor")
    entries = review_list(check_page(client.get("/staff/"), "pl"))
    assert entries[0].endswith(": 1 dzień po terminie")
    assert entries[1].endswith(": za 1 dzień")


def test_saving_with_a_new_review_date_takes_the_item_off_the_list(app, client, staff):
    with app.app_context():
        item_id = make("page", "Kryteria dochodowe", today() - timedelta(days=5))
    staff("editor")
    assert review_list(check_page(client.get("/staff/"), "pl"))
    url = f"/staff/pages/{item_id}"
    data = edit_form(client, url)
    assert data["review_due_on"] == (today() - timedelta(days=5)).isoformat()
    next_year = today() + timedelta(days=365)
    # The page is published: the new date reaches the item with the published changes.
    data.update(action="publish", review_due_on=next_year.isoformat())
    assert answer_yes(client, client.post(url, data=data)).status_code == 302
    page = check_page(client.get("/staff/"), "pl")
    assert not page.select(".review-due")
    with app.app_context():
        assert row("page", item_id).review_due_on == next_year


def test_translators_do_not_get_the_list(app, client, staff):
    with app.app_context():
        make("article", "Kwoty świadczeń 2026", today() - timedelta(days=3))
    staff("translator")
    page = check_page(client.get("/staff/"), "pl")
    assert not page.select(".review-due")


def test_admins_get_it_in_their_language(app, staff_client):
    with app.app_context():
        make("article", "Kwoty świadczeń 2026", today() + timedelta(days=2))
    for lang, heading, tail in (("en", "Due for review", ": in 2 days"),
                                ("uk", "Потребують перевірки", ": через 2 дні")):
        client = staff_client(app, "admin", email=f"admin-{lang}@mops.example.pl",
                              language=lang)
        page = check_page(client.get("/staff/"), lang)
        assert page.one("#review-heading").get_text() == heading
        assert review_list(page)[0].endswith(tail)
