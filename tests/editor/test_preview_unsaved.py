"""Previewing the text in the form before saving it: the public page, nothing saved."""

from __future__ import annotations

from portal.extensions import db
from portal.news.models import Article
from portal.revisions import Revision

from ..conftest import check_page, create_user, csrf_token, log_in
from ..content_helpers import edit_form
from ..editor.test_editing import article, new_article


def test_preview_shows_the_unsaved_text_and_saves_nothing(app, client, staff):
    staff("editor")
    new_article(client, **{"en-title": "In English", "en-body": "<p>Text.</p>"})
    data = edit_form(client, "/staff/articles/1")
    data.update(
        {
            "pl-title": "Tytuł jeszcze niezapisany",
            "pl-body": "<p>Nowa <b>treść</b>.</p><script>alert(1)</script>",
            "en-title": "A title not saved yet",
            "preview": "pl",
        }
    )
    page = check_page(client.post("/staff/articles/1", data=data), "pl")
    assert page.one("h1").get_text() == "Tytuł jeszcze niezapisany"
    assert "<strong>treść</strong>" in str(page.one(".prose"))  # cleaned as a save would
    assert "alert(1)" not in page.response.get_data(as_text=True)
    assert "ze zmianami, które nie są zapisane" in page.one(".preview-banner").get_text()
    assert page.response.headers["Cache-Control"].startswith("no-store")

    english = check_page(client.post("/staff/articles/1", data=dict(data, preview="en")), "en")
    assert english.one("h1").get_text() == "A title not saved yet"

    with app.app_context():
        item = article(app)
        assert item.translations["pl"].title == "Zażółć gęślą jaźń w Łodzi"
        assert item.translations["en"].title == "In English"
        assert item.version == 1
        assert len(Revision.for_item("article", 1)) == 1
    # The form is still there to be saved.
    data.pop("preview")
    data["action"] = "save"
    assert client.post("/staff/articles/1", data=data).status_code == 302


def test_a_new_item_can_be_previewed_before_it_exists(app, client, staff):
    staff("editor")
    data = {
        "csrf_token": csrf_token(client, "/staff/articles/new"),
        "revision": "0",
        "pl-title": "Piknik",
        "pl-body": "<p>Zapraszamy.</p>",
        "preview": "pl",
    }
    page = check_page(client.post("/staff/articles/new", data=data), "pl")
    assert page.one("h1").get_text() == "Piknik"
    assert page.one(".preview-banner a")["href"] == "/staff/articles/new"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Article)) == 0

    # An incomplete form comes back with its errors instead.
    page = check_page(client.post("/staff/articles/new", data=dict(data, **{"pl-title": ""})), "pl")
    assert page.one(".error-summary")


def test_preview_needs_the_csrf_token_a_language_of_the_form_and_a_login(app, client, staff):
    staff("translator")
    editor = app.test_client()
    create_user(app, "editor", email="ewa@mops.example.pl")
    log_in(editor, "ewa@mops.example.pl")
    new_article(editor, **{"en-title": "In English"})

    data = edit_form(client, "/staff/articles/1/translate/en")
    data.update({"en-title": "Translator's draft", "preview": "en"})
    page = check_page(client.post("/staff/articles/1/translate/en", data=data), "en")
    assert page.one("h1").get_text() == "Translator's draft"
    for crafted in ("pl", "uk", "de"):
        response = client.post("/staff/articles/1/translate/en", data=dict(data, preview=crafted))
        assert response.status_code == 400
    # Without the token: no preview, only the form again with what was typed (nothing saved).
    no_token = {k: v for k, v in data.items() if k != "csrf_token"}
    back = check_page(client.post("/staff/articles/1/translate/en", data=no_token), "pl")
    assert back.select("#edit-form") and back.select(".error-summary")
    assert back.one("#en-title")["value"] == "Translator's draft"
    assert back.one("h1").get_text() != "Translator's draft"
    anonymous = app.test_client()
    own_token = csrf_token(anonymous, "/staff/login")
    response = anonymous.post("/staff/articles/1", data=dict(data, csrf_token=own_token))
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    with app.app_context():
        assert article(app).translations["en"].title == "In English"
