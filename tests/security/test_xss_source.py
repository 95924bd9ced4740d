"""The XSS corpus in the source the server sends: escaped where it is text, cleaned where it is
rich text, never closing the JSON-LD script, round-tripping through feeds, the sitemap, a mail,
a content PO file and an interface catalog.

(The browser's side, with every place visited in Chromium, is ``tests/browser/test_xss.py``.)
"""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET

import polib
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from portal import catalog_checks, catalogs, content_po
from portal.extensions import db
from portal.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES
from portal.news.models import Article

from ..conftest import csrf_token, log_in, make_app
from ..i18n.test_catalog_gate import forget_loaded_translations
from . import corpus
from .corpus import PAYLOADS

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def seeded_app(request, tmp_path_factory):
    """The demo and the corpus, once per database (search and its snippets differ by engine)."""
    app = make_app(tmp_path_factory.mktemp("xss-source"), request.param, NEWS_PER_PAGE=100,
                   STAFF_PER_PAGE=500, SEARCH_PER_PAGE=100)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    seeded = corpus.seed(app)
    yield app, seeded
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def admin_client(app):
    client = app.test_client()
    assert log_in(client, "admin0@mops.example.pl").status_code == 302
    return client


def test_no_typed_markup_in_the_source_of_any_place(seeded_app):
    app, seeded = seeded_app
    readers, staff = app.test_client(), admin_client(app)
    urls = [url for by_lang in corpus.public_places(app, seeded).values()
            for urls in by_lang.values() for url in urls]
    urls += [url for urls in corpus.staff_places(app, seeded, everything=True).values()
             for url in urls]
    problems, shown = [], 0
    for url in urls:
        response = (staff if url.startswith("/staff") else readers).get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        source = response.get_data(as_text=True)
        shown += len(seeded.shown(source))
        if response.mimetype == "text/html":
            problems += [f"{url}: {what}" for what in corpus.unsafe_markup(source, seeded)]
    assert not problems, "\n".join(problems[:30])
    assert shown > 2000  # the places do show what was typed (escaped)


def test_rich_text_keeps_only_the_allowed_elements_and_addresses(seeded_app):
    app, seeded = seeded_app
    client = app.test_client()
    with app.test_request_context():
        slugs = [(lang, db.session.get(Article, n).translations[lang].slug)
                 for n in seeded.articles for lang in corpus.LANGUAGES]
    bodies = 0
    for lang, slug in slugs:
        soup = BeautifulSoup(client.get(f"/{lang}/news/{slug}").get_data(as_text=True),
                             "html.parser")
        body = soup.select_one("article .prose") or soup.select_one("main .prose")
        assert body is not None, slug
        bodies += 1
        for tag in body.find_all(True):
            assert tag.name in ALLOWED_TAGS - {"b", "i"}, (slug, tag.name)
            allowed = ALLOWED_ATTRIBUTES.get(tag.name, set()) | ({"rel"} if tag.name == "a"
                                                                else set())
            assert set(tag.attrs) <= allowed, (slug, tag)
            if tag.name == "a" and tag.get("href"):
                assert tag["href"].split(":", 1)[0].lower() in URL_SCHEMES | {tag["href"]}, tag
        # What the sanitiser removed is gone, what it kept is text.
        assert "alert(" not in "".join(str(t) for t in body.find_all(True, attrs=True)
                                       if t.attrs and t.name != "a")
    assert bodies == len(seeded.articles) * 3


def test_json_ld_holds_the_typed_title_and_never_closes_its_script(seeded_app):
    app, seeded = seeded_app
    client = app.test_client()
    with app.test_request_context():
        pages = [(lang, tr.slug, tr.title) for n in seeded.articles
                 for lang, tr in db.session.get(Article, n).translations.items()]
    for lang, slug, title in pages:
        source = client.get(f"/{lang}/news/{slug}").get_data(as_text=True)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', source, re.S)
        assert len(blocks) == 2, slug
        assert all("<" not in block for block in blocks)  # so no "</script" either
        [article] = [b for b in map(json.loads, blocks) if b["@type"] == "NewsArticle"]
        assert article["headline"] == title
        soup = BeautifulSoup(source, "html.parser")
        assert soup.find("meta", property="og:title")["content"] == title


def test_feeds_and_the_sitemap_parse_and_carry_the_text_as_typed(seeded_app):
    app, seeded = seeded_app
    client = app.test_client()
    with app.app_context():
        titles = {lang: {tr.title for n in seeded.articles
                         for l2, tr in db.session.get(Article, n).translations.items()
                         if l2 == lang} for lang in corpus.LANGUAGES}
    for lang in corpus.LANGUAGES:
        feed = ET.fromstring(client.get(f"/{lang}/feed.atom").get_data())
        shown = {entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")}
        assert titles[lang] <= shown
        awards = ET.fromstring(client.get(f"/{lang}/awards/feed.atom").get_data())
        assert [e for e in awards.iter(f"{ATOM}entry") if corpus.MARKER.search(
            e.findtext(f"{ATOM}title") or "")]
    sitemap = ET.fromstring(client.get("/sitemap.xml").get_data())
    addresses = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert len(addresses) > 3 * len(seeded.articles)
    for address in addresses:
        assert re.fullmatch(r"http://localhost/[a-z]{2}/([a-z-]+/)*[a-z0-9-]*", address), address


def test_a_reset_mail_names_the_user_as_typed_in_plain_text(seeded_app, outbox):
    app, seeded = seeded_app
    client = app.test_client()
    token = csrf_token(client, "/staff/forgot-password")
    for n in (0, 3):
        client.post("/staff/forgot-password",
                    data={"email": f"{['admin', 'admin', 'admin', 'editor'][n]}{n}"
                                   "@mops.example.pl", "csrf_token": token})
    mails = outbox()
    assert len(mails) == 2
    with app.app_context():
        from portal.staff.models import User

        names = [db.session.get(User, seeded.users[n]).name for n in (0, 3)]
    for mail, name in zip(mails, names, strict=True):
        assert mail.get_content_type() == "text/plain" and not mail.is_multipart()
        assert name in mail.get_content()  # plain text: as typed, nothing to escape
        assert "\n" not in mail["Subject"]


def test_a_content_po_file_with_payloads_is_imported_and_shown_escaped(seeded_app):
    app, seeded = seeded_app
    client = admin_client(app)
    with app.test_request_context():
        po = content_po.export("en")
        for number, entry in enumerate(po):
            entry.msgstr = f"{PAYLOADS[number % len(PAYLOADS)]} ⟦po{number}⟧"
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        data = str(po).encode()
    token = csrf_token(client, "/staff/translations/files")
    response = client.post("/staff/translations/import", data={
        "file": (io.BytesIO(data), "en.po"), "csrf_token": token},
        content_type="multipart/form-data")
    source = response.get_data(as_text=True)
    assert response.status_code == 200
    assert not corpus.unsafe_markup(source, seeded)
    with app.app_context():
        imported = [tr.title for tr in db.session.scalars(sa.select(
            Article.translations.property.mapper.class_).where(
            sa.literal_column("locale") == "en")) if "⟦po" in tr.title]
    assert imported, "the import applied nothing"
    problems = []
    with app.test_request_context():
        for article in db.session.scalars(sa.select(Article)):
            tr = article.translations.get("en")
            if tr is None or "⟦po" not in tr.title:
                continue
            page = client.get(f"/en/news/{tr.slug}").get_data(as_text=True)
            problems += corpus.unsafe_markup(page, seeded)
            assert tr.title in BeautifulSoup(page, "html.parser").h1.get_text()
    assert not problems


ATTRIBUTE_MSGID = "Search the website"  # a placeholder, and a label's text
TEXT_MSGID = "Skip to main content"


def test_an_interface_catalog_cannot_add_markup_and_what_passes_is_escaped(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(catalogs.CATALOGS, folder)
    path = folder / "pl" / "LC_MESSAGES" / "messages.po"
    po = polib.pofile(str(path))
    by_id = {entry.msgid: entry for entry in po}
    tagged = [p for p in PAYLOADS if "<" in p]
    untagged = [p for p in PAYLOADS if "<" not in p and "%" not in p]
    # Each payload with markup, as the translation of a template string, is refused by the
    # gate's HTML check; one of them in the catalog fails the whole gate.
    refused = [p for p in tagged if catalog_checks.added_html(TEXT_MSGID, p)]
    # "＜script＞" is not markup, and "<scr\u200bipt>" parses as no element: both pass.
    assert len(refused) >= len(tagged) - 2, sorted(set(tagged) - set(refused))
    template = catalogs.read_catalog(folder / "messages.pot")
    by_id[TEXT_MSGID].msgstr = refused[0]
    po.save(str(path))
    problems = catalog_checks.check(template, ["pl", "uk"], folder, msgfmt=None).problems
    assert [p for p in problems if p.kind == "html" and TEXT_MSGID in str(p)]
    # What gets through (no tags) goes into a text and an attribute, and is shown escaped.
    by_id[TEXT_MSGID].msgstr = " ".join(untagged[:6])
    by_id[ATTRIBUTE_MSGID].msgstr = '" onfocus="alert(1)" autofocus x="'
    po.save(str(path))
    problems = catalog_checks.check(template, ["pl", "uk"], folder, msgfmt=None).problems
    assert not [p for p in problems if p.kind == "html"], problems
    catalogs.compile_catalogs(folder)
    forget_loaded_translations()
    try:
        app = make_app(tmp_path, BABEL_TRANSLATION_DIRECTORIES=str(folder))
        source = app.test_client().get("/pl/").get_data(as_text=True)
        soup = BeautifulSoup(source, "html.parser")
        search = soup.find("input", id="site-search")
        assert search["placeholder"] == '" onfocus="alert(1)" autofocus x="'
        assert not [a for a in search.attrs if a.startswith("on") or a == "autofocus"]
        assert soup.select_one("a.skip-link").get_text() == " ".join(untagged[:6])
        assert "1787569" not in source
    finally:
        forget_loaded_translations()
