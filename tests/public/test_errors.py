"""Bad input gets a proper page in the reader's language, never a traceback."""

from __future__ import annotations

import pytest

from .. import factories
from ..conftest import check_page


@pytest.mark.parametrize(
    ("url", "status", "lang", "heading"),
    [
        ("/de/", 404, "pl", "Nie znaleziono strony"),
        ("/xx/news/", 404, "pl", "Nie znaleziono strony"),
        ("/pl/news/no-such-article", 404, "pl", "Nie znaleziono strony"),
        ("/en/news/no-such-article", 404, "en", "Page not found"),
        ("/en/awards/nothing-here", 404, "en", "Page not found"),
        ("/pl/info/brak", 404, "pl", "Nie znaleziono strony"),
        ("/pl/news/?page=abc", 404, "pl", "Nie znaleziono strony"),
        ("/pl/news/?page=-1", 404, "pl", "Nie znaleziono strony"),
        ("/en/news/?page=999", 404, "en", "Page not found"),
        ("/en/news/?q=" + "x" * 5000, 400, "en", "Bad request"),
        ("/pl/?" + "a=1&" * 1000, 400, "pl", "Nieprawidłowe żądanie"),
        ("/en/nothing/here", 404, "en", "Page not found"),
    ],
)
def test_bad_addresses_get_a_page_in_the_readers_language(demo, client, url, status, lang, heading):
    page = check_page(client.get(url), lang, status)
    assert page.one("h1").get_text() == heading
    assert page.one('main a[href^="/"]')  # a way back home


def test_unknown_prefix_uses_the_readers_language(demo, client):
    page = check_page(client.get("/de/", headers={"Accept-Language": "en"}), "en", 404)
    assert page.one("h1").get_text() == "Page not found"
    # The reader can go on from here: the whole main menu is there.
    menu = [a.get_text(strip=True) for a in page.select('nav[aria-label="Main menu"] a')]
    assert menu[-1] == "Contact"


def test_server_error_page_in_the_pages_language(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/en/broken")
    def broken():
        raise RuntimeError("boom")

    page = check_page(client.get("/en/broken"), "en", 500)
    assert page.one("h1").get_text() == "Something went wrong"
    assert "boom" not in page.text and "Traceback" not in page.text


def test_drafts_scheduled_and_trashed_items_are_not_found(demo, app, client):
    from datetime import timedelta

    import sqlalchemy as sa

    from portal.content import utcnow
    from portal.extensions import db
    from portal.news.models import Article, ArticleTranslation

    with app.app_context():
        slugs = db.session.scalars(
            sa.select(ArticleTranslation.slug)
            .where(ArticleTranslation.locale == "pl")
            .order_by(ArticleTranslation.id)
            .limit(3)
        ).all()
        articles = [Article.by_slug(slug, "pl") for slug in slugs]
        factories.update(articles[0], published_at=None)  # a draft
        factories.update(articles[1], published_at=utcnow() + timedelta(hours=2))  # scheduled
        factories.update(articles[2], deleted_at=utcnow())  # in the trash
    for slug in slugs:
        assert client.get(f"/pl/news/{slug}").status_code == 404
    listing = client.get("/pl/news/").get_data(as_text=True)
    assert not any(slug in listing for slug in slugs)
    assert "9 artykułów" in listing


def test_a_scheduled_item_appears_on_time(demo, app, client):
    from datetime import timedelta

    from portal.content import utcnow
    from portal.news.models import Article

    with app.app_context():
        article = Article.by_slug("klub-seniora-zaprasza-po-wakacjach", "pl")
        factories.update(article, published_at=utcnow() + timedelta(minutes=10))
    assert client.get("/pl/news/klub-seniora-zaprasza-po-wakacjach").status_code == 404
    with app.app_context():
        article = Article.by_slug("klub-seniora-zaprasza-po-wakacjach", "pl")
        factories.update(article, published_at=utcnow() - timedelta(seconds=1))  # now past
    assert client.get("/pl/news/klub-seniora-zaprasza-po-wakacjach").status_code == 200
