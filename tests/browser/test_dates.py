"""The editor's dates and the dashboard's list of content due for review, in Chromium.

At phone and desktop width: a schedule in the past and an end of publication that has passed are
refused on their fields, with "publish now instead" offered; the dashboard lists what is due for
review. Each state is scanned with axe-core (WCAG 2.1 A and AA, nothing excluded), photographed
into test-artifacts/dates-<state>-<width>.png, and checked not to scroll sideways.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.extensions import db
from portal.kinds import kind_named

from .. import factories
from ..conftest import create_user
from .pages import WIDTHS
from .test_accessibility import AXE_OPTIONS, describe
from .test_keyboard_publishing import FOCUSED
from .test_staff_axe import WIDEST

pytestmark = pytest.mark.browser

EDITOR = "daty@mops.example.pl"
PASSWORD = "correct horse battery staple"
TITLE = "Nowe kwoty świadczeń rodzinnych"


@pytest.fixture(scope="module")
def draft(live_app) -> int:
    """A draft (readers never see it) whose review date has passed."""
    create_user(live_app, "editor", email=EDITOR, name="Daria Terminowa")
    today = datetime.now(ZoneInfo("Europe/Warsaw")).date()
    with live_app.app_context():
        item_id = factories.make("article", {"pl": {"title": TITLE,
                                                    "body": "<p>Kwoty od stycznia.</p>"}})
        item = db.session.get(kind_named("article").model, item_id)
        factories.update(item, review_due_on=today - timedelta(days=3))
        return item_id


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def tab(request, browser, live_server, axe_source, draft):
    width = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="pl-PL")
    context.add_init_script(axe_source)
    page = context.new_page()
    page.goto(live_server.url + "/staff/login")
    page.get_by_label("Adres e-mail").fill(EDITOR)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_role("heading", name="Pulpit").wait_for()
    yield page, request.param
    context.close()


def check(page, name: str, width: str, artifacts, part: str | None = None) -> None:
    """Photograph the page (and ``part`` of it alone), scan it, and check it fits its width."""
    page.screenshot(path=artifacts / f"dates-{name}-{width}.png", full_page=True)
    if part:
        page.locator(part).screenshot(path=artifacts / f"dates-{name}-{width}-part.png")
    failures = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > WIDTHS[width]:
        wide = page.evaluate(WIDEST, WIDTHS[width])
        failures.append(f"scrolls sideways ({scroll}px > {WIDTHS[width]}px): {wide}")
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    if results["violations"]:
        failures.append(describe(results["violations"]))
    assert not failures, f"{name} at {WIDTHS[width]}px, {page.url}:\n" + "\n".join(failures)


def test_the_dashboard_lists_content_due_for_review(tab, artifacts):
    page, width = tab
    section = page.locator("section.review-due")
    assert section.get_by_role("heading", name="Do przeglądu").is_visible()
    entry = section.locator("li", has_text=TITLE)
    assert "Po terminie" in entry.inner_text()
    assert "3 dni po terminie" in entry.inner_text()
    # The demo's page about the forms of help is to be checked too.
    assert section.get_by_role("link", name="Formy pomocy").count() == 1
    check(page, "dashboard", width, artifacts, "section.review-due")
    entry.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name="Edycja artykułu").wait_for()


def test_the_editor_refuses_dates_that_have_passed(tab, live_server, draft, artifacts):
    page, width = tab
    page.goto(f"{live_server.url}/staff/articles/{draft}")
    check(page, "editor", width, artifacts, "#expiry")
    # By keyboard, every stop in the date fields (their parts, their picker buttons) shows focus.
    page.locator("#expiry_date").focus()
    for _ in range(20):
        state = page.evaluate(FOCUSED, "#edit-form button[name=action][value=save]")
        assert state["visible"], f"no visible focus on {state['what']}"
        if state["matches"]:
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never left the date fields for the Save button")

    page.locator("#expiry_date").fill("2021-03-01")
    page.locator("#expiry_time").fill("12:00")
    page.locator("#publish_date").fill("2020-05-01")
    page.locator("#publish_time").fill("10:00")
    page.get_by_role("button", name="Zapisz i zaplanuj").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "Termin 1 maja 2020, 10:00 już minął" in text
    assert "Termin 1 marca 2021, 12:00 już minął" in text
    assert page.locator("#publish_date").get_attribute("aria-invalid") == "true"
    # The error summary leads to the field that has passed.
    summary.get_by_role("link", name="Termin 1 maja 2020").click()
    assert page.evaluate("document.activeElement.id") == "publish_date"
    offer = page.get_by_role("button", name="Zapisz i zamiast tego opublikuj teraz")
    assert offer.is_visible()
    check(page, "editor-refused", width, artifacts, "fieldset.schedule")
    page.locator("#expiry").screenshot(path=artifacts / f"dates-editor-refused-{width}-end.png")
    # Nothing was saved: the item is still a draft.
    page.goto(f"{live_server.url}/staff/articles/{draft}")
    assert "Szkic" in page.locator(".item-state").inner_text()
