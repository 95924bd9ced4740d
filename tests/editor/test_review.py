"""Review before publishing, where the site asks for it: editors submit, a publisher approves
or sends back with a comment; publishing without a review needs a reason and leaves the item
"not reviewed" until someone else reviews it. Every step is in the history and the audit log."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.editor.review import Review
from portal.extensions import db
from portal.kinds import kind_named
from portal.news.models import Article
from portal.revisions import Revision

from .. import factories
from ..conftest import check_page, csrf_token
from ..content_helpers import asks, confirm, edit_form, form_values

SLUG = "festyn-rodzinny-w-parku"


@pytest.fixture
def reviewed(app):
    app.config["PORTAL_REVIEW_REQUIRED"] = True
    yield app
    app.config["PORTAL_REVIEW_REQUIRED"] = False


@pytest.fixture
def new_article(app):
    with app.app_context():
        return factories.make("article", {"pl": {"title": "Festyn rodzinny w parku",
                                                 "body": "<p>Zapraszamy.</p>"}})


def send(client, url: str, action: str, **fields):
    data = edit_form(client, url)
    data.update(fields, action=action)
    return client.post(url, data=data)


def review_of(app, item_id: int) -> Review | None:
    with app.app_context():
        found = Review.find(kind_named("article"), item_id)
        if found is not None:
            db.session.expunge(found)
        return found


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.action.notin_(("login", "logout"))).order_by(AuditEvent.id)))


def test_an_editor_submits_instead_of_publishing(reviewed, client, staff, new_article):
    staff("editor")
    url = f"/staff/articles/{new_article}"
    page = check_page(client.get(url), "pl")
    buttons = [b.get_text() for b in page.select("#edit-form button[name=action]")]
    assert "Wyślij do akceptacji" in buttons
    assert not [b for b in buttons if "opublikuj" in b.lower()]
    assert not page.select("fieldset.schedule")
    # Publishing is refused on the server, whatever the request says.
    assert send(client, url, "publish").status_code == 403
    assert send(client, url, "schedule").status_code == 403
    assert send(client, url, "submit").status_code == 302
    found = review_of(reviewed, new_article)
    assert found.state == "submitted"
    assert client.get(f"/pl/news/{SLUG}").status_code == 404
    page = check_page(client.get(url), "pl")
    assert "Czeka na akceptację" in page.one("#review-state").get_text()
    # Their own submission does not wait for them.
    assert not check_page(client.get("/staff/"), "pl").select(".waiting")


def test_a_publisher_approves_a_submission(reviewed, app, client, staff, staff_client,
                                           new_article):
    staff("editor", name="Ewa")
    url = f"/staff/articles/{new_article}"
    send(client, url, "submit")
    publisher = staff_client(app, "publisher", email="p@mops.example.pl", name="Piotr")
    waiting = check_page(publisher.get("/staff/"), "pl").one(".waiting").get_text(" ", strip=True)
    assert "Festyn rodzinny w parku" in waiting and "Czeka na akceptację" in waiting
    assert "Ewa" in waiting
    page = check_page(publisher.get(url), "pl")
    assert page.one("button[value=publish]").get_text() == "Zaakceptuj i opublikuj"
    response = send(publisher, url, "publish")
    assert asks(response)
    ask = check_page(response, "pl")
    assert "Zaakceptować i opublikować" in ask.one("h1").get_text()
    assert not ask.select("#reason")  # an approval needs no reason
    assert client.get(f"/pl/news/{SLUG}").status_code == 404
    assert confirm(publisher, response).status_code == 302
    assert client.get(f"/pl/news/{SLUG}").status_code == 200
    assert review_of(app, new_article) is None
    with app.app_context():
        [newest, *_] = Revision.for_item("article", new_article)
        assert newest.action == "approve"
    assert audit_actions(app)[-2:] == ["review_submit", "approve"]
    history = check_page(publisher.get(f"{url}/history"), "pl")
    assert "zaakceptowano i opublikowano" in history.select(".revision h2")[0].get_text()
    assert "wysłano do akceptacji" in history.one(".draft-steps").get_text()


def test_a_publisher_sends_it_back_with_a_comment(reviewed, app, client, staff, staff_client,
                                                  new_article):
    editor = staff("editor", name="Ewa")
    url = f"/staff/articles/{new_article}"
    send(client, url, "submit")
    publisher = staff_client(app, "publisher", email="p@mops.example.pl", name="Piotr")
    form = check_page(publisher.get(f"{url}/review/return"), "pl")
    values = form_values(form.response.get_data(as_text=True), None)
    # The comment is required.
    empty = check_page(publisher.post(f"{url}/review/return", data=values), "pl")
    assert "Napisz, co trzeba poprawić" in empty.one(".error-summary").get_text()
    assert review_of(app, new_article).state == "submitted"
    values["comment"] = "Dodaj godzinę rozpoczęcia."
    assert publisher.post(f"{url}/review/return", data=values).status_code == 302
    found = review_of(app, new_article)
    assert (found.state, found.author_id, found.comment) == ("returned", editor,
                                                             "Dodaj godzinę rozpoczęcia.")
    # It now waits for the person who submitted it, with the comment; no longer for publishers.
    waiting = check_page(client.get("/staff/"), "pl").one(".waiting").get_text(" ", strip=True)
    assert "Odesłane do poprawy" in waiting and "Dodaj godzinę rozpoczęcia." in waiting
    assert not check_page(publisher.get("/staff/"), "pl").select(".waiting")
    page = check_page(client.get(url), "pl")
    assert "Dodaj godzinę rozpoczęcia." in page.one("#review-state").get_text()
    history = check_page(client.get(f"{url}/history"), "pl")
    assert "Dodaj godzinę rozpoczęcia." in history.one(".draft-steps").get_text()
    assert audit_actions(app)[-1] == "review_return"
    # An editor cannot send back.
    token = csrf_token(client, url)
    assert client.post(f"{url}/review/return", data={"csrf_token": token,
                                                    "comment": "x"}).status_code == 403


def test_publishing_without_review_needs_a_reason_and_marks_the_item(reviewed, app, client,
                                                                     staff, staff_client,
                                                                     new_article):
    staff("publisher", name="Piotr")
    url = f"/staff/articles/{new_article}"
    page = check_page(client.get(url), "pl")
    assert page.one("button[value=publish]").get_text() == "Opublikuj bez akceptacji"
    response = send(client, url, "publish")
    ask = check_page(response, "pl")
    assert ask.select("textarea#reason")
    # Yes without a reason: asked again, with the error, and nothing published.
    values = form_values(response.get_data(as_text=True), None)
    again = client.post(url, data=values)
    shown = check_page(again, "pl")
    assert "Napisz, dlaczego publikujesz bez akceptacji." in shown.one(".error-summary").get_text()
    assert shown.one("#reason")["aria-invalid"] == "true"
    assert client.get(f"/pl/news/{SLUG}").status_code == 404
    values = form_values(again.get_data(as_text=True), None)
    values["reason"] = "Festyn jest jutro, a akceptująca osoba jest na urlopie."
    assert client.post(url, data=values).status_code == 302
    assert client.get(f"/pl/news/{SLUG}").status_code == 200
    found = review_of(app, new_article)
    assert found.state == "unreviewed" and "urlopie" in found.comment
    with app.app_context():
        [newest, *_] = Revision.for_item("article", new_article)
        assert newest.action == "force_publish" and "urlopie" in newest.data["reason"]
        event = db.session.scalar(sa.select(AuditEvent).where(
            AuditEvent.action == "force_publish"))
        assert "urlopie" in event.details["reason"]
    history = check_page(client.get(f"{url}/history"), "pl")
    assert "urlopie" in history.one(".review-reason").get_text()
    # The one who published it cannot review it; it waits for someone else.
    assert not check_page(client.get("/staff/"), "pl").select(".waiting")
    token = csrf_token(client, url)
    assert client.post(f"{url}/review/done", data={"csrf_token": token}).status_code == 302
    assert review_of(app, new_article).state == "unreviewed"
    other = staff_client(app, "admin", email="a@mops.example.pl", name="Anna")
    waiting = check_page(other.get("/staff/"), "pl").one(".waiting").get_text(" ", strip=True)
    assert "Bez akceptacji" in waiting and "urlopie" in waiting
    dashboard = check_page(other.get("/staff/"), "pl").one("tbody").get_text()
    assert "Bez akceptacji" in dashboard
    token = csrf_token(other, url)
    assert other.post(f"{url}/review/done", data={"csrf_token": token}).status_code == 302
    assert review_of(app, new_article) is None
    assert audit_actions(app)[-2:] == ["force_publish", "review_done"]


def test_a_live_items_changes_are_submitted_as_its_draft(reviewed, app, client, staff,
                                                         staff_client):
    with app.app_context():
        item_id = factories.article()
    staff("editor", name="Ewa")
    url = f"/staff/articles/{item_id}"
    assert send(client, url, "submit", **{"pl-body": "<p>Nowy tekst.</p>"}).status_code == 302
    assert "Nowy tekst." not in client.get(f"/pl/news/{SLUG}").get_data(as_text=True)
    publisher = staff_client(app, "publisher", email="p@mops.example.pl", name="Piotr")
    page = check_page(publisher.get(url), "pl")
    assert "Nowy tekst." in page.one("#pl-body").get_text()
    response = send(publisher, url, "publish")
    ask = check_page(response, "pl")
    assert "dodano: Nowy tekst." in ask.one("main").get_text(" ", strip=True)
    assert confirm(publisher, response).status_code == 302
    assert "Nowy tekst." in client.get(f"/pl/news/{SLUG}").get_data(as_text=True)
    with app.app_context():
        assert Revision.for_item("article", item_id)[0].action == "approve"
        assert db.session.get(Article, item_id).published_at is not None
    assert review_of(app, item_id) is None


def test_without_the_setting_editors_publish_as_before(app, client, staff, new_article):
    staff("editor")
    url = f"/staff/articles/{new_article}"
    page = check_page(client.get(url), "pl")
    assert not page.select("button[value=submit]")
    assert send(client, url, "submit").status_code == 400
    assert send(client, url, "publish").status_code == 302
    assert client.get(f"/pl/news/{SLUG}").status_code == 200
