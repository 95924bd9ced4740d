"""A Ukrainian reader in Chromium: the interface in Ukrainian, the content's Polish fallback where
it is not translated (the award)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_ukrainian_reader_gets_the_interface_in_ukrainian(live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="uk-UA")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.url.endswith("/uk/")
        assert page.locator("html").get_attribute("lang") == "uk"
        assert page.locator("h1").inner_text() == "Вітаємо"
        languages = page.get_by_role("navigation", name="Мова")
        assert languages.get_by_role("link").all_inner_texts() == [
            "Polski", "English", "Українська"]
        page.screenshot(path=artifacts / "public-home-uk.png", full_page=True)

        page.get_by_role("navigation", name="Головне меню").get_by_role(
            "link", name="Нагороди та сертифікати").click()
        page.get_by_role("link", name="Certyfikat jakości „Przyjazny Urząd” 2022").click()
        assert "23 квітня 2022" in page.locator("main").inner_text()
        assert page.get_by_role("note").inner_text().startswith("Цей текст ще не перекладено")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=artifacts / "public-award-uk.png", full_page=True)
    finally:
        context.close()
