"""Login hardening: rate limits, no user enumeration, rehashing, CSRF failures keep the work."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from portal import security
from portal.extensions import db, limiter
from portal.news.models import Article
from portal.staff.models import User

from ..conftest import check_page, create_user, csrf_token, log_in, make_app, skip_or_fail
from ..content_helpers import edit_form

# A database number of its own: the test empties it.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def fail_logins(client, email: str, times: int) -> list[int]:
    token = csrf_token(client, "/staff/login")
    return [
        client.post(
            "/staff/login",
            data={"email": email, "password": "wrong password", "csrf_token": token},
        ).status_code
        for _ in range(times)
    ]


def test_failed_logins_are_limited_per_account(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    assert fail_logins(client, "ewa@mops.example.pl", 5) == [200] * 5
    # Even the right password is refused now, and the page says why, in the reader's language.
    blocked = log_in(client, "EWA@mops.example.pl")
    page = check_page(blocked, "pl", status=429)
    assert page.one("h1").get_text() == "Zbyt wiele prób"
    # Another account from the same address is not blocked.
    create_user(app, "editor", email="jan@mops.example.pl")
    assert log_in(app.test_client(), "jan@mops.example.pl").status_code == 302


def test_failed_logins_are_limited_per_address(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    for n in range(10):
        assert fail_logins(client, f"nobody{n}@mops.example.pl", 1) == [200]
    assert log_in(client, "ewa@mops.example.pl").status_code == 429
    # Another address is not blocked.
    other = app.test_client()
    response = other.post(
        "/staff/login",
        data={
            "email": "ewa@mops.example.pl",
            "password": "correct horse battery staple",
            "csrf_token": csrf_token(other, "/staff/login"),
        },
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 302


def test_successful_logins_are_not_counted(app):
    create_user(app, "editor", email="ewa@mops.example.pl")
    for _ in range(12):
        client = app.test_client()
        assert log_in(client, "ewa@mops.example.pl").status_code == 302


@pytest.mark.parametrize("backend", ["sqlite"], indirect=False)
def test_rate_limits_are_kept_in_redis_when_configured(tmp_path, backend):
    try:
        import redis

        connection = redis.Redis.from_url(REDIS_URL)
        connection.ping()
    except Exception as error:  # noqa: BLE001 - any failure means Redis is not there
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    connection.flushdb()
    app = make_app(tmp_path, backend, RATELIMIT_STORAGE_URI=REDIS_URL)
    try:
        assert type(limiter.storage).__name__ == "RedisStorage"
        create_user(app, "editor", email="ewa@mops.example.pl")
        client = app.test_client()
        assert fail_logins(client, "ewa@mops.example.pl", 5) == [200] * 5
        assert connection.keys("*staff-login-account*")
        assert log_in(client, "ewa@mops.example.pl").status_code == 429
        # A second process (a fresh app on the same Redis) sees the same count.
        other = make_app(tmp_path / "second", backend, RATELIMIT_STORAGE_URI=REDIS_URL)
        create_user(other, "editor", email="ewa@mops.example.pl")
        assert log_in(other.test_client(), "ewa@mops.example.pl").status_code == 429
        with other.app_context():
            db.engine.dispose()
    finally:
        connection.flushdb()
        with app.app_context():
            db.engine.dispose()


def test_unknown_and_inactive_accounts_are_verified_against_the_dummy_hash(
    app, client, monkeypatch
):
    """Both paths cost an Argon2 verification, so timing does not tell whether an email exists."""
    create_user(app, "editor", email="gone@mops.example.pl", active=False)
    create_user(app, "editor", email="ewa@mops.example.pl")
    verified: list[str] = []
    real = security._hasher

    class Spy:
        def verify(self, stored, password):
            verified.append(stored)
            return real.verify(stored, password)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(security, "_hasher", Spy())
    for email in ("nobody@mops.example.pl", "gone@mops.example.pl", "ewa@mops.example.pl"):
        log_in(client, email, "wrong password")
    assert verified[:2] == [security._DUMMY_HASH, security._DUMMY_HASH]
    assert verified[2] != security._DUMMY_HASH and verified[2].startswith("$argon2id$")
    assert security.verify_password("", "not a real password") is False


def test_a_hash_with_old_parameters_is_replaced_on_login(app, client):
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(
        "correct horse battery staple"
    )
    user_id = create_user(app, "editor", email="ewa@mops.example.pl")
    with app.app_context():
        db.session.get(User, user_id).password_hash = old
        db.session.commit()
    assert log_in(client, "ewa@mops.example.pl").status_code == 302
    with app.app_context():
        new = db.session.scalar(sa.select(User.password_hash).where(User.id == user_id))
    assert new != old and not security.needs_rehash(new)


def test_login_with_a_stale_token_keeps_the_email_and_asks_to_log_in_again(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    client.get("/staff/login")
    response = client.post(
        "/staff/login",
        data={
            "email": "ewa@mops.example.pl",
            "password": "correct horse battery staple",
            "csrf_token": "stale",
        },
        headers={"Accept-Language": "en"},
    )
    page = check_page(response, "en")
    assert (
        "The login page was open for too long. Please log in again."
        in page.one(".error-summary").text
    )
    assert page.one("#email")["value"] == "ewa@mops.example.pl"
    assert not page.one("#password").get("value")
    assert client.get("/staff/").status_code == 302  # not logged in
    # The fresh token on the page works.
    token = page.one("input[name=csrf_token]")["value"]
    response = client.post(
        "/staff/login",
        data={
            "email": "ewa@mops.example.pl",
            "password": "correct horse battery staple",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302


def test_staff_form_with_a_stale_token_comes_back_with_everything_typed(app, client, staff):
    staff("admin", language="en")
    response = client.post(
        "/staff/users/new",
        data={
            "name": "Jan Kowalski",
            "email": "jan@mops.example.pl",
            "role": "translator",
            "language": "en",
            "csrf_token": "expired",
        },
    )
    page = check_page(response, "en")
    assert "Everything you typed is kept below" in page.one(".error-summary").text
    assert page.one("#name")["value"] == "Jan Kowalski"
    assert page.one("#email")["value"] == "jan@mops.example.pl"
    assert page.one("#role option[selected]")["value"] == "translator"
    with app.app_context():
        assert User.by_email("jan@mops.example.pl") is None  # nothing saved


def test_form_sent_after_the_session_ended_shows_what_was_typed(app, client, staff):
    staff("admin", language="en")
    token = csrf_token(client, "/staff/users/new")
    client.post("/staff/logout", data={"csrf_token": token})
    response = client.post(
        "/staff/users/new",
        data={
            "name": "Jan Kowalski",
            "email": "jan@mops.example.pl",
            "role": "editor",
            "csrf_token": token,
            "password": "never shown",
        },
        headers={"Accept-Language": "en"},
    )
    page = check_page(response, "en", status=400)
    assert page.one("h1").get_text() == "Please log in again"
    typed = {f.label.get_text(): f.input["value"] for f in page.select(".field")}
    assert typed["Full name"] == "Jan Kowalski"
    assert typed["Email address"] == "jan@mops.example.pl"
    assert typed["Role"] == "Editor"  # a choice by its label
    assert "never shown" not in page.response.get_data(as_text=True)
    login = page.one("a.button")
    assert login["href"] == "/staff/login?next=/staff/users/new"
    with app.app_context():
        assert User.by_email("jan@mops.example.pl") is None


def test_actions_without_a_form_are_not_run_on_a_stale_token(app, client, staff):
    staff("admin", language="en")
    ewa = create_user(app, "editor", email="ewa@mops.example.pl")
    response = client.post(f"/staff/users/{ewa}/deactivate", data={"csrf_token": "stale"})
    page = check_page(response, "en", status=400)
    assert page.one("h1").get_text() == "The page was open for too long"
    with app.app_context():
        assert db.session.get(User, ewa).active


def test_staff_pages_send_strict_security_headers(client):
    headers = client.get("/staff/login").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert "no-store" in headers["Cache-Control"]


def test_a_refused_role_with_an_expired_token_gets_the_403_page(app, client, staff):
    """The form is re-shown after a failed CSRF check only to those allowed to see it."""
    staff("editor", language="en")
    response = client.post("/staff/users/new", data={"name": "X", "csrf_token": "stale"})
    assert response.status_code == 403
    assert "Access denied" in response.get_data(as_text=True)


def test_an_article_sent_after_the_session_ended_reads_as_typed_and_can_be_sent_again(
        demo, client, staff):
    staff("editor")
    data = edit_form(client, "/staff/articles/1")
    data.update({"pl-title": "Nowy tytuł po przerwie",
                 "pl-body": "<p>Tekst z <strong>ważnym</strong> zdaniem.</p>", "action": "save"})
    client.post("/staff/logout", data={"csrf_token": data["csrf_token"]})
    page = check_page(client.post("/staff/articles/1", data=data), "pl", status=400)
    labels = [label.get_text(strip=True) for label in page.select(".field label, .typed-label")]
    assert "Polski: Tytuł" in labels
    assert not [label for label in labels if label in ("revision", "action", "pl-title")]
    body = page.select(".typed-html")[0]
    assert body.find("strong").get_text() == "ważnym" and "<p>" not in body.get_text()
    resend = page.one("form[action='/staff/articles/1']")
    sent_again = {i["name"]: i["value"] for i in resend.select("input[type=hidden]")}
    assert sent_again["pl-title"] == "Nowy tytuł po przerwie" and "csrf_token" not in sent_again
    # Logged in again, the button brings the text back into the editor, saving nothing.
    assert log_in(client, "editor@mops.example.pl").status_code == 302
    back = check_page(client.post("/staff/articles/1", data=sent_again), "pl")
    assert back.one("#pl-title")["value"] == "Nowy tytuł po przerwie"
    with demo.app_context():
        assert db.session.get(Article, 1).translations["pl"].title != "Nowy tytuł po przerwie"


def test_a_stale_token_on_a_form_with_its_own_checks_brings_the_form_back(demo, client, staff):
    """Checks a form makes after its fields' (a photo's description) are not made when the
    token failed: the form comes back with what was typed, not an error page."""
    staff("editor", language="en")
    with demo.app_context():
        article = db.session.scalars(
            sa.select(Article).where(Article.images.any()).order_by(Article.id)).first()
    url = f"/staff/articles/{article.id}"
    data = edit_form(client, url)
    alt = next(name for name in data if name.startswith("images-") and name.endswith("-pl-alt"))
    data.update({alt: "", "pl-title": "Typed before the token expired", "action": "save",
                 "csrf_token": "stale"})
    page = check_page(client.post(url, data=data), "en")
    assert "Everything you typed is kept below" in page.one(".error-summary").text
    assert page.one("#pl-title")["value"] == "Typed before the token expired"
    with demo.app_context():
        assert db.session.get(Article, article.id).translations["pl"].title != (
            "Typed before the token expired")
