"""Whatever is typed into the search, or put in its address, the answer is a normal page or a
400 in the reader's language, never a 500 (on both engines)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.search import text

from .. import factories
from ..conftest import check_page

# What search engines' query languages make of a query: FTS5 and tsquery syntax, SQL.
SYNTAX = ['"', "*", "NEAR", "NEAR(a b)", ":", ":*", "&", "|", "!", "(", ")", "((", "'", "''",
          "-", "^", "+", "AND", "OR", "NOT", "a:*", "title:x", "{a b}", "\\", "%", "_",
          "'; DROP TABLE search_entries; --", "1 OR 1=1", "\x00", "\ufffd", "<script>"]


@pytest.fixture
def content(app):
    with app.app_context():
        factories.article("Pomoc społeczna", body="<p>Zasiłki rodzinne.</p>")
    return app


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=20)), max_size=8)
       .map(" ".join), lang=st.sampled_from(["pl", "en", "uk"]))
def test_any_query_gives_a_normal_page(content, client, query, lang):
    response = client.get(f"/{lang}/search", query_string={"q": query})
    if "\x00" in query:
        # A NUL byte (no keyboard types one) is refused for the whole site: the database
        # cannot store or compare it (portal/bad_requests.py).
        check_page(response, lang, 400)
        return
    page = check_page(response, lang)
    if text.clean(query):
        assert page.one("#search-q")["value"] == text.clean(query)


@pytest.mark.parametrize("raw", [
    "q=%FF%FE%FD",  # not UTF-8
    "q=%C5",  # half a character
    "q=pomoc&q=zasi%C5%82ek&page=x",
    "q=pomoc&page=-5",
])
def test_broken_addresses_give_a_normal_page(content, client, raw):
    page = check_page(client.get(f"/pl/search?{raw}"), "pl")
    assert page.one("h1").get_text() == "Szukaj"


def test_a_nul_byte_or_a_page_past_any_list_is_refused_in_the_readers_language(content, client):
    # For the whole site (portal/bad_requests.py): a NUL byte is a bad request, a page number
    # past any list's end does not exist.
    page = check_page(client.get("/uk/search?q=pomoc%00spo%C5%82eczna"), "uk", 400)
    assert page.one("h1").get_text() == "Неправильний запит"
    check_page(client.get("/pl/search?q=pomoc&page=99999999999999999999"), "pl", 404)


@pytest.mark.parametrize("lang, heading", [("pl", "Nieprawidłowe żądanie"),
                                           ("uk", "Неправильний запит"),
                                           ("en", "Bad request")])
def test_ten_thousand_characters_are_a_400_in_the_readers_language(content, client, lang,
                                                                   heading):
    page = check_page(client.get(f"/{lang}/search", query_string={"q": "zasiłek " * 1250}),
                      lang, 400)
    assert page.one("h1").get_text() == heading


def test_a_long_query_within_the_limit_is_searched(content, client):
    page = check_page(client.get("/pl/search", query_string={"q": "pomoc " * 100}), "pl")
    assert page.select(".search-result")
