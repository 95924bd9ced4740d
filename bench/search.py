"""The search benchmark: readers' searches over 100,000 articles on the embedded default (SQLite).

Builds a throw-away instance through the migrations, bulk-inserts the articles and their index
rows straight into the tables (words drawn from the demo's Polish texts with a Zipf-like
frequency, folded and lemmatised as the portal indexes them), then sends each query many times
through the app in-process and prints the server time per request (median, 90th percentile):
the whole page, rendering included, and the search function alone.

    .venv/bin/python bench/search.py                # 100,000 articles
    .venv/bin/python bench/search.py --articles 20000 --requests 50

Record results in bench/results/search.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("a common word, inflected", "pomocy"),
    ("a word's other form", "rodzinom"),
    ("two words", "pomoc rodzina"),
    ("three words, one a stop word", "wsparcie dla seniorów"),
    ("a prefix being typed", "zasił"),
    ("no diacritics", "swiadczenia"),
    ("a rare word", "karuzela"),
    ("nothing found", "xyzzy"),
]


def vocabulary() -> list[str]:
    words: list[str] = []
    for path in sorted((ROOT / "portal/demo/content").glob("*.json")):
        for found in re.findall(r"[^\W\d_]{3,}", path.read_text(encoding="utf-8")):
            words.append(found)
    seen: dict[str, None] = {}
    for word in words:
        if re.search(r"[ąćęłńóśźż]", word.lower()) or word.islower():
            seen.setdefault(word.lower(), None)
    return list(seen)


def build(app, articles: int, seed: int = 11, translated_every: int = 0,
          progress=None) -> None:
    """Add ``articles`` published articles, newest first, with their index rows, in bulk (on
    SQLite or PostgreSQL; after any content already there). Every ``translated_every``-th one
    also has an English text. ``progress(n)`` is called after each batch of ``n``."""
    import sqlalchemy as sa

    from portal.extensions import db
    from portal.news.models import Article, ArticleTranslation
    from portal.search import text
    from portal.search.models import FTS_TABLE, SearchEntry, SearchText

    words = vocabulary() + ["karuzela"]
    forms = {word: " ".join(text.forms(word, "pl")) for word in words}
    weights = [1 / (rank + 1) for rank in range(len(words))]
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with app.app_context():
        session = db.session
        sqlite = db.engine.dialect.name == "sqlite"
        first = session.scalar(sa.select(sa.func.max(Article.id))) or 0
        first_entry = session.scalar(sa.select(sa.func.max(SearchEntry.id))) or 0
        batch = 5000
        for start in range(0, articles, batch):
            arts, trs, entries, texts, fts = [], [], [], [], []
            for n in range(start + 1, min(start + batch, articles) + 1):
                published = now - timedelta(minutes=n)
                title = rng.choices(words, weights, k=6)
                body = rng.choices(words, weights, k=80)
                if n % 5000 == 0:
                    body.append("karuzela")
                title_s, body_s = " ".join(title).capitalize(), " ".join(body) + "."
                item, entry = first + n, first_entry + n
                arts.append({"id": item, "published_at": published, "created_at": published,
                             "updated_at": published, "version": 1})
                trs.append({"parent_id": item, "locale": "pl", "slug": f"artykul-{n}",
                            "title": title_s, "summary": "", "body": f"<p>{body_s}</p>",
                            "updated_at": published, "source_version": 1})
                if translated_every and n % translated_every == 0:
                    trs.append({"parent_id": item, "locale": "en", "slug": f"article-{n}",
                                "title": f"Article {n}", "summary": "",
                                "body": f"<p>{body_s}</p>", "updated_at": published,
                                "source_version": 1})
                entries.append({"id": entry, "kind": "article", "item_id": item, "lang": "pl",
                                "published_at": published, "updated_at": published})
                title_terms = " ".join(forms[w] for w in title)
                body_terms = " ".join(forms[w] for w in body)
                texts.append({"entry_id": entry, "title": title_s, "text": body_s,
                              "title_terms": title_terms, "body_terms": body_terms})
                fts.append({"rowid": entry, "title": title_terms, "body": body_terms})
            for model, rows in ((Article, arts), (ArticleTranslation, trs),
                                (SearchEntry, entries), (SearchText, texts)):
                session.execute(sa.insert(model), rows)
            if sqlite:
                session.execute(sa.text(f"INSERT INTO {FTS_TABLE} (rowid, title, body) "
                                        "VALUES (:rowid, :title, :body)"), fts)
            if progress is not None:
                progress(len(arts))
        session.commit()
        if sqlite:
            session.execute(sa.text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
        else:  # the ids were given: the sequences go on after them
            for table in ("articles", "article_translations", "search_entries"):
                session.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                        f"(SELECT max(id) FROM {table}))"))
        session.execute(sa.text("ANALYZE"))
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100, help="requests per query")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(PORTAL_INSTANCE_PATH=tmp, SECRET_KEY="bench-" + "x" * 40)
        os.environ.pop("DATABASE_URL", None)
        from flask_migrate import upgrade

        from portal import create_app
        from portal.search import find

        app = create_app()
        with app.app_context():
            upgrade()
        started = time.perf_counter()
        build(app, args.articles)
        print(f"built {args.articles} articles and their index in "
              f"{time.perf_counter() - started:.1f} s")
        client = app.test_client()
        results = []
        every_page, every_find, every_cpu = [], [], []
        print(f"{'query':48} {'hits':>6} {'page median':>12} {'p90':>7} {'page CPU':>9} "
              f"{'find median':>12}")
        for label, query in QUERIES:
            for _ in range(5):  # warm caches, the lemmatiser's data
                client.get("/pl/search", query_string={"q": query})
            pages, finds, cpu = [], [], []
            for _ in range(args.requests):
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get("/pl/search", query_string={"q": query})
                pages.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                assert response.status_code == 200
            with app.test_request_context():
                for _ in range(args.requests):
                    t0 = time.perf_counter()
                    found = find(query, "pl")
                    finds.append((time.perf_counter() - t0) * 1000)
            every_page += pages
            every_find += finds
            every_cpu += cpu
            row = {"label": label, "query": query, "hits": found.total,
                   "page_median_ms": round(statistics.median(pages), 2),
                   "page_p90_ms": round(statistics.quantiles(pages, n=10)[-1], 2),
                   "page_cpu_median_ms": round(statistics.median(cpu), 2),
                   "find_median_ms": round(statistics.median(finds), 2)}
            results.append(row)
            print(f"{label + ' (' + query + ')':48} {row['hits']:>6} "
                  f"{row['page_median_ms']:>12} {row['page_p90_ms']:>7} "
                  f"{row['page_cpu_median_ms']:>9} {row['find_median_ms']:>12}")
        print(f"all queries: page median {statistics.median(every_page):.2f} ms "
              f"(CPU {statistics.median(every_cpu):.2f} ms), "
              f"search function median {statistics.median(every_find):.2f} ms; "
              f"load average {os.getloadavg()[0]:.1f}")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
