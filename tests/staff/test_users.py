"""Administrators invite, change and deactivate users; invitees set a password through a link."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.extensions import db
from portal.staff.models import User

from ..conftest import check_page, create_user, csrf_token, log_in


def post(client, url: str, data: dict | None = None, token_from: str | None = None):
    """POST like a browser: with the CSRF token of the page the form is on."""
    token = csrf_token(client, token_from or url)
    return client.post(url, data={**(data or {}), "csrf_token": token})


def user_by_email(app, email: str) -> User:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        db.session.expunge(user)
        return user


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def link_on(page_html: str) -> str:
    match = re.search(r'id="new-link" value="([^"]+)"', page_html)
    assert match, "no set-password link on the page"
    return match.group(1).replace("&amp;", "&")


def test_users_list_shows_everyone(app, client, staff):
    staff("admin", name="Anna Admin", language="en")
    create_user(app, "translator", email="tom@mops.example.pl", name="Tom Translator")
    page = check_page(client.get("/staff/users"), "en")
    assert page.one("h1").get_text() == "Users"
    rows = page.select("tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Anna Admin", "Tom Translator"]
    assert "Translator" in rows[1].get_text()
    assert page.one("caption").get_text(strip=True) == "2 accounts"


def test_invite_link_set_password_and_log_in(app, client, staff):
    staff("admin", language="en")
    page = check_page(client.get("/staff/users/new"), "en")
    assert page.one("h1").get_text() == "Invite a user"
    response = post(
        client,
        "/staff/users/new",
        {
            "name": "Ewa Nowak",
            "email": " Ewa@MOPS.example.pl ",
            "role": "translator",
            "language": "en",
        },
    )
    assert response.status_code == 302
    ewa = user_by_email(app, "ewa@mops.example.pl")
    assert (ewa.role, ewa.language, ewa.has_password) == ("translator", "en", False)
    assert response.headers["Location"] == f"/staff/users/{ewa.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    link = link_on(html)
    assert "/staff/set-password/" in link
    # The link is shown once.
    assert 'id="new-link"' not in client.get(f"/staff/users/{ewa.id}").get_data(as_text=True)

    # Before a password is set, nobody can log in as the invitee.
    invitee = app.test_client()
    assert log_in(invitee, "ewa@mops.example.pl", "").status_code == 200
    path = link.split("localhost", 1)[1]
    page = check_page(invitee.get(path), "pl")
    assert page.response.headers["Referrer-Policy"] == "no-referrer"
    token = csrf_token(invitee, path)
    short = invitee.post(path, data={"password": "short", "confirm": "short", "csrf_token": token})
    page = check_page(short, "pl")
    assert page.select(".error-summary a[href='#password']")
    different = invitee.post(
        path,
        data={
            "password": "a long enough password",
            "confirm": "another one entirely",
            "csrf_token": token,
        },
    )
    assert check_page(different, "pl").select(".error-summary a[href='#confirm']")
    done = invitee.post(
        path,
        data={
            "password": "a long enough password",
            "confirm": "a long enough password",
            "csrf_token": token,
        },
    )
    assert done.status_code == 302 and done.headers["Location"] == "/staff/login"
    # One use only.
    check_page(invitee.get(path), "pl", status=404)
    assert log_in(invitee, "ewa@mops.example.pl", "a long enough password").status_code == 302
    assert check_page(invitee.get("/staff/"), "en")  # her chosen language
    assert actions(app)[-3:] == ["user_create", "password_set", "login"]


def test_invite_errors_keep_what_was_typed(app, client, staff):
    staff("admin", language="en")
    create_user(app, "editor", email="taken@mops.example.pl")
    response = post(
        client,
        "/staff/users/new",
        {
            "name": "Jan Kowalski",
            "email": "taken@mops.example.pl",
            "role": "editor",
            "language": "pl",
        },
    )
    page = check_page(response, "en")
    summary = page.one(".error-summary")
    assert summary.select_one("a[href='#email']").get_text() == (
        "There is already an account with this email address."
    )
    assert page.one("#name")["value"] == "Jan Kowalski"
    assert page.one("#email")["aria-invalid"] == "true"
    response = post(client, "/staff/users/new", {"name": "", "email": "nope", "role": "boss"})
    page = check_page(response, "en")
    links = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert links["#name"] == "Enter the person's full name."
    assert links["#email"] == "Enter an email address like name@example.pl."
    assert "#role" in links


def test_invite_errors_in_polish(app, client, staff):
    staff("admin", language="pl")
    response = post(client, "/staff/users/new", {"name": "", "email": ""})
    page = check_page(response, "pl")
    links = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert links["#name"] == "Wpisz imię i nazwisko tej osoby."


def test_change_role_and_name(app, client, staff):
    staff("admin", language="en")
    ewa = create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa")
    response = post(client, f"/staff/users/{ewa}", {"name": "Ewa Nowak", "role": "translator"})
    assert response.status_code == 302
    user = user_by_email(app, "ewa@mops.example.pl")
    assert (user.name, user.role) == ("Ewa Nowak", "translator")
    assert actions(app)[-2:] == ["user_role", "user_name"]


def test_the_last_admin_cannot_be_demoted_or_deactivated(app, client, staff):
    admin = staff("admin", language="en")
    response = post(client, f"/staff/users/{admin}", {"name": "Admin", "role": "editor"})
    page = check_page(response, "en")
    assert "There must always be an active administrator" in page.one(".error-summary").text
    assert user_by_email(app, "admin@mops.example.pl").role == "admin"

    response = post(client, f"/staff/users/{admin}/deactivate", token_from="/staff/")
    assert response.status_code == 302
    assert user_by_email(app, "admin@mops.example.pl").active

    # With a second administrator, the first may step down.
    create_user(app, "admin", email="second@mops.example.pl")
    response = post(client, f"/staff/users/{admin}", {"name": "Admin", "role": "editor"})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    assert client.get("/staff/users").status_code == 403


def test_deactivation_ends_every_session_and_reactivation_does_not_revive_them(app, client, staff):
    staff("admin", language="en")
    ewa = create_user(app, "editor", email="ewa@mops.example.pl")
    her = app.test_client()
    log_in(her, "ewa@mops.example.pl")
    copied = her.get_cookie("session").value
    assert her.get("/staff/").status_code == 200

    response = post(client, f"/staff/users/{ewa}/deactivate", token_from="/staff/")
    assert response.status_code == 302
    page = check_page(client.get(f"/staff/users/{ewa}"), "en")
    assert "Deactivated" in page.text
    assert her.get("/staff/").status_code == 302
    assert log_in(her, "ewa@mops.example.pl").status_code == 200  # cannot log in

    post(client, f"/staff/users/{ewa}/activate", token_from="/staff/")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/staff/").status_code == 302
    assert log_in(her, "ewa@mops.example.pl").status_code == 302
    assert actions(app)[-4:] == ["user_deactivate", "login_failed", "user_activate", "login"]


def test_admin_cannot_deactivate_themselves(app, client, staff):
    admin = staff("admin", language="en")
    create_user(app, "admin", email="second@mops.example.pl")
    response = post(client, f"/staff/users/{admin}/deactivate", token_from="/staff/")
    assert response.status_code == 302
    assert user_by_email(app, "admin@mops.example.pl").active
    page = check_page(client.get(response.headers["Location"]), "en")
    assert "You cannot deactivate your own account." in page.text


def test_a_new_link_voids_the_old_one_and_ends_sessions(app, client, staff):
    staff("admin", language="en")
    ewa = create_user(app, "editor", email="ewa@mops.example.pl")
    her = app.test_client()
    log_in(her, "ewa@mops.example.pl")

    post(client, f"/staff/users/{ewa}/link", token_from="/staff/")
    first = link_on(client.get(f"/staff/users/{ewa}").get_data(as_text=True))
    assert her.get("/staff/").status_code == 302  # a reset link logs her out
    post(client, f"/staff/users/{ewa}/link", token_from="/staff/")
    second = link_on(client.get(f"/staff/users/{ewa}").get_data(as_text=True))
    assert first != second
    anonymous = app.test_client()
    assert anonymous.get(first.split("localhost", 1)[1]).status_code == 404
    assert anonymous.get(second.split("localhost", 1)[1]).status_code == 200


def test_set_password_links_expire_and_cannot_be_forged(app, client):
    from portal.staff import tokens

    ewa = create_user(app, "editor", email="ewa@mops.example.pl")
    with app.test_request_context():
        user = db.session.get(User, ewa)
        link = tokens.password_link(user)
        assert tokens.user_from_token(link.rsplit("/", 1)[1]).id == ewa
        app.config["STAFF_LINK_MAX_AGE"] = -1
        assert tokens.user_from_token(link.rsplit("/", 1)[1]) is None
        app.config["STAFF_LINK_MAX_AGE"] = 3600
        assert tokens.user_from_token("eyJhIjoxfQ.forged.signature") is None
    assert client.get("/staff/set-password/not-a-token").status_code == 404
