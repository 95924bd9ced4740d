"""A clerk who uses only the keyboard: logs in, writes an article in Polish (with the toolbar's
bold), translates it side by side into English, is warned before publishing, publishes anyway,
and a reader finds it on /pl/ and /en/.

Focus moves only by Tab and Shift+Tab; buttons and links are pressed with Enter or Space; text is
typed. Every element focused on the way must show where the focus is. No photos: a file chooser
is the operating system's dialog, outside the page.
"""

from __future__ import annotations

import pytest

from ..conftest import create_user

pytestmark = pytest.mark.browser

EMAIL = "klawiatura@mops.example.pl"

FOCUSED = """selector => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    matches: el.matches(selector),
    body: el === document.body,
    visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== "none",
    what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " "
      + (el.innerText || el.value || el.getAttribute("href") || "").trim().slice(0, 40),
  };
}"""


def article_id(url: str) -> str:
    return url.split("/articles/")[1].split("/")[0]


def tab_to(page, selector: str, backwards: bool = False, limit: int = 250) -> None:
    """Press Tab (or Shift+Tab) until the focus is on ``selector``; each stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(FOCUSED, selector)
        if state["body"]:
            continue
        assert state["visible"], f"no visible focus on {state['what']}"
        if state["matches"]:
            return
    raise AssertionError(f"the keyboard never reached {selector}")


def test_keyboard_only_clerk_writes_translates_and_publishes(
    live_app, live_server, browser, artifacts
):
    create_user(live_app, "editor", email=EMAIL, name="Krystyna Klawiaturowa")
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    try:
        page.goto(base + "/staff/login")
        tab_to(page, "#email")
        page.keyboard.type(EMAIL)
        tab_to(page, "#password")
        page.keyboard.type("correct horse battery staple")
        page.keyboard.press("Enter")
        page.wait_for_url(base + "/staff/")

        tab_to(page, "a[href='/staff/articles/new']")
        page.keyboard.press("Enter")
        page.wait_for_url(base + "/staff/articles/new")
        tab_to(page, "#pl-title")
        page.keyboard.type("Dzień otwarty w Ośrodku")
        tab_to(page, "#pl-summary")
        page.keyboard.type("Zapraszamy mieszkańców do odwiedzenia Ośrodka.")
        tab_to(page, ".rte-area[data-for='pl-body']")
        page.keyboard.type("Pokażemy, jak pracujemy. ")
        # The toolbar comes just before its text area: back to Bold, press it, type on.
        tab_to(page, "#section-pl .rte-toolbar button[data-command='bold']", backwards=True)
        page.keyboard.press("Enter")
        page.keyboard.type("WSTĘP WOLNY DLA WSZYSTKICH")
        tab_to(page, "#edit-form button[name=action][value=save]")
        page.keyboard.press("Enter")
        page.locator(".item-state").wait_for()
        assert "Szkic" in page.locator(".item-state").inner_text()
        assert (
            "<strong>WSTĘP WOLNY DLA WSZYSTKICH</strong>" in page.locator("#pl-body").input_value()
        )

        # Translate side by side into English.
        tab_to(page, "a[href$='/translate/en']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/translate/en")
        tab_to(page, "#en-title")
        page.keyboard.type("Open day at the centre")
        tab_to(page, "#en-summary")
        page.keyboard.type("Residents are welcome to visit the centre.")
        tab_to(page, ".rte-area[data-for='en-body']")
        page.keyboard.type("We will show how we work. Free entry for everyone.")
        tab_to(page, "#edit-form button[name=action][value=save]")
        page.keyboard.press("Space")
        page.wait_for_load_state()
        assert "Zapisano zmiany." in page.locator(".flashes").inner_text()
        page.screenshot(path=artifacts / "staff-keyboard-translated.png", full_page=True)

        # Back to the whole item, and publish: the capitals are pointed out first.
        tab_to(page, f".item-links a[href$='/articles/{article_id(page.url)}']")
        page.keyboard.press("Enter")
        page.locator("#pl-title").wait_for()
        tab_to(page, "#edit-form button[name=action][value=publish]")
        page.keyboard.press("Enter")
        warnings = page.locator(".warning-summary")
        warnings.wait_for()
        assert "WSTĘP WOLNY DLA WSZYSTKICH" in warnings.inner_text()
        page.screenshot(path=artifacts / "staff-keyboard-warnings.png", full_page=True)
        # The summary's link leads to the "publish anyway" button; Enter there publishes.
        tab_to(page, ".warning-summary a[href='#confirm-publication']")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "confirm-publication"
        page.keyboard.press("Enter")
        page.locator(".flashes").wait_for()
        flashed = page.locator(".flashes").inner_text()
        assert "Artykuł „Dzień otwarty w Ośrodku” jest opublikowany." in flashed

        page.goto(base + "/pl/news/dzien-otwarty-w-osrodku")
        assert page.locator("h1").inner_text() == "Dzień otwarty w Ośrodku"
        assert page.locator(".prose strong").inner_text() == "WSTĘP WOLNY DLA WSZYSTKICH"
        page.goto(base + "/en/news/open-day-at-the-centre")
        assert page.locator("h1").inner_text() == "Open day at the centre"
        assert "Free entry for everyone." in page.locator(".prose").inner_text()
    finally:
        context.close()
