"""The staff lists at scale: the dashboard's server time and SQL statements per page, with 100
and with 10,000 articles (and as many audit events).

Builds a throw-away SQLite instance per size, fills it with a bulk insert (quick, and only here:
product code writes content through portal.service.Change), logs an administrator in, then
requests each list page several times in-process through the test client and prints the median
wall time, the CPU time and the number of SQL statements of one request. Record notable results
in bench/results/.

    .venv/bin/python bench/lists.py                 # or: --sizes 100 10000 --requests 20
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = [
    "/staff/",
    "/staff/?page=50",
    "/staff/?sort=title",
    "/staff/?sort=status",
    "/staff/?q=pozycja+0042",
    "/staff/?translation=missing:en",
    "/staff/?status=trash",
    "/staff/audit",
    "/staff/audit?q=article",
]


def fill(count: int, history: bool = True) -> float:
    """``count`` articles (every other one translated into English, every tenth in the trash),
    each with a revision and an audit event (unless not ``history``); return the seconds it
    took."""
    import sqlalchemy as sa

    from portal.audit import AuditEvent
    from portal.extensions import db
    from portal.news.models import Article, ArticleTranslation
    from portal.revisions import Revision

    start = time.perf_counter()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    articles, texts, revisions, events = [], [], [], []
    for n in range(1, count + 1):
        when = base + timedelta(minutes=n)
        articles.append({"id": n, "version": 1, "created_at": when, "updated_at": when,
                         "published_at": when if n % 3 else None,
                         "deleted_at": when if n % 10 == 0 else None})
        texts.append({"parent_id": n, "locale": "pl", "slug": f"pozycja-{n:05d}",
                      "title": f"Pozycja {n:05d}", "summary": "Streszczenie.",
                      "body": "<p>Treść.</p>", "source_version": 1, "updated_at": when})
        if n % 2:
            texts.append({"parent_id": n, "locale": "en", "slug": f"item-{n:05d}",
                          "title": f"Item {n:05d}", "summary": "", "body": "",
                          "source_version": 1, "updated_at": when})
        revisions.append({"content_type": "article", "item_id": n, "number": 1,
                          "created_at": when, "action": "create", "via": "command-line",
                          "version": 1, "data": {"translations": {}}})
        events.append({"at": when, "action": "create", "target_type": "articles",
                       "target_id": n, "details": {"via": "command-line"}})
    session = db.session
    tables = ((Article, articles), (ArticleTranslation, texts))
    if history:
        tables += ((Revision, revisions), (AuditEvent, events))
    for model, rows in tables:
        session.execute(sa.insert(model), rows)
    session.commit()
    return time.perf_counter() - start


def log_in(client, email: str, password: str) -> None:
    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page)
    response = client.post("/staff/login", data={"email": email, "password": password,
                                                 "csrf_token": token.group(1)})
    assert response.status_code == 302, response.status_code


def measure(size: int, requests: int) -> list[tuple]:
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from portal import create_app
    from portal.extensions import db
    from portal.security import hash_password
    from portal.staff.models import User

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(PORTAL_INSTANCE_PATH=tmp, SECRET_KEY="bench-" + "x" * 40)
        os.environ.pop("DATABASE_URL", None)
        app = create_app({"RATELIMIT_ENABLED": False})
        with app.app_context():
            upgrade()
            seconds = fill(size)
            db.session.add(User(email="admin@mops.example.pl", name="Admin", role="admin",
                                password_hash=hash_password("bench password 123")))
            db.session.commit()
            engine = db.engine
        print(f"{size} articles inserted in {seconds:.2f} s", file=sys.stderr)
        client = app.test_client()
        log_in(client, "admin@mops.example.pl", "bench password 123")
        sent: list[str] = []
        sa.event.listen(engine, "before_cursor_execute",
                        lambda *args: sent.append(args[2]))
        results = []
        for url in PAGES:
            for _ in range(3):  # warm caches and imports
                assert client.get(url).status_code == 200, url
            walls, cpus, counts = [], [], []
            for _ in range(requests):
                sent.clear()
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                counts.append(len(sent))
                assert response.status_code == 200, (url, response.status_code)
            results.append((size, url, statistics.median(walls), statistics.median(cpus),
                            max(counts), len(response.data) / 1024))
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    args = parser.parse_args()
    print("| items | page | median ms (wall) | median ms (CPU) | SQL statements | KB |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in args.sizes:
        for size_, url, wall, cpu, count, kb in measure(size, args.requests):
            print(f"| {size_:,} | `{url}` | {wall:.1f} | {cpu:.1f} | {count} | {kb:.1f} |")


if __name__ == "__main__":
    main()
