"""The database unreachable mid-traffic: readers get a translated 503 with Retry-After, never a
traceback, and the next request after it is back succeeds."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db

from ..conftest import PG_URL, make_app
from .test_health import closed_port


def unreachable_app(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "x" * 40,
        "SQLALCHEMY_DATABASE_URI": (
            f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/none?connect_timeout=1"
        ),
    })


@pytest.mark.parametrize(("url", "heading"), [
    ("/pl/", "Chwilowo niedostępna"),
    ("/en/news/", "Temporarily unavailable"),
    ("/uk/news/some-article", "Тимчасово недоступна"),
])
def test_readers_get_a_translated_503_with_retry_after(tmp_path, monkeypatch, caplog, url,
                                                       heading):
    client = unreachable_app(tmp_path, monkeypatch).test_client()
    response = client.get(url)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "no-store" in response.headers["Cache-Control"]
    assert "default-src" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page or heading in page
    assert "Traceback" not in page and "psycopg" not in page and "OperationalError" not in page
    assert "the database is unavailable" in caplog.text


def test_a_staff_member_gets_the_same_page_not_a_500(tmp_path, monkeypatch):
    client = unreachable_app(tmp_path, monkeypatch).test_client()
    with client.session_transaction() as session:  # a login made before the database went
        session["_user_id"] = "1:1"
        session["login_at"] = session["seen_at"] = int(time.time())
    response = client.get("/staff/")
    assert response.status_code == 503
    assert "Retry-After" in response.headers


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgresql)])
def test_after_postgresql_drops_every_connection_the_next_request_succeeds(tmp_path, demo):
    client = demo.test_client()
    assert client.get("/pl/news/").status_code == 200
    # What a restart of PostgreSQL does to the pool: every connection of the app is cut.
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.connect() as conn:
        cut = conn.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    admin.dispose()
    assert cut >= 1
    assert client.get("/pl/news/").status_code == 200
    assert client.get("/pl/").status_code == 200


def test_a_sqlite_file_locked_by_another_process_is_a_503_then_served_again(tmp_path):
    app = make_app(tmp_path, "sqlite", SQLITE_BUSY_TIMEOUT_MS=1000)
    with app.app_context():
        path = db.engine.url.database
        db.session.remove()
        db.engine.dispose()
    client = app.test_client()
    assert client.get("/pl/news/").status_code == 200
    with app.app_context():
        db.engine.dispose()  # let the other program have the file to itself, as a restore would
    # Another program holds the file: an exclusive lock, which in WAL mode keeps readers out.
    locker = subprocess.Popen(  # noqa: S603 - the interpreter running the tests, fixed code
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
         "c.execute('BEGIN EXCLUSIVE')\n"
         "c.execute('CREATE TABLE IF NOT EXISTS held (x)')\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n", path],
        stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        response = client.get("/pl/news/")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        assert "Chwilowo niedostępna" in response.get_data(as_text=True)
    finally:
        locker.kill()
        locker.communicate()
    assert client.get("/pl/news/").status_code == 200
