"""A staff login ends after an idle time and after a longest time, both set in the environment."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.staff import sessions
from portal.staff.models import User

from ..conftest import check_page, create_user, csrf_token, log_in, make_app


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000

    def __call__(self) -> int:
        return self.now

    def minutes(self, count: int) -> None:
        self.now += count * 60


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sessions, "_now", clock)
    return clock


def logged_in(tmp_path, **settings):
    app = make_app(tmp_path, **settings)
    create_user(app, "admin", email="kasia@mops.example.pl", language="pl")
    client = app.test_client()
    assert log_in(client, "kasia@mops.example.pl").status_code == 302
    return app, client


def test_a_login_used_within_the_idle_time_lasts(tmp_path, clock):
    _, client = logged_in(tmp_path)
    for _ in range(4):
        clock.minutes(59)
        assert client.get("/staff/").status_code == 200


def test_a_login_ends_after_the_idle_time_saying_why(tmp_path, clock):
    _, client = logged_in(tmp_path, SESSION_IDLE_MINUTES=5)
    clock.minutes(4)
    assert client.get("/staff/").status_code == 200
    clock.minutes(6)
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    page = check_page(client.get(response.headers["Location"]), "pl")
    assert "Wylogowano Cię po 5 minutach bez aktywności." in page.one(".flashes").get_text()
    # Going back does not bring the login back.
    clock.minutes(1)
    assert client.get("/staff/").status_code == 302


def test_a_login_ends_after_the_longest_time_however_busy(tmp_path, clock):
    _, client = logged_in(tmp_path, SESSION_MAX_HOURS=2)
    for _ in range(4):
        clock.minutes(30)
        assert client.get("/staff/").status_code == 200
    clock.minutes(1)
    response = client.get("/staff/", follow_redirects=True)
    page = check_page(response, "pl")
    assert "Wylogowano Cię: logowanie trwa najwyżej 2 godziny." in page.one(".flashes").get_text()


def test_a_form_sent_after_the_idle_time_keeps_what_was_typed(tmp_path, clock):
    app, client = logged_in(tmp_path)
    token = csrf_token(client, "/staff/users/new")
    clock.minutes(61)
    response = client.post(
        "/staff/users/new",
        data={"name": "Jan Nowak", "email": "jan@mops.example.pl", "role": "editor",
              "csrf_token": token},
    )
    page = check_page(response, "pl", status=400)
    typed = {f.label.get_text(): f.input["value"] for f in page.select(".field")}
    assert typed["Imię i nazwisko"] == "Jan Nowak"
    with app.app_context():
        assert User.by_email("jan@mops.example.pl") is None


def test_the_signed_cookie_itself_expires_with_the_longest_time(tmp_path):
    app, _ = logged_in(tmp_path, SESSION_MAX_HOURS=3)
    assert app.permanent_session_lifetime.total_seconds() == 3 * 3600


def test_both_limits_are_read_from_the_environment(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("PORTAL_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("PORTAL_SESSION_MAX_HOURS", "1")
    app, client = logged_in(tmp_path)
    assert (app.config["SESSION_IDLE_MINUTES"], app.config["SESSION_MAX_HOURS"]) == (5, 1)
    assert app.permanent_session_lifetime.total_seconds() == 3600
    for _ in range(11):  # busy for 55 minutes: within both
        clock.minutes(5)
        assert client.get("/staff/").status_code == 200
    clock.minutes(6)  # idle past 5 minutes
    assert client.get("/staff/").status_code == 302
    assert log_in(client, "kasia@mops.example.pl").status_code == 302
    for _ in range(13):  # busy, but past the hour in the end
        clock.minutes(5)
        status = client.get("/staff/").status_code
    assert status == 302


def test_a_copied_cookie_outlives_neither_limit(tmp_path, clock):
    """The idle and longest times are in the signed cookie, so a copy ends when they do."""
    app, client = logged_in(tmp_path, SESSION_IDLE_MINUTES=5)
    copied = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/staff/").status_code == 200
    clock.minutes(6)
    assert thief.get("/staff/").status_code == 302


def test_a_csrf_token_from_before_login_is_refused_after_it(tmp_path):
    app = make_app(tmp_path)
    create_user(app, "admin", email="kasia@mops.example.pl", language="en")
    client = app.test_client()
    before = csrf_token(client, "/staff/login")
    response = client.post("/staff/login", data={"email": "kasia@mops.example.pl",
                                                 "password": "correct horse battery staple",
                                                 "csrf_token": before})
    assert response.status_code == 302
    # A form someone prepared with the anonymous token (a login-CSRF or a planted page) does
    # nothing now; the token of the new session works.
    data = {"name": "Jan Nowak", "email": "jan@mops.example.pl", "role": "admin",
            "language": "en"}
    refused = client.post("/staff/users/new", data={**data, "csrf_token": before})
    page = check_page(refused, "en")
    assert "Everything you typed is kept below" in page.one(".error-summary").text
    with app.app_context():
        assert User.by_email("jan@mops.example.pl") is None
    after = csrf_token(client, "/staff/users/new")
    assert after != before
    assert client.post("/staff/users/new", data={**data, "csrf_token": after}).status_code == 302
    with app.app_context():
        assert User.by_email("jan@mops.example.pl") is not None


def test_deactivation_logs_out_at_once_on_every_server(tmp_path):
    """Two processes on one database (each its own app, pool and memory): a login made on one
    and used on the other ends on both the moment an administrator deactivates the account."""
    first = make_app(tmp_path / "shared")
    second = make_app(tmp_path / "shared")  # the same database file and secret key
    assert first is not second
    assert first.config["SQLALCHEMY_DATABASE_URI"] == second.config["SQLALCHEMY_DATABASE_URI"]
    create_user(first, "admin", email="kasia@mops.example.pl", language="en")
    ewa = create_user(first, "editor", email="ewa@mops.example.pl")
    hers = first.test_client()
    assert log_in(hers, "ewa@mops.example.pl").status_code == 302
    on_second = second.test_client()
    on_second.set_cookie("session", hers.get_cookie("session").value)
    assert hers.get("/staff/").status_code == 200
    assert on_second.get("/staff/").status_code == 200

    admin = second.test_client()
    assert log_in(admin, "kasia@mops.example.pl").status_code == 302
    token = csrf_token(admin, f"/staff/users/{ewa}")
    assert admin.post(f"/staff/users/{ewa}/deactivate",
                      data={"csrf_token": token}).status_code == 302
    assert on_second.get("/staff/").status_code == 302
    assert hers.get("/staff/").status_code == 302
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()

