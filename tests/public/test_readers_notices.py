"""What readers used to trip on: an outdated translation said nothing, error pages had no
language switcher, and a gallery photo opened as a bare image file."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from portal.demo import CERTIFICATE_SLUG
from portal.extensions import db
from portal.news.models import Article
from portal.revisions import Revision

from .. import factories
from ..conftest import check_page

EN_CERTIFICATE = "friendly-office-quality-certificate"
UK_CERTIFICATE = "tsentr-otrimav-sertifikat-iakosti-druzhnia-ustanova"


def certificate() -> Article:
    return Article.by_slug(CERTIFICATE_SLUG, "pl")


def change_polish_on(app, moment: datetime) -> None:
    """Staff change the certificate article's Polish text; its revision is dated ``moment``."""
    with app.app_context():
        item = certificate()
        factories.write(item, "pl", title="MOPS z certyfikatem „Przyjazny Urząd” 2022")
        db.session.execute(sa.update(Revision).where(
            Revision.content_type == "article", Revision.item_id == item.id,
            Revision.version == item.version).values(created_at=moment))
        db.session.commit()


# --- The outdated translation --------------------------------------------------------------------


def test_an_up_to_date_translation_has_no_notice(demo, page):
    for url, lang in [(f"/en/news/{EN_CERTIFICATE}", "en"), (f"/uk/news/{UK_CERTIFICATE}", "uk")]:
        assert not page(url, lang).select('[role="note"]')


def test_an_outdated_translation_says_when_the_polish_changed_and_links_to_it(demo, page):
    change_polish_on(demo, datetime(2026, 3, 1, 23, 30, tzinfo=UTC))  # 2 March in Warsaw
    english = page(f"/en/news/{EN_CERTIFICATE}", "en")
    notice = english.one(".notice-outdated[role=note]")
    assert " ".join(notice.get_text().split()) == (
        "This translation may be out of date: the Polish text changed on 2 March 2026. "
        "Read the Polish text")
    assert notice.time["datetime"] == "2026-03-02"
    link = notice.find("a")
    assert link["href"] == f"/pl/news/{CERTIFICATE_SLUG}" and link["hreflang"] == "pl"
    # The translation is still shown (as the reader's language), not the Polish fallback.
    assert "lang" not in english.one("h1").attrs
    ukrainian = page(f"/uk/news/{UK_CERTIFICATE}", "uk")
    assert ("Цей переклад може бути застарілим, оскільки 2 березня 2026 р. змінився "
            "польський текст.") in " ".join(ukrainian.one(".notice-outdated").get_text().split())
    # Polish is the source: never outdated. An untranslated item keeps its own notice.
    assert not page(f"/pl/news/{CERTIFICATE_SLUG}", "pl").select(".notice-outdated")


def test_the_notice_goes_once_the_translation_follows_the_polish_again(demo, page):
    change_polish_on(demo, datetime(2026, 3, 1, 12, tzinfo=UTC))
    with demo.app_context():
        factories.write(certificate(), "en", title="The centre's 2022 Friendly Office certificate")
    assert not page(f"/en/news/{EN_CERTIFICATE}", "en").select('[role="note"]')
    assert page(f"/uk/news/{UK_CERTIFICATE}", "uk").select(".notice-outdated")


def test_an_outdated_page_and_award_have_the_notice_too(demo, page):
    with demo.app_context():
        from portal.pages.models import Page

        contact = Page.by_slug("kontakt", "pl")
        factories.write(contact, "pl", body="<p>Czynne od 8:00 do 16:00.</p>")
    shown = page("/en/info/contact", "en")
    assert shown.one(".notice-outdated a")["href"] == "/pl/info/kontakt"


# --- Error pages ---------------------------------------------------------------------------------


def test_an_error_page_offers_the_same_address_in_every_language(demo, client):
    shown = check_page(client.get("/uk/news/no-such-article"), "uk", 404)
    assert shown.one("h1").get_text() == "Сторінку не знайдено"
    links = shown.select('nav[aria-label="Мова"] a')
    assert [a.get_text(strip=True) for a in links] == ["Polski", "English", "Українська"]
    assert [a["href"] for a in links] == [
        "/language/pl?next=/pl/news/no-such-article",
        "/language/en?next=/en/news/no-such-article",
        "/uk/news/no-such-article",
    ]
    assert links[2]["aria-current"] == "page"
    # Nothing to announce: no other-language versions (the Atom feeds are alternates of
    # another kind), no canonical address of an error.
    assert not shown.select("link[rel=alternate][hreflang], link[rel=canonical]")
    # Following the switcher gives the error page in that language.
    response = client.get(links[0]["href"])
    assert response.status_code == 303
    polish = check_page(client.get(response.headers["Location"]), "pl", 404)
    assert polish.one("h1").get_text() == "Nie znaleziono strony"


def test_an_error_at_an_address_without_a_language_keeps_it(demo, client):
    shown = check_page(client.get("/no/such/page", headers={"Accept-Language": "en"}), "en", 404)
    hrefs = [a["href"] for a in shown.select('nav[aria-label="Language"] a')]
    assert hrefs == ["/language/pl?next=/no/such/page", "/no/such/page",
                     "/language/uk?next=/no/such/page"]
    client.get(hrefs[2])  # the cookie chooses the language of the same error page
    again = check_page(client.get("/no/such/page"), "uk", 404)
    assert again.one("h1").get_text() == "Сторінку не знайдено"


def test_an_error_on_the_staff_side_has_no_readers_language_switcher(demo, client):
    shown = client.get("/staff/no-such-page").get_data(as_text=True)
    assert "/language/" not in shown


# --- A gallery photo's own page ------------------------------------------------------------------


def photo_ids(app) -> list[int]:
    with app.app_context():
        return [image.id for image in certificate().images]


def test_each_gallery_photo_has_a_page_with_its_texts_and_neighbours(demo, page):
    ids = photo_ids(demo)
    article = page(f"/en/news/{EN_CERTIFICATE}", "en")
    first_link = article.select(".gallery a.picture-link")[0]
    assert first_link["href"] == f"/en/news/{EN_CERTIFICATE}/photos/{ids[0]}"

    second = page(f"/en/news/{EN_CERTIFICATE}/photos/{ids[1]}", "en")
    assert second.one("h1").get_text() == "Photo 2 of 9"
    assert second.soup.title.get_text().startswith("Photo 2 of 9 – ")
    img = second.one("figure.photo-page img")
    assert img["alt"] == "The centre's management posing with the certificate in their hands."
    assert "1600w" in img["srcset"]
    assert second.one("figure.photo-page > a")["href"].startswith("/media/images/")
    assert second.one("figcaption").get_text() == "The centre's management with the certificate."
    assert second.one(".photo-facts dd").get_text() == img["alt"]
    nav = second.one('nav[aria-label="Photos of the article"]')
    assert nav.select_one('a[rel="prev"]')["href"] == f"/en/news/{EN_CERTIFICATE}/photos/{ids[0]}"
    assert nav.select_one('a[rel="next"]')["href"] == f"/en/news/{EN_CERTIFICATE}/photos/{ids[2]}"
    back = nav.find("a", string="Back to the article")
    assert back["href"] == f"/en/news/{EN_CERTIFICATE}#gallery-heading"
    assert second.one(".photo-of a").get_text().startswith("The centre receives")

    first = page(f"/en/news/{EN_CERTIFICATE}/photos/{ids[0]}", "en")
    assert not first.select('a[rel="prev"]') and first.select('a[rel="next"]')
    last = page(f"/en/news/{EN_CERTIFICATE}/photos/{ids[-1]}", "en")
    assert last.one("h1").get_text() == "Photo 9 of 9" and not last.select('a[rel="next"]')


def test_a_photo_page_in_each_language(demo, page):
    photo = photo_ids(demo)[0]
    ukrainian = page(f"/uk/news/{UK_CERTIFICATE}/photos/{photo}", "uk")
    assert ukrainian.one("h1").get_text() == "Фотографія 1 з 9"
    assert ukrainian.one("figure.photo-page img")["alt"].startswith("Сертифікат якості")
    hreflangs = {link["hreflang"]: link["href"]
                 for link in ukrainian.select('link[rel="alternate"][hreflang]')}
    assert hreflangs["pl"] == f"http://localhost/pl/news/{CERTIFICATE_SLUG}/photos/{photo}"
    assert hreflangs["uk"] == f"http://localhost/uk/news/{UK_CERTIFICATE}/photos/{photo}"
    polish = page(f"/pl/news/{CERTIFICATE_SLUG}/photos/{photo}", "pl")
    assert polish.one("h1").get_text() == "Zdjęcie 1 z 9"
    assert polish.soup.find("a", string="Powrót do artykułu")


def test_a_photo_page_in_a_language_the_article_lacks_shows_polish_marked_as_such(
        untranslated_demo, page):
    photo = photo_ids(untranslated_demo)[0]
    shown = page(f"/uk/news/{CERTIFICATE_SLUG}/photos/{photo}", "uk")
    assert shown.one("h1").get_text() == "Фотографія 1 з 9"  # the interface is Ukrainian
    img = shown.one("figure.photo-page img")
    assert img["lang"] == "pl" and img["alt"].startswith("Oprawiony certyfikat")
    assert shown.one("figcaption")["lang"] == "pl"
    assert shown.one('link[rel="canonical"]')["href"] == (
        f"http://localhost/pl/news/{CERTIFICATE_SLUG}/photos/{photo}")
    assert not shown.select('link[hreflang="uk"]')


def test_a_photo_page_follows_the_article_address_and_visibility(demo, client):
    photo = photo_ids(demo)[0]
    # The Polish slug in the English address leads to the English one.
    response = client.get(f"/en/news/{CERTIFICATE_SLUG}/photos/{photo}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/en/news/{EN_CERTIFICATE}/photos/{photo}"
    # A photo that is not this article's, and a missing article, are not found.
    assert client.get(f"/en/news/{EN_CERTIFICATE}/photos/999999").status_code == 404
    assert client.get(f"/en/news/no-such-article/photos/{photo}").status_code == 404
    with demo.app_context():
        other = factories.article(title="Inny artykuł")
        assert client.get(f"/pl/news/inny-artykul/photos/{photo}").status_code == 404
        factories.update(certificate(), published_at=None)  # a draft again
    assert client.get(f"/pl/news/{CERTIFICATE_SLUG}/photos/{photo}").status_code == 404
    assert other


def test_an_outdated_accessibility_statement_has_the_notice(demo, page):
    from portal.accessibility.models import AccessibilityStatement

    with demo.app_context():
        factories.write(AccessibilityStatement.current(), "pl",
                        mobile_apps="<p>Ośrodek nie ma własnych aplikacji mobilnych.</p>")
    english = page("/en/deklaracja-dostepnosci", "en")
    assert english.one(".notice-outdated a")["href"] == "/pl/deklaracja-dostepnosci"
    # Ukrainian has no statement text of its own: the notice names its Polish parts instead.
    ukrainian = page("/uk/deklaracja-dostepnosci", "uk")
    assert not ukrainian.select(".notice-outdated") and ukrainian.select(".notice li")
