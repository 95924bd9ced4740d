"""Fixtures: an app with a fresh database per test, on SQLite and (when configured) PostgreSQL.

Set ``TEST_DATABASE_URL`` to run every database test on PostgreSQL too. With
``PORTAL_STRICT_TESTS=1`` (CI), a PostgreSQL or browser test that cannot run fails instead of
skipping.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from flask import url_for

# Cheap password hashing for the suite (set before the portal is imported): each test logs in
# several times, and production's Argon2 cost would make that most of the suite's time.
os.environ.setdefault("PORTAL_ARGON2_TIME_COST", "1")
os.environ.setdefault("PORTAL_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("PORTAL_ARGON2_PARALLELISM", "1")

from portal import create_app  # noqa: E402
from portal.extensions import db
from tests import demo_snapshot

STRICT = os.environ.get("PORTAL_STRICT_TESTS") == "1"
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
# Run in parallel (pytest-xdist), each worker empties a PostgreSQL database of its own: the one
# TEST_DATABASE_URL names, with the worker's name added ("test_gw0"), made when missing.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_database(url: str) -> str:
    if not url or not WORKER:
        return url
    base = sa.engine.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{base.database}_{WORKER}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": name}).scalar()
            if not exists:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


PG_URL = _worker_database(PG_URL)


def skip_or_fail(reason: str) -> None:
    if STRICT:
        pytest.fail(f"{reason} (strict mode: this test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """The .mo files the portal reads, built from the committed catalogs if missing or stale."""
    from portal import catalogs

    catalogs.compile_catalogs(only_stale=True)


_pg_ready = False


def _reset_postgresql(app) -> None:
    """Once per run: the schema from the models; then per test: empty tables."""
    global _pg_ready
    with app.app_context():
        if not _pg_ready:
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
            db.create_all()
            _pg_ready = True
        else:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def shared_media(tmp_path_factory):
    """One media folder for the run: processed images are found by content hash, not redone."""
    return tmp_path_factory.mktemp("media")


def make_app(tmp_path, backend: str = "sqlite", media_root=None, **overrides):
    if backend == "postgresql":
        if not PG_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
        "MEDIA_ROOT": str(media_root or tmp_path / "media"),
        "WTF_CSRF_ENABLED": True,
        "PORTAL_LANGUAGES": ("pl", "en", "uk"),
        "SERVER_NAME": None,
        # Mail goes to the log (see the outbox fixture), whatever the environment says.
        "MAIL_SMTP_HOST": "",
        # No page cache unless a test turns it on (tests/public/test_page_cache.py).
        "PAGE_CACHE": False,
    }
    config.update(overrides)
    os.environ["PORTAL_INSTANCE_PATH"] = str(tmp_path / "instance")
    app = create_app(config)
    if backend == "postgresql":
        _reset_postgresql(app)
    else:
        with app.app_context():
            db.create_all()
    return app


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def app(tmp_path, backend, shared_media):
    app = make_app(tmp_path, backend, media_root=shared_media)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def _demo_command(app):
    def run() -> None:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    return run


@pytest.fixture
def demo(app, shared_media):
    """The demo content, loaded through the same command an operator runs (once per worker; later
    tests get a copy of the database it made: tests/demo_snapshot.py)."""
    demo_snapshot.load(app, "demo", _demo_command(app), shared_media)
    return app


@pytest.fixture
def untranslated_demo(app, monkeypatch, shared_media):
    """The demo content without its Ukrainian texts: a language with everything still to
    translate, for the tests of translating it (export, import, upload)."""
    from portal import demo as demo_content

    def without_ukrainian(value):
        if isinstance(value, dict):
            return {key: without_ukrainian(item) for key, item in value.items() if key != "uk"}
        if isinstance(value, list):
            return [without_ukrainian(item) for item in value]
        return value

    original = demo_content.data
    monkeypatch.setattr(demo_content, "data", lambda name: without_ukrainian(original(name)))
    demo_snapshot.load(app, "untranslated", _demo_command(app), shared_media)
    return app


@dataclass
class Page:
    response: object
    soup: BeautifulSoup

    @property
    def text(self) -> str:
        return " ".join(self.soup.get_text(" ").split())

    def select(self, css: str):
        return self.soup.select(css)

    def one(self, css: str):
        found = self.soup.select(css)
        assert len(found) == 1, f"expected one {css!r}, found {len(found)}"
        return found[0]


def check_page(response, lang: str, status: int = 200) -> Page:
    """What every page must have: status, one <h1>, a <title> naming it, unique ids, its lang."""
    assert response.status_code == status, response.status_code
    assert response.mimetype == "text/html"
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.html is not None and soup.html.get("lang") == lang
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"expected one <h1>, found {len(h1s)}"
    heading = " ".join(h1s[0].get_text(" ").split())
    assert heading
    title = soup.title.get_text() if soup.title else ""
    assert title.startswith(heading), (title, heading)
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1], f"duplicate ids: {ids}"
    for img in soup.find_all("img"):
        assert img.has_attr("alt"), f"image without alt: {img}"
    assert soup.find("main", id="main") is not None
    return Page(response, soup)


@pytest.fixture
def page(client):
    """GET a URL and check it as every page must be checked; return the parsed page."""

    def get(url: str, lang: str, status: int = 200, **kwargs) -> Page:
        return check_page(client.get(url, **kwargs), lang, status)

    return get


@pytest.fixture
def outbox(caplog):
    """The mail sent during the test: with no SMTP server, each message goes to the log.

    ``outbox()`` is the list of ``EmailMessage`` objects so far, oldest first.
    """
    caplog.set_level(logging.INFO, logger="portal.mail")
    return lambda: [record.mail for record in caplog.records if hasattr(record, "mail")]


def slug_of(url: str) -> str:
    return re.sub(r".*/", "", url.rstrip("/"))


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on ``url``, as a browser would submit it."""
    soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    field = soup.find("input", attrs={"name": "csrf_token"})
    assert field is not None, f"no CSRF token on {url}"
    return field["value"]


def create_user(
    app,
    role: str = "editor",
    email: str | None = None,
    password: str = "correct horse battery staple",
    **fields,
):
    from portal.security import hash_password
    from portal.staff.models import User

    with app.app_context():
        user = User(
            email=email or f"{role}@mops.example.pl",
            name=fields.pop("name", role.title()),
            role=role,
            password_hash=hash_password(password),
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user.id


def log_in(client, email: str, password: str = "correct horse battery staple"):
    token = csrf_token(client, "/staff/login")
    return client.post(
        "/staff/login", data={"email": email, "password": password, "csrf_token": token}
    )


@pytest.fixture
def staff_client():
    """A test client of ``app`` logged in as a new user with ``role`` (for apps a test makes)."""

    def as_role(app, role: str = "editor", email: str | None = None, **fields):
        email = email or f"{role}@mops.example.pl"
        create_user(app, role, email=email, **fields)
        client = app.test_client()
        assert log_in(client, email).status_code == 302
        return client

    return as_role


@pytest.fixture
def client_request(app, client):
    """Pages by endpoint, checked as every page is (notifications-admin's ``client_request``).

    ``client_request.get("public.article", lang="en", slug=…)`` builds the address (``lang`` is
    the page's language: in the address of a readers' page, and what its ``<html lang>`` must
    say), requests it with the test's client and returns the :class:`Page` that ``check_page``
    checked; ``post`` sends a form and returns the response (a redirect, when all went well).
    """

    class ClientRequest:
        def url(self, endpoint: str, lang: str = "pl", **values) -> str:
            rules = app.url_map.iter_rules(endpoint)
            if any("lang" in rule.arguments for rule in rules):
                values["lang"] = lang
            with app.test_request_context():
                return url_for(endpoint, **values)

        def get(self, endpoint: str, lang: str = "pl", status: int = 200, **values) -> Page:
            return check_page(client.get(self.url(endpoint, lang, **values)), lang, status)

        def post(self, endpoint: str, data: dict, status: int = 302, **values):
            response = client.post(self.url(endpoint, **values), data=data)
            assert response.status_code == status, response.status_code
            return response

    return ClientRequest()


@pytest.fixture
def staff(app, client):
    """Log the test client in as a new user with ``role``; returns the user's id."""

    def as_role(role: str = "editor", **fields) -> int:
        email = fields.pop("email", f"{role}@mops.example.pl")
        user_id = create_user(app, role, email=email, **fields)
        response = log_in(client, email)
        assert response.status_code == 302, response.status_code
        return user_id

    return as_role


@contextmanager
def counting_statements(app):
    """The SQL statements sent while the block runs (a list, filled as they are sent; each on one
    line, its whitespace made single spaces)."""
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
