"""The readers' pages over HTTP: the portal as deployed (gunicorn with deploy/gunicorn.conf.py and
production settings, nginx with deploy/nginx.conf in front), measured with wrk against nginx
serving a saved copy of the article as a static file, the limit, in the same run.

For each database (SQLite, as production allows it: one worker, no Redis; then PostgreSQL with
Redis and the shipped number of workers, when both are reachable) and each size
(articles), it migrates a new database (``flask db upgrade``), loads the demo (translated
articles with photos, awards, pages) and bulk-inserts the generated articles with their search
index rows (bench/search.py's generator, a fixed seed, every other one in English too), counts
the SQL statements of each page in-process (the test client and SQLAlchemy's events, every
cache off), then runs ``wrk -t2 -c50 -d5s`` (loopback, fixed) against each page in three modes:
through nginx (its micro-cache on, as deployed), the app server alone with its page cache, and
the app server alone with every cache off (``PORTAL_PAGE_CACHE=0``). After each server's runs it
reads the peak resident memory (VmHWM) of every worker, and its proportional share (PSS). The
table and the goals of issue 12, met or not, go to bench/results/http-<date>.md with the
machine's description.

    make bench                          # SIZES=1000,100000; QUICK=1: 1,000 only, short runs
    .venv/bin/python bench/http_pages.py --quick
    .venv/bin/python bench/http_pages.py --postgresql postgresql://postgres@127.0.0.1/h_bench \\
        --redis redis://127.0.0.1:6379/11
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from deploy import loopback  # noqa: E402
from deploy.loopback import SITE, free_port  # noqa: E402

BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SECRET = "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105 (made up)
ARTICLE = "/pl/news/mops-z-certyfikatem-jakosci-przyjazny-urzad"
MODES = ("nginx", "app, cache on", "app, cache off")
# The goals of issue 12 (the article page; lists and search compared between the sizes).
GOAL_NGINX, GOAL_APP, GOAL_NO_CACHE, GOAL_P99_MS = 0.80, 0.35, 1000, 10.0
GOAL_SCALE, GOAL_RSS_MB = 1.25, 100


def pages(deep: int) -> list[tuple[str, str]]:
    return [("home", "/pl/"), ("news, page 1", "/pl/news/"),
            (f"news, page {deep}", f"/pl/news/?page={deep}"),
            ("article (pl)", ARTICLE),
            ("article (en)", "/en/news/friendly-office-quality-certificate"),
            ("article (en, Polish fallback)",
             "/en/news/dzien-pracownika-socjalnego-w-naszym-osrodku"),
            ("awards", "/pl/awards/"), ("search", "/pl/search?q=pomoc+rodzina"),
            ("news feed", "/pl/feed.atom"), ("sitemap", "/sitemap.xml")]


@dataclass
class Run:
    rate: float
    p50: float
    p99: float
    errors: int


@dataclass
class Result:
    backend: str
    size: int
    runs: dict[tuple[str, str], Run] = field(default_factory=dict)  # (page, mode)
    statements: dict[str, int] = field(default_factory=dict)
    rss_mb: dict[str, tuple[float, float]] = field(default_factory=dict)  # mode -> MB, MB
    static: Run | None = None
    filled_s: float = 0.0


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, headers: dict[str, str]) -> Run:
    """``wrk -t2 -c50`` for ``duration`` seconds: requests per second, p50 and p99 in ms, and
    the answers that were not 2xx/3xx (or failed)."""
    command = ["wrk", "-t2", "-c50", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Latency Distribution" not in out:  # no answer at all
        print(out, file=sys.stderr)
        return Run(0.0, 0.0, 0.0, 1)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(*re.search(r"\s50%\s+([\d.]+)(us|ms|s)", out).groups())
    p99 = _ms(*re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out).groups())
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if found:
        errors += sum(int(n) for n in found.groups())
    return Run(rate, p50, p99, errors)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    mem = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    versions = []
    for command in (["wrk", "--version"], [NGINX, "-v"]):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        versions.append((done.stdout + done.stderr).strip().splitlines()[0])
    return (f"- {os.cpu_count()} CPUs: {model.group(1) if model else platform.processor()}\n"
            f"- RAM: {int(mem.group(1)) / 1024 / 1024:.1f} GiB\n"
            f"- load average at start: {load}\n"
            f"- {platform.platform()}, Python {platform.python_version()}\n"
            f"- {versions[0]}; {versions[1]}")


def progress_bar(total: int):
    done = [0]
    began = time.perf_counter()

    def step(n: int) -> None:
        done[0] += n
        width = 30
        filled = width * done[0] // total
        print(f"\r  articles [{'#' * filled}{'.' * (width - filled)}] {done[0]:,}/{total:,} "
              f"{time.perf_counter() - began:5.0f} s", end="", file=sys.stderr, flush=True)
        if done[0] >= total:
            print(file=sys.stderr)

    return step


class Instance:
    """One database filled with one size of content, its app server and its nginx."""

    def __init__(self, folder: Path, backend: str, database_url: str, redis_url: str):
        self.folder = folder
        self.backend = backend
        self.media = folder / "media"
        self.media.mkdir()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "FLASK_"))},
            "PORTAL_ENV": "production", "SECRET_KEY": SECRET, "MEDIA_ROOT": str(self.media),
            "TRUSTED_HOSTS": SITE, "PREFERRED_URL_SCHEME": "https", "PORTAL_PROXIES": "1",
            "PORTAL_INSTANCE_PATH": str(folder / "instance"),
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        else:  # failed-login limits in memory: production allows that for one worker only
            self.env["PORTAL_WORKERS"] = "1"
        self.server: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.app_port = free_port()
        self.nginx_port = free_port()
        self.static_port = free_port()

    def flask(self, *args: str) -> None:
        done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT,
                              env=self.env, capture_output=True, text=True, timeout=600,
                              check=False)
        if done.returncode:
            raise RuntimeError(f"flask {' '.join(args)}: {done.stdout}{done.stderr}")

    def fill(self, size: int) -> float:
        from search import build

        from portal import create_app

        self.flask("db", "upgrade")
        self.flask("demo", "load")
        began = time.perf_counter()
        with _environment({**self.env, "PORTAL_PAGE_CACHE": "0"}):
            build(create_app({"RATELIMIT_ENABLED": False}), size, seed=12,
                  translated_every=2, progress=progress_bar(size))
        return time.perf_counter() - began

    def count_statements(self, urls: list[tuple[str, str]]) -> tuple[dict[str, int], bytes]:
        """The SQL statements of each page, every cache off (the second request: the first
        loads what a worker keeps), and the article's HTML as a reader gets it."""
        import sqlalchemy as sa

        from portal import create_app
        from portal.extensions import db

        with _environment({**self.env, "PORTAL_PAGE_CACHE": "0"}):
            app = create_app({"RATELIMIT_ENABLED": False})
            logging.getLogger("portal.requests").setLevel(logging.WARNING)
            app.logger.setLevel(logging.WARNING)
            client = app.test_client()
            sent: list[str] = []
            with app.app_context():
                engine = db.engine

            def count(*args) -> None:
                sent.append(args[2])

            sa.event.listen(engine, "before_cursor_execute", count)
            found, article = {}, b""
            for name, url in urls:
                options = {"base_url": f"https://{SITE}",
                           "headers": {"X-Forwarded-For": "127.0.0.1"}}
                assert client.get(url, **options).status_code == 200, url
                sent.clear()
                response = client.get(url, **options)
                assert response.status_code == 200, (url, response.status_code)
                found[name] = len(sent)
                if url == ARTICLE:
                    article = response.data
            sa.event.remove(engine, "before_cursor_execute", count)
            engine.dispose()
        return found, article

    def start_server(self, page_cache: bool) -> None:
        env = {**self.env, "PORTAL_PAGE_CACHE": "1" if page_cache else "0"}
        command = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--bind",
                   f"127.0.0.1:{self.app_port}", "--access-logfile", "/dev/null"]
        if "PORTAL_WORKERS" in env:
            command += ["--workers", env["PORTAL_WORKERS"]]
        log = (self.folder / "server.log").open("ab")
        self.server = subprocess.Popen([*command, "wsgi:app"], cwd=ROOT, env=env, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        _wait(f"http://127.0.0.1:{self.app_port}/healthz", self.server, self.folder / "server.log")

    def warm(self, urls: list[tuple[str, str]]) -> None:
        """Each page a few times, so that every worker has loaded what it keeps (the catalogs,
        the search's lemmatiser) before it is timed."""
        workers = len(self.worker_pids())
        for _, url in urls:
            for _ in range(2 * workers):
                _get(f"http://127.0.0.1:{self.app_port}{url}")
            if "/search" in url:  # the lemmatiser loads in seconds: in every worker at once
                wrk(f"http://127.0.0.1:{self.app_port}{url}", 3, {
                    "Host": SITE, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"})

    def worker_pids(self) -> list[str]:
        return Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text().split()

    def worker_memory_mb(self) -> tuple[float, float]:
        """The largest peak resident memory (VmHWM) among the server's workers, and the largest
        proportional share now (Pss: the pages shared with the master and the other workers,
        the preloaded code, counted in parts), in MB."""
        peaks, shares = [], []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            shares.append(int(re.search(r"Pss:\s+(\d+) kB", rollup).group(1)) / 1024)
        return max(peaks), max(shares)

    def stop_server(self) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=60)
        self.server = None

    def start_nginx(self, article: bytes) -> None:
        static = self.folder / "static"
        static.mkdir(exist_ok=True)
        (static / "article.html").write_bytes(article)
        key, cert = loopback.certificate(self.folder)
        site = loopback.site(self.nginx_port, [self.app_port], self.folder, self.media, key,
                             cert, refusing_port=free_port())
        # The limit: the same page, saved, from the same nginx over the same TLS.
        extra = f"""
            server {{
                listen 127.0.0.1:{self.static_port} ssl;
                ssl_certificate {cert};
                ssl_certificate_key {key};
                location / {{ root {static}; try_files /article.html =404;
                              default_type text/html; }}
            }}
        """
        config = loopback.write(self.folder, site, extra)
        subprocess.run([NGINX, "-t", "-c", str(config)], check=True, capture_output=True)
        self.nginx = subprocess.Popen([NGINX, "-c", str(config)], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def stop(self) -> None:
        self.stop_server()
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(timeout=10)


class _environment:
    """os.environ as ``values`` for an in-process app, then as it was."""

    def __init__(self, values: dict[str, str]):
        self.values = values

    def __enter__(self) -> None:
        self.saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(self.values)

    def __exit__(self, *exc) -> None:
        os.environ.clear()
        os.environ.update(self.saved)


def _get(url: str) -> int:
    """GET ``url`` (a loopback http address of our own) as nginx would pass it on."""
    request = urllib.request.Request(  # noqa: S310
        url, headers={"Host": SITE, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()[-3000:]}")
        try:
            if _get(url) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no answer at {url}: {log.read_text()[-3000:]}")


def measure(backend: str, size: int, duration: int, database_url: str,
            redis_url: str) -> Result:
    result = Result(backend, size)
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        instance = Instance(Path(tmp), backend, database_url, redis_url)
        try:
            print(f"{backend}, {size:,} articles", file=sys.stderr)
            result.filled_s = instance.fill(size)
            listed = min(size + 10, 1000)  # PORTAL_NEWS_LIST_MAX's default
            urls = pages(max(1, -(-listed // 10)))
            result.statements, article = instance.count_statements(urls)
            instance.start_nginx(article)
            ssl = {"Host": SITE}
            plain = {"Host": SITE, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
            result.static = wrk(f"https://127.0.0.1:{instance.static_port}/", duration, ssl)
            for mode in MODES:
                instance.start_server(page_cache=mode != "app, cache off")
                instance.warm(urls)
                for name, url in urls:
                    if mode == "nginx":
                        target, headers = f"https://127.0.0.1:{instance.nginx_port}{url}", ssl
                    else:
                        target, headers = f"http://127.0.0.1:{instance.app_port}{url}", plain
                    run = wrk(target, duration, headers)
                    result.runs[name, mode] = run
                    print(f"  {mode:15} {name:32} {run.rate:8.0f} req/s  p50 {run.p50:6.2f} ms"
                          f"  p99 {run.p99:7.2f} ms  errors {run.errors}", file=sys.stderr)
                result.rss_mb[mode] = instance.worker_memory_mb()
                instance.stop_server()
        finally:
            instance.stop()
    return result


def report(results: list[Result], header: str, duration: int) -> str:
    lines = [f"# Readers' pages over HTTP, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             "`make bench` (bench/http_pages.py): gunicorn with deploy/gunicorn.conf.py and "
             "production settings, nginx with deploy/nginx.conf in front, on loopback; "
             f"`wrk -t2 -c50 -d{duration}s` per page and mode. The limit is nginx serving the "
             "saved article page as a static file over the same TLS, in the same run. SQL: "
             "statements of one request, every cache off. RSS: the largest peak (VmHWM) among "
             "the workers, per mode's server (it counts the code the master preloaded and "
             "shares); PSS counts shared pages in parts. wrk, nginx and the app share the "
             "machine's cores.",
             "", "## Machine", "", header, ""]
    for result in results:
        static = result.static
        lines += [f"## {result.backend}, {result.size:,} articles", "",
                  f"Bulk insert: {result.filled_s:.0f} s. nginx static (the limit): "
                  f"{static.rate:,.0f} req/s, p50 {static.p50:.2f} ms, p99 {static.p99:.2f} ms. "
                  "Per worker, peak RSS (and PSS after the runs): " + ", ".join(
                      f"{mode} {peak:.0f} MB ({share:.0f} MB)"
                      for mode, (peak, share) in result.rss_mb.items()) + ".", "",
                  "| page | mode | req/s | p50 ms | p99 ms | of nginx static | SQL | errors |",
                  "|---|---|---:|---:|---:|---:|---:|---:|"]
        for (name, mode), run in result.runs.items():
            lines.append(f"| {name} | {mode} | {run.rate:,.0f} | {run.p50:.2f} | {run.p99:.2f} "
                         f"| {run.rate / static.rate:.0%} | {result.statements[name]} "
                         f"| {run.errors} |")
        lines.append("")
    lines += ["## Goals (issue 12)", ""]
    for result in results:
        runs, static = result.runs, result.static.rate
        article = "article (pl)"
        through = runs[article, "nginx"].rate
        alone = runs[article, "app, cache on"]
        cold = runs[article, "app, cache off"].rate
        rss = max(peak for peak, _ in result.rss_mb.values())
        pss = max(share for _, share in result.rss_mb.values())
        at = f"{result.backend}, {result.size:,}"
        goals = [
            (f"article through nginx >= {GOAL_NGINX:.0%} of nginx static",
             through >= GOAL_NGINX * static, f"{through / static:.0%}"),
            (f"article, app alone, cache on >= {GOAL_APP:.0%} of nginx static",
             alone.rate >= GOAL_APP * static, f"{alone.rate / static:.0%}"),
            (f"article, app alone, cache on, p99 <= {GOAL_P99_MS:.0f} ms at 50 connections",
             alone.p99 <= GOAL_P99_MS, f"{alone.p99:.2f} ms"),
            (f"article, every cache off >= {GOAL_NO_CACHE:,} req/s", cold >= GOAL_NO_CACHE,
             f"{cold:,.0f} req/s"),
            (f"<= {GOAL_RSS_MB} MB resident per worker (peak RSS)", rss <= GOAL_RSS_MB,
             f"{rss:.0f} MB; PSS {pss:.0f} MB"),
        ]
        small = next((r for r in results if r.backend == result.backend and r.size < result.size),
                     None)
        if small is not None:
            for name in ("news, page 1", "search"):
                goals.append(_scale(name, small, result))
            deep = [n for n, m in result.runs if n.startswith("news, page ") and m == MODES[0]]
            deep_small = [n for n, m in small.runs if n.startswith("news, page ")
                          and m == MODES[0]]
            goals.append(_scale((deep_small[-1], deep[-1]), small, result))
        for goal, met, figure in goals:
            lines.append(f"- {at}: {goal}: **{'met' if met else 'not met'}** ({figure})")
    return "\n".join(lines) + "\n"


def _scale(name, small: Result, large: Result) -> tuple[str, bool, str]:
    """A page's time per request with every cache off (1 / its req/s: under wrk's 50
    connections the server is saturated) at the large size against the small (within 1.25x)."""
    small_name, large_name = name if isinstance(name, tuple) else (name, name)
    before = small.runs[small_name, "app, cache off"].rate
    after = large.runs[large_name, "app, cache off"].rate
    ratio = before / after if after else float("inf")
    return (f"{large_name} (every cache off) within {GOAL_SCALE}x of {small_name}'s time at "
            f"{small.size:,}", ratio <= GOAL_SCALE,
            f"{after:,.0f} req/s against {before:,.0f}: {ratio:.2f}x the time")


def _postgresql(url: str) -> str:
    """A new, empty database beside ``url``'s (``<name>_http``), or "" when none is reachable."""
    import sqlalchemy as sa

    base = sa.engine.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{base.database}_http"
    try:
        engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    except sa.exc.OperationalError as error:
        print(f"PostgreSQL is not reachable at {url}: {error}", file=sys.stderr)
        return ""
    return base.set(database=name).render_as_string(hide_password=False).replace(
        "postgresql+psycopg://", "postgresql://", 1)


def _redis(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=1).flushdb()
    except redis.RedisError as error:
        print(f"Redis is not reachable at {url}: {error}", file=sys.stderr)
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="articles, comma-separated")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per run")
    parser.add_argument("--postgresql", default=os.environ.get("BENCH_DATABASE_URL", ""),
                        help="a PostgreSQL database beside which to make one")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", ""),
                        help="a Redis database the benchmark may empty")
    parser.add_argument("--quick", action="store_true",
                        help="1,000 articles and 2 s runs (into http-<date>-quick.md)")
    parser.add_argument("--output", default="", help="the results file (default: "
                        "bench/results/http-<date>.md)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.duration = "1000", 2
    for tool in ("wrk", "openssl"):
        if shutil.which(tool) is None:
            sys.exit(f"error: {tool} is not installed (Debian: apt-get install {tool})")
    if not Path(NGINX).exists():
        sys.exit("error: nginx is not installed (Debian: apt-get install nginx-light)")
    header = machine()
    sizes = [int(size) for size in args.sizes.split(",")]
    redis_url = args.redis if args.redis and _redis(args.redis) else ""
    # SQLite in production is one app server with one worker, and no Redis (check-deploy).
    backends = [("SQLite, 1 worker", "", "")]
    if args.postgresql and redis_url:
        backends.append(("PostgreSQL + Redis", args.postgresql, redis_url))
    results = []
    for backend, url, redis_ in backends:
        for size in sizes:
            if url:
                database = _postgresql(url)
                if not database:
                    break
            else:
                database = ""
            if redis_:
                _redis(redis_)
            results.append(measure(backend, size, args.duration, database, redis_))
    text = report(results, header, args.duration)
    output = Path(args.output or ROOT / "bench" / "results" /
                  f"http-{datetime.now(UTC):%Y-%m-%d}{'-quick' if args.quick else ''}.md")
    output.write_text(text)
    print(text)
    print(f"written to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
