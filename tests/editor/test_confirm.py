"""Unpublishing, the trash and restoring a revision ask first, on a page without JavaScript."""

from __future__ import annotations

import pytest

from portal.editor.drafts import Draft
from portal.kinds import kind_named
from portal.revisions import Revision

from ..conftest import check_page
from ..content_helpers import confirm, edit_form
from .test_editing import article, new_article


@pytest.mark.parametrize(("action", "question", "yes"), [
    ("unpublish", "Wycofać z publikacji", "Tak, wycofaj z publikacji"),
    ("delete", "Przenieść „Zażółć gęślą jaźń w Łodzi” do kosza", "Tak, przenieś do kosza"),
])
def test_a_step_away_from_readers_asks_first(app, client, staff, action, question, yes):
    staff("editor")
    new_article(client)
    data = edit_form(client, "/staff/articles/1")
    data["action"] = "publish"
    assert client.post("/staff/articles/1", data=data).status_code == 302
    data = edit_form(client, "/staff/articles/1")
    data.update({"pl-summary": "Zmienione przed wycofaniem.", "action": action})
    asked = check_page(client.post("/staff/articles/1", data=data), "pl")
    assert question in asked.one("h1").get_text()
    assert asked.one("main form button").get_text(strip=True) == yes
    assert asked.one("main form a")["href"] == "/staff/articles/1"
    with app.app_context():
        assert article(app).is_visible()  # nothing done yet
        assert [r.action for r in Revision.for_item("article", 1)] == ["publish", "create"]
    assert confirm(client, asked.response).status_code == 302
    with app.app_context():
        item = article(app)
        assert not item.is_visible()
        if action == "unpublish":  # kept: the item is a draft again, edited directly
            assert item.translations["pl"].summary == "Zmienione przed wycofaniem."
        else:  # kept in its working draft: restored from the trash, readers get their text
            assert item.translations["pl"].summary != "Zmienione przed wycofaniem."
            draft = Draft.find(kind_named("article"), 1)
            assert draft.formdata()["pl-summary"] == "Zmienione przed wycofaniem."


def test_restoring_a_revision_shows_what_changes_and_asks(app, client, staff):
    staff("editor")
    new_article(client)
    data = edit_form(client, "/staff/articles/1")
    data.update({"pl-summary": "Druga wersja streszczenia.", "action": "save"})
    assert client.post("/staff/articles/1", data=data).status_code == 302
    history = check_page(client.get("/staff/articles/1/history"), "pl")
    link = history.one("a[href='/staff/articles/1/history/1/revert']")
    asked = check_page(client.get(link["href"]), "pl")
    assert "Przywrócić wersję 1" in asked.one("h1").get_text()
    assert "Streszczenie (Polski)" in asked.one(".changes").get_text(" ")
    with app.app_context():
        assert article(app).translations["pl"].summary == "Druga wersja streszczenia."
    assert confirm(client, asked.response).status_code == 302
    with app.app_context():
        assert article(app).translations["pl"].summary == "Krótko."
