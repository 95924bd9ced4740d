"""Who may do what with content, enforced on the server: the role × route matrix."""

from __future__ import annotations

import pytest

from portal import kinds
from portal.editor.routes import RULES
from portal.extensions import db
from portal.news.models import Article
from portal.pages.models import Page
from portal.revisions import Revision

from ..conftest import csrf_token
from ..content_helpers import edit_form

OK, LOGIN, FORBIDDEN, DONE = 200, 302, 403, 302
# What a POST with no fields but the CSRF token (and the revision the form shows) leads to,
# where it is not simply done: a new item's empty form comes back with its errors; an empty
# save of the whole item comes back to editors (the Polish text is required of them) and is done
# for a translator (their empty sections remove translations, kept in the history). An empty
# side-by-side form is done for all who may translate (there was no Ukrainian to remove).
POSTED = {
    "new": {"editor": OK, "publisher": OK, "admin": OK},
    "edit": {"translator": DONE, "editor": OK, "publisher": OK, "admin": OK},
    # Text kept while typing answers with a short message, for all who may edit.
    "autosave": {"translator": OK, "editor": OK, "publisher": OK, "admin": OK},
    # Sending back from review without a comment comes back asking for one.
    "review_return": {"publisher": OK, "admin": OK},
}
EDITOR_EXPECTS = {"GET": OK, "POST": DONE}


def content_routes(app) -> list[tuple[str, str, str, dict[str, int]]]:
    """(method, path, view, expected status per role) of every editor route of every kind in
    the app's registry, the roles read from the editor's own rule table."""
    routes = [("GET", "/staff/", "dashboard",
               {"anonymous": LOGIN, "translator": OK, "editor": OK, "admin": OK})]
    for kind in kinds.edited(app):
        for rule, view, _func, methods, roles in RULES:
            lang = "uk" if view == "translate" else "pl"
            path = (f"/staff/{kind.url}{rule}".replace("<int:item_id>", "1")
                    .replace("<lang:lang>", lang).replace("<int:number>", "1"))
            for method in methods:
                expected = {"anonymous": LOGIN}
                for role in ("translator", "editor", "publisher"):
                    if role not in roles:
                        expected[role] = FORBIDDEN
                if method == "POST":
                    expected = {**POSTED.get(view, {}), **expected}
                routes.append((method, path, view, expected))
    return routes


@pytest.mark.parametrize("role", ["anonymous", "translator", "editor", "publisher", "admin"])
def test_role_route_matrix(demo, client, staff, role):
    if role != "anonymous":
        staff(role)
    token = csrf_token(client, "/staff/login" if role == "anonymous" else "/staff/")
    for method, path, view, expected in content_routes(demo):
        want = expected.get(role, EDITOR_EXPECTS[method])
        if method == "GET":
            response = client.get(path)
        elif view == "new":
            response = client.post(path, data={"csrf_token": token, "pl-title": "X"})
        else:
            kind = path.split("/")[2]
            with demo.app_context():
                name = next(k.name for k in kinds.edited() if k.url == kind)
                revision = Revision.latest_number(name, 1)
            response = client.post(path, data={"csrf_token": token, "revision": revision})
        assert response.status_code == want, (role, method, path, response.status_code)
        if role == "anonymous" and want == LOGIN:
            assert response.headers["Location"].startswith("/staff/login")


def test_translator_cannot_publish_delete_or_touch_polish(demo, client, staff):
    staff("translator")
    slug = "mops-z-certyfikatem-jakosci-przyjazny-urzad"
    with demo.app_context():
        before = db.session.get(Article, 1)
        state = (
            before.published_at,
            before.version,
            before.translations["pl"].title,
            [(i.id, i.position, i.decorative) for i in before.images],
        )
        article_id = next(
            a.id
            for a in db.session.scalars(db.select(Article))
            if a.translations["pl"].slug == slug
        )
    url = f"/staff/articles/{article_id}"
    shown = client.get(url).get_data(as_text=True)
    assert 'name="pl-title"' not in shown and 'value="publish"' not in shown

    crafted = edit_form(client, url)
    crafted.update(
        {
            "pl-title": "Podmieniony tytuł",
            "pl-body": "<p>Podmieniona treść</p>",
            "images-0-remove": "y",
            "images-0-decorative": "y",
            "images-0-position": "9",
            "images-0-pl-alt": "Podmieniony opis",
            "images-0-key": "0" * 32,
            "publish_date": "2020-01-01",
            "publish_time": "10:00",
        }
    )
    for action in ("publish", "schedule", "unpublish", "delete", "restore"):
        assert client.post(url, data=dict(crafted, action=action)).status_code == FORBIDDEN

    crafted.update({"en-title": "A better English title", "action": "save"})
    assert client.post(url, data=crafted).status_code == DONE
    with demo.app_context():
        after = db.session.get(Article, article_id)
        assert after.translations["en"].title == "A better English title"
        assert after.translations["pl"].title != "Podmieniony tytuł"
        assert after.translations["pl"].body.find("Podmieniona") == -1
        assert after.deleted_at is None and after.is_visible()
        assert all(i.translations["pl"].alt != "Podmieniony opis" for i in after.images)
        assert not any(i.decorative for i in after.images)
        assert len(after.images) == 9
        if article_id == 1:
            assert (after.published_at, after.version) == state[:2]
        assert Revision.for_item("article", article_id)[0].action == "save"


def test_translator_cannot_change_language_neutral_fields(demo, client, staff):
    staff("translator")
    data = edit_form(client, "/staff/pages/1")
    assert "menu_position" not in data
    data.update({"menu_position": "42", "en-summary": "Updated.", "action": "save"})
    assert client.post("/staff/pages/1", data=data).status_code == DONE
    with demo.app_context():
        page = db.session.get(Page, 1)
        assert page.menu_position != 42
        assert page.translations["en"].summary == "Updated."
