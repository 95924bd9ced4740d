"""A published item's old address leads to its current one (301, per language), through the
editor's real form; drafts leave nothing behind and nothing shadows a live address."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named
from portal.redirects.models import Redirect
from portal.service import Change, Via

from .. import factories
from ..content_helpers import asks, confirm, form_values

OLD = "festyn-rodzinny-w-parku"
ENGLISH = "family-fair-in-the-park"


@pytest.fixture
def festival(app):
    """A published article in Polish and English, none in Ukrainian; returns its id."""
    with app.app_context():
        return factories.article(
            "Festyn rodzinny w parku", "<p>Zapraszamy całe rodziny.</p>",
            en={"title": "Family fair in the park", "summary": "An invitation.",
                "body": "<p>All families are welcome.</p>"})


def rename(client, item_id: int, url: str = "articles", action: str | None = None,
           **slugs: str):
    """Change slugs through the editor's form as a browser sends it (``pl="nowy-adres"``): a
    published item's changes are published, a draft is saved, unless ``action`` says."""
    page = client.get(f"/staff/{url}/{item_id}").get_data(as_text=True)
    data = form_values(page)
    action = action or ("publish" if 'id="draft-state"' in page else "save")
    data.update({f"{lang}-slug": slug for lang, slug in slugs.items()}, action=action)
    response = client.post(f"/staff/{url}/{item_id}", data=data)
    if action in ("unpublish", "delete") or asks(response):  # they ask first: answer yes
        response = confirm(client, response)
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]


def redirects(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        return [(row.old_path, row.lang) for row in
                db.session.scalars(sa.select(Redirect).order_by(Redirect.old_path))]


def assert_moved(client, old: str, new: str) -> None:
    for method in (client.get, client.head):
        response = method(old)
        assert response.status_code == 301, (old, response.status_code)
        assert response.headers["Location"] == new
    assert "max-age=3600" in response.headers["Cache-Control"]


def test_a_renamed_article_keeps_its_old_address_in_that_language(app, client, staff, festival):
    editor = staff("editor", name="Ewa Redaktorka")
    rename(client, festival, pl="nowy-adres")

    assert_moved(client, f"/pl/news/{OLD}", "/pl/news/nowy-adres")
    assert client.get("/pl/news/nowy-adres").status_code == 200
    # English has its own address, which did not change: still there, and nothing new for it.
    assert client.get(f"/en/news/{ENGLISH}").status_code == 200
    assert client.get(f"/en/news/{OLD}").status_code == 404
    # Ukrainian readers got the Polish text at the Polish slug: their address moved with it.
    assert_moved(client, f"/uk/news/{OLD}", "/uk/news/nowy-adres")
    assert redirects(app) == [(f"/pl/news/{OLD}", "pl"), (f"/uk/news/{OLD}", "uk")]
    # Only reading: another method is refused as before, and no redirect answers it.
    assert client.post(f"/pl/news/{OLD}").status_code == 405

    with app.app_context():
        row = Redirect.from_path(f"/pl/news/{OLD}")
        assert (row.kind, row.item_id, row.user_id, row.target_path) == (
            "article", festival, editor, None)
        events = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "redirect_auto")).all()
        assert [(e.user_id, e.details["old_path"]) for e in events] == [
            (editor, f"/pl/news/{OLD}"), (editor, f"/uk/news/{OLD}")]


def test_an_english_rename_moves_only_the_english_address(app, client, staff, festival):
    staff("editor")
    rename(client, festival, en="fair-in-the-park")
    assert_moved(client, f"/en/news/{ENGLISH}", "/en/news/fair-in-the-park")
    assert client.get(f"/pl/news/{OLD}").status_code == 200
    assert redirects(app) == [(f"/en/news/{ENGLISH}", "en")]


def test_renamed_twice_both_old_addresses_lead_to_the_newest(app, client, staff, festival):
    staff("editor")
    rename(client, festival, pl="drugi-adres")
    rename(client, festival, pl="trzeci-adres")
    assert_moved(client, f"/pl/news/{OLD}", "/pl/news/trzeci-adres")
    assert_moved(client, "/pl/news/drugi-adres", "/pl/news/trzeci-adres")

    # Back to the first address: it is the article's own again, not a redirect to itself.
    rename(client, festival, pl=OLD)
    assert client.get(f"/pl/news/{OLD}").status_code == 200
    assert_moved(client, "/pl/news/trzeci-adres", f"/pl/news/{OLD}")
    assert f"/pl/news/{OLD}" not in dict(redirects(app))
    with app.app_context():
        released = db.session.scalars(sa.select(AuditEvent.details).where(
            AuditEvent.action == "redirect_released")).all()
        assert {d["old_path"] for d in released} == {f"/pl/news/{OLD}", f"/uk/news/{OLD}"}


def test_a_renamed_draft_leaves_no_redirect(app, client, staff):
    staff("editor")
    with app.app_context():
        draft = factories.make("article", {"pl": {"title": "Szkic", "body": "<p>X.</p>"}})
    rename(client, draft, pl="szkic-drugi")
    assert redirects(app) == []
    assert client.get("/pl/news/szkic").status_code == 404
    # Published at the new address, then renamed again: that address was public (in English
    # and Ukrainian too, where the draft has only its Polish text).
    rename(client, draft, action="publish")
    rename(client, draft, pl="szkic-trzeci")
    assert sorted(redirects(app)) == sorted([("/pl/news/szkic-drugi", "pl"),
                                             ("/en/news/szkic-drugi", "en"),
                                             ("/uk/news/szkic-drugi", "uk")])
    assert client.get("/pl/news/szkic").status_code == 404


def test_a_scheduled_article_renamed_before_its_time_leaves_no_redirect(app, client, staff):
    staff("editor")
    with app.app_context():
        later = factories.make("article", {"pl": {"title": "Wkrótce", "body": "<p>X.</p>"}},
                               published=utcnow() + timedelta(days=3))
    rename(client, later, pl="wkrotce-inaczej")
    assert redirects(app) == []


def test_an_unpublished_or_trashed_item_is_not_found_at_its_old_address(app, client, staff,
                                                                         festival):
    staff("editor")
    rename(client, festival, pl="nowy-adres")
    rename(client, festival, action="unpublish")
    assert client.get(f"/pl/news/{OLD}").status_code == 404
    rename(client, festival, action="publish")
    assert_moved(client, f"/pl/news/{OLD}", "/pl/news/nowy-adres")
    rename(client, festival, action="delete")
    response = client.get(f"/pl/news/{OLD}")
    assert response.status_code == 404 and "Nie znaleziono strony" in response.get_data(
        as_text=True)


def test_an_address_taken_by_another_item_is_that_items_and_no_redirect(app, client, staff,
                                                                        festival):
    staff("editor")
    rename(client, festival, pl="nowy-adres")
    with app.app_context():
        other = factories.make("article", {"pl": {"title": "Inny", "body": "<p>Y.</p>",
                                                  "slug": OLD}})
    # A draft has the address now: a 404, as a draft is, not a redirect to the first article.
    assert client.get(f"/pl/news/{OLD}").status_code == 404
    assert f"/pl/news/{OLD}" not in dict(redirects(app))
    rename(client, other, action="publish")
    assert client.get(f"/pl/news/{OLD}").status_code == 200


def test_a_change_made_without_a_request_keeps_old_addresses_too(app, client, festival):
    """A command or a PO import: the same signal, the same redirects, no request to build on."""
    with app.app_context():
        kind = kind_named("article")
        with Change(None, Via.COMMAND_LINE) as change:
            item = change.load(kind, festival)
            change.write_texts(kind, item, "pl", {}, slug="z-wiersza-polecen")
            change.record(kind, item, "save")
        assert Redirect.from_path(f"/pl/news/{OLD}").user_id is None
    assert_moved(client, f"/pl/news/{OLD}", "/pl/news/z-wiersza-polecen")


def test_information_pages_and_awards_keep_old_addresses(app, client, staff):
    staff("editor")
    with app.app_context():
        page = factories.make("page", {"pl": {"title": "Kontakt", "body": "<p>Tel.</p>"}},
                              published=utcnow())
    rename(client, page, url="pages", pl="kontakt-z-osrodkiem")
    assert_moved(client, "/pl/info/kontakt", "/pl/info/kontakt-z-osrodkiem")
