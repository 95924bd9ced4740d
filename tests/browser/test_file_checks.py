"""Files are checked in the browser before they are sent: nothing typed is lost to a refusal."""

from __future__ import annotations

import pytest

from ..conftest import create_user
from .test_staff_pages import log_in

pytestmark = pytest.mark.browser


def test_too_large_or_wrong_files_are_refused_before_sending(live_app, live_server, browser,
                                                              artifacts):
    create_user(live_app, "editor", email="pliki@mops.example.pl", name="Ola Pliki")
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="pl-PL")
    page = context.new_page()
    sent = []
    # The form's own sending (the text kept while typing goes elsewhere, and may).
    page.on("request", lambda request: sent.append(request)
            if request.method == "POST" and "/autosave" not in request.url else None)
    limit = live_app.config["MAX_CONTENT_LENGTH"]
    live_app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # a small limit: a quick test
    try:
        log_in(page, live_server.url, "pliki@mops.example.pl")
        page.goto(live_server.url + "/staff/articles/new")
        page.locator("#pl-title").fill("Tytuł, który nie może zginąć")
        sent.clear()
        page.locator("#photos").set_input_files(
            [{"name": "animacja.gif", "mimeType": "image/gif", "buffer": b"GIF89a" + b"0" * 10}])
        page.get_by_role("button", name="Prześlij wybrane zdjęcia").click()
        error = page.locator(".js-file-error")
        assert "„animacja.gif” nie jest obrazem JPEG, PNG ani WebP" in error.inner_text()
        page.locator("#photos").set_input_files(
            [{"name": "ogromne.jpg", "mimeType": "image/jpeg", "buffer": b"0" * (1024 * 1024 + 1)}])
        page.get_by_role("button", name="Prześlij wybrane zdjęcia").click()
        assert "najwyżej" in page.locator(".js-file-error").inner_text()
        assert page.locator(".js-file-error").count() == 1
        page.screenshot(path=artifacts / "staff-file-too-large-phone.png", full_page=False)
        assert not sent, "nothing is sent while the files are refused"
        assert page.locator("#pl-title").input_value() == "Tytuł, który nie może zginąć"
    finally:
        live_app.config["MAX_CONTENT_LENGTH"] = limit
        context.close()
