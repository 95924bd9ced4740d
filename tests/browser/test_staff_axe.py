"""WCAG 2.1 A and AA on every staff page, at phone and desktop widths, in Chromium.

Each page is reached as a person would reach it (forms submitted empty show their errors, the
editor shows an item with photos, a publication shows its warnings), then scanned with axe-core
with nothing excluded, photographed into test-artifacts/staff-axe-<page>-<width>.png, and checked
not to scroll sideways. One logged-in context per width serves every page.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.awards.models import Award
from portal.demo import CERTIFICATE_SLUG
from portal.extensions import db
from portal.pages.models import Page, PageKey
from portal.redirects.models import Redirect
from portal.staff.models import User

from ..conftest import create_user
from .pages import WIDTHS, _article
from .test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

ADMIN = "dostepnosc@mops.example.pl"
PASSWORD = "correct horse battery staple"


def _save(page) -> None:
    page.locator("#edit-form button[name=action][value=save]").click()
    page.locator(".error-summary").wait_for()


def _submit_empty(page) -> None:
    page.locator("main form.narrow button[type=submit]").click()
    page.locator(".error-summary").wait_for()


def _publish_with_warnings(page) -> None:
    page.locator("#pl-title").fill("DZIEŃ OTWARTY W NASZYM OŚRODKU")
    page.locator("#section-pl .rte-area").fill("Zapraszamy. Szczegóły: kliknij tutaj.")
    page.locator("#edit-form button[name=action][value=publish]").click()
    page.locator(".warning-summary").wait_for()


# name -> (path, what to do there); the path is formatted with the ids of the demo content.
STAFF_PAGES = {
    "login-errors": ("anonymous:/staff/login", _submit_empty),
    "session-ended": ("session-ended:/staff/users/new", None),
    "dashboard": ("/staff/", None),
    "dashboard-filtered": (
        "/staff/?kind=article&status=published&translation=missing:en&q=a",
        None,
    ),
    "article-new-errors": ("/staff/articles/new", _save),
    "article-publish-warnings": ("/staff/articles/new", _publish_with_warnings),
    "article-edit-photos": ("/staff/articles/{article}", None),
    "article-translate": ("/staff/articles/{article}/translate/en", None),
    "article-history": ("/staff/articles/{article}/history", None),
    "article-preview": ("/staff/articles/{article}/preview/en", None),
    "award-new-errors": ("/staff/awards/new", _save),
    "award-edit": ("/staff/awards/{award}", None),
    "award-translate": ("/staff/awards/{award}/translate/uk", None),
    "page-new-errors": ("/staff/pages/new", _save),
    "page-edit": ("/staff/pages/{page}", None),
    "users": ("/staff/users", None),
    "user-invite-errors": ("/staff/users/new", _submit_empty),
    "user-edit": ("/staff/users/{user}", None),
    "account": ("/staff/account", None),
    "password-errors": ("/staff/account/password", _submit_empty),
    "audit": ("/staff/audit", None),
    "redirects": ("/staff/redirects", None),
    "redirect-new-errors": ("/staff/redirects/new", _submit_empty),
    "redirect-delete": ("/staff/redirects/{redirect}/delete", None),
    "translations-status": ("/staff/translations/", None),
    "translations-files": ("/staff/translations/files", None),
    "translations-catalogs": ("/staff/translations/catalogs", None),
}

MATRIX = [
    pytest.param(name, width, id=f"{name}-{width}") for width in WIDTHS for name in STAFF_PAGES
]


@pytest.fixture(scope="module")
def ids(live_app) -> dict[str, int]:
    create_user(live_app, "admin", email=ADMIN, name="Alicja Dostępna")
    create_user(live_app, "translator", email="tlumacz-axe@mops.example.pl", name="Taras Tłumacz")
    with live_app.test_request_context():
        old_site = Redirect(old_path="/aktualnosci/axe.html", target_path="/pl/news/")
        db.session.add(old_site)
        db.session.commit()
        return {
            "redirect": old_site.id,
            "article": _article(CERTIFICATE_SLUG).id,
            "award": db.session.scalar(sa.select(Award.id).order_by(Award.id).limit(1)),
            "page": db.session.scalar(sa.select(Page.id).where(Page.key == PageKey.PRIVACY)),
            "user": db.session.scalar(
                sa.select(User.id).where(User.email == "tlumacz-axe@mops.example.pl")
            ),
        }


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def _log_in(page, base: str) -> None:
    page.goto(base + "/staff/login")
    page.locator("#email").fill(ADMIN)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form.narrow button[type=submit]").click()
    page.wait_for_url(base + "/staff/")


@pytest.fixture(scope="module")
def tabs(browser, live_server, axe_source, ids):
    """width -> {"staff": a logged-in page, "anonymous": a page with no session}."""
    opened: dict[str, tuple[list, dict]] = {}

    def tab(width: str, kind: str):
        if width not in opened:
            for other in list(opened):
                for context in opened.pop(other)[0]:
                    context.close()
            opened[width] = ([], {})
        contexts, pages = opened[width]
        if kind not in pages:
            context = browser.new_context(
                viewport={"width": WIDTHS[width], "height": 800}, locale="pl-PL"
            )
            context.add_init_script(axe_source)
            contexts.append(context)
            pages[kind] = context.new_page()
            if kind != "anonymous":
                _log_in(pages[kind], live_server.url)
        return pages[kind]

    yield tab
    for contexts, _pages in opened.values():
        for context in contexts:
            context.close()


def _session_ended(page, url: str) -> None:
    """A form open while the session ends: submitting it leads to the session-ended page."""
    page.goto(url)
    page.locator("#name").fill("Jan Kowalski")
    page.context.clear_cookies()
    page.locator("main form.narrow button[type=submit]").click()
    page.locator("h1").wait_for()


# The innermost elements that reach beyond the window, to say what makes a page scroll sideways.
WIDEST = """width => Array.from(document.querySelectorAll("body *")).filter(el => {
  const box = el.getBoundingClientRect();
  let up = el.parentElement;
  while (up && !["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) {
    up = up.parentElement;
  }
  return !up && box.right > width + 1 && !Array.from(el.children).some(
    child => child.getBoundingClientRect().right > width + 1);
}).slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
  + (el.className ? "." + String(el.className).split(" ").join(".") : "")
  + " " + Math.round(el.getBoundingClientRect().right) + "px")"""


@pytest.mark.parametrize(("name", "width"), MATRIX)
def test_staff_page_has_no_wcag_violations(name, width, tabs, ids, live_server, artifacts):
    where, action = STAFF_PAGES[name]
    kind, _, path = where.partition(":") if where[0] != "/" else ("staff", "", where)
    page = tabs(width, kind)
    url = live_server.url + path.format(**ids)
    if kind == "session-ended":
        _session_ended(page, url)
        assert page.locator("h1").inner_text() == "Zaloguj się ponownie"
    else:
        response = page.goto(url)
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        if action:
            action(page)
    page.screenshot(path=artifacts / f"staff-axe-{name}-{width}.png", full_page=True)
    failures = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > WIDTHS[width]:
        wide = page.evaluate(WIDEST, WIDTHS[width])
        failures.append(f"scrolls sideways ({scroll}px > {WIDTHS[width]}px): {wide}")
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    if results["violations"]:
        failures.append(describe(results["violations"]))
    assert not failures, f"{name} at {WIDTHS[width]}px, {page.url}:\n" + "\n".join(failures)
