"""WCAG 2.1 AA in a real browser: axe-core on every public page type, in every enabled language,
in the normal, high-contrast and largest-text versions, at phone and desktop widths.

Nothing is excluded from the scan. Each check also saves a full-page screenshot (look at them:
axe cannot see a layout that is merely ugly or broken) and asserts the page does not scroll
sideways at that width.
"""

from __future__ import annotations

import os

import pytest

from portal.content import SOURCE_LANGUAGE

from .pages import MODES, PAGE_TYPES, WIDTHS, addresses

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

HTML_CLASS = {"normal": None, "high-contrast": "contrast-high", "largest-text": "text-largest"}
# Screenshots: every page type, mode and width in Polish, and the normal mode in the other
# languages (all of them with PORTAL_SCREENSHOTS=all; each costs about 0.2 s).
SCREENSHOT_ALL = os.environ.get("PORTAL_SCREENSHOTS") == "all"

# One context per mode and width, shared by the checks that use it (ordered so each is opened
# once): keeps the whole matrix in one browser session and well under two minutes.
MATRIX = [
    pytest.param(page_type, mode, width, id=f"{page_type}-{mode}-{width}")
    for mode in MODES
    for width in WIDTHS
    for page_type in PAGE_TYPES
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core as the axe-playwright-python package bundles it."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.fixture(scope="module")
def urls(live_app):
    return addresses(live_app)


@pytest.fixture(scope="module")
def tabs(browser, live_server, axe_source):
    """(mode, width, lang) -> a page in a context carrying that mode's preference cookies.

    One page per language: their axe scans run side by side, each in its own renderer.
    """
    opened: dict[tuple[str, str], tuple] = {}

    def tab(mode: str, width: str, lang: str):
        if (mode, width) not in opened:
            for key in [k for k in opened if k != (mode, width)]:
                opened.pop(key)[0].close()
            context = browser.new_context(viewport={"width": WIDTHS[width], "height": 800})
            cookies = [
                {"name": name, "value": value, "url": live_server.url}
                for name, value in MODES[mode].items()
            ]
            if cookies:
                context.add_cookies(cookies)
            # Loaded into every page before it runs (a page's own CSP does not apply to it).
            context.add_init_script(axe_source)
            opened[(mode, width)] = (context, {})
        context, pages = opened[(mode, width)]
        if lang not in pages:
            pages[lang] = context.new_page()
        return pages[lang]

    yield tab
    for context, _pages in opened.values():
        context.close()


LOAD_IMAGES = """() => {
  const images = Array.from(document.querySelectorAll("img[loading=lazy]"));
  images.forEach(img => { img.loading = "eager"; });
  return Promise.all(images.filter(img => !img.complete).map(
    img => new Promise(done => { img.onload = img.onerror = done; })));
}"""


def screenshot(page, path) -> None:
    """A full-page picture with every lazy image loaded, as a reader scrolling would see it."""
    if page.locator("img[loading=lazy]").count():
        page.evaluate(LOAD_IMAGES)
    page.screenshot(path=path, full_page=True)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


@pytest.mark.parametrize(("page_type", "mode", "width"), MATRIX)
def test_no_wcag_violations(page_type, mode, width, live_server, live_app, tabs, urls, artifacts):
    failures = []
    scanning = {}
    for lang in live_app.config["PORTAL_LANGUAGES"]:
        page = tabs(mode, width, lang)
        path = urls[page_type][lang]
        response = page.goto(live_server.url + path)
        expected = 404 if page_type == "not-found" else 200
        assert response.status == expected, f"{path}: {response.status}"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("html").get_attribute("class") == HTML_CLASS[mode]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > WIDTHS[width]:
            failures.append(f"{lang} {path}: scrolls sideways ({scroll}px > {WIDTHS[width]}px)")
        if lang == SOURCE_LANGUAGE or mode == "normal" or SCREENSHOT_ALL:
            screenshot(page, artifacts / "a11y" / f"{page_type}-{lang}-{mode}-{width}.png")
        # Start the scan and go on to the next language; the results are collected below.
        page.evaluate("options => { window.axeScan = axe.run(document, options); }", AXE_OPTIONS)
        scanning[lang] = (page, path)
    for lang, (page, path) in scanning.items():
        results = page.evaluate("() => window.axeScan")
        if results["violations"]:
            failures.append(f"{lang} {path}:\n{describe(results['violations'])}")
    assert not failures, "\n".join(failures)


def test_the_scan_catches_a_planted_violation(tabs, live_server):
    """The scanner is really running: an image without alt text and a low-contrast text fail."""
    page = tabs("normal", "desktop", "pl")
    page.goto(live_server.url + "/pl/")
    page.evaluate("""() => {
        const main = document.querySelector("main");
        main.insertAdjacentHTML("beforeend", '<img src="/static/img/bip.svg"><p>Szary tekst</p>');
        main.lastElementChild.style.color = "#bbb";  // the page's CSP allows no inline style
    }""")
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in results["violations"]}
