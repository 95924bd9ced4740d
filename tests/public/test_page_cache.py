"""The page cache: readers' pages served as kept, and never a page a change has made old."""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from datetime import timedelta

import pytest

from portal import page_cache
from portal.content import utcnow
from portal.extensions import db

from .. import factories
from ..conftest import counting_statements, make_app, skip_or_fail
from ..content_helpers import answer_yes, edit_form, publish_changes

REDIS_URL = os.environ.get("TEST_PAGE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/7")
HOST = "localhost"
TITLE = "Festyn rodzinny w parku"
SLUG = "festyn-rodzinny-w-parku"


def cached_app(path, backend="sqlite", **overrides):
    settings = {"PAGE_CACHE": True, "TRUSTED_HOSTS": [HOST], "SERVER_NAME": None,
                "PAGE_CACHE_PREFIX": f"test-page-cache:{uuid.uuid4().hex}:"}
    settings.update(overrides)
    return make_app(path, backend, **settings)


def get(client, url, **kwargs):
    return client.get(url, base_url=f"http://{HOST}", **kwargs)



def store(app) -> page_cache.PageCache:
    return app.extensions["page_cache"]


def published_article(app) -> int:
    with app.app_context():
        return factories.article(TITLE, published=utcnow() - timedelta(hours=1))


def redis_connection():
    try:
        import redis

        connection = redis.Redis.from_url(REDIS_URL)
        connection.ping()
    except Exception as error:  # noqa: BLE001 - any failure means Redis is not there
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    return connection


@pytest.fixture
def checked_rarely(monkeypatch):
    """The database's version looked at once a minute: a hit is then a page and no query."""
    monkeypatch.setattr(page_cache, "VERSION_CHECK_SECONDS", 60)


def test_a_kept_page_is_served_without_a_query(tmp_path, checked_rarely):
    app = cached_app(tmp_path)
    published_article(app)
    client = app.test_client()
    first = get(client, f"/pl/news/{SLUG}")
    assert first.status_code == 200 and TITLE in first.get_data(as_text=True)
    with counting_statements(app) as seen:
        again = get(client, f"/pl/news/{SLUG}")
    assert seen == []
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Last-Modified"] == first.headers["Last-Modified"]
    # The security headers are the site's, not kept; the request id is this request's.
    assert "default-src 'self'" in again.headers["Content-Security-Policy"]
    assert again.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    with counting_statements(app) as seen:
        assert get(client, f"/pl/news/{SLUG}", method="HEAD").status_code == 200
    assert seen == []


def test_not_cached_when_switched_off_or_without_trusted_hosts(tmp_path, checked_rarely):
    for number, settings in enumerate(({"PAGE_CACHE": False}, {"TRUSTED_HOSTS": None})):
        app = cached_app(tmp_path / str(number), **settings)
        client = app.test_client()
        get(client, "/pl/")
        with counting_statements(app) as seen:
            assert get(client, "/pl/").status_code == 200
        assert seen and not store(app).memory


def test_each_trusted_host_has_its_pages_and_a_foreign_one_none(tmp_path, checked_rarely):
    app = cached_app(tmp_path, TRUSTED_HOSTS=[HOST, "www.mops.example.pl"])
    client = app.test_client()
    assert get(client, "/pl/").status_code == 200
    other = client.get("/pl/", base_url="http://www.mops.example.pl")
    assert other.status_code == 200 and len(store(app).memory) == 2
    assert client.get("/pl/", base_url="http://evil.example").status_code == 400
    assert len(store(app).memory) == 2


def test_reader_settings_are_kept_apart(tmp_path, checked_rarely):
    app = cached_app(tmp_path)
    client = app.test_client()
    plain = get(client, "/pl/")
    client.set_cookie("text_size", "largest", domain=HOST)
    client.set_cookie("contrast", "high", domain=HOST)
    large = get(client, "/pl/")
    assert large.data != plain.data and 'class="text-largest contrast-high"' in large.text
    with counting_statements(app) as seen:
        assert get(client, "/pl/").data == large.data
    assert seen == []
    client.delete_cookie("text_size", domain=HOST)
    client.delete_cookie("contrast", domain=HOST)
    assert get(client, "/pl/").data == plain.data
    assert len(store(app).memory) == 2


def test_staff_never_get_a_kept_page_and_never_fill_the_cache(tmp_path, staff_client,
                                                              checked_rarely):
    app = cached_app(tmp_path)
    published_article(app)
    editor = staff_client(app, "editor")
    assert get(editor, f"/pl/news/{SLUG}").status_code == 200
    assert get(editor, "/pl/").status_code == 200
    assert not store(app).memory
    get(app.test_client(), f"/pl/news/{SLUG}")  # a reader fills it
    assert len(store(app).memory) == 1
    with counting_statements(app) as seen:
        assert get(editor, f"/pl/news/{SLUG}").status_code == 200
    assert seen  # rendered for them, not the reader's copy
    assert get(editor, "/staff/").status_code == 200
    assert len(store(app).memory) == 1


def test_errors_and_pages_that_set_a_cookie_are_not_kept(tmp_path, checked_rarely):
    app = cached_app(tmp_path)
    client = app.test_client()
    assert get(client, "/pl/news/no-such-article").status_code == 404
    assert get(client, "/reader/contrast/high?next=/pl/").status_code == 303
    assert get(client, "/language/en?next=/en/").status_code == 303
    assert not store(app).memory


def edit_and_publish(editor, item_id: int, title: str) -> None:
    url = f"/staff/articles/{item_id}"
    response = publish_changes(editor, url, **{"pl-title": title, "pl-slug": SLUG})
    assert response.status_code == 302, response.status_code


def test_a_publish_is_seen_at_once_by_another_server_through_redis(tmp_path, backend,
                                                                   staff_client):
    connection = redis_connection()
    prefix = f"test-page-cache:{uuid.uuid4().hex}:"
    # Two servers: the same database and the same Redis, each its own process memory.
    first = cached_app(tmp_path, backend, REDIS_URL=REDIS_URL, PAGE_CACHE_PREFIX=prefix)
    second = cached_app(tmp_path, backend, REDIS_URL=REDIS_URL, PAGE_CACHE_PREFIX=prefix)
    try:
        item_id = published_article(first)
        reader = second.test_client()
        assert TITLE in get(reader, f"/pl/news/{SLUG}").text
        assert connection.keys(prefix + "*")
        with counting_statements(second) as seen:  # kept in Redis: no rendering
            assert TITLE in get(reader, f"/pl/news/{SLUG}").text
        assert not [s for s in seen if "article" in s.lower()]

        editor = staff_client(first, "editor")
        edit_and_publish(editor, item_id, "Festyn rodzinny przeniesiony")
        shown = get(reader, f"/pl/news/{SLUG}").text  # at once, on the other server
        assert "Festyn rodzinny przeniesiony" in shown and TITLE not in shown
        assert "Festyn rodzinny przeniesiony" in get(second.test_client(), "/pl/news/").text
    finally:
        for key in connection.scan_iter(prefix + "*"):
            connection.delete(key)
        for app in (first, second):
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def test_a_publish_reaches_another_process_through_the_database(tmp_path, backend,
                                                                staff_client):
    first = cached_app(tmp_path, backend)
    second = cached_app(tmp_path, backend)
    try:
        item_id = published_article(first)
        reader = second.test_client()
        assert TITLE in get(reader, f"/pl/news/{SLUG}").text
        assert len(store(second).memory) == 1

        editor = staff_client(first, "editor")
        edit_and_publish(editor, item_id, "Festyn rodzinny przeniesiony")
        # The first process knows at once; the second reads the database's version within 1 s.
        assert "Festyn rodzinny przeniesiony" in get(first.test_client(),
                                                     f"/pl/news/{SLUG}").text
        time.sleep(page_cache.VERSION_CHECK_SECONDS + 0.05)
        shown = get(reader, f"/pl/news/{SLUG}").text
        assert "Festyn rodzinny przeniesiony" in shown and TITLE not in shown
    finally:
        for app in (first, second):
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def test_a_scheduled_article_appears_when_its_time_comes_despite_the_cache(tmp_path):
    app = cached_app(tmp_path)
    client = app.test_client()
    published_article(app)
    comes = utcnow() + timedelta(seconds=1.5)
    with app.app_context():
        factories.article("Zebranie rodziców", published=comes)
    first = get(client, "/pl/news/").text
    assert TITLE in first and "Zebranie rodziców" not in first
    (entry,) = store(app).memory.values()
    assert entry.until <= comes.timestamp()  # kept no longer than until it comes
    time.sleep(max(0.0, comes.timestamp() - time.time()) + 0.1)
    assert "Zebranie rodziców" in get(client, "/pl/news/").text


def test_an_expiry_ends_a_kept_page(tmp_path):
    app = cached_app(tmp_path)
    client = app.test_client()
    item_id = published_article(app)
    ends = utcnow() + timedelta(seconds=1.5)
    with app.app_context():
        factories.update(db.session.get(factories.kind_named("article").model, item_id),
                         expires_at=ends)
    assert get(client, f"/pl/news/{SLUG}").status_code == 200
    time.sleep(max(0.0, ends.timestamp() - time.time()) + 0.1)
    assert get(client, f"/pl/news/{SLUG}").status_code == 404


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_redis_down_pages_are_served_uncached_and_it_is_logged(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="portal.page_cache")
    url = f"redis://127.0.0.1:{closed_port()}/0"
    app = cached_app(tmp_path, REDIS_URL=url, RATELIMIT_STORAGE_URI="memory://")
    app.testing = False  # a crash would be a 500 page, as in production
    published_article(app)
    client = app.test_client()
    answers = [get(client, f"/pl/news/{SLUG}") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert all(TITLE in a.text for a in answers)
    warnings = [r for r in caplog.records if r.name == "portal.page_cache"]
    assert len(warnings) == 1, warnings  # once per outage, not once per request
    assert "Redis" in warnings[0].getMessage()


@pytest.mark.parametrize("cache", [True, False])
def test_unchanged_pages_are_answered_304_with_the_security_headers(tmp_path, cache,
                                                                    checked_rarely):
    app = cached_app(tmp_path, PAGE_CACHE=cache)
    published_article(app)
    client = app.test_client()
    page = get(client, f"/pl/news/{SLUG}")
    assert page.cache_control.public and page.cache_control.no_cache
    etag, modified = page.headers["ETag"], page.headers["Last-Modified"]
    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        unchanged = get(client, f"/pl/news/{SLUG}", headers=headers)
        assert unchanged.status_code == 304 and unchanged.data == b""
        assert unchanged.headers["ETag"] == etag
        assert "default-src 'self'" in unchanged.headers["Content-Security-Policy"]
        assert unchanged.headers["X-Content-Type-Options"] == "nosniff"
    assert get(client, f"/pl/news/{SLUG}", headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_change_moves_last_modified_and_the_etag(tmp_path, staff_client):
    app = cached_app(tmp_path)
    item_id = published_article(app)
    client = app.test_client()
    before = get(client, f"/pl/news/{SLUG}")
    time.sleep(1.1)  # Last-Modified counts whole seconds
    edit_and_publish(staff_client(app, "editor"), item_id, "Festyn rodzinny przeniesiony")
    after = get(client, f"/pl/news/{SLUG}", headers={"If-None-Match": before.headers["ETag"],
                                                      "If-Modified-Since":
                                                          before.headers["Last-Modified"]})
    assert after.status_code == 200 and "Festyn rodzinny przeniesiony" in after.text
    assert after.last_modified > before.last_modified


def test_an_unpublished_article_is_gone_at_once(tmp_path, staff_client, checked_rarely):
    app = cached_app(tmp_path)
    item_id = published_article(app)
    assert get(app.test_client(), f"/pl/news/{SLUG}").status_code == 200
    editor = staff_client(app, "editor")
    form = edit_form(editor, f"/staff/articles/{item_id}")
    assert form["csrf_token"]
    form.update(action="unpublish")
    answer = answer_yes(editor, editor.post(f"/staff/articles/{item_id}", data=form))
    assert answer.status_code == 302
    assert get(app.test_client(), f"/pl/news/{SLUG}").status_code == 404
