"""A clerk types, closes the tab without saving, and gets the text back in Chromium."""

from __future__ import annotations

import pytest

from ..conftest import create_user
from .test_staff_pages import log_in, shoot

pytestmark = pytest.mark.browser


def test_text_typed_before_the_tab_closed_is_offered_back(live_app, live_server, browser,
                                                          artifacts):
    create_user(live_app, "editor", email="zosia@mops.example.pl", name="Zosia Pisarska")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    try:
        page = context.new_page()
        log_in(page, live_server.url, "zosia@mops.example.pl")
        url = live_server.url + "/staff/pages/3"
        page.goto(url)
        page.locator("#pl-summary").fill("Streszczenie napisane tuż przed zamknięciem karty.")
        status = page.locator(".autosave-status")
        status.filter(has_text="Zachowano automatycznie").wait_for(timeout=10_000)
        page.close()  # the tab is closed, nothing saved

        page = context.new_page()
        page.goto(url)
        notice = page.locator(".autosaved")
        assert "zachowany automatycznie" in notice.inner_text()
        shoot(page, artifacts, "autosave-offered-desktop")
        notice.get_by_role("link", name="Przywróć ten tekst do formularza").click()
        assert page.locator("#pl-summary").input_value() == (
            "Streszczenie napisane tuż przed zamknięciem karty.")
        # The page is published: the text goes into its working draft.
        page.get_by_role("button", name="Zapisz wersję roboczą").click()
        page.locator(".flashes").wait_for()
        assert not page.locator(".autosaved").count()
    finally:
        context.close()
