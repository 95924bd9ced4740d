"""A staff login ends after an idle time and after a longest time, both set in the environment."""

from __future__ import annotations

import pytest

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
