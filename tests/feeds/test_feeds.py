"""Atom feeds, the sitemap, robots.txt and link previews, in every enabled language."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup

from portal.content import utcnow
from portal.extensions import db
from portal.news.models import Article

from .. import factories
from ..conftest import check_page, make_app
from ..search.conftest import add_photo

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ["pl", "en", "uk"]


@pytest.fixture
def content(app):
    with app.app_context():
        ids = {
            "translated": factories.article(
                "Festyn <rodzinny> & „zabawa”", summary="Zapraszamy </script> wszystkich.",
                en={"title": "Family fair", "summary": "Everyone is welcome.",
                    "body": "<p>Come.</p>"}),
            "polish": factories.article("Dzień seniora", summary="Spotkanie.",
                                        published=utcnow() - timedelta(days=1)),
            "draft": factories.make("article", {"pl": {"title": "Szkic", "summary": "",
                                                       "body": ""}}),
            "award": factories.make("award", {"pl": {"title": "Certyfikat jakości",
                                                     "organiser": "Urząd",
                                                     "description": "Za obsługę."}},
                                    utcnow(), awarded_on=utcnow().date()),
        }
    return ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_news_feed_is_valid_atom_in_the_readers_language(app, client, content, lang):
    response = client.get(f"/{lang}/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == lang
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert feed.find(ATOM + required).text, required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"http://localhost/{lang}/feed.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2  # the draft is not in it
    ids = set()
    for entry in entries:
        for required in ("id", "title", "updated", "published", "summary"):
            assert entry.find(ATOM + required).text, required
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert href.startswith(f"http://localhost/{lang}/news/")
        ids.add(entry.find(f"{ATOM}id").text)
    assert len(ids) == 2
    # What a feed reader makes of it: no parsing problem, the entries newest first.
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    first = parsed.entries[0]
    if lang == "en":
        assert first.title == "Family fair" and first.summary == "Everyone is welcome."
    else:  # not translated: the Polish text, said to be Polish
        assert first.title == "Festyn <rodzinny> & „zabawa”"
        assert entries[0].get(XML_LANG) == ("pl" if lang != "pl" else None)
    assert parsed.entries[1].title == "Dzień seniora"


def test_the_awards_feed_lists_published_awards(app, client, content):
    parsed = feedparser.parse(client.get("/uk/awards/feed.atom").data)
    assert not parsed.bozo and parsed.feed.language == "uk"
    [award] = parsed.entries
    assert award.title == "Certyfikat jakości" and "Urząd" in award.summary
    assert award.link.startswith("http://localhost/uk/awards/")


def test_every_page_advertises_the_feeds_and_the_news_list_links_to_its_own(app, client,
                                                                          content):
    for url in ("/pl/", "/en/awards/", "/uk/news/"):
        soup = BeautifulSoup(client.get(url).data, "html.parser")
        feeds = [link["href"] for link in soup.select("link[type='application/atom+xml']")]
        lang = url.split("/")[1]
        assert feeds == [f"http://localhost/{lang}/feed.atom",
                         f"http://localhost/{lang}/awards/feed.atom"]
    news = check_page(client.get("/en/news/"), "en")
    assert news.one(".feed-link a")["href"] == "/en/feed.atom"


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each listed address with its alternates ({hreflang: href})."""
    root = ET.fromstring(client.get("/sitemap.xml").data)
    assert root.tag == f"{SITEMAP}urlset"
    listed = {}
    for url in root.findall(f"{SITEMAP}url"):
        assert url.find(f"{SITEMAP}lastmod").text
        listed[url.find(f"{SITEMAP}loc").text] = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
    return listed


def test_the_sitemap_alternates_are_the_pages_hreflang_links(app, client, content):
    listed = _sitemap(client)
    with app.app_context():
        translated = db.session.get(Article, content["translated"]).translations
        polish = db.session.get(Article, content["polish"]).translations["pl"].slug
    assert f"http://localhost/en/news/{translated['en'].slug}" in listed
    assert f"http://localhost/pl/news/{polish}" in listed
    # Not translated: its English address shows the Polish text and is not listed.
    assert f"http://localhost/en/news/{polish}" not in listed
    assert not any("szkic" in url for url in listed)
    assert not any("/staff/" in url or "/search" in url for url in listed)
    for lang in LANGUAGES:
        assert f"http://localhost/{lang}/news/" in listed
    for url, alternates in listed.items():
        page = BeautifulSoup(client.get(url.removeprefix("http://localhost")).data,
                             "html.parser")
        hreflang = {link["hreflang"]: link["href"]
                    for link in page.select("link[rel=alternate][hreflang]")}
        assert alternates == hreflang, url


def test_past_the_limit_the_sitemap_is_an_index_of_sitemaps(tmp_path, backend):
    app = make_app(tmp_path, backend, SITEMAP_MAX_URLS=5)
    with app.app_context():
        for n in range(3):
            factories.article(f"Artykuł {n}")
    client = app.test_client()
    root = ET.fromstring(client.get("/sitemap.xml").data)
    assert root.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    # 3 pages in 3 languages (home, news, awards) + 3 articles in Polish = 12.
    assert parts == [f"http://localhost/sitemap-{n}.xml" for n in (1, 2, 3)]
    counted = 0
    for part in parts:
        chunk = ET.fromstring(client.get(part.removeprefix("http://localhost")).data)
        counted += len(chunk.findall(f"{SITEMAP}url"))
    assert counted == 12
    assert client.get("/sitemap-4.xml").status_code == 404
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_staff_side(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert "Disallow: /staff/" in lines and "Sitemap: http://localhost/sitemap.xml" in lines


@pytest.mark.parametrize("lang", LANGUAGES)
def test_previews_carry_what_the_page_shows(app, client, content, lang):
    with app.app_context():
        add_photo(content["translated"], pl={"alt": "Dzieci przy <karuzeli>", "caption": ""},
                  en={"alt": "Children at the merry-go-round", "caption": ""})
        item = db.session.get(Article, content["translated"])
        slug = item.localized(lang).text.slug
    page = check_page(client.get(f"/{lang}/news/{slug}"), lang)
    meta = {tag.get("property") or tag.get("name"): tag["content"]
            for tag in page.select("meta[content]")}
    heading = page.one("h1").get_text()
    lead = page.one(".lead").get_text()
    assert meta["og:title"] == meta["twitter:title"] == heading
    assert meta["description"] == meta["og:description"] == lead
    assert meta["og:type"] == "article"
    assert meta["og:url"] == page.one("link[rel=canonical]")["href"]
    assert meta["og:locale"] == {"pl": "pl_PL", "en": "en_GB", "uk": "uk_UA"}[lang]
    alternates = [tag["content"] for tag in page.select("meta[property='og:locale:alternate']")]
    assert alternates == [code for code in ("pl_PL", "en_GB") if code != meta["og:locale"]]
    assert meta["og:image"] == "http://localhost/media/photo-1200.jpg"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "900")
    assert meta["og:image:alt"] == ("Children at the merry-go-round" if lang == "en"
                                    else "Dzieci przy <karuzeli>")
    assert meta["twitter:card"] == "summary_large_image"

    scripts = [tag.string for tag in page.select("script[type='application/ld+json']")]
    assert all("<" not in script and ">" not in script and "&" not in script
               for script in scripts)  # JSON inside HTML: nothing that could end the script
    organisation, article = (json.loads(script) for script in scripts)
    assert organisation["@type"] == "GovernmentOrganization"
    assert article["@type"] == "NewsArticle" and article["headline"] == heading
    assert article["datePublished"].startswith(page.one("time")["datetime"])
    assert article["dateModified"] and article["image"] == [meta["og:image"]]


def test_every_readers_page_has_a_description(app, client, content):
    for url in ("/pl/", "/en/news/", "/uk/awards/", "/pl/search?q=festyn", "/en/nothing-here"):
        soup = BeautifulSoup(client.get(url).data, "html.parser")
        assert soup.select_one("meta[name=description]")["content"].strip(), url


def test_the_demo_sitemap_lists_each_translation_as_its_page_announces_it(demo, client):
    listed = _sitemap(client)
    assert "http://localhost/pl/deklaracja-dostepnosci" in listed
    for url, alternates in listed.items():
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200, url
        page = BeautifulSoup(response.data, "html.parser")
        hreflang = {link["hreflang"]: link["href"]
                    for link in page.select("link[rel=alternate][hreflang]")}
        assert alternates == hreflang, url
        assert page.select_one("link[rel=canonical]")["href"] == url
