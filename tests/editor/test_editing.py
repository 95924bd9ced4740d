"""Staff write, translate, publish and look back at articles, awards and pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.awards.models import Award
from portal.content import utcnow
from portal.extensions import db
from portal.news.models import Article
from portal.pages.models import Page
from portal.revisions import Revision

from .. import factories
from ..conftest import check_page, create_user, csrf_token, log_in
from ..content_helpers import asks, confirm, edit_form, form_values, publish_changes

DIRTY_BODY = (
    "<h1>Nagłówek z Worda</h1>"
    '<p class="MsoNormal" style="color:red" onclick="steal()">Treść <b>ważna</b>'
    '<a href="javascript:alert(1)">zły link</a> <a href="https://mops.example.pl/">dobry</a>'
    "</p><script>alert(1)</script><p>&nbsp;</p>"
)


def new_article(client, **fields) -> str:
    data = {
        "csrf_token": csrf_token(client, "/staff/articles/new"),
        "revision": "0",
        "pl-title": "Zażółć gęślą jaźń w Łodzi",
        "pl-slug": "",
        "pl-summary": "Krótko.",
        "pl-body": "<p>Treść artykułu.</p>",
        "action": "save",
    }
    data.update(fields)
    response = client.post("/staff/articles/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def article(app, item_id: int = 1) -> Article:
    db.session.expire_all()
    return db.session.get(Article, item_id)


def test_editor_creates_a_draft_with_a_transliterated_slug_and_clean_html(app, client, staff):
    staff("editor")
    form = check_page(client.get("/staff/articles/new"), "pl")
    assert form.one("h1").get_text() == "Nowy artykuł"
    assert form.one("#section-pl legend").get_text(strip=True).startswith("Polski")

    location = new_article(client, **{"pl-body": DIRTY_BODY, "en-title": "In English"})
    assert location == "/staff/articles/1"
    with app.app_context():
        item = article(app)
        pl = item.translations["pl"]
        assert pl.slug == "zazolc-gesla-jazn-w-lodzi"
        assert item.translations["en"].slug == "in-english"
        for bad in ("<script", "onclick", "style=", "javascript:", "class=", "<h1", "&nbsp;"):
            assert bad not in pl.body, bad
        assert "<h2>Nagłówek z Worda</h2>" in pl.body
        assert '<a href="https://mops.example.pl/" rel="noopener noreferrer">dobry</a>' in pl.body
        assert item.published_at is None and item.version == 1
        assert [r.action for r in Revision.for_item("article", 1)] == ["create"]

    page = check_page(client.get(location), "pl")
    assert "Szkic" in page.one(".item-state").get_text()
    # A draft is nobody's business but the staff's.
    assert client.get("/pl/news/zazolc-gesla-jazn-w-lodzi").status_code == 404
    preview = check_page(client.get("/staff/articles/1/preview/pl"), "pl")
    assert preview.one("h1").get_text() == "Zażółć gęślą jaźń w Łodzi"
    assert "Podgląd dla pracowników" in preview.one(".preview-banner").get_text()
    english = check_page(client.get("/staff/articles/1/preview/en"), "en")
    assert english.one("h1").get_text() == "In English"

    anonymous = app.test_client()
    assert anonymous.get("/staff/articles/1/preview/pl").status_code == 302
    assert anonymous.get("/staff/articles/1").status_code == 302


def test_same_title_gets_a_numbered_slug_and_a_typed_duplicate_is_refused(app, client, staff):
    staff("editor")
    new_article(client)
    new_article(client)
    with app.app_context():
        assert article(app, 2).translations["pl"].slug == "zazolc-gesla-jazn-w-lodzi-2"
    data = edit_form(client, "/staff/articles/2")
    data.update({"pl-slug": "Zażółć gęślą jaźń w Łodzi", "action": "save"})
    response = client.post("/staff/articles/2", data=data)
    page = check_page(response, "pl")
    assert "Inna pozycja w tym języku ma już ten adres" in page.one(".error-summary").get_text()
    assert page.one(".error-summary a")["href"] == "#pl-slug"


def test_errors_are_summarised_with_links_and_everything_typed_comes_back(app, client, staff):
    staff("editor")
    data = {
        "csrf_token": csrf_token(client, "/staff/articles/new"),
        "revision": "0",
        "pl-title": "",
        "pl-summary": "Streszczenie, które zostaje",
        "pl-body": "",
        "en-summary": "An English summary without a title",
        "action": "save",
    }
    page = check_page(client.post("/staff/articles/new", data=data), "pl")
    links = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert links["#pl-title"] == "Wpisz tytuł artykułu po polsku."
    assert links["#pl-body"] == "Napisz treść artykułu po polsku."
    assert links["#en-title"].startswith("Angielski: wpisz tytuł")
    assert page.one("#pl-title")["aria-invalid"] == "true"
    assert page.one("#pl-summary").get_text().strip() == "Streszczenie, które zostaje"
    assert page.one("#en-summary").get_text().strip() == "An English summary without a title"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 0


def test_staff_interface_follows_the_users_language(app, client, staff):
    staff("editor", language="en")
    page = check_page(client.get("/staff/articles/new"), "en")
    assert page.one("h1").get_text() == "New article"


def test_polish_change_makes_translations_outdated_until_translated(app, client, staff):
    staff("editor")
    new_article(client, **{"en-title": "In English", "en-body": "<p>Text.</p>"})
    data = edit_form(client, "/staff/articles/1")
    data.update({"pl-body": "<p>Nowa treść.</p>", "action": "save"})
    assert client.post("/staff/articles/1", data=data).status_code == 302
    with app.app_context():
        item = article(app)
        assert item.version == 2
        assert item.translations["pl"].source_version == 2
        assert item.is_outdated("en")
    dashboard = check_page(client.get("/staff/?translation=outdated:en"), "pl")
    assert [a.get_text() for a in dashboard.select("tbody th a")] == ["Zażółć gęślą jaźń w Łodzi"]
    assert "nieaktualne" in dashboard.one("tbody").get_text()

    # Saving only a change of address in Polish is no new source text.
    data = edit_form(client, "/staff/articles/1")
    data.update({"pl-slug": "nowy-adres", "action": "save"})
    client.post("/staff/articles/1", data=data)
    with app.app_context():
        assert article(app).version == 2

    # The translator confirms the translation without changing it.
    data = edit_form(client, "/staff/articles/1")
    data.update({"en-up_to_date": "y", "action": "save"})
    client.post("/staff/articles/1", data=data)
    with app.app_context():
        assert not article(app).is_outdated("en")


def test_second_editor_gets_a_conflict_with_the_others_changes(app, client, staff):
    staff("editor", name="Ewa")
    new_article(client)
    create_user(app, "editor", email="jan@mops.example.pl", name="Jan")
    other = app.test_client()
    log_in(other, "jan@mops.example.pl")

    mine = edit_form(client, "/staff/articles/1")
    theirs = edit_form(other, "/staff/articles/1")
    theirs.update({"pl-title": "Tytuł Jana", "action": "save"})
    assert other.post("/staff/articles/1", data=theirs).status_code == 302

    mine.update({"pl-summary": "Moje streszczenie", "action": "save"})
    page = check_page(client.post("/staff/articles/1", data=mine), "pl")
    assert "Ktoś inny zapisał tę pozycję" in page.one(".error-summary").get_text()
    conflict = page.one(".conflict")
    assert "Jan" in conflict.find("h2").get_text()
    assert "Tytuł Jana" in conflict.find("ins").get_text()
    assert page.one("#pl-summary").get_text().strip() == "Moje streszczenie"
    with app.app_context():
        item = article(app)
        assert item.translations["pl"].title == "Tytuł Jana"
        assert item.translations["pl"].summary == "Krótko."

    # Having seen the other's change, saving again is deliberate and goes through.
    again = form_values(page.response.get_data(as_text=True))
    again["action"] = "save"
    assert client.post("/staff/articles/1", data=again).status_code == 302
    with app.app_context():
        assert article(app).translations["pl"].summary == "Moje streszczenie"
        # Jan's title was merged into the form, not undone by the second save.
        assert article(app).translations["pl"].title == "Tytuł Jana"


def _two_editors(app, client, staff):
    staff("editor", name="Anna")
    new_article(client)
    create_user(app, "editor", email="piotr@mops.example.pl", name="Piotr")
    piotr = app.test_client()
    log_in(piotr, "piotr@mops.example.pl")
    return piotr


def test_a_field_only_the_other_changed_is_merged_into_the_form(app, client, staff):
    piotr = _two_editors(app, client, staff)
    his = edit_form(piotr, "/staff/articles/1")
    anna = edit_form(client, "/staff/articles/1")
    anna.update({"pl-summary": "Streszczenie Anny", "en-title": "Anna's title", "action": "save"})
    assert client.post("/staff/articles/1", data=anna).status_code == 302
    his.update({"pl-title": "Tytuł Piotra", "action": "save"})
    page = check_page(piotr.post("/staff/articles/1", data=his), "pl")
    assert page.one("#pl-summary").get_text().strip() == "Streszczenie Anny"
    assert page.one("#en-title")["value"] == "Anna's title"
    assert page.one("#pl-title")["value"] == "Tytuł Piotra"
    assert not page.select(".both-changed")
    again = form_values(page.response.get_data(as_text=True))
    again["action"] = "save"
    assert piotr.post("/staff/articles/1", data=again).status_code == 302
    with app.app_context():
        polish = article(app).translations["pl"]
        assert (polish.title, polish.summary) == ("Tytuł Piotra", "Streszczenie Anny")
        assert article(app).translations["en"].title == "Anna's title"


@pytest.mark.parametrize("take_theirs", [False, True])
def test_a_field_both_changed_is_shown_side_by_side_to_choose(app, client, staff, take_theirs):
    piotr = _two_editors(app, client, staff)
    his = edit_form(piotr, "/staff/articles/1")
    anna = edit_form(client, "/staff/articles/1")
    anna.update({"pl-summary": "Streszczenie Anny", "action": "save"})
    assert client.post("/staff/articles/1", data=anna).status_code == 302
    his.update({"pl-summary": "Streszczenie Piotra", "action": "save"})
    page = check_page(piotr.post("/staff/articles/1", data=his), "pl")
    both = page.one(".both-changed")
    assert "Streszczenie Anny" in both.get_text()
    assert page.one("#pl-summary").get_text().strip() == "Streszczenie Piotra"
    box = both.find("input", attrs={"name": "take-theirs"})
    assert box["value"] == "pl-summary" and box["form"] == "edit-form"
    again = form_values(page.response.get_data(as_text=True))
    if take_theirs:
        again["take-theirs"] = "pl-summary"
    again["action"] = "save"
    assert piotr.post("/staff/articles/1", data=again).status_code == 302
    with app.app_context():
        chosen = "Streszczenie Anny" if take_theirs else "Streszczenie Piotra"
        assert article(app).translations["pl"].summary == chosen


def test_history_shows_who_changed_what_and_restores_a_revision(app, client, staff):
    staff("editor", name="Ewa Nowak")
    new_article(client)
    data = edit_form(client, "/staff/articles/1")
    data.update({"pl-body": "<p>Treść artykułu po poprawkach.</p>", "action": "save"})
    client.post("/staff/articles/1", data=data)

    history = check_page(client.get("/staff/articles/1/history"), "pl")
    newest = history.select(".revision")[0]
    assert "Ewa Nowak" in newest.get_text()
    assert newest.find("ins").get_text(strip=True).endswith("po poprawkach.")
    assert newest.find("dt").get_text(" ", strip=True) == "Treść (Polski)"

    token = csrf_token(client, "/staff/articles/1/history")
    response = client.post("/staff/articles/1/history/1/revert", data={"csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        item = article(app)
        assert item.translations["pl"].body == "<p>Treść artykułu.</p>"
        assert item.version == 3
        revisions = Revision.for_item("article", 1)
        assert [r.action for r in revisions] == ["revert", "save", "create"]
        assert revisions[0].data["restored_from"] == 1


def test_demo_items_have_their_history_from_the_start(demo, client, staff):
    """The demo is loaded through the write service: each item's history starts with it."""
    staff("editor")
    response = publish_changes(client, "/staff/pages/1",
                               **{"pl-summary": "Nowe streszczenie strony."})
    assert response.status_code == 302
    with demo.app_context():
        revisions = Revision.for_item("page", 1)
        assert [(r.action, r.via) for r in revisions] == [("publish_changes", "form"),
                                                          ("create", "demo")]
    history = check_page(client.get("/staff/pages/1/history"), "pl")
    assert "Nowe streszczenie strony." in history.select(".revision")[0].find("ins").get_text()


def test_an_item_from_before_revisions_gets_a_baseline_on_its_first_change(demo, client, staff):
    """A database older than revisions holds items with no history (made here with plain SQL,
    as it holds them): the first change records what the item was before it."""
    staff("editor")
    with demo.app_context():
        db.session.execute(sa.delete(Revision).where(Revision.content_type == "page",
                                                     Revision.item_id == 1))
        db.session.commit()
    response = publish_changes(client, "/staff/pages/1",
                               **{"pl-summary": "Nowe streszczenie strony."})
    assert response.status_code == 302
    with demo.app_context():
        actions = [r.action for r in Revision.for_item("page", 1)]
        assert actions == ["publish_changes", "baseline"]
    history = check_page(client.get("/staff/pages/1/history"), "pl")
    assert "Nowe streszczenie strony." in history.select(".revision")[0].find("ins").get_text()


def test_publish_schedule_unpublish_trash_and_restore(app, client, staff):
    staff("editor")
    new_article(client, **{"en-title": "Read me", "en-body": "<p>Body.</p>"})
    slug = "zazolc-gesla-jazn-w-lodzi"

    def act(action: str, **extra):
        data = edit_form(client, "/staff/articles/1")
        data.update(action=action, **extra)
        response = client.post("/staff/articles/1", data=data)
        # They ask first (publishing too, once the article is published): answer yes.
        if action in ("unpublish", "delete") or asks(response):
            response = confirm(client, response)
        return response

    assert act("publish").status_code == 302
    assert client.get(f"/pl/news/{slug}").status_code == 200
    assert client.get("/en/news/read-me").status_code == 200

    # Entered in Warsaw (summer time, UTC+2), stored in UTC, shown in Warsaw.
    year = utcnow().year + 2
    response = act("schedule", **{"publish_date": f"{year}-07-01", "publish_time": "12:00"})
    assert response.status_code == 302
    with app.app_context():
        assert article(app).published_at == datetime(year, 7, 1, 10, 0, tzinfo=UTC)
        later = datetime(year, 7, 1, 10, 0, 1, tzinfo=UTC)
        visible = db.session.scalars(sa.select(Article.id).where(Article.visible(later))).all()
        assert visible == [1]
        assert not article(app).is_visible()
    page = check_page(client.get("/staff/articles/1"), "pl")
    assert f"1 lipca {year}, 12:00" in page.one(".item-state").get_text()
    assert client.get(f"/pl/news/{slug}").status_code == 404

    missing = act("schedule", **{"publish_date": "", "publish_time": ""})
    errors = check_page(missing, "pl").one(".error-summary").get_text()
    assert "Wpisz datę publikacji." in errors and "Wpisz godzinę publikacji." in errors

    assert act("publish").status_code == 302
    assert act("unpublish").status_code == 302
    assert client.get(f"/pl/news/{slug}").status_code == 404
    assert act("publish").status_code == 302
    assert act("delete").headers["Location"] == "/staff/"
    assert client.get(f"/pl/news/{slug}").status_code == 404
    trash = check_page(client.get("/staff/?status=trash"), "pl")
    assert "W koszu" in trash.one("tbody").get_text()
    token = csrf_token(client, "/staff/?status=trash")
    assert client.post("/staff/articles/1/restore", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/pl/news/{slug}").status_code == 200

    with app.app_context():
        events = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
        content_events = [e for e in events if e not in ("login",)]
        assert content_events == [
            "create",
            "publish",
            "publish",
            "publish",
            "unpublish",
            "publish",
            "draft_save",  # moved to the trash live: the form is kept in its draft
            "delete",
            "restore",
        ]
        target = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "delete"))
        assert target.one().target_type == "articles"


def test_scheduled_item_appears_on_time_without_a_job(app, client, staff):
    staff("editor")
    new_article(client)
    soon = (utcnow() - timedelta(seconds=1)).astimezone()
    with app.app_context():
        factories.update(article(app), published_at=utcnow() + timedelta(hours=1))
    assert client.get("/pl/news/zazolc-gesla-jazn-w-lodzi").status_code == 404
    with app.app_context():
        factories.update(article(app), published_at=soon)
    assert client.get("/pl/news/zazolc-gesla-jazn-w-lodzi").status_code == 200


def test_dashboard_lists_content_with_status_and_translation_state(demo, client, staff):
    staff("editor")
    page = check_page(client.get("/staff/"), "pl")
    rows = page.select("tbody tr")
    assert len(rows) > 12
    header = [th.get_text(strip=True) for th in page.select("thead th")]
    # A column of check boxes for the bulk actions, the sortable columns (newest change first),
    # then one column per language a translation may be missing in: every enabled one but Polish.
    assert header == ["Wybierz", "Tytuł", "Rodzaj", "Status", "Ostatnia zmiana▼", "Angielski",
                      "Ukraiński"]
    polish_only = check_page(client.get("/staff/?translation=missing:en&kind=article"), "pl")
    titles = [a.get_text() for a in polish_only.select("tbody th a")]
    assert "Dzień Pracownika Socjalnego w naszym Ośrodku" in titles
    assert all("brak" in row.get_text() for row in polish_only.select("tbody tr"))
    awards = check_page(client.get("/staff/?kind=award&status=published"), "pl")
    assert [a.get_text() for a in awards.select("tbody th a")] == [
        "Certyfikat jakości „Przyjazny Urząd” 2022"
    ]
    search = check_page(client.get("/staff/?q=kontakt"), "pl")
    assert [a.get_text() for a in search.select("tbody th a")] == ["Kontakt"]
    # Nonsense in the filters shows everything rather than an error.
    assert client.get("/staff/?kind=nonsense").status_code == 200


def test_award_form_with_its_date(app, client, staff):
    staff("editor")
    data = {
        "csrf_token": csrf_token(client, "/staff/awards/new"),
        "revision": "0",
        "awarded_on": "2022-13-45",
        "pl-title": "Certyfikat „Przyjazny Urząd”",
        "pl-organiser": "Quality Institute",
        "action": "save",
    }
    page = check_page(client.post("/staff/awards/new", data=data), "pl")
    assert page.one(".error-summary a")["href"] == "#awarded_on"
    assert "prawdziwą datę" in page.one(".error-summary").get_text()
    data["awarded_on"] = "2022-04-23"
    assert client.post("/staff/awards/new", data=data).status_code == 302
    with app.app_context():
        award = db.session.get(Award, 1)
        assert award.awarded_on.isoformat() == "2022-04-23"
        assert award.translations["pl"].slug == "certyfikat-przyjazny-urzad"
    check_page(client.get("/staff/awards/1"), "pl")
    check_page(client.get("/staff/awards/1/preview/pl"), "pl")


def test_page_form_with_its_menu_position(app, client, staff):
    staff("admin")
    data = {
        "csrf_token": csrf_token(client, "/staff/pages/new"),
        "revision": "0",
        "menu_position": "3",
        "pl-title": "Godziny otwarcia",
        "pl-body": "<p>Od 7:30 do 15:30.</p>",
        "action": "publish",
    }
    assert client.post("/staff/pages/new", data=data).status_code == 302
    with app.app_context():
        page = db.session.get(Page, 1)
        assert page.menu_position == 3 and page.is_visible()
    public = check_page(client.get("/pl/info/godziny-otwarcia"), "pl")
    assert "Godziny otwarcia" in public.one("nav.main-nav").get_text()
