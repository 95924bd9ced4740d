"""Reader settings, the cookies they use, the required pages and the BIP link."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from bs4 import BeautifulSoup

from portal.extensions import db
from portal.pages.models import Page, PageKey
from portal.reader import COOKIES

from .. import factories

# Every public page type, in both languages: what an anonymous reader may load.
PUBLIC_URLS = [
    "/pl/",
    "/en/",
    "/pl/news/",
    "/en/news/?page=2",
    "/pl/news/mops-z-certyfikatem-jakosci-przyjazny-urzad",
    "/en/news/dzien-pracownika-socjalnego-w-naszym-osrodku",
    "/pl/awards/",
    "/en/awards/friendly-office-certificate-2022",
    "/pl/info/kontakt",
    "/en/info/easy-to-read",
    "/pl/info/informacja-w-polskim-jezyku-migowym",
    "/en/info/personal-data-protection",
    "/pl/info/pliki-cookie",
    "/pl/deklaracja-dostepnosci",
    "/en/deklaracja-dostepnosci",
]


def set_cookies(response) -> dict[str, str]:
    cookies: dict[str, str] = {}
    for header in response.headers.getlist("Set-Cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        cookies.update({name: morsel.value for name, morsel in parsed.items()})
    return cookies


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_pages_set_no_cookie_and_are_cacheable(demo, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.cache_control.public and response.headers["ETag"]
    assert "Cookie" in response.vary
    # With the reader's settings too: still no cookie of ours, still cacheable.
    client.set_cookie("text_size", "largest")
    client.set_cookie("contrast", "high")
    again = client.get(url)
    assert "Set-Cookie" not in again.headers and again.cache_control.public


def test_only_the_listed_cookies_are_ever_set(demo, client):
    """The cookie statement lists every cookie; the settings are the only ones set."""
    listed = {cookie.name for cookie in COOKIES}
    seen: set[str] = set()
    for url in [
        "/",
        "/language/en?next=/en/",
        "/reader/text-size/large?next=/pl/",
        "/reader/text-size/largest?next=/pl/",
        "/reader/contrast/high?next=/pl/",
        "/pl/no-such-page",
        "/media/no-such-file",
    ]:
        seen |= set(set_cookies(client.get(url)))
    assert seen == listed
    statement = client.get("/pl/info/pliki-cookie").get_data(as_text=True)
    soup = BeautifulSoup(statement, "html.parser")
    assert {code.get_text() for code in soup.select(".cookie-list dt code")} == listed
    assert "Przechowywany przez 365 dni." in soup.get_text()


@pytest.mark.parametrize(
    ("url", "cookie", "value", "html_class"),
    [
        ("/reader/text-size/large", "text_size", "large", "text-large"),
        ("/reader/text-size/largest", "text_size", "largest", "text-largest"),
        ("/reader/contrast/high", "contrast", "high", "contrast-high"),
    ],
)
def test_setting_is_remembered_and_rendered_on_every_page(
    demo, client, page, url, cookie, value, html_class
):
    response = client.get(url + "?next=/pl/news/?page=2")
    assert response.status_code == 303
    assert response.headers["Location"] == "/pl/news/?page=2"
    assert "no-store" in response.headers["Cache-Control"]
    header = response.headers["Set-Cookie"]
    assert set_cookies(response) == {cookie: value}
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Max-Age=31536000" in header
    for other in ("/pl/", "/en/awards/", "/pl/deklaracja-dostepnosci"):
        shown = page(other, other.split("/")[1])
        assert shown.soup.html["class"] == [html_class]


def test_back_to_default_removes_the_cookie(demo, client, page):
    client.get("/reader/text-size/largest?next=/pl/")
    client.get("/reader/contrast/high?next=/pl/")
    assert page("/pl/", "pl").soup.html["class"] == ["text-largest", "contrast-high"]
    response = client.get("/reader/text-size/normal?next=/pl/")
    assert "Max-Age=0" in response.headers["Set-Cookie"]
    client.get("/reader/contrast/normal?next=/pl/")
    assert not page("/pl/", "pl").soup.html.has_attr("class")


def test_current_setting_is_marked_and_links_return_here(demo, client, page):
    client.get("/reader/text-size/large?next=/pl/")
    shown = page("/pl/news/?page=2", "pl")
    current = shown.one('.text-sizes a[aria-current="true"]')
    assert current.get_text(" ", strip=True).startswith("A+")
    assert current["href"] == "/reader/text-size/large?next=/pl/news/?page%3D2"
    # Each link's accessible name starts with what it shows ("A+"), then says what it does.
    names = [a.get_text("", strip=True) for a in shown.select(".text-sizes a")]
    assert names == ["A– zwykły tekst", "A+– większy tekst", "A++– największy tekst"]
    assert shown.one(".contrast-toggle").get_text() == "Wysoki kontrast"


def test_unknown_setting_values_are_ignored(demo, client, page):
    assert client.get("/reader/text-size/huge?next=/pl/").status_code == 404
    client.set_cookie("text_size", "<script>")
    client.set_cookie("contrast", "x")
    assert not page("/pl/", "pl").soup.html.has_attr("class")


# --- Required pages, the footer and the BIP link -------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_footer_links_every_required_page(demo, page, lang):
    shown = page(f"/{lang}/news/", lang)
    footer = {a.get_text(strip=True): a["href"] for a in shown.select("footer a")}
    expected = {
        "pl": [
            "Deklaracja dostępności",
            "Tekst łatwy do czytania",
            "Informacja w polskim języku migowym",
            "Kontakt",
            "Ochrona danych osobowych",
            "Pliki cookie",
            "Biuletyn Informacji Publicznej (BIP)",
        ],
        "en": [
            "Accessibility statement",
            "Easy to read",
            "Information in Polish Sign Language",
            "Contact",
            "Personal data protection",
            "Cookies",
            "Public Information Bulletin (BIP)",
        ],
    }[lang]
    assert list(footer) == expected
    for href in footer.values():
        if href.startswith("/"):
            page(href, lang)  # each one opens, in this language
    toolbar = [a.get_text(strip=True) for a in shown.select(".toolbar-pages a")]
    assert (
        toolbar
        == {
            "pl": ["Tekst łatwy do czytania", "Język migowy"],
            "en": ["Easy to read", "Sign language"],
        }[lang]
    )


def test_required_pages_have_stable_keys(demo):
    with demo.app_context():
        keys = {p.key for p in db.session.scalars(db.select(Page)) if p.key}
    assert keys == {
        PageKey.EASY_TO_READ,
        PageKey.SIGN_LANGUAGE,
        PageKey.PRIVACY,
        PageKey.COOKIES,
        PageKey.CONTACT,
    }


def test_privacy_page_has_the_officer_and_the_clause(demo, page):
    shown = page("/pl/info/ochrona-danych-osobowych", "pl")
    assert "Inspektor ochrony danych" in shown.text
    assert any(a["href"] == "mailto:iod@mops.example.pl" for a in shown.select("main a"))
    assert "2016/679" in shown.text and "Prezesa Urzędu Ochrony Danych Osobowych" in shown.text


def test_sign_language_page_has_a_film_slot_with_its_text_version(demo, page):
    url = "/pl/info/informacja-w-polskim-jezyku-migowym"
    shown = page(url, "pl")
    assert not shown.select("video")
    assert shown.one("#video-text-heading").get_text() == "Tekstowa wersja filmu"
    assert "Dzień dobry." in shown.one(".video-text").get_text()
    with demo.app_context():
        film = db.session.scalar(db.select(Page).where(Page.key == PageKey.SIGN_LANGUAGE))
        factories.update(film, video="films/pjm-o-osrodku.mp4")
    shown = page(url, "pl")
    video = shown.one("video")
    assert video["src"] == "/media/films/pjm-o-osrodku.mp4" and video.has_attr("controls")
    assert shown.one(".video figcaption a")["href"] == "#video-text-heading"


def test_easy_to_read_page_is_short_sentences(demo, page):
    shown = page("/pl/info/tekst-latwy-do-czytania", "pl")
    sentences = [
        s for s in shown.one(".prose").get_text(" ").replace("\n", " ").split(".") if s.strip()
    ]
    assert max(len(s.split()) for s in sentences) <= 12


def test_bip_logo_links_to_the_configured_bulletin(demo, client, page):
    shown = page("/pl/", "pl")
    link = shown.one("header a.bip")
    assert link["href"] == "https://www.gov.pl/web/bip"
    assert link.find("img")["alt"] == "BIP – Biuletyn Informacji Publicznej"
    with client.get(link.find("img")["src"]) as logo:
        assert logo.status_code == 200 and logo.mimetype == "image/svg+xml"
    demo.config["BIP_URL"] = "https://mops.bip.example.pl/"
    assert page("/en/", "en").one("header a.bip")["href"] == "https://mops.bip.example.pl/"


def test_bip_address_comes_from_the_environment(monkeypatch, tmp_path):
    from portal import config

    monkeypatch.setenv("PORTAL_BIP_URL", "https://mops.bip.example.pl/")
    assert config.load(tmp_path)["BIP_URL"] == "https://mops.bip.example.pl/"


def test_templates_render_outside_a_request(app):
    from flask import render_template_string

    with app.app_context():
        assert render_template_string("[{{ reader.html_class }}]") == "[]"
