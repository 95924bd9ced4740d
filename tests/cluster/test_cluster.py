"""Several app servers, one site: what a city running the portal for its centres relies on.

Two gunicorn servers (A and B) share PostgreSQL, Redis and the media folder behind the shipped
nginx configuration (see conftest.py). The figures (how long until B shows A's publish, requests
lost when A is killed) are printed for the closing notes: run with ``-s`` to see them.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from ..content_helpers import edit_form, form_values, photo, save_live
from .conftest import Client, csrf_token, log_in

pytestmark = [pytest.mark.postgresql, pytest.mark.cluster]

ARTICLE_SLUG = "mops-z-certyfikatem-jakosci-przyjazny-urzad"


def database(cluster):
    return sa.create_engine(cluster.database_url.replace("postgresql://",
                                                         "postgresql+psycopg://", 1))


def article_id(cluster, slug: str = ARTICLE_SLUG) -> int:
    engine = database(cluster)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT parent_id FROM article_translations "
                                        "WHERE slug = :slug"), {"slug": slug}).scalar_one()
    finally:
        engine.dispose()


def wait_for(check, limit: float) -> float | None:
    """Seconds until ``check()`` holds, asking every 20 ms; None if it did not within ``limit``."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if check():
            return time.monotonic() - start
        time.sleep(0.02)
    return None


def logged_in(cluster, server: str) -> Client:
    client = cluster.server(server)
    assert log_in(client).status_code == 302
    return client


def test_a_publish_through_one_server_is_seen_on_the_other_within_a_second(cluster):
    editor = logged_in(cluster, "a")
    url = f"/staff/articles/{article_id(cluster)}"
    summary = f"Nowe godziny przyjęć od {time.time_ns()}."
    page = f"/pl/news/{ARTICLE_SLUG}"
    assert summary not in cluster.server("b").get(page).text

    answer = save_live(editor, url, **{"pl-summary": summary})
    assert answer.status_code == 302, answer.status_code
    on_b = wait_for(lambda: summary in cluster.server("b").get(page).text, 5)
    through_nginx = wait_for(lambda: summary in cluster.reader().get(page).text, 5)
    print(f"\ncluster: a publish on A seen on B after {on_b:.3f} s, "
          f"through nginx (1 s micro-cache) after {through_nginx:.3f} s")
    assert on_b is not None and on_b <= 1.0
    # nginx may hold the page it had for up to its one-second micro-cache.
    assert through_nginx is not None and through_nginx <= 1.0 + on_b + 0.2


def test_a_staff_session_made_on_one_server_works_on_the_other(cluster):
    on_a = logged_in(cluster, "a")
    on_b = Client("127.0.0.1", cluster.ports["b"], cookies=dict(on_a.cookies))
    dashboard = on_b.get("/staff/")
    assert dashboard.status_code == 200
    assert "Administratorka" in dashboard.text
    # A form begun on B is accepted on A: the CSRF token belongs to the session, not the server.
    url = f"/staff/articles/{article_id(cluster)}"
    data = edit_form(on_b, url)
    data.update({"pl-summary": "Zmiana zaczęta na B.", "action": "save"})
    assert on_a.post(url, data=data).status_code in (200, 302)


def test_failed_login_limits_are_shared_by_the_servers(cluster):
    cluster.flask("users", "create", "--email", "limit@example.pl", "--name", "Ewa Limit",
                  "--role", "editor", "--password-stdin", stdin="correct horse battery staple\n")
    answers = []
    for attempt in range(6):
        client = cluster.server("a" if attempt % 2 == 0 else "b")
        answers.append(log_in(client, "limit@example.pl", "wrong password").status_code)
    # Five failures per account in 15 minutes, counted together: the sixth is refused,
    # whichever server it reaches; the right password is refused too until the time passes.
    assert answers[:5] == [200] * 5
    assert answers[5] == 429
    assert log_in(cluster.server("a"), "limit@example.pl").status_code == 429


def test_a_scheduled_item_goes_live_on_every_server_by_itself(cluster):
    editor = logged_in(cluster, "a")
    title = f"Dyżur świąteczny {time.time_ns()}"
    created = editor.post("/staff/articles/new", data={
        "csrf_token": csrf_token(editor, "/staff/articles/new"), "revision": "0",
        "pl-title": title, "pl-body": "<p>Ośrodek czynny w wigilię do 12:00.</p>",
        "action": "save"})
    assert created.status_code == 302
    url = created.headers["Location"].split("://", 1)[-1].partition("/")[2]
    url = "/" + url
    later = datetime.now(UTC) + timedelta(days=1)
    data = edit_form(editor, url)
    data.update(action="schedule", publish_date=later.strftime("%Y-%m-%d"), publish_time="10:00")
    assert editor.post(url, data=data).status_code == 302
    item = int(url.rstrip("/").rsplit("/", 1)[1])
    # The clock moves on: the publication time is brought to 1.5 s from now (no one waits a day).
    engine = database(cluster)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE articles SET published_at = :at WHERE id = :id"),
                     {"at": datetime.now(UTC) + timedelta(seconds=1.5), "id": item})
    engine.dispose()

    def listed(server: str) -> bool:
        return title in cluster.server(server).get("/pl/news/").text

    assert not listed("a") and not listed("b")
    time.sleep(1.5)
    # No job runs: each server's next request finds it published (the cache holds it ≤ 1 s).
    on_a = wait_for(lambda: listed("a"), 2)
    on_b = wait_for(lambda: listed("b"), 2)
    assert on_a is not None and on_b is not None
    assert wait_for(lambda: title in cluster.reader().get("/pl/news/").text, 2) is not None


def test_a_photo_uploaded_on_one_server_is_served_by_the_other_and_by_nginx(cluster):
    editor = logged_in(cluster, "a")
    created = editor.post("/staff/articles/new", data={
        "csrf_token": csrf_token(editor, "/staff/articles/new"), "revision": "0",
        "pl-title": f"Galeria {time.time_ns()}", "pl-body": "<p>Zdjęcia z festynu.</p>",
        "action": "save"})
    url = "/" + created.headers["Location"].split("://", 1)[-1].partition("/")[2]
    data = edit_form(editor, url)
    data["action"] = "save"
    sent = editor.post_multipart(url, data, {"photos": ("festyn.jpg", photo(), "image/jpeg")})
    # The photo is kept by the form until it is described; then the article is saved with it.
    again = form_values(sent.text)
    key = again["images-0-key"]
    again.update({"images-0-pl-alt": "Dzieci przy stoisku z balonami.", "action": "save"})
    assert editor.post(url, data=again).status_code == 302
    renditions = sorted(cluster.media.rglob(f"*{key[:16]}*.webp")) or sorted(
        path for path in cluster.media.rglob("*.webp") if key in str(path))
    assert renditions, f"no rendition of {key} in the shared media folder"
    address = "/media/" + str(renditions[0].relative_to(cluster.media))
    from_b = cluster.server("b").get(address)
    from_nginx = cluster.reader().get(address)
    assert from_b.status_code == 200 and from_b.data == renditions[0].read_bytes()
    assert from_nginx.status_code == 200 and from_nginx.data == renditions[0].read_bytes()
    assert from_nginx.headers["X-Content-Type-Options"] == "nosniff"


def test_readers_pages_are_micro_cached_and_staff_pages_never(cluster):
    reader = cluster.reader()
    first = reader.get("/pl/news/?cache-check=1")
    second = reader.get("/pl/news/?cache-check=1")
    assert first.status_code == second.status_code == 200
    assert second.headers["X-Cache"] == "HIT"
    assert "Set-Cookie" not in second.headers

    staff = Client("127.0.0.1", cluster.nginx_port, tls=True)
    assert log_in(staff).status_code == 302
    for _ in range(2):
        dashboard = staff.get("/staff/")
        assert dashboard.status_code == 200
        assert dashboard.headers["X-Cache"] == "BYPASS"
        assert "no-store" in dashboard.headers["Cache-Control"]
    # Logged in, a reader's page is the app's own answer, not another reader's copy.
    assert staff.get("/pl/news/?cache-check=1").headers["X-Cache"] == "BYPASS"
    # The login page starts a session (its CSRF token): it is never kept for the next visitor.
    for _ in range(2):
        login = cluster.reader().get("/staff/login")
        assert login.headers["X-Cache"] != "HIT"
    # A forged Host reaches no page: nginx answers only the site's own name.
    stranger = cluster.reader()
    try:
        answer = stranger.request("GET", "/pl/", headers={"Host": "evil.example"})
        assert answer.status_code in (400, 421, 444) or "evil.example" not in answer.text
    except OSError:
        pass  # nginx closed the connection (444): nothing was served


def load(client_for, pages: list[str], threads: int = 4):
    """Readers asking for ``pages`` from ``threads`` threads until the returned event is set;
    each request has a query string of its own, so no cache answers for the app."""
    stop = threading.Event()
    results: list[int] = []
    errors: list[str] = []

    def read() -> None:
        client = client_for()
        n = 0
        while not stop.is_set():
            url = f"{pages[n % len(pages)]}?r={threading.get_ident()}-{n}"
            n += 1
            try:
                results.append(client.get(url).status_code)
            except OSError as error:
                errors.append(repr(error))

    running = [threading.Thread(target=read) for _ in range(threads)]
    for thread in running:
        thread.start()

    def finish() -> None:
        stop.set()
        for thread in running:
            thread.join(timeout=30)

    return results, errors, finish


READERS_PAGES = ["/pl/", "/pl/news/", f"/pl/news/{ARTICLE_SLUG}", "/en/awards/"]


def test_a_graceful_reload_under_load_fails_no_request(cluster):
    results, errors, finish = load(lambda: cluster.server("b"), READERS_PAGES)
    time.sleep(1.0)
    before = len(results)
    os.kill(cluster.servers["b"].pid, signal.SIGHUP)  # systemctl reload portal
    time.sleep(3.0)
    finish()
    failed = [status for status in results if status != 200]
    print(f"\ncluster: {len(results)} requests to server B, reloaded (HUP) after {before}; "
          f"{len(failed)} failed, {len(errors)} connection errors")
    assert before > 0 and len(results) > before
    assert failed == [] and errors == []


def test_killing_a_server_mid_traffic_loses_no_request_nginx_can_retry(cluster):
    results, errors, finish = load(cluster.reader, READERS_PAGES)
    time.sleep(1.5)
    cluster.stop_server("a", signal.SIGKILL)
    killed_at = len(results)
    time.sleep(2.0)
    finish()
    failed = [status for status in results if status != 200]
    print(f"\ncluster: {len(results)} requests through nginx, server A killed after "
          f"{killed_at}; {len(failed)} failed, {len(errors)} connection errors")
    try:
        assert killed_at > 0 and len(results) > killed_at
        assert failed == [] and errors == []
    finally:
        cluster.start_server("a")
