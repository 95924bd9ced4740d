"""Two editors in two browsers change the same article: nothing either wrote is undone.

Anna changes the summary and saves; Piotr, who opened the article before, changes the title and
saves: he is told, his form now holds Anna's summary beside his title, and his second save keeps
both. Then both change the same field: Piotr sees Anna's text beside his and chooses. The article
is not published yet: a published one's form goes into its working draft (see test_drafts).
"""

from __future__ import annotations

import pytest

from .. import factories
from ..conftest import create_user
from .test_staff_pages import log_in, shoot

pytestmark = pytest.mark.browser


def test_two_editors_save_the_same_article(live_app, live_server, browser, artifacts):
    create_user(live_app, "editor", email="anna.redaktorka@mops.example.pl", name="Anna Kowalska")
    create_user(live_app, "editor", email="piotr.redaktor@mops.example.pl", name="Piotr Nowak")
    with live_app.app_context():
        item_id = factories.make("article", {"pl": {
            "title": "Zebranie rodziców", "summary": "Zaproszenie na zebranie.",
            "body": "<p>Zebranie odbędzie się w świetlicy.</p>"}})
    url = live_server.url + f"/staff/articles/{item_id}"
    contexts = [browser.new_context(viewport={"width": width, "height": 900}, locale="pl-PL")
                for width in (1280, 360)]
    anna, piotr = (context.new_page() for context in contexts)
    try:
        log_in(anna, live_server.url, "anna.redaktorka@mops.example.pl")
        log_in(piotr, live_server.url, "piotr.redaktor@mops.example.pl")
        anna.goto(url)
        piotr.goto(url)
        title = piotr.locator("#pl-title").input_value()

        anna.locator("#pl-summary").fill("Streszczenie poprawione przez Annę.")
        anna.get_by_role("button", name="Zapisz", exact=True).click()
        anna.locator(".flashes").wait_for()

        piotr.locator("#pl-title").fill(title + " (zmiana Piotra)")
        piotr.get_by_role("button", name="Zapisz", exact=True).click()
        assert "Ktoś inny zapisał tę pozycję" in piotr.locator(".error-summary").inner_text()
        assert "Anna Kowalska" in piotr.locator(".conflict h2").inner_text()
        assert piotr.locator("#pl-summary").input_value() == "Streszczenie poprawione przez Annę."
        assert piotr.locator("#pl-title").input_value() == title + " (zmiana Piotra)"
        shoot(piotr, artifacts, "conflict-merged-phone")
        piotr.get_by_role("button", name="Zapisz", exact=True).click()
        piotr.locator(".flashes").wait_for()

        # Now both change the summary: Piotr chooses Anna's.
        anna.goto(url)
        piotr.goto(url)
        anna.locator("#pl-summary").fill("Druga wersja Anny.")
        anna.get_by_role("button", name="Zapisz", exact=True).click()
        anna.locator(".flashes").wait_for()
        piotr.locator("#pl-summary").fill("Druga wersja Piotra.")
        piotr.get_by_role("button", name="Zapisz", exact=True).click()
        both = piotr.locator(".both-changed")
        assert "Druga wersja Anny." in both.inner_text()
        shoot(piotr, artifacts, "conflict-both-phone")
        both.get_by_label("Użyj tekstu tej osoby").check()
        piotr.get_by_role("button", name="Zapisz", exact=True).click()
        piotr.locator(".flashes").wait_for()
        assert piotr.locator("#pl-summary").input_value() == "Druga wersja Anny."
        assert piotr.locator("#pl-title").input_value() == title + " (zmiana Piotra)"
        anna.goto(url)
        shoot(anna, artifacts, "conflict-resolved-desktop")
    finally:
        for context in contexts:
            context.close()
