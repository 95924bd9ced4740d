"""The readers' lists at scale: the news list (its first, a middle and its last page) and the
home page with 1,000 and with 100,000 articles, their time and SQL statements, and the query
plans of the list, its count and the home page's lists.

Builds a throw-away SQLite instance per size (migrated, so the indexes are the migrations'),
fills it with ``bench/lists.py``'s bulk insert (every third article a draft, every tenth in the
trash), then requests each page several times in-process through the test client and prints
the median wall and CPU time, the time spent in SQL statements (between SQLAlchemy's
before/after cursor events: what grows with the table) and the statements of one request.
Record results in bench/results/queries.md.

    .venv/bin/python bench/queries.py                 # or: --sizes 1000 100000 --requests 30
    .venv/bin/python bench/queries.py --plans         # the query plans too
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lists import fill  # noqa: E402  (bench/ is the script's own folder)


def pages(listed: int, per_page: int) -> list[tuple[str, str]]:
    last = max(1, -(-listed // per_page))
    return [("home", "/pl/"), ("news, page 1", "/pl/news/"),
            ("news, page 50", "/pl/news/?page=50"),
            ("news, middle page", f"/pl/news/?page={max(1, last // 2)}"),
            ("news, last page", f"/pl/news/?page={last}"),
            ("news feed", "/pl/feed.atom")]


def plans() -> list[tuple[str, str]]:
    """EXPLAIN QUERY PLAN of the statements the list pages send, as the app builds them."""
    import sqlalchemy as sa

    from portal.awards.models import Award
    from portal.content import NewestFirst
    from portal.extensions import db
    from portal.news.models import Article

    def listing(offset: int, newest_first: bool = True):
        order = (Article.published_at.desc(), Article.id.desc()) if newest_first else \
            (Article.published_at, Article.id)
        return sa.select(Article).where(Article.visible()).order_by(*order).limit(10) \
            .offset(offset)

    statements = {
        "news list, page 1": listing(0),
        "news list, the last page (read from the oldest end)": listing(0, newest_first=False),
        "news list, its count": NewestFirst.bounded_count(Article.listed_ids(), 1_000),
        "home, latest awards": sa.select(Award.id).where(Award.visible())
        .order_by(Award.awarded_on.desc(), Award.id.desc()).limit(3),
    }
    found = []
    for name, query in statements.items():
        compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
        rows = db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}"))
        found.append((name, "; ".join(str(row[-1]) for row in rows)))
    return found


def measure(size: int, requests: int, show_plans: bool) -> list[tuple]:
    import logging

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from portal import create_app
    from portal.content import utcnow
    from portal.extensions import db
    from portal.news.models import Article

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(PORTAL_INSTANCE_PATH=tmp, SECRET_KEY="bench-" + "x" * 40)
        os.environ.pop("DATABASE_URL", None)
        app = create_app({"RATELIMIT_ENABLED": False})
        logging.getLogger("portal.requests").setLevel(logging.WARNING)
        app.logger.setLevel(logging.WARNING)
        with app.app_context():
            upgrade()
            seconds = fill(size, history=False)
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
            visible = db.session.scalar(sa.select(sa.func.count()).select_from(Article)
                                        .where(Article.visible(utcnow())))
            engine = db.engine
            if show_plans:
                for name, plan in plans():
                    print(f"{size:,} | {name} | {plan}", file=sys.stderr)
        print(f"{size:,} articles ({visible:,} visible) inserted in {seconds:.1f} s",
              file=sys.stderr)
        client = app.test_client()
        sent: list[str] = []
        in_sql = [0.0]  # seconds spent in the database's statements (and their rows) so far

        def before(*args) -> None:
            sent.append(args[2])
            in_sql[0] -= time.perf_counter()

        sa.event.listen(engine, "before_cursor_execute", before)
        sa.event.listen(engine, "after_cursor_execute",
                        lambda *args: in_sql.__setitem__(0, in_sql[0] + time.perf_counter()))
        results = []
        listed = min(visible, app.config["NEWS_LIST_MAX"])
        for name, url in pages(listed, app.config["NEWS_PER_PAGE"]):
            for _ in range(3):  # warm caches and imports
                assert client.get(url).status_code == 200, url
            walls, cpus, counts, sqls = [], [], [], []
            for _ in range(requests):
                sent.clear()
                in_sql[0] = 0.0
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                counts.append(len(sent))
                sqls.append(in_sql[0] * 1000)
                assert response.status_code == 200, (url, response.status_code)
            results.append((size, name, url, statistics.median(walls), statistics.median(cpus),
                            statistics.median(sqls), max(counts)))
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    parser.add_argument("--plans", action="store_true", help="print the query plans")
    args = parser.parse_args()
    print("| articles | page | address | median ms (wall) | median ms (CPU) | of which SQL ms "
          "| SQL statements |")
    print("|---:|---|---|---:|---:|---:|---:|")
    for size in args.sizes:
        for row in measure(size, args.requests, args.plans):
            size_, name, url, wall, cpu, sql, count = row
            print(f"| {size_:,} | {name} | `{url}` | {wall:.1f} | {cpu:.1f} | {sql:.2f} "
                  f"| {count} |", flush=True)


if __name__ == "__main__":
    main()
