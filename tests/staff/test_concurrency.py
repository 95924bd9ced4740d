"""Staff working at the same moment: no 500, and every answer is what was stored.

Before, on SQLite, 40 logins at once (half with wrong passwords) gave about 20 answers of 500
"database is locked": the login read the account, then wrote the audit line in the same
transaction, which SQLite cannot turn into a writing one after another writer committed.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from portal.audit import AuditEvent
from portal.extensions import db
from portal.revisions import Revision

from .. import factories
from ..conftest import create_user, csrf_token, log_in, make_app
from ..content_helpers import edit_form

PASSWORD = "correct horse battery staple"


def at_once(count: int, action) -> list[int]:
    """Run ``action(i)`` in ``count`` threads released together; their status codes."""
    barrier = threading.Barrier(count)
    results: list[int] = []

    def run(i: int) -> None:
        barrier.wait()
        results.append(action(i))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def busy_app(tmp_path, backend):
    app = make_app(tmp_path, backend, STAFF_LOGIN_LIMIT_PER_IP="1000 per minute",
                   STAFF_LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")
    app.testing = False  # errors become 500 pages, as in production
    yield app
    with app.app_context():
        db.engine.dispose()


def test_forty_logins_at_once_half_wrong(busy_app):
    app = busy_app
    for n in range(20):
        create_user(app, "editor", email=f"osoba{n}@mops.example.pl", password=PASSWORD)
    clients = [app.test_client() for _ in range(40)]
    tokens = [csrf_token(client, "/staff/login") for client in clients]

    def log_in_or_fail(i: int) -> int:
        password = PASSWORD if i < 20 else "not the password"
        data = {"email": f"osoba{i % 20}@mops.example.pl", "password": password,
                "csrf_token": tokens[i]}
        return clients[i].post("/staff/login", data=data).status_code

    assert Counter(at_once(40, log_in_or_fail)) == {302: 20, 200: 20}
    with app.app_context():
        actions = Counter(db.session.scalars(db.select(AuditEvent.action)))
    assert actions == {"login": 20, "login_failed": 20}


def test_thirty_saves_of_one_article_at_once(busy_app):
    app = busy_app
    create_user(app, "editor", email="redakcja@mops.example.pl", password=PASSWORD)
    with app.app_context():
        # A draft, so a save is stored at once (a published item's goes into its working draft).
        factories.make("article", {"pl": {"title": "Zebranie rodziców",
                                          "body": "<p>W czwartek.</p>"}})
        before = db.session.query(Revision).count()
    clients = [app.test_client() for _ in range(30)]
    forms = []
    for client in clients:
        assert log_in(client, "redakcja@mops.example.pl").status_code == 302
        forms.append(edit_form(client, "/staff/articles/1"))

    def save(i: int) -> int:
        data = dict(forms[i], action="save")
        data["pl-title"] = f"Zebranie rodziców nr {i}"
        return clients[i].post("/staff/articles/1", data=data).status_code

    # All began from the same version: one save is stored, the others are told of the conflict.
    assert Counter(at_once(30, save)) == {302: 1, 200: 29}
    with app.app_context():
        assert db.session.query(Revision).count() == before + 1
