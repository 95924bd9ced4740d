"""What a load balancer asks: is the process alive (/healthz), can it serve readers (/readyz)."""

from __future__ import annotations

import socket

from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db

from ..conftest import make_app


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def migrated_app(tmp_path, **overrides):
    app = make_app(tmp_path, **overrides)
    with app.app_context():
        db.drop_all()
        upgrade()
    return app


def test_a_migrated_server_is_alive_and_ready(tmp_path):
    client = migrated_app(tmp_path).test_client()
    alive = client.get("/healthz")
    assert (alive.status_code, alive.text) == (200, "ok\n")
    assert "no-store" in alive.headers["Cache-Control"]
    ready = client.get("/readyz")
    assert (ready.status_code, ready.text) == (200, "ready\n")


def test_a_schema_behind_the_migrations_is_not_ready(tmp_path):
    # The tables made from the models, but no migration recorded: "flask db upgrade" not run.
    client = make_app(tmp_path).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "migrations not current" in response.text
    assert client.get("/healthz").status_code == 200


def test_an_unreachable_redis_or_database_is_not_ready(tmp_path):
    port = closed_port()
    app = migrated_app(tmp_path, REDIS_URL=f"redis://127.0.0.1:{port}/0")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.text.splitlines()[1:] == ["redis: unreachable"]



def test_an_unreachable_database_is_not_ready(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "x" * 40,
        "SQLALCHEMY_DATABASE_URI": (
            f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/none?connect_timeout=1"
        ),
    })
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.text.splitlines()[1:] == ["database: unreachable"]
    assert client.get("/healthz").status_code == 200
