"""Keyboard, screen-reader structure, no JavaScript, reflow at 320 px and print, in Chromium."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from .pages import MODES, PAGE_TYPES, addresses

pytestmark = pytest.mark.browser

# What the focused element looks like: a focus indicator is an outline or a box shadow.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, text: (el.innerText || el.getAttribute('alt') || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    inMain: !!el.closest('main'), inHeader: !!el.closest('header'),
    inFooter: !!el.closest('footer'),
    top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom,
  };
}"""

# Every focusable element in document order, to compare with the order Tab visits them.
TAB_TARGETS = """() => Array.from(document.querySelectorAll(
  'a[href], button, input, select, textarea, video[controls], [tabindex]:not([tabindex="-1"])'
  )).filter(
  el => el.offsetParent !== null || el.getClientRects().length).map(
  el => el.getAttribute('href') || el.tagName)"""


@pytest.fixture(scope="module")
def urls(live_app):
    return addresses(live_app)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    yield context.new_page()
    context.close()


def test_skip_link_is_first_visible_and_moves_focus_to_main(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/pl/news/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)
    assert focused["text"] == "Przejdź do treści głównej"
    assert focused["top"] >= 0, "the skip link must come into view when focused"
    assert focused["outline"] or focused["shadow"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)
    assert focused["inMain"], f"after skipping, Tab goes into the content, not {focused}"


def test_landmarks_and_headings(live_server, browser_page, urls):
    page = browser_page
    for page_type in PAGE_TYPES:
        page.goto(live_server.url + urls[page_type]["pl"])
        assert page.get_by_role("banner").count() == 1
        assert page.get_by_role("main").count() == 1
        assert page.get_by_role("contentinfo").count() == 1
        for name in ("Ułatwienia dostępu", "Menu główne", "O tej stronie"):
            assert page.get_by_role("navigation", name=name).count() == 1, (page_type, name)
        assert page.locator("h1").count() == 1
        # Headings never skip a level downwards (h1 -> h3).
        levels = [
            int(tag[1])
            for tag in page.eval_on_selector_all(
                "main h1, main h2, main h3, main h4", "els => els.map(e => e.tagName)"
            )
        ]
        for before, after in pairwise(levels):
            assert after <= before + 1, (page_type, levels)


@pytest.mark.parametrize("mode", list(MODES))
def test_tab_order_is_logical_and_focus_always_visible(live_server, browser, mode, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cookies = [{"name": k, "value": v, "url": live_server.url} for k, v in MODES[mode].items()]
    if cookies:
        context.add_cookies(cookies)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/pl/news/mops-z-certyfikatem-jakosci-przyjazny-urzad")
        expected = page.evaluate(TAB_TARGETS)
        visited, regions = [], []
        for step in range(len(expected)):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_STYLE)
            assert focused["outline"] or focused["shadow"], f"no visible focus on {focused}"
            visited.append(
                page.evaluate(
                    "document.activeElement.getAttribute('href') || document.activeElement.tagName"
                )
            )
            regions.append(
                "header"
                if focused["inHeader"]
                else "main"
                if focused["inMain"]
                else "footer"
                if focused["inFooter"]
                else "other"
            )
            if step == 20:
                page.screenshot(path=artifacts / "a11y" / f"focus-{mode}.png")
        assert visited == expected, "Tab must follow the reading order"
        # Header, then the content, then the footer: never back and forth.
        order = [r for i, r in enumerate(regions) if i == 0 or regions[i - 1] != r]
        assert order == ["other", "header", "main", "footer"], order
    finally:
        context.close()


def test_gallery_works_with_the_keyboard_alone(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/en/news/friendly-office-quality-certificate")
    first_photo = page.locator(".gallery a").first
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.gallery')"):
            break
    else:
        pytest.fail("Tab never reached the gallery")
    label = page.evaluate(
        "document.activeElement.innerText + ' ' + document.activeElement.querySelector('img').alt"
    )
    assert "framed 2022 Friendly Office quality certificate" in label
    assert "(larger, with its description)" in label  # it opens the photo's own page
    href = first_photo.get_attribute("href")
    # Eight more photos are each one Tab away.
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.gallery')")
    page.keyboard.press("Shift+Tab")
    for _ in range(7):
        page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href)
    expect(page.locator("h1")).to_have_text("Photo 1 of 9")
    # From there on, the keyboard reaches the next photo and the way back.
    page.get_by_role("link", name="Next photo").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Photo 2 of 9")


def test_site_works_without_javascript(live_server, browser, artifacts):
    """Settings, language and navigation with JavaScript off: links and server rendering."""
    context = browser.new_context(
        java_script_enabled=False, locale="pl-PL", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.url.endswith("/pl/")
        page.get_by_role("link", name="A++").click()
        assert page.url.endswith("/pl/")
        assert page.locator("html").get_attribute("class") == "text-largest"
        page.get_by_role("link", name="Wysoki kontrast").click()
        assert page.locator("html").get_attribute("class") == "text-largest contrast-high"
        # Kept across pages and languages.
        page.get_by_role("navigation", name="Menu główne").get_by_role(
            "link", name="Aktualności"
        ).click()
        assert page.locator("html").get_attribute("class") == "text-largest contrast-high"
        page.get_by_role("navigation", name="Język").get_by_role("link", name="English").click()
        assert page.url.endswith("/en/news/")
        assert page.locator("html").get_attribute("class") == "text-largest contrast-high"
        page.get_by_role("link", name=re.compile("^Older")).click()
        assert "page=2" in page.url
        page.screenshot(path=artifacts / "a11y" / "no-javascript-en.png", full_page=True)
        page.get_by_role("link", name="Accessibility statement").click()
        assert page.locator("#a11y-status").is_visible()
        # Back to the defaults.
        page.get_by_role("link", name=re.compile("^A – ")).click()
        page.get_by_role("link", name="Normal contrast").click()
        assert page.locator("html").get_attribute("class") is None
        assert page.url.endswith("/en/deklaracja-dostepnosci")
        names = {c["name"] for c in context.cookies()}
        assert names == {"lang"}
    finally:
        context.close()


@pytest.mark.parametrize("mode", list(MODES))
def test_no_horizontal_scroll_at_320px(live_server, live_app, browser, urls, mode):
    """WCAG 1.4.10 (reflow): 320 CSS pixels wide, every page type, every language."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    cookies = [{"name": k, "value": v, "url": live_server.url} for k, v in MODES[mode].items()]
    if cookies:
        context.add_cookies(cookies)
    page = context.new_page()
    wide = []
    try:
        for page_type in PAGE_TYPES:
            for lang in live_app.config["PORTAL_LANGUAGES"]:
                page.goto(live_server.url + urls[page_type][lang])
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 320:
                    wide.append(f"{page_type} {lang}: {width}px")
    finally:
        context.close()
    assert not wide, wide


def test_print_stylesheet(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server.url + "/pl/deklaracja-dostepnosci")
    page.emulate_media(media="print")
    for hidden in (".toolbar", ".main-nav", ".languages", ".bip", ".skip-link", "footer nav"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("h1").is_visible() and page.locator("#a11y-status").is_visible()
    colour = page.evaluate("getComputedStyle(document.body).color")
    assert colour == "rgb(0, 0, 0)"
    page.screenshot(path=artifacts / "a11y" / "print-statement-pl.png", full_page=True)
    # Addresses of links to other sites are printed after them.
    after = page.evaluate(
        "getComputedStyle(document.querySelector("
        "'a[href=\"https://bip.brpo.gov.pl/\"]'), '::after').content"
    )
    assert "https://bip.brpo.gov.pl/" in after
    # The high-contrast version prints black on white.
    page.context.add_cookies([{"name": "contrast", "value": "high", "url": live_server.url}])
    page.goto(live_server.url + "/pl/info/ochrona-danych-osobowych")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    page.screenshot(path=artifacts / "a11y" / "print-privacy-pl-contrast.png", full_page=True)
