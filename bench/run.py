"""The readers' pages benchmark: CPU cost of rendering each public page type.

Builds a throw-away instance with the demo content, warms it, then renders every page type many
times in-process (no network, so the number is the application's own cost) and prints the median
and 95th percentile in milliseconds, and the requests per second one process answers. Record
notable results in bench/results.md.

    make bench-cpu             # or: .venv/bin/python bench/run.py --requests 300
    .venv/bin/python bench/run.py --page-cache          # the same with the page cache on
    .venv/bin/python bench/run.py --page-cache --redis redis://127.0.0.1:6379/5
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

PAGES = [
    "/pl/",
    "/en/",
    "/pl/news/",
    "/en/news/?page=2",
    "/pl/news/mops-z-certyfikatem-jakosci-przyjazny-urzad",
    "/en/news/friendly-office-quality-certificate",
    "/en/news/dzien-pracownika-socjalnego-w-naszym-osrodku",
    "/pl/awards/",
    "/en/awards/friendly-office-certificate-2022",
    "/pl/info/kontakt",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="renders per page")
    parser.add_argument("--page-cache", action="store_true", help="with the page cache on")
    parser.add_argument("--redis", default="", help="keep the pages in this Redis")
    parser.add_argument("--only", default="", help="only the pages whose address has this")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(PORTAL_INSTANCE_PATH=tmp, SECRET_KEY="bench-" + "x" * 40)
        os.environ.pop("DATABASE_URL", None)
        os.environ["PORTAL_PAGE_CACHE"] = "1" if args.page_cache else "0"
        os.environ["TRUSTED_HOSTS"] = "localhost"
        os.environ["REDIS_URL"] = args.redis
        from flask_migrate import upgrade

        from portal import create_app
        from portal.demo import load

        app = create_app()
        with app.app_context():
            upgrade()
            load()
        client = app.test_client()
        print(f"{'page':60} {'median ms':>10} {'p95 ms':>8} {'req/s':>7} {'KB':>6}")
        for url in [page for page in PAGES if args.only in page]:
            for _ in range(10):  # warm caches and imports
                client.get(url)
            timings = []
            size = 0
            began = time.perf_counter()
            for _ in range(args.requests):
                start = time.process_time()
                response = client.get(url)
                timings.append((time.process_time() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                size = len(response.data)
            rate = args.requests / (time.perf_counter() - began)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"{url[:60]:60} {statistics.median(timings):10.2f} {p95:8.2f} {rate:7.0f}"
                  f" {size / 1024:6.1f}")


if __name__ == "__main__":
    main()
