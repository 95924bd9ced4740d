"""Restoring a revision and unpublishing ask first, in Chromium, at a phone's width."""

from __future__ import annotations

import pytest

from ..conftest import create_user
from .test_staff_pages import log_in, publish_changes, shoot

pytestmark = pytest.mark.browser


def test_the_questions_before_a_revert_and_an_unpublish(live_app, live_server, browser,
                                                        artifacts):
    create_user(live_app, "editor", email="pytanie@mops.example.pl", name="Ala Pytająca")
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="pl-PL")
    page = context.new_page()
    try:
        log_in(page, live_server.url, "pytanie@mops.example.pl")
        url = live_server.url + "/staff/articles/3"
        page.goto(url)
        page.locator("#pl-summary").fill("Streszczenie do cofnięcia.")
        publish_changes(page)
        page.goto(url + "/history")
        page.get_by_role("link", name="Przywróć wersję 1").click()
        assert "Przywrócić wersję 1?" in page.locator("h1").inner_text()
        shoot(page, artifacts, "confirm-revert-phone")
        page.get_by_role("button", name="Tak, przywróć wersję 1").click()
        page.locator(".flashes").wait_for()
        assert page.locator("#pl-summary").input_value() != "Streszczenie do cofnięcia."

        page.get_by_role("button", name="Zapisz i wycofaj z publikacji").click()
        assert "Wycofać z publikacji" in page.locator("h1").inner_text()
        shoot(page, artifacts, "confirm-unpublish-phone")
        page.get_by_role("link", name="Nie, wróć").click()
        assert "Opublikowano" in page.locator(".item-state").inner_text()
    finally:
        context.close()
