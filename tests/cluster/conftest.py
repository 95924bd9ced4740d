"""Two app servers sharing one PostgreSQL database, Redis and media folder, behind nginx.

The cluster is what deploy/ describes, on loopback: each app server is gunicorn started with
deploy/gunicorn.conf.py and production settings (``PORTAL_ENV=production``, so it refuses to
start if `flask check-deploy` would fail); nginx runs deploy/nginx.conf itself, with only its
ports, paths, certificate (made here, self-signed) and upstream servers replaced
(deploy/loopback.py, which the HTTP benchmark uses too). Readers'
requests go through nginx over HTTPS; a test that must reach one server in particular talks to
it directly, saying what nginx would (``X-Forwarded-Proto: https``, the site's Host).

Needs nginx, openssl, PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL, default database
2); a missing one skips, or fails under PORTAL_STRICT_TESTS=1. ``make test-cluster`` runs these
tests alone.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import sqlalchemy as sa

from deploy import loopback
from deploy.loopback import SITE, free_port

from ..conftest import PG_URL, skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("TEST_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/2")
SECRET = "cluster-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Answer:
    """What a server answered: the subset of the Flask test client's response the tests use."""

    status_code: int
    headers: http.client.HTTPMessage
    data: bytes

    def get_data(self, as_text: bool = False):
        return self.data.decode() if as_text else self.data

    @property
    def text(self) -> str:
        return self.data.decode()


class _SiteConnection(http.client.HTTPSConnection):
    """HTTPS to nginx on loopback, naming the site as a browser would (SNI): nginx refuses a
    handshake for any other name. The certificate is the test's own, self-signed."""

    def __init__(self, host: str, port: int) -> None:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        super().__init__(host, port, timeout=30, context=context)
        self._context = context

    def connect(self) -> None:
        raw = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=SITE)


@dataclass
class Client:
    """A browser's part, over real HTTP: cookies kept (Secure ones too: the address is behind
    TLS as far as the app is concerned), redirects not followed unless asked."""

    host: str
    port: int
    tls: bool = False
    cookies: dict[str, str] = field(default_factory=dict)

    def _connection(self) -> http.client.HTTPConnection:
        if self.tls:
            return _SiteConnection(self.host, self.port)
        return http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None,
                follow_redirects: bool = False) -> Answer:
        sent = {"Host": SITE, **(headers or {})}
        if not self.tls:
            sent.setdefault("X-Forwarded-Proto", "https")
            sent.setdefault("X-Forwarded-For", "127.0.0.1")
        if method == "POST":  # Flask-WTF checks, under HTTPS, that a form came from the site
            sent.setdefault("Referer", f"https://{SITE}{url}")
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = self._connection()
        try:
            connection.request(method, url, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["expires"] and "1970" in morsel["expires"] or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if follow_redirects and answer.status_code in (301, 302, 303, 307, 308):
            location = urllib.parse.urlsplit(answer.headers["Location"])
            target = location.path + (f"?{location.query}" if location.query else "")
            return self.request("GET", target, follow_redirects=True)
        return answer

    def get(self, url: str, **kwargs) -> Answer:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, data: dict[str, str], **kwargs) -> Answer:
        body = urllib.parse.urlencode(data).encode()
        return self.request("POST", url, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded"}, **kwargs)

    def post_multipart(self, url: str, data: dict[str, str],
                       files: dict[str, tuple[str, bytes, str]]) -> Answer:
        boundary = "----portal-cluster-test-boundary"
        parts = []
        for name, value in data.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                         f"\r\n\r\n{value}\r\n".encode())
        for name, (filename, content, kind) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                         + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", url, body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}"})


def _wait_until_answering(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()[-3000:]}")
        try:
            if Client("127.0.0.1", port).get("/healthz").status_code == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no answer on port {port}: {log.read_text()[-3000:]}")


@dataclass
class Cluster:
    folder: Path
    database_url: str
    media: Path
    env: dict[str, str]
    ports: dict[str, int] = field(default_factory=dict)
    servers: dict[str, subprocess.Popen] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None
    nginx_port: int = 0

    def flask(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT,
                              env=self.env, input=stdin, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start_server(self, name: str, workers: int = 2) -> None:
        port = self.ports.setdefault(name, free_port())
        log = self.folder / f"{name}.log"
        env = {**self.env, "PORTAL_INSTANCE_PATH": str(self.folder / f"instance-{name}")}
        with log.open("ab") as output:  # the server writes to its own copy of the file
            self.servers[name] = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--bind",
                 f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-",
                 "wsgi:app"],
                cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True)
        _wait_until_answering(port, self.servers[name], log)

    def stop_server(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.servers.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def server(self, name: str) -> Client:
        return Client("127.0.0.1", self.ports[name])

    def reader(self) -> Client:
        """A reader's browser, through nginx, over HTTPS."""
        return Client("127.0.0.1", self.nginx_port, tls=True)

    def start_nginx(self) -> None:
        self.nginx_port = free_port()
        key, cert = loopback.certificate(self.folder)
        try:
            text = loopback.site(self.nginx_port, list(self.ports.values()), self.folder,
                                 self.media, key, cert)
        except ValueError as error:
            raise AssertionError(str(error)) from None
        config = loopback.write(self.folder, text)
        check = subprocess.run([NGINX, "-t", "-c", str(config)],
                               capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stderr
        self.nginx = subprocess.Popen([NGINX, "-c", str(config)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.reader().get("/healthz").status_code == 200:
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)

    def stop(self) -> None:
        for name in list(self.servers):
            self.stop_server(name)
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(timeout=10)


def _database(url: str, suffix: str = "cluster") -> str:
    base = sa.engine.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{base.database}_{suffix}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False).replace(
        "postgresql+psycopg://", "postgresql://", 1)


def _need(redis_url: str, nginx: bool = True) -> None:
    if not PG_URL:
        skip_or_fail("TEST_DATABASE_URL is not set")
    if nginx and not Path(NGINX).exists():
        skip_or_fail("nginx is not installed (Debian: nginx-light)")
    if nginx and shutil.which("openssl") is None:
        skip_or_fail("openssl is not installed")
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_timeout=1).flushdb()
    except redis.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {redis_url}: {error}")


def make_cluster(folder: Path, database_url: str, redis_url: str = REDIS_URL,
                 **settings: str) -> Cluster:
    """A migrated instance with the demo content and an administrator, its servers not started:
    production settings, the database and Redis given, a media folder of its own."""
    media = folder / "media"
    media.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "FLASK_"))},
        "PORTAL_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media),
        "TRUSTED_HOSTS": SITE,
        "PREFERRED_URL_SCHEME": "https",
        "PORTAL_PROXIES": "1",
        "PORTAL_INSTANCE_PATH": str(folder / "instance-setup"),
        # As cheap as the rest of the suite's: logins are timed by the tests, not hashed for real.
        "PORTAL_ARGON2_TIME_COST": "1",
        "PORTAL_ARGON2_MEMORY_KIB": "1024",
        "PORTAL_ARGON2_PARALLELISM": "1",
        **settings,
    }
    found = Cluster(folder, database_url, media, env)
    found.flask("db", "upgrade")
    found.flask("demo", "load")
    found.flask("users", "create", "--email", "admin@example.pl", "--name", "Administratorka",
                "--role", "admin", "--password-stdin", stdin="correct horse battery staple\n")
    return found


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    _need(REDIS_URL)
    found = make_cluster(tmp_path_factory.mktemp("cluster"), _database(PG_URL))
    try:
        found.start_server("a")
        found.start_server("b")
        found.start_nginx()
        yield found
    finally:
        found.stop()


def csrf_token(client: Client, url: str) -> str:
    page = client.get(url).text
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def log_in(client: Client, email: str = "admin@example.pl",
           password: str = "correct horse battery staple") -> Answer:
    token = csrf_token(client, "/staff/login")
    return client.post("/staff/login", {"email": email, "password": password,
                                        "csrf_token": token})
