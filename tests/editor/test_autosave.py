"""Text kept while typing: offered back until the item is saved, never published or recorded."""

from __future__ import annotations

from portal.editor.autosave import Autosave
from portal.extensions import db
from portal.revisions import Revision

from ..conftest import check_page, create_user, log_in
from ..content_helpers import edit_form
from .test_editing import article, new_article


def keep(client, url: str, data: dict):
    return client.post(url, data=data, headers={"Accept": "application/json"})


def test_typed_text_is_kept_offered_back_and_forgotten_once_saved(app, client, staff):
    staff("editor")
    new_article(client)
    data = edit_form(client, "/staff/articles/1")
    data["pl-title"] = "Tytuł wpisany przed awarią"
    answer = keep(client, "/staff/articles/1/autosave", data)
    assert answer.status_code == 200 and "Zachowano automatycznie" in answer.json["message"]
    with app.app_context():
        assert article(app).translations["pl"].title != "Tytuł wpisany przed awarią"
        assert len(Revision.for_item("article", 1)) == 1  # nothing recorded, nothing published

    offered = check_page(client.get("/staff/articles/1"), "pl")
    assert "nie został zapisany jako tekst pozycji" in offered.one(".autosaved").get_text()
    assert offered.one("#pl-title")["value"] != "Tytuł wpisany przed awarią"
    back = check_page(client.get(offered.one(".autosaved a")["href"]), "pl")
    assert back.one("#pl-title")["value"] == "Tytuł wpisany przed awarią"
    assert not back.select(".autosaved")

    restored = edit_form(client, "/staff/articles/1?autosaved=1")
    restored["action"] = "save"
    assert client.post("/staff/articles/1", data=restored).status_code == 302
    with app.app_context():
        assert article(app).translations["pl"].title == "Tytuł wpisany przed awarią"
        assert db.session.scalar(db.select(db.func.count()).select_from(Autosave)) == 0
    assert not check_page(client.get("/staff/articles/1"), "pl").select(".autosaved")


def test_kept_text_is_the_typists_own_and_can_be_discarded(app, client, staff):
    staff("editor")
    new_article(client)
    data = edit_form(client, "/staff/articles/1")
    assert keep(client, "/staff/articles/1/autosave", data).status_code == 200
    create_user(app, "editor", email="jan@mops.example.pl")
    other = app.test_client()
    log_in(other, "jan@mops.example.pl")
    assert not check_page(other.get("/staff/articles/1"), "pl").select(".autosaved")
    offered = check_page(client.get("/staff/articles/1"), "pl")
    discard = offered.one(".autosaved form")
    fields = {i["name"]: i["value"] for i in discard.select("input")}
    assert client.post(discard["action"], data=fields).status_code == 302
    assert not check_page(client.get("/staff/articles/1"), "pl").select(".autosaved")


def test_a_new_items_text_is_kept_for_editors_only(app, client, staff):
    staff("translator")
    token = check_page(client.get("/staff/"), "pl").one("input[name=csrf_token]")["value"]
    assert keep(client, "/staff/articles/0/autosave", {"csrf_token": token}).status_code == 403
    assert keep(client, "/staff/articles/99/autosave", {"csrf_token": token}).status_code == 404
    assert keep(client, "/staff/articles/1/autosave", {}).status_code in (400, 404)
