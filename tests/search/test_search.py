"""Readers' search: inflected forms in Polish and Ukrainian, ranking, marked words, pages,
untranslated items by their Polish text, and only what readers may see (on both engines)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.content import utcnow
from portal.extensions import db
from portal.search import find

from .. import factories
from .conftest import add_photo, titles


@pytest.fixture
def content(app):
    with app.app_context():
        ids = {
            "benefit": factories.article(
                "Wypłata świadczeń w grudniu",
                body="<p>Zasiłków rodzinnych udzielamy rodzinom z dziećmi. Pomocy społecznej "
                     "szukaj w pokoju 12.</p>",
                summary="Terminy wypłat.",
                uk={"title": "Виплати в грудні",
                    "body": "<p>Допомогу сім'ям з дітьми надаємо щопонеділка.</p>",
                    "summary": "Терміни."}),
            "festival": factories.article("Festyn w parku", body="<p>Zapraszamy rodziny.</p>"),
            "draft": factories.make("article", {"pl": {"title": "Zasiłek szkicowy",
                                                       "summary": "", "body": ""}}),
        }
    return ids


def test_polish_finds_inflected_forms_that_are_not_in_the_text(app, content, search):
    # The text says "zasiłków", "rodzinom", "pomocy społecznej"; the reader types other forms.
    for typed in ("zasiłek", "zasiłki", "pomoc dla rodzin", "pomoc społeczna"):
        page = search("pl", typed)
        assert titles(page) == ["Wypłata świadczeń w grudniu"], typed


def test_ukrainian_finds_inflected_forms_that_are_not_in_the_text(app, content, search):
    # "Допомогу сім'ям" in the text; "допомога для сім'ї" typed.
    page = search("uk", "допомога сім'ї")
    assert titles(page) == ["Виплати в грудні"]
    assert [m.get_text() for m in page.select(".search-result mark")] == ["Допомогу", "сім'ям"]


def test_case_and_diacritics_do_not_matter_and_the_last_word_may_be_a_prefix(app, content,
                                                                             search):
    assert titles(search("pl", "POMOC SPOLECZNA")) == ["Wypłata świadczeń w grudniu"]
    assert titles(search("pl", "wyplata swiadczen")) == ["Wypłata świadczeń w grudniu"]
    assert titles(search("pl", "zasił")) == ["Wypłata świadczeń w grudniu"]
    # A finished word is a word, not a prefix: "zasił " (with a space) is no word of the text.
    assert titles(search("pl", "fest ")) == []


def test_the_title_ranks_above_the_body_and_words_are_marked_safely(app, search):
    with app.app_context():
        factories.article("Koncert", body="<p>Rodzinny festyn &lt;script&gt; w parku.</p>")
        factories.article("Festyn rodzinny", body="<p>Zapraszamy.</p>")
    page = search("pl", "festyn")
    assert titles(page) == ["Festyn rodzinny", "Koncert"]
    second = page.select(".search-result")[1]
    assert [m.get_text() for m in second.select("mark")] == ["festyn"]
    snippet = str(second.select_one(".snippet"))
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet
    assert second.select_one(".snippet").find_all(True) == second.select(".snippet mark")


def test_an_untranslated_item_is_found_by_its_polish_text_with_a_notice(app, content, search):
    page = search("en", "festyn")
    [hit] = page.select(".search-result")
    assert hit.select_one("h2")["lang"] == "pl"
    assert hit.select_one(".badge").get_text() == "in Polish"
    assert hit.select_one("a")["href"].startswith("/en/news/")
    # Translated items are found in the reader's language only: Ukrainian has its own text.
    assert titles(search("uk", "wypłata")) == []
    assert titles(search("uk", "festyn")) == ["Festyn w parku"]


def test_photo_captions_and_alt_texts_are_found_and_lead_to_their_article(app, content, search):
    with app.app_context():
        add_photo(content["festival"], pl={"alt": "Dzieci przy karuzeli",
                                           "caption": "Karuzela na festynie"})
    page = search("pl", "karuzele")
    [hit] = page.select(".search-result")
    assert hit.select_one("a")["href"] == "/pl/news/festyn-w-parku"
    assert "Festyn w parku" in hit.select_one(".meta").get_text()


def test_drafts_scheduled_and_trashed_items_never_appear(app, search):
    from portal.news.models import Article

    with app.app_context():
        soon = utcnow() + timedelta(days=2)
        factories.make("article", {"pl": {"title": "Zasiłek szkic", "summary": "", "body": ""}})
        scheduled = factories.article("Zasiłek zaplanowany", published=soon)
        trashed = factories.article("Zasiłek w koszu")
        expired = factories.article("Zasiłek wygasły")
        factories.update(db.session.get(Article, trashed), deleted_at=utcnow())
        factories.update(db.session.get(Article, expired),
                         expires_at=utcnow() - timedelta(hours=1))
        # A scheduled item appears by itself when its time comes, with no job to run.
        later = find("zasiłek", "pl", now=soon + timedelta(minutes=1))
        assert [hit.item_id for hit in later.hits] == [scheduled]
    assert titles(search("pl", "zasiłek")) == []


def test_count_is_pluralised_and_results_come_in_pages(app, search):
    with app.app_context():
        for n in range(12):
            extra = " trzy" if n < 3 else ""
            factories.article(f"Dyżur numer {n}{extra}", published=utcnow() - timedelta(minutes=n))
    page = search("pl", "dyżur")
    assert page.one(".count").get_text(" ", strip=True).startswith("12 wyników dla „dyżur”")
    assert len(page.select(".search-result")) == 10
    second = search("pl", "dyżur", page=2)
    assert len(second.select(".search-result")) == 2
    assert second.one("a[rel=prev]")["href"] == "/pl/search?page=1&q=dy%C5%BCur"
    assert search("pl", "trzy").one(".count").get_text(strip=True).startswith("3 wyniki dla")
    assert search("pl", "numer 5").one(".count").get_text(strip=True).startswith("1 wynik dla")
    # Ukrainian readers find the Polish texts (not translated), counted in Ukrainian.
    assert search("uk", "dyżur").one(".count").get_text(strip=True).startswith("12 результатів")
    assert search("uk", "trzy").one(".count").get_text(strip=True).startswith("3 результати")
    assert search("en", "numer 5").one(".count").get_text(strip=True).startswith("1 result for")


def test_nothing_found_says_so_and_offers_a_way_on(app, search):
    page = search("pl", "xyzzy")
    assert "Nic nie znaleziono dla „xyzzy”." in page.one(".no-results").get_text()
    assert page.select(".search-tips a[href='/pl/news/']")
    empty = search("en", "")
    assert not empty.select(".count") and empty.one("#search-q")["value"] == ""


def test_every_readers_page_has_a_search_box_that_works_without_javascript(app, client):
    from bs4 import BeautifulSoup

    html = client.get("/uk/news/").get_data(as_text=True)
    form = BeautifulSoup(html, "html.parser").select_one("header form[role=search]")
    assert form["method"] == "get" and form["action"] == "/uk/search"
    field = form.select_one("input[name=q]")
    assert form.select_one(f"label[for={field['id']}]").get_text(strip=True)
