"""Languages through the real compiled catalogs: plurals, dates, Ukrainian pages, a fourth language.

Ukrainian readers get a fully Ukrainian interface; the demo content they need most is in
Ukrainian (the information point, forms of help, contact, easy to read, the certificate article),
the rest they read in Polish with the notice (the designed fallback).
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime

import flask_babel
import pytest
from flask import render_template_string

from portal import catalog_checks, catalogs, i18n
from portal.files import write_atomically

from ..conftest import check_page, make_app

COUNTS = (1, 2, 5, 12, 22, 25, 101, 112)
PHOTOS = {
    "pl": ("1 zdjęcie", "2 zdjęcia", "5 zdjęć", "12 zdjęć", "22 zdjęcia", "25 zdjęć", "101 zdjęć",
           "112 zdjęć"),
    "uk": ("1 фотографія", "2 фотографії", "5 фотографій", "12 фотографій", "22 фотографії",
           "25 фотографій", "101 фотографія", "112 фотографій"),
    "en": ("1 photo", "2 photos", "5 photos", "12 photos", "22 photos", "25 photos",
           "101 photos", "112 photos"),
}
ARTICLES = {
    "pl": ("1 artykuł", "2 artykuły", "5 artykułów", "12 artykułów", "22 artykuły",
           "25 artykułów", "101 artykułów", "112 artykułów"),
    "uk": ("1 стаття", "2 статті", "5 статей", "12 статей", "22 статті", "25 статей",
           "101 стаття", "112 статей"),
}


@pytest.fixture
def plain_app(tmp_path):
    """An app for tests that read catalogs, not the database: SQLite is enough."""
    return make_app(tmp_path)


@pytest.mark.parametrize("lang", ["pl", "uk", "en"])
def test_plural_forms_through_the_compiled_catalogs(plain_app, lang):
    app = plain_app
    assert lang == "en" or catalogs.po_path(lang).with_suffix(".mo").exists()
    template = ("{% trans count=n %}{{ count }} photo{% pluralize %}{{ count }} photos"
                "{% endtrans %}")
    with app.test_request_context(f"/{lang}/"):
        ngettext = flask_babel.ngettext
        for n, expected in zip(COUNTS, PHOTOS[lang], strict=True):
            assert ngettext("%(count)s photo", "%(count)s photos", n, count=n) == expected
            assert render_template_string(template, n=n) == expected
        for n, expected in zip(COUNTS, ARTICLES.get(lang, ()), strict=False):
            assert ngettext("%(count)s article", "%(count)s articles", n, count=n) == expected


@pytest.mark.parametrize(("lang", "day", "moment"), [
    ("pl", "23 kwietnia 2022", "1 stycznia 2023"),
    ("en", "23 April 2022", "1 January 2023"),
    ("uk", "23 квітня 2022\u202fр.", "1 січня 2023\u202fр."),
])
def test_dates_in_each_language(plain_app, lang, day, moment):
    app = plain_app
    with app.test_request_context(f"/{lang}/"):
        assert i18n.format_date(date(2022, 4, 23)) == day
        # Stored in UTC, shown in Warsaw: 23:30 UTC on New Year's Eve is already January there.
        assert i18n.format_date(datetime(2022, 12, 31, 23, 30, tzinfo=UTC)) == moment


def test_language_switcher_names_each_language_in_itself(demo, page):
    home = page("/uk/", "uk")
    switcher = home.one('nav[aria-label="Мова"]')
    links = switcher.select("a")
    assert [a.get_text(strip=True) for a in links] == ["Polski", "English", "Українська"]
    assert [a["lang"] for a in links] == ["pl", "en", "uk"]
    assert links[2]["aria-current"] == "page"


def _interface_phrases() -> list[str]:
    """The English words of every msgid, cut at placeholders: none may reach a Ukrainian page."""
    phrases = set()
    for message in catalogs.read_catalog(catalogs.CATALOGS / "messages.pot"):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            for piece in re.split(r"%\(\w+\)s|<[^>]+>", msgid or ""):
                piece = piece.strip(" :().,")
                if len(piece) >= 4 and re.search(r"[A-Za-z]{4}", piece):
                    phrases.add(piece)
    # Proper names the interface shares with the content and no translation changes.
    return sorted(phrases - {"JPEG, PNG and WebP"})


UK_CERTIFICATE = "tsentr-otrimav-sertifikat-iakosti-druzhnia-ustanova"
UK_INFORMATION_POINT = "informatsiinii-punkt-dlia-gromadian-ukraini"
UKRAINIAN_PAGES = [
    ("/uk/", 200),
    ("/uk/news/", 200),
    ("/uk/news/?page=2", 200),
    (f"/uk/news/{UK_CERTIFICATE}", 200),
    (f"/uk/news/{UK_INFORMATION_POINT}", 200),
    ("/uk/news/dzien-pracownika-socjalnego-w-naszym-osrodku", 200),
    ("/uk/awards/", 200),
    ("/uk/awards/certyfikat-przyjazny-urzad-2022", 200),
    ("/uk/info/o-osrodku", 200),
    ("/uk/info/kontakti", 200),
    ("/uk/info/formi-dopomogi", 200),
    ("/uk/news/no-such-article", 404),
]


def test_every_public_page_in_ukrainian_has_no_english_interface_text(demo, client):
    phrases = _interface_phrases()
    assert "Skip to main content" in phrases and "photos" in phrases
    for url, status in UKRAINIAN_PAGES:
        shown = check_page(client.get(url), "uk", status)
        interface = shown.soup
        # Content is not interface: the items' own text (Polish here) is left out of the search.
        for element in interface.select('[lang]:not(html), .prose'):
            element.decompose()
        text = " ".join(interface.get_text(" ").split())
        attributes = " ".join(str(value) for tag in interface.find_all(True)
                              for name, value in tag.attrs.items()
                              if name in {"aria-label", "alt", "title", "placeholder"})
        left = [p for p in phrases if re.search(rf"\b{re.escape(p)}\b", f"{text} {attributes}")]
        assert not left, f"{url} still shows English interface text: {left}"
        assert "Міський центр соціальної допомоги" in shown.soup.title.get_text()


def test_ukrainian_pages_show_polish_content_with_the_notice(demo, page):
    polish_only = page("/uk/news/dzien-pracownika-socjalnego-w-naszym-osrodku", "uk")
    assert polish_only.one("h1")["lang"] == "pl"
    assert "Цей текст ще не перекладено цією мовою" in polish_only.one('[role="note"]').get_text()
    canonical = polish_only.one('link[rel="canonical"]')["href"]
    assert canonical.endswith("/pl/news/dzien-pracownika-socjalnego-w-naszym-osrodku")
    assert not polish_only.select('link[hreflang="uk"]')
    news = page("/uk/news/", "uk")
    assert "12 статей" in news.text and "сторінка 1 з 2" in news.text
    assert news.select(".badge")[0].get_text() == "польською"
    award = page("/uk/awards/certyfikat-przyjazny-urzad-2022", "uk")
    assert "23 квітня 2022 р." in award.text


def test_the_demo_has_what_ukrainian_readers_come_for_in_ukrainian(demo, page):
    article = page(f"/uk/news/{UK_CERTIFICATE}", "uk")
    assert article.one("h1").get_text() == "Центр отримав сертифікат якості «Дружня установа»"
    assert "lang" not in article.one("h1").attrs and not article.select('[role="note"]')
    assert "9 фотографій" in article.text and "26 квітня 2022 р." in article.text
    first_photo = article.select(".gallery img")[0]
    assert first_photo["alt"].startswith("Сертифікат якості «Дружня установа»")
    assert article.one('link[rel="canonical"]')["href"].endswith(f"/uk/news/{UK_CERTIFICATE}")
    point = page(f"/uk/news/{UK_INFORMATION_POINT}", "uk")
    assert "Говоримо польською, українською та російською" in point.text
    for slug, heading in [("kontakti", "Контакти"), ("formi-dopomogi", "Форми допомоги"),
                          ("legkii-dlia-chitannia-tekst", "Легкий для читання текст")]:
        shown = page(f"/uk/info/{slug}", "uk")
        assert shown.one("h1").get_text() == heading and not shown.select('[role="note"]')
    # The toolbar's and footer's links lead to the Ukrainian pages, unmarked as Polish.
    home = page("/uk/", "uk")
    assert home.one('.toolbar a[href="/uk/info/legkii-dlia-chitannia-tekst"]')
    footer_contact = home.one('footer a[href="/uk/info/kontakti"]')
    assert footer_contact.get_text() == "Контакти" and "lang" not in footer_contact.attrs


def test_a_fourth_language_needs_a_catalog_and_configuration_only(tmp_path):
    """Czech, from a catalog made here: init, translate, compile, enable. No code changes."""
    folder = tmp_path / "translations"
    shutil.copytree(catalogs.CATALOGS, folder)
    template = catalogs.read_catalog(folder / "messages.pot")
    path = catalogs.init("cs", template, folder)
    catalog = catalogs.read_catalog(path, "cs")
    czech = {"Welcome": "Vítejte", "Language": "Jazyk",
             "Skip to main content": "Přeskočit na hlavní obsah",
             "%(count)s photo": ("%(count)s fotografie", "%(count)s fotografie",
                                 "%(count)s fotografií")}
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # Czech has three forms: one, few (2–4), many
            message.string = czech.get(message.id[0], (message.id[0], *message.id[1:] * 2))
        else:
            message.string = czech.get(message.id, message.id)
    write_atomically(path, catalogs._serialise(catalog))
    catalogs.compile_catalogs(folder)
    assert catalog_checks.check(template, ("pl", "en", "uk", "cs"), folder, msgfmt=None).ok

    app = make_app(tmp_path, PORTAL_LANGUAGES=("pl", "en", "uk", "cs"),
                   BABEL_TRANSLATION_DIRECTORIES=str(folder))
    client = app.test_client()
    home = check_page(client.get("/cs/"), "cs")
    assert home.one("h1").get_text() == "Vítejte"
    assert home.one("a.skip-link").get_text() == "Přeskočit na hlavní obsah"
    names = [a.get_text(strip=True) for a in home.select('nav[aria-label="Jazyk"] a')]
    assert names == ["Polski", "English", "Українська", "Čeština"]
    assert client.get("/", headers={"Accept-Language": "cs,en;q=0.5"}).location == "/cs/"
    with app.test_request_context("/cs/"):
        assert [flask_babel.ngettext("%(count)s photo", "%(count)s photos", n, count=n)
                for n in (1, 3, 5)] == ["1 fotografie", "3 fotografie", "5 fotografií"]
        assert i18n.format_date(date(2022, 4, 23)) == "23. dubna 2022"
