"""The page cache: readers' pages kept as rendered, for anonymous readers, until content changes.

**What is kept**: a GET of a readers' page (the ``public`` blueprint) answered 200 with HTML, for
a reader with no session cookie (so no staff member, no flashed message), that sets no cookie,
leaves the session untouched and is not ``no-store`` or ``private``. It is served to GET and
HEAD requests that would have been answered the same way.

**Keyed by** the release (the code, templates, catalogs and static files, hashed once at
start-up), the scheme, the host, the path and query, and the reader's settings (text size,
contrast). The host is only taken when ``TRUSTED_HOSTS`` names the site's hosts (Flask refuses
any other before a view runs); without it nothing is cached, so a page built for a foreign
``Host`` is never kept.

**Where**: Redis when ``REDIS_URL`` is set (every worker and server shares it), else this
process's memory (the latest ``MEMORY_ENTRIES`` pages).

**Until**: the content version changes, ``PAGE_CACHE_TTL`` seconds pass, or the next moment an
item's scheduled publication or expiry comes (those change pages without a change of content),
whichever is first.

**The content version** is a number in the database (``content_version``), raised by
:func:`on_content_changed`, the receiver of ``content_changed`` and the only invalidation. With
Redis the number is also written there, and read in the same round trip as the page, so a change
is seen at once by every server; every process also reads the database's number at most every
``VERSION_CHECK_SECONDS`` (in memory mode, the only way it learns of other processes' changes;
with Redis, a repair for a change Redis missed). Either way a change reaches every reader within
a second.

**Redis down**: pages are served uncached (logged once per outage, tried again after
``REDIS_RETRY_SECONDS``), never an error.

The same state gives every readers' page its ``Last-Modified`` (``public.cacheable``): the later
of the last content change and the last scheduled moment that has passed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, request, session
from sqlalchemy.orm import Mapped, mapped_column

from . import content, reader
from .config import ROOT
from .content import Publishable, UTCDateTime
from .database import begin_write
from .extensions import db
from .kinds import kinds

log = logging.getLogger(__name__)

VERSION_CHECK_SECONDS = 0.5
REDIS_RETRY_SECONDS = 5.0
REDIS_TIMEOUT_SECONDS = 0.5
MEMORY_ENTRIES = 2000
MAX_BODY_BYTES = 2 * 1024 * 1024
# Headers of the rendered page that are the page's own; the others are the request's
# (X-Request-ID, Date) or recomputed (Content-Length), and the security headers are added again.
KEPT_HEADERS = frozenset({"content-type", "content-language", "link", "vary", "etag",
                          "last-modified", "cache-control"})

# Sets the Redis version to ARGV[1] unless it is higher already: two servers' changes, raised in
# the database one after the other, can reach Redis in either order.
_RAISE_VERSION = """
local now = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > now then redis.call('SET', KEYS[1], ARGV[1]) end
return redis.call('GET', KEYS[1])
"""


class ContentVersion(db.Model):
    """One row: how many times content has changed, and when it last did (not content itself)."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


@dataclass(frozen=True)
class State:
    """What the database says of content, as of one look."""

    version: int
    changed_at: datetime | None
    last_moment: datetime | None  # the latest publication or expiry that has come
    next_moment: datetime | None  # the next one to come: pages change then by themselves

    @property
    def last_modified(self) -> datetime | None:
        known = [moment for moment in (self.changed_at, self.last_moment) if moment is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class Entry:
    version: int
    until: float  # seconds since the epoch
    headers: list[tuple[str, str]]
    body: bytes

    def dump(self) -> bytes:
        head = json.dumps({"version": self.version, "until": self.until, "headers": self.headers})
        return head.encode() + b"\n" + self.body

    @classmethod
    def load(cls, raw: bytes) -> Entry | None:
        head, sep, body = raw.partition(b"\n")
        if not sep:
            return None
        try:
            meta = json.loads(head)
            return cls(int(meta["version"]), float(meta["until"]),
                       [(str(k), str(v)) for k, v in meta["headers"]], body)
        except (ValueError, KeyError, TypeError):
            return None

    def response(self) -> Response:
        return Response(self.body, status=200, headers=self.headers)


def release_fingerprint() -> str:
    """A hash of what renders pages besides content: code, templates, compiled catalogs and
    the static files (pages name them by their hash)."""
    digest = hashlib.sha256()
    paths = sorted([*ROOT.glob("portal/**/*.py"), *ROOT.glob("templates/**/*.html"),
                    *ROOT.glob("translations/*/LC_MESSAGES/*.mo"),
                    *(path for path in ROOT.glob("portal/static/**/*") if path.is_file())])
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _moments(now: datetime) -> tuple[datetime | None, datetime | None]:
    """The latest publication or expiry moment that has come, and the next one to come."""
    latest: list[datetime] = []
    upcoming: list[datetime] = []
    for model in {kind.model for kind in kinds() if issubclass(kind.model, Publishable)}:
        columns = []
        for column in (model.published_at, model.expires_at):
            columns.append(sa.func.max(sa.case((column <= now, column))))
            columns.append(sa.func.min(sa.case((column > now, column))))
        row = db.session.execute(sa.select(*columns)).one()
        latest += [value for value in row[0::2] if value is not None]
        upcoming += [value for value in row[1::2] if value is not None]
    return (max(latest) if latest else None), (min(upcoming) if upcoming else None)


class PageCache:
    """The page cache of one app: its settings, its store and what it knows of the version."""

    def __init__(self, app: Flask) -> None:
        self.enabled = bool(app.config["PAGE_CACHE"])
        self.ttl = float(app.config["PAGE_CACHE_TTL"])
        self.redis = None
        if self.enabled and app.config.get("REDIS_URL"):
            import redis

            self.redis = redis.Redis.from_url(
                app.config["REDIS_URL"], socket_timeout=REDIS_TIMEOUT_SECONDS,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS)
        # Every key in Redis starts so; sites sharing one Redis database need prefixes of their own.
        self.prefix = app.config["PAGE_CACHE_PREFIX"]
        self.version_key = self.prefix + "version"
        self.release = release_fingerprint() if self.enabled else ""
        self.memory: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._state: State | None = None
        self._checked = 0.0  # time.monotonic() of the last look at the database
        self._redis_down_until = 0.0
        self._redis_owes: int | None = None  # a version Redis could not be told

    # --- The content version ---------------------------------------------------------------

    def state(self) -> State:
        """The content state, from the database at most every ``VERSION_CHECK_SECONDS`` (and
        again once the next scheduled moment has come)."""
        now = content.utcnow()
        known = self._state
        if (known is not None and time.monotonic() - self._checked < VERSION_CHECK_SECONDS
                and (known.next_moment is None or now < known.next_moment)):
            return known
        row = db.session.get(ContentVersion, 1, populate_existing=True)
        version = row.number if row is not None else 0
        changed_at = row.changed_at if row is not None else None
        if (known is not None and known.version >= version
                and (known.next_moment is None or now < known.next_moment)):
            fresh = known  # the moments only move when content changes or one comes
        else:
            last, upcoming = _moments(now)
            fresh = State(max(version, known.version if known else 0), changed_at, last, upcoming)
        self._state, self._checked = fresh, time.monotonic()
        return fresh

    def learn(self, version: int) -> None:
        """This process changed content: it knows the new version at once."""
        self._state = None  # the moments may have moved: read them again
        self._checked = 0.0
        if self.redis is not None:
            self._raise_redis_version(version)

    def _raise_redis_version(self, version: int) -> None:
        try:
            self.redis.eval(_RAISE_VERSION, 1, self.version_key, version)
            self._redis_owes = None
        except Exception:  # noqa: BLE001 - any Redis failure: the database check repairs it
            self._redis_owes = max(version, self._redis_owes or 0)
            self._redis_failed("could not tell Redis of content version %s", version)

    # --- The store --------------------------------------------------------------------------

    def key(self) -> str | None:
        if not current_app.config.get("TRUSTED_HOSTS"):
            return None  # the Host header is the sender's: never part of a kept page
        settings = reader.current()
        parts = [self.release, request.scheme, request.host.lower(), request.path,
                 request.query_string.decode("latin-1"), settings.text_size, settings.contrast]
        return self.prefix + hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def version(self, key: str) -> tuple[int, Entry | None] | None:
        """The content version readers are at, and the page kept under ``key`` (any version);
        None when the store cannot be asked (Redis down)."""
        db_version = self.state().version
        if self.redis is None:
            with self._lock:
                entry = self.memory.get(key)
                if entry is not None:
                    self.memory.move_to_end(key)
            return db_version, entry
        if time.monotonic() < self._redis_down_until:
            return None
        try:
            if self._redis_owes is not None:
                self._raise_redis_version(self._redis_owes)
            shared, raw = self.redis.mget(self.version_key, key)
        except Exception:  # noqa: BLE001 - any Redis failure: serve the page uncached
            self._redis_failed("Redis unreachable: readers' pages are served uncached")
            return None
        shared_version = int(shared) if shared else 0
        if db_version > shared_version:  # a change Redis missed (it was down, or restarted)
            self._raise_redis_version(db_version)
        entry = Entry.load(raw) if raw else None
        return max(db_version, shared_version), entry

    def put(self, key: str, entry: Entry) -> None:
        if self.redis is None:
            with self._lock:
                self.memory[key] = entry
                self.memory.move_to_end(key)
                while len(self.memory) > MEMORY_ENTRIES:
                    self.memory.popitem(last=False)
            return
        if time.monotonic() < self._redis_down_until:
            return
        milliseconds = int((entry.until - time.time()) * 1000)
        if milliseconds <= 0:
            return
        try:
            self.redis.set(key, entry.dump(), px=milliseconds)
        except Exception:  # noqa: BLE001 - any Redis failure: the page was served all the same
            self._redis_failed("Redis unreachable: readers' pages are served uncached")

    def _redis_failed(self, message: str, *args: Any) -> None:
        if time.monotonic() >= self._redis_down_until:  # once per outage, not per request
            log.warning(message, *args, exc_info=True)
        self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS


def _cache() -> PageCache:
    return current_app.extensions["page_cache"]


def _anonymous_reader() -> bool:
    """No session and no login cookie: nothing on the page can be this person's own."""
    cookies = request.cookies
    return (current_app.config["SESSION_COOKIE_NAME"] not in cookies
            and current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies)


def serve_kept() -> Response | None:
    """Before a readers' page is rendered: answer with the page kept for it, if there is one."""
    cache = _cache()
    if (not cache.enabled or request.blueprint != "public"
            or request.method not in ("GET", "HEAD") or not _anonymous_reader()):
        return None
    key = cache.key()
    if key is None:
        return None
    found = cache.version(key)
    if found is None:
        return None
    version, entry = found
    g.page_cache = (key, version)
    if entry is None or entry.version != version or entry.until <= time.time():
        return None
    g.page_cache_hit = True
    return entry.response()


def keep(response: Response) -> None:
    """After a readers' page is rendered (``public.cacheable``, before a 304 is made of it):
    keep it if it is the same for every reader with these settings."""
    looked = g.get("page_cache")
    if looked is None or g.get("page_cache_hit"):
        return
    if (request.method != "GET" or response.status_code != 200
            or response.mimetype != "text/html" or response.is_streamed
            or response.direct_passthrough or "Set-Cookie" in response.headers
            or response.cache_control.no_store or response.cache_control.private
            or session.modified):
        return
    body = response.get_data()
    if len(body) > MAX_BODY_BYTES:
        return
    cache = _cache()
    key, version = looked
    until = time.time() + cache.ttl
    upcoming = cache.state().next_moment
    if upcoming is not None:
        until = min(until, upcoming.timestamp())
    headers = [(name, value) for name, value in response.headers.items()
               if name.lower() in KEPT_HEADERS]
    cache.put(key, Entry(version, until, headers, body))


def last_modified() -> datetime | None:
    """When readers' pages last changed: content, or a scheduled moment that came."""
    return _cache().state().last_modified


def _raise_version(now: datetime) -> int:
    """The content version, raised by one (in the write lock ``follow_up`` holds), committed."""
    session = db.session()
    updated = session.execute(
        sa.update(ContentVersion).where(ContentVersion.id == 1)
        .values(number=ContentVersion.number + 1, changed_at=now))
    if updated.rowcount == 0:  # the first change of content
        session.add(ContentVersion(id=1, number=1, changed_at=now))
        session.flush()
    version = session.scalar(sa.select(ContentVersion.number).where(ContentVersion.id == 1))
    session.commit()
    return version


def on_content_changed(app: Flask, **_details: Any) -> None:
    """The receiver of ``content_changed``: raise the content version every page is kept at."""
    from .service import follow_up

    now = content.utcnow()
    version = None
    with follow_up(app, "the content version (kept pages last their TTL)"):
        try:
            version = _raise_version(now)
        except sa.exc.IntegrityError:  # another server wrote the first row meanwhile
            db.session.rollback()
            begin_write()
            version = _raise_version(now)
    if version is not None:
        app.extensions["page_cache"].learn(version)


def init_app(app: Flask) -> None:
    from .service import content_changed

    app.extensions["page_cache"] = PageCache(app)
    app.before_request(serve_kept)
    content_changed.connect(on_content_changed, sender=app)
    if app.config["PAGE_CACHE"] and not app.config.get("TRUSTED_HOSTS"):
        log.warning("PORTAL_PAGE_CACHE is on but TRUSTED_HOSTS is not set: no page is cached")


