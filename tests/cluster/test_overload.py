"""Overload on one production server: the shipped worker class, 4 workers, on SQLite and on
PostgreSQL. 200 staff saves at once and 40 logins at once (half with a wrong password) while
readers keep reading: every save answered as saved is exactly one stored revision, a save
refused (another editor was first) leaves nothing, nothing answers 5xx, and the server never
logs "database is locked". The figures are printed (run with ``-s``)."""

from __future__ import annotations

import re
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from ..content_helpers import edit_form
from .conftest import PG_URL, Client, _database, _need, csrf_token, log_in, make_cluster

REDIS_URL = "redis://127.0.0.1:6379/4"
ARTICLES = 20
SAVES = 200
LOGINS = 40


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql",
                                                               marks=pytest.mark.postgresql)])
def server(request, tmp_path_factory):
    _need(REDIS_URL, nginx=False)
    folder = tmp_path_factory.mktemp(f"overload-{request.param}")
    url = (f"sqlite:///{folder / 'portal.sqlite3'}" if request.param == "sqlite"
           else _database(PG_URL, "overload"))
    # SQLite: one machine, its four workers sharing their login limits through Redis.
    one_machine = {"PORTAL_SERVERS": "1"} if request.param == "sqlite" else {}
    found = make_cluster(folder, url, REDIS_URL, **one_machine)
    found.start_server("app", workers=4)
    try:
        yield found
    finally:
        found.stop()


def count(server, table: str) -> int:
    url = server.database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(sa.table(table))).scalar()
    finally:
        engine.dispose()


class Readers:
    """Readers asking for the news list the whole time, each request its own address."""

    def __init__(self, server) -> None:
        self.server, self.answers, self.stop = server, Counter(), threading.Event()
        self.thread = threading.Thread(target=self.read)

    def read(self) -> None:
        client, n = self.server.server("app"), 0
        while not self.stop.is_set():
            n += 1
            try:
                self.answers[client.get(f"/pl/news/?reader={n}").status_code] += 1
            except OSError as error:
                self.answers[repr(error)] += 1

    def __enter__(self) -> Readers:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=60)


def server_log(server) -> str:
    return (server.folder / "app.log").read_text(errors="replace")


def test_200_saves_at_once_store_exactly_what_they_answer(server):
    editor = server.server("app")
    assert log_in(editor).status_code == 302
    urls = []
    for n in range(ARTICLES):
        created = editor.post("/staff/articles/new", data={
            "csrf_token": csrf_token(editor, "/staff/articles/new"), "revision": "0",
            "pl-title": f"Komunikat {n} w sprawie dodatku", "pl-body": "<p>Szczegóły.</p>",
            "action": "save"})
        assert created.status_code == 302
        urls.append("/" + created.headers["Location"].split("://", 1)[-1].partition("/")[2])
    # Every save starts from the form as it was opened: ten editors per article, at once.
    jobs = []
    for url in urls:
        form = edit_form(editor, url)
        for n in range(SAVES // ARTICLES):
            jobs.append((url, dict(form, **{"pl-summary": f"Wersja {n} streszczenia.",
                                            "action": "save"})))
    before = count(server, "revisions")

    def save(job) -> int:
        url, data = job
        client = Client(editor.host, editor.port, cookies=dict(editor.cookies))
        return client.post(url, data=data).status_code

    with Readers(server) as readers, ThreadPoolExecutor(max_workers=40) as pool:
        started = time.monotonic()
        answers = Counter(pool.map(save, jobs))
        took = time.monotonic() - started
    stored = count(server, "revisions") - before
    print(f"\noverload ({server.database_url.split(':')[0]}): {len(jobs)} saves at once in "
          f"{took:.1f} s: {dict(answers)}; {stored} revisions stored; readers meanwhile "
          f"{dict(readers.answers)}")
    assert sum(answers.values()) == SAVES
    assert not [status for status in answers if status >= 500]
    # Saved (a redirect to the editor) is one revision each; a conflict (the form again, to
    # merge) stores nothing.
    assert set(answers) <= {200, 302}
    assert answers[302] == stored
    assert answers[302] >= ARTICLES  # the first save of each article wins
    assert set(readers.answers) == {200}
    log = server_log(server)
    assert "database is locked" not in log and "Traceback" not in log


def test_40_logins_at_once_half_wrong(server):
    people = [f"osoba{n}@example.pl" for n in range(8)]
    for email in people:
        server.flask("users", "create", "--email", email, "--name", email.split("@")[0],
                     "--role", "editor", "--password-stdin",
                     stdin="correct horse battery staple\n")

    def attempt(n: int) -> tuple[bool, int]:
        right = n % 2 == 0
        email = people[(n // 2) % 4 + (0 if right else 4)]
        client = server.server("app")
        address = {"X-Forwarded-For": f"10.0.{n // 200}.{n % 200 + 1}"}  # readers' own
        page = client.request("GET", "/staff/login", headers=address).text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({
            "email": email, "csrf_token": token,
            "password": "correct horse battery staple" if right else "wrong password"})
        answer = client.request("POST", "/staff/login", body=body.encode(), headers={
            **address, "Content-Type": "application/x-www-form-urlencoded"})
        return right, answer.status_code

    with Readers(server) as readers, ThreadPoolExecutor(max_workers=LOGINS) as pool:
        answers = Counter(pool.map(attempt, range(LOGINS)))
    print(f"\noverload ({server.database_url.split(':')[0]}): {LOGINS} logins at once: "
          f"{dict(answers)}; readers meanwhile {dict(readers.answers)}")
    assert answers == {(True, 302): LOGINS // 2, (False, 200): LOGINS // 2}
    assert set(readers.answers) == {200}
    log = server_log(server)
    assert "database is locked" not in log and "Traceback" not in log
