"""Who may do what with content, enforced on the server: the role × route matrix."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.news.models import Article
from portal.pages.models import Page
from portal.staff.revisions import Revision

from .conftest import csrf_token
from .content_helpers import edit_form

KINDS = ("articles", "awards", "pages")
OK, LOGIN, FORBIDDEN, DONE = 200, 302, 403, 302

# (method, path, {role: expected status})
ROUTES = [
    ("GET", "/staff/", {"anonymous": LOGIN, "translator": OK, "editor": OK, "admin": OK}),
    *[
        route
        for kind in KINDS
        for route in [
            ("GET", f"/staff/{kind}/new", {"anonymous": LOGIN, "translator": FORBIDDEN}),
            ("POST", f"/staff/{kind}/new", {"anonymous": LOGIN, "translator": FORBIDDEN}),
            ("GET", f"/staff/{kind}/1", {"anonymous": LOGIN, "translator": OK}),
            # An empty save: the Polish text is required of editors (the form comes back with
            # its errors); a translator's empty sections remove translations (kept in history).
            ("POST", f"/staff/{kind}/1", {"anonymous": LOGIN, "translator": DONE, "editor": OK,
                                          "admin": OK}),
            ("GET", f"/staff/{kind}/1/translate/uk", {"anonymous": LOGIN, "translator": OK}),
            # A post without the form's fields comes back as a form, for all who may translate.
            ("POST", f"/staff/{kind}/1/translate/uk", {"anonymous": LOGIN, "translator": OK,
                                                       "editor": OK, "admin": OK}),
            ("GET", f"/staff/{kind}/1/preview/pl", {"anonymous": LOGIN, "translator": OK}),
            ("GET", f"/staff/{kind}/1/preview/en", {"anonymous": LOGIN, "translator": OK}),
            ("GET", f"/staff/{kind}/1/history", {"anonymous": LOGIN, "translator": OK}),
            ("POST", f"/staff/{kind}/1/restore", {"anonymous": LOGIN, "translator": FORBIDDEN}),
            (
                "POST",
                f"/staff/{kind}/1/history/1/revert",
                {"anonymous": LOGIN, "translator": FORBIDDEN},
            ),
        ]
    ],
]
EDITOR_EXPECTS = {
    "GET": OK,
    "POST": DONE,
}


@pytest.mark.parametrize("role", ["anonymous", "translator", "editor", "admin"])
def test_role_route_matrix(demo, client, staff, role):
    if role != "anonymous":
        staff(role)
    # The demo's items have no revisions yet: give each one, so a revert has something to do.
    for kind in KINDS:
        if role in ("editor", "admin"):
            data = edit_form(client, f"/staff/{kind}/1")
            data["action"] = "save"
            assert client.post(f"/staff/{kind}/1", data=data).status_code == DONE
    token = csrf_token(client, "/staff/login" if role == "anonymous" else "/staff/")
    for method, path, expected in ROUTES:
        want = expected.get(role, EDITOR_EXPECTS[method])
        if method == "GET":
            response = client.get(path)
        elif path.endswith("/new"):
            response = client.post(path, data={"csrf_token": token, "pl-title": "X"})
            want = expected.get(role, OK)  # an incomplete form comes back with its errors
        else:
            response = client.post(path, data={"csrf_token": token})
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
