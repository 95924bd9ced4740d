"""A staff member's own account: interface language and password."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.staff.models import User

from ..conftest import check_page, csrf_token, log_in


def get_user(app, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def test_choosing_english_turns_the_staff_pages_english(app, client, staff):
    user_id = staff("editor")
    page = check_page(client.get("/staff/account"), "pl")
    assert page.one("h1").get_text() == "Moje konto"
    token = csrf_token(client, "/staff/account")
    response = client.post("/staff/account", data={"language": "en", "csrf_token": token})
    assert response.status_code == 302
    page = check_page(client.get("/staff/account"), "en")
    assert page.one("h1").get_text() == "My account"
    assert "Your settings have been saved." in page.text
    assert check_page(client.get("/staff/"), "en").one("h1").get_text() == "Dashboard"
    assert get_user(app, user_id).language == "en"


def test_account_form_ignores_crafted_fields(app, client, staff):
    user_id = staff("translator")
    before = get_user(app, user_id)
    token = csrf_token(client, "/staff/account")
    response = client.post(
        "/staff/account",
        data={
            "language": "en",
            "role": "admin",
            "active": "0",
            "email": "attacker@evil.example",
            "name": "Someone Else",
            "password_hash": "x",
            "session_version": "1",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    after = get_user(app, user_id)
    assert after.language == "en"
    assert (after.role, after.active, after.email, after.name, after.password_hash) == (
        before.role,
        before.active,
        before.email,
        before.name,
        before.password_hash,
    )
    assert client.get("/staff/users").status_code == 403


def test_unknown_language_is_refused(app, client, staff):
    staff("editor", language="en")
    token = csrf_token(client, "/staff/account")
    response = client.post("/staff/account", data={"language": "xx", "csrf_token": token})
    page = check_page(response, "en")
    assert page.select(".error-summary a[href='#language']")


def test_changing_password_ends_other_sessions_but_not_this_one(app, client, staff):
    user_id = staff("editor", language="en")
    other = app.test_client()
    log_in(other, "editor@mops.example.pl")
    assert other.get("/staff/").status_code == 200

    page = check_page(client.get("/staff/account/password"), "en")
    assert page.one("h1").get_text() == "Change your password"
    token = csrf_token(client, "/staff/account/password")
    wrong = client.post(
        "/staff/account/password",
        data={
            "current_password": "not it",
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
            "csrf_token": token,
        },
    )
    page = check_page(wrong, "en")
    assert page.one(".error-summary a[href='#current_password']").get_text() == (
        "Your current password is not correct."
    )
    assert not page.one("#current_password").get("value")  # passwords never come back
    assert not page.one("#password").get("value")

    response = client.post(
        "/staff/account/password",
        data={
            "current_password": "correct horse battery staple",
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200  # this browser stays logged in
    assert other.get("/staff/").status_code == 302  # every other session ended
    assert log_in(app.test_client(), "editor@mops.example.pl").status_code == 200
    assert (
        log_in(app.test_client(), "editor@mops.example.pl", "a brand new passphrase").status_code
        == 302
    )
    with app.app_context():
        from portal.audit import AuditEvent

        events = db.session.scalars(
            sa.select(AuditEvent.action).where(AuditEvent.target_id == user_id)
        ).all()
        assert "password_change" in events


def test_new_password_rules(app, client, staff):
    staff("editor", language="en")
    token = csrf_token(client, "/staff/account/password")
    response = client.post(
        "/staff/account/password",
        data={
            "current_password": "correct horse battery staple",
            "password": "too short",
            "confirm": "too short",
            "csrf_token": token,
        },
    )
    page = check_page(response, "en")
    assert page.one(".error-summary a[href='#password']").get_text() == (
        "The new password must be between 12 and 1024 characters long."
    )
