"""Redis unreachable: pages still serve, staff logins are still limited, nothing crashes."""

from __future__ import annotations

import logging
import socket

import pytest

from ..conftest import create_user, csrf_token, make_app


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_without_redis(tmp_path):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    app = make_app(tmp_path, RATELIMIT_STORAGE_URI=url, REDIS_URL=url)
    app.testing = False  # a crash would be a 500 page, as in production
    return app


def test_logins_are_still_limited_and_the_fallback_is_logged(app_without_redis, caplog):
    caplog.set_level(logging.WARNING, logger="flask-limiter")
    create_user(app_without_redis, "editor", email="ala@mops.example.pl")
    client = app_without_redis.test_client()
    token = csrf_token(client, "/staff/login")
    answers = [
        client.post("/staff/login", data={"email": "ala@mops.example.pl",
                                          "password": "not it", "csrf_token": token}).status_code
        for _ in range(7)
    ]
    assert answers == [200] * 5 + [429] * 2
    assert any("falling back" in r.getMessage().lower() for r in caplog.records)


def test_readers_pages_serve(app_without_redis):
    client = app_without_redis.test_client()
    assert client.get("/pl/").status_code == 200
    assert client.get("/pl/news/").status_code == 200
