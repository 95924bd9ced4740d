"""Roles are enforced on the server: every staff route, for the roles allowed to use it.

ROUTES is the table of every staff route outside the editor and who may use it (the editor's
routes say so in portal.editor.routes.RULES). The generated matrix of tests/staff/
test_route_matrix.py reads both and fails when a route is in neither; it sends every route as
anonymous and as each role refused, changing nothing. Here: the roles allowed get the page, or
the action done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from flask import url_for

from portal.extensions import db
from portal.redirects.models import Redirect
from portal.staff.models import User

from ..conftest import check_page, create_user, csrf_token, log_in

ADMIN = frozenset({"admin"})
EDITORS = frozenset({"admin", "editor", "publisher"})
EVERY_ROLE = frozenset({"admin", "editor", "publisher", "translator"})
# Routes anyone may open without logging in.
PUBLIC_ENDPOINTS = {
    "staff.login",
    "staff.set_password",
    "staff.forgot_password",
    "staff.forgot_password_sent",
}


@dataclass(frozen=True)
class Route:
    method: str
    endpoint: str
    allowed: frozenset[str]
    data: dict[str, str] = field(default_factory=dict)
    # URL arguments: "other" is another user's id (an editor who is not the one asking),
    # "redirect" an administrator's redirect, "media" a file of the media library (a new one
    # for each request: an allowed delete removes it).
    args: tuple[str, ...] = ()


ROUTES: list[Route] = [
    # --- Accounts and security -------------------------------------------------------------
    Route("GET", "staff.dashboard", EVERY_ROLE),
    Route("POST", "staff.logout", EVERY_ROLE),
    Route("GET", "staff.account", EVERY_ROLE),
    Route("POST", "staff.account", EVERY_ROLE, {"language": "en", "role": "admin", "active": "0"}),
    Route("GET", "staff.change_password", EVERY_ROLE),
    Route("POST", "staff.change_password", EVERY_ROLE, {"current_password": "wrong"}),
    Route("GET", "staff.users", ADMIN),
    Route("GET", "staff.invite_user", ADMIN),
    Route(
        "POST",
        "staff.invite_user",
        ADMIN,
        {"name": "New", "email": "new@mops.example.pl", "role": "admin", "language": "pl"},
    ),
    Route("GET", "staff.edit_user", ADMIN, args=("other",)),
    Route("POST", "staff.edit_user", ADMIN, {"name": "Renamed", "role": "admin"}, ("other",)),
    Route("POST", "staff.deactivate_user", ADMIN, args=("other",)),
    Route("POST", "staff.activate_user", ADMIN, args=("other",)),
    Route("POST", "staff.new_password_link", ADMIN, args=("other",)),
    Route("GET", "staff.audit_log", ADMIN),
    Route("GET", "staff.accessibility_statement", ADMIN),
    Route("POST", "staff.accessibility_statement", ADMIN, {"pl-body_name": "Changed"}),
    Route("GET", "staff.redirects", ADMIN),
    Route("GET", "staff.redirect_new", ADMIN),
    Route("POST", "staff.redirect_new", ADMIN, {"old_path": "/stara.html", "target_path": "/pl/"}),
    Route("GET", "staff.redirect_delete", ADMIN, args=("redirect",)),
    Route("POST", "staff.redirect_delete", ADMIN, args=("redirect",)),
    # --- Bulk actions on the lists (deleting for good: administrators, see staff/test_bulk) ---
    Route("GET", "staff.bulk", EDITORS, args=()),
    Route("POST", "staff.bulk", EDITORS, {"action": "trash", "item": "article:1"}),
    # --- Translations (status, content PO files, catalogs) ---------------------------------
    Route("GET", "staff.search", EVERY_ROLE),
    Route("GET", "staff.media", EDITORS),
    Route("GET", "staff.media_file", EVERY_ROLE, args=("media",)),  # translators see files
    Route("GET", "staff.media_use", EDITORS, args=("media",)),
    Route("POST", "staff.media_use", EDITORS, {"target": ""}, ("media",)),
    Route("GET", "staff.media_delete", EDITORS, args=("media",)),
    Route("POST", "staff.media_delete", EDITORS, args=("media",)),
    Route("GET", "staff.translations", EVERY_ROLE),
    Route("GET", "staff.translation_files", EVERY_ROLE),
    Route("GET", "staff.translation_export", EVERY_ROLE),
    Route("POST", "staff.translation_import", EVERY_ROLE, {"language": "pl", "role": "admin"}),
    Route("GET", "staff.translation_catalogs", EVERY_ROLE),
    # Content routes (articles, awards, pages, galleries, publishing, history) are walked by
    # tests/editor/test_roles.py, whose table the completeness test below reads as well.
]


def _url(route: Route, ids: dict[str, int]) -> str:
    names = {"other": "user_id", "redirect": "redirect_id", "media": "file_id"}
    return url_for(route.endpoint, **{names[a]: ids[a] for a in route.args})


def _media(app) -> int:
    """A document in the media library, used nowhere."""
    from portal.documents import files, library

    from ..documents.samples import pdf

    with app.test_request_context():
        processed = files.process(pdf(), app.config["MEDIA_ROOT"])
        row = library.remember_document(processed, "regulamin.pdf")
        db.session.commit()
        return row.id


def _redirect(app) -> int:
    with app.app_context():
        row = Redirect(old_path="/aktualnosci/1.html", target_path="/pl/news/")
        db.session.add(row)
        db.session.commit()
        return row.id


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.endpoint}")
def test_role_matrix(app, route):
    for role in sorted(route.allowed):
        create_user(app, role, email=f"{role}@mops.example.pl", language="en")
    ids = {"other": create_user(app, "editor", email="other@mops.example.pl", name="Other"),
           "redirect": _redirect(app)}

    def address() -> str:
        if "media" in route.args:
            ids["media"] = _media(app)
        with app.test_request_context():
            return _url(route, ids)

    for role in sorted(route.allowed):
        client = app.test_client()
        assert log_in(client, f"{role}@mops.example.pl").status_code == 302
        url = address()
        if route.method == "GET":
            response = client.get(url)
        else:
            token = csrf_token(client, "/staff/")
            response = client.post(url, data={**route.data, "csrf_token": token})
        response.close()  # a file download holds its file open until then
        assert response.status_code in (200, 302), (role, route, response.status_code)
        if response.status_code == 200 and response.mimetype == "text/html":
            check_page(response, "en")


def test_crafted_fields_change_only_what_the_form_allows(app, client, staff):
    staff("admin", language="en")
    other = create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa")
    with app.app_context():
        before = db.session.get(User, other)
        version, password_hash = before.session_version, before.password_hash

    token = csrf_token(client, f"/staff/users/{other}")
    response = client.post(
        f"/staff/users/{other}",
        data={
            "name": "Ewa Nowak",
            "role": "editor",
            "email": "attacker@evil.example",
            "active": "0",
            "password_hash": "x",
            "session_version": "99",
            "language": "uk",
            "id": "1",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, other)
        assert (user.name, user.email, user.active, user.language) == (
            "Ewa Nowak",
            "ewa@mops.example.pl",
            True,
            "pl",
        )
        assert (user.session_version, user.password_hash) == (version, password_hash)

    # A role that does not exist is refused with a message on the field.
    response = client.post(
        f"/staff/users/{other}", data={"name": "Ewa", "role": "superuser", "csrf_token": token}
    )
    page = check_page(response, "en")
    assert page.select(".error-summary a[href='#role']")

    # An invitation cannot smuggle in a password or an inactive state.
    response = client.post(
        "/staff/users/new",
        data={
            "name": "Jan",
            "email": "jan@mops.example.pl",
            "role": "editor",
            "language": "pl",
            "password_hash": "$argon2id$forged",
            "active": "0",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        jan = User.by_email("jan@mops.example.pl")
        assert (jan.password_hash, jan.active) == ("", True)
