"""An article's readers' page, built from content the test makes (no demo texts needed)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named

from .. import factories


@pytest.fixture
def festival(app):
    """A published article in Polish and English, none in Ukrainian."""
    with app.app_context():
        return factories.article(
            "Festyn rodzinny w parku", "<p>Zapraszamy całe rodziny.</p>",
            en={"title": "Family fair in the park", "summary": "An invitation.",
                "body": "<p>All families are welcome.</p>"})


def test_an_article_is_shown_in_each_of_its_languages(festival, client_request):
    polish = client_request.get("public.article", lang="pl", slug="festyn-rodzinny-w-parku")
    assert "Zapraszamy całe rodziny." in polish.one("main").get_text()
    english = client_request.get("public.article", lang="en", slug="family-fair-in-the-park")
    assert english.one("h1").get_text(strip=True) == "Family fair in the park"
    hreflangs = {link["hreflang"] for link in english.select('link[rel="alternate"][hreflang]')}
    assert {"pl", "en", "x-default"} <= hreflangs and "uk" not in hreflangs


def test_a_missing_translation_shows_the_polish_text_marked_as_polish(festival, client_request):
    shown = client_request.get("public.article", lang="uk", slug="festyn-rodzinny-w-parku")
    assert shown.one("h1").get("lang") == "pl"
    assert shown.one('link[rel="canonical"]')["href"].endswith("/pl/news/festyn-rodzinny-w-parku")


def test_a_slug_of_another_language_leads_to_this_languages_address(festival, client):
    response = client.get("/en/news/festyn-rodzinny-w-parku")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/en/news/family-fair-in-the-park")


def test_drafts_scheduled_and_trashed_articles_are_not_found(app, client_request):
    with app.app_context():
        draft = factories.make("article", {"pl": {"title": "Szkic"}})
        later = factories.article("Później", published=utcnow() + timedelta(hours=1))
        trashed = factories.article("W koszu")
        factories.update(db_row(trashed), deleted_at=utcnow())
    for slug in ("szkic", "pozniej", "w-koszu"):
        client_request.get("public.article", lang="pl", status=404, slug=slug)
    assert draft and later


def db_row(item_id: int):
    return db.session.get(kind_named("article").model, item_id)
