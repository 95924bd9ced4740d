"""No next= leads off the site: a corpus of addresses (offsite_next.txt) through every entry
point that takes one: logging in, the language switch, the reader's text size and contrast,
the bulk actions' way back (its redirect and its confirmation page's links), and logging out
(which takes none, and must not start to)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from ..conftest import create_user, csrf_token

CORPUS = Path(__file__).with_name("offsite_next.txt")
SITE = "http://localhost/staff/login"
PASSWORD = "correct horse battery staple"


def corpus() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def deliveries() -> list[tuple[str, str]]:
    """(raw query value, what the site reads): each line as written and decoded once more."""
    found = []
    for line in corpus():
        found.append((line, unquote(line)))
        found.append((_quote_all(line), line))
    return found


def _quote_all(text: str) -> str:
    return "".join(f"%{b:02X}" for b in text.encode("utf-8"))


def on_site(location: str) -> bool:
    """Whether a browser following ``location`` from a page of the site stays on it: tabs and
    newlines dropped, backslashes read as slashes, leading spaces and controls ignored."""
    if any(ord(char) < 32 or ord(char) == 127 for char in location):
        return False
    cleaned = location.strip(" ").replace("\\", "/")
    parts = urlsplit(urljoin(SITE, cleaned))
    return parts.scheme in ("http", "https") and parts.hostname == "localhost" and (
        parts.username is None
    )


def test_the_corpus_has_what_the_issue_names():
    values = corpus()
    assert len(values) >= 20
    named = {"//evil.example", "/\\evil.example", "\\\\evil.example", "https:evil.example"}
    assert named <= set(values)
    assert any("%2F%2F" in v for v in values) and any("%09" in v for v in values)
    assert any("%0A" in v for v in values) and any(v != v.lower() for v in values)
    # The helper itself tells on-site from off-site as a browser does.
    assert on_site("/staff/") and on_site("/%2F/evil.example")
    assert not on_site("//evil.example") and not on_site("/\\evil.example")
    assert not on_site("https:evil.example") and not on_site("/\t/evil.example")


def test_next_never_leaves_the_site(app):
    create_user(app, "editor", email="ewa@mops.example.pl")
    tried: list[tuple] = []
    for raw, read in deliveries():
        tried += follow_every_entry_point(app, raw, read)
    # Every delivery went through every entry point (but those a NUL byte stops first).
    assert len(tried) >= len(deliveries()) * 4


def follow_every_entry_point(app, raw: str, read: str) -> list[tuple]:
    client = app.test_client()
    tried = []

    def check(response, default: str) -> None:
        location = response.headers.get("Location")
        what = (raw, response.request.path, response.status_code, location)
        tried.append(what)
        if location is None:  # refused before any view (a NUL byte is a 400)
            assert response.status_code == 400 and "\x00" in read, what
            return
        assert on_site(location), what
        if not read.startswith("/") or not on_site(read):
            assert location == default, what

    # Logging in.
    token = csrf_token(client, "/staff/login")
    login = client.post(f"/staff/login?next={raw}",
                        data={"email": "ewa@mops.example.pl", "password": PASSWORD,
                              "csrf_token": token})
    check(login, "/staff/")
    # The readers' settings and the language switch.
    check(client.get(f"/language/en?next={raw}"), "/en/")
    check(client.get(f"/reader/text-size/large?next={raw}"), "/")
    check(client.get(f"/reader/contrast/high?next={raw}"), "/")
    if login.status_code != 302:
        return tried
    # The bulk actions' way back: nothing chosen, the confirmation page, an item gone.
    check(client.get(f"/staff/bulk?next={raw}"), "/staff/")
    page = client.get(f"/staff/bulk?action=trash&item=article:999&next={raw}")
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    links = [a["href"] for a in soup.select("main a[href]")]
    links += [i["value"] for i in soup.select("input[name=next]")]
    assert links and all(on_site(link) for link in links), (raw, links)
    token = csrf_token(client, "/staff/account")
    check(client.post(f"/staff/bulk?next={raw}",
                      data={"action": "trash", "item": "article:999", "csrf_token": token}),
          "/staff/")
    # Logging out takes no next.
    logout = client.post(f"/staff/logout?next={raw}", data={"csrf_token": token})
    assert logout.headers["Location"] == "/staff/login", raw
    return tried


def test_a_next_on_the_site_is_followed(app):
    create_user(app, "editor", email="ewa@mops.example.pl")
    client = app.test_client()
    token = csrf_token(client, "/staff/login")
    response = client.post("/staff/login", query_string={"next": "/staff/account?x=1"},
                           data={"email": "ewa@mops.example.pl", "password": PASSWORD,
                                 "csrf_token": token})
    assert response.headers["Location"] == "/staff/account?x=1"
    response = client.get("/language/en", query_string={"next": "/en/news/?page=2"})
    assert response.headers["Location"] == "/en/news/?page=2"
    # No next, or an empty one: the default.
    assert client.get("/reader/contrast/high?next=").headers["Location"] == "/"
    assert client.get("/language/uk").headers["Location"] == "/uk/"
