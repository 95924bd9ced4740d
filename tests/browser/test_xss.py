"""The XSS corpus in Chromium: every payload, typed into every field staff can type, shown in
every place it appears, executes nowhere.

``tests/security/payloads.txt`` goes into the database through the write service (and through
the real forms for a new article, a redirect and the searches); then every place type is
visited once per language (the readers' pages in each language, the staff pages as an
administrator of each staff language). Before any page script a trap replaces ``alert``,
``confirm``, ``prompt`` and ``print`` with recorders, listens for ``securitypolicyviolation``,
and a MutationObserver notes any element or attribute a payload could have made run (event
handlers, scripts that are not the portal's, frames, SVG and MathML, ``javascript:``/``data:``/
``vbscript:`` addresses). Each page is visited twice: with the portal's Content Security Policy
(a payload would show as a violation) and with the policy bypassed (a payload would run, and
the trap would catch it). The page's source, as the server sent it, is checked too
(``corpus.unsafe_markup``).

The test ends with a one-line summary (printed, and kept as the test's ``xss`` property).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pytest

from ..conftest import make_app
from ..security import corpus
from ..security.corpus import PAYLOADS
from .conftest import LiveServer

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"

TRAP = """
(() => {
  const seen = {dialogs: [], violations: [], injected: []};
  Object.defineProperty(window, "__xss", {value: seen});
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function (...args) {
      seen.dialogs.push(name + "(" + args.map(String).join(", ") + ")");
      return name === "confirm" ? false : null;
    };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    seen.violations.push(event.violatedDirective + " " + event.blockedURI + " "
                         + (event.sample || ""));
  }, true);
  const badScheme = /^\\s*(javascript|vbscript|data):/i;
  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"];
  const check = (element) => {
    if (!(element instanceof Element)) return;
    const tag = element.localName;
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) seen.injected.push(`<${tag} ${name}>`);
      if (urlAttributes.includes(name) && badScheme.test(attribute.value)
          && !(tag === "img" && attribute.value.startsWith("data:image/"))) {
        seen.injected.push(`<${tag} ${name}=${attribute.value.slice(0, 40)}>`);
      }
    }
    if (tag === "script" && element.type !== "application/ld+json"
        && !(element.getAttribute("src") || "").startsWith("/static/")) {
      seen.injected.push(`<script>${element.textContent.slice(0, 40)}`);
    }
    if (["iframe", "frame", "object", "embed", "base", "svg", "math"].includes(tag)) {
      seen.injected.push(`<${tag}>`);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") check(record.target);
      for (const node of record.addedNodes) {
        check(node);
        if (node.querySelectorAll) node.querySelectorAll("*").forEach(check);
      }
    }
  }).observe(document, {childList: true, subtree: true, attributes: true});
})();
"""


@dataclass
class Tally:
    """What the visits found: per place type, the slots (payload × field × language) shown."""

    seeded: corpus.Seeded
    visits: int = 0
    shown: int = 0  # slots shown, summed over the visits
    as_typed: int = 0  # of those, shown as the very text typed
    places: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    problems: list[str] = field(default_factory=list)
    executions: int = 0
    violations: int = 0
    injected: int = 0

    def payloads_in(self, place: str) -> set[int]:
        return {self.seeded.slots[n].payload for n in self.places[place]}

    def summary(self) -> str:
        fields = self.seeded.fields
        return (f"XSS corpus: {len(PAYLOADS)} payloads typed into {len(self.seeded.slots)} "
                f"slots of {len(fields)} fields; {self.visits} visits of {len(self.places)} "
                f"place types (with and without CSP); {self.shown} payload showings "
                f"({self.as_typed} as typed); executions {self.executions}, CSP violations "
                f"{self.violations}, injected markup {self.injected}, unsafe source "
                f"{len([p for p in self.problems if 'source' in p])}")


@pytest.fixture(scope="module")
def xss_app(tmp_path_factory):
    """The demo content, then the corpus in every field, on an app of this module's own."""
    tmp = tmp_path_factory.mktemp("xss")
    # Static files cached by the browser: a visit costs one request, the page's.
    app = make_app(tmp, NEWS_PER_PAGE=100, STAFF_PER_PAGE=500, SEARCH_PER_PAGE=100,
                   SEND_FILE_MAX_AGE_DEFAULT=3600)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    seeded = corpus.seed(app)
    app.config["TESTING"] = False
    return app, seeded


@pytest.fixture(scope="module")
def xss_server(xss_app):
    server = LiveServer(xss_app[0]).start()
    yield server
    server.stop()


def visit(page, tally: Tally, place: str, url: str, base: str) -> None:
    response = page.goto(base + url, wait_until="load")
    assert response is not None, url
    inspect(page, tally, place, url, response)


def inspect(page, tally: Tally, place: str, url: str, response) -> None:
    """What the page in ``page`` ran and showed (``response``: its source, as sent)."""
    page.wait_for_timeout(5)  # handlers fired by the page's own events (toggle, focus)
    found = page.evaluate("() => window.__xss")
    source = response.text()
    shown = tally.seeded.shown(source)
    tally.visits += 1
    tally.shown += len(shown)
    tally.as_typed += corpus.as_typed(source, tally.seeded, shown)
    tally.places[place] |= shown
    tally.executions += len(found["dialogs"])
    tally.violations += len(found["violations"])
    tally.injected += len(found["injected"])
    for kind in ("dialogs", "violations", "injected"):
        for what in found[kind]:
            tally.problems.append(f"{url}: {kind}: {what}")
    # The source as sent (the parsed page is what the trap saw): nothing typed as written.
    for what in corpus.written_as_typed(source, tally.seeded):
        tally.problems.append(f"{url}: source: {what}")


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/staff/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/staff/")


def trapped_context(browser, bypass_csp: bool, tally: Tally):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL",
                                  bypass_csp=bypass_csp)
    context.add_init_script(TRAP)

    def on_dialog(dialog):  # a dialog the trap did not catch (it never should open)
        tally.executions += 1
        tally.problems.append(f"native {dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("page", lambda page: page.on("dialog", on_dialog))
    return context


def submit(page, tally: Tally, place: str, button) -> None:
    with page.expect_navigation() as navigation:
        button.click()
    inspect(page, tally, place, page.url, navigation.value)


def type_through_forms(page, tally: Tally, base: str, seeded) -> None:
    """The form path: a new article typed and published in the editor (its message names its
    title), a published article's draft, and an old address typed into the redirects form
    (refused, shown back)."""
    page.goto(base + "/staff/articles/new")
    title = seeded.slot(5, "form", "title")
    page.locator("#pl-title").fill(title)
    page.locator("#pl-summary").fill(seeded.slot(47, "form", "summary"))
    # The body's text area is behind the rich-text editor: what arrives is what it holds.
    page.locator("#pl-body").evaluate("(area, html) => { area.value = html; }",
                                      seeded.slot(12, "form", "body"))
    submit(page, tally, "flash message", page.locator("main button[value=publish]").first)
    if page.locator("form.confirm-form").count():
        submit(page, tally, "flash message",
               page.locator("form.confirm-form button[type=submit]").first)
    assert page.locator(".flashes").count()
    # A published article's working draft, typed in its editor: saved, compared, previewed.
    item_id = seeded.articles[2]
    page.goto(base + f"/staff/articles/{item_id}")
    page.locator("#pl-title").fill(seeded.slot(50, "draft", "title"))
    page.locator("#en-summary").fill(seeded.slot(16, "draft", "summary"))
    submit(page, tally, "flash message", page.locator("main button[value=save]").first)
    for url in (f"/staff/articles/{item_id}/draft/compare",
                f"/staff/articles/{item_id}/draft/preview/pl"):
        visit(page, tally, "draft compare and preview", url, base)
    page.goto(base + "/staff/redirects/new")
    page.locator("#old_path").fill("/" + seeded.slot(49, "form", "old_path"))
    page.locator("#target_path").fill(seeded.slot(19, "form", "target_path"))
    submit(page, tally, "form errors", page.locator("main form button[type=submit]").first)


def test_no_payload_executes_anywhere(xss_app, xss_server, browser, artifacts,
                                      record_property):
    app, seeded = xss_app
    base = xss_server.url
    tally = Tally(seeded)
    public = corpus.public_places(app, seeded)
    staff_languages = {"pl": "admin0@mops.example.pl", "en": "admin1@mops.example.pl",
                       "uk": "admin2@mops.example.pl"}
    for bypass_csp in (False, True):
        context = trapped_context(browser, bypass_csp, tally)
        page = context.new_page()
        try:
            for place, by_lang in public.items():
                for lang, urls in by_lang.items():
                    if bypass_csp:  # one page of each kind, to see that nothing runs
                        if lang != "pl":
                            continue
                        urls = urls[:1]
                    for url in urls:
                        visit(page, tally, place, url, base)
        finally:
            context.close()
        for lang, email in staff_languages.items():
            if bypass_csp and lang != "pl":
                continue  # what runs does not depend on the interface's language
            context = trapped_context(browser, bypass_csp, tally)
            page = context.new_page()
            try:
                log_in(page, base, email)
                if lang == "pl" and not bypass_csp:
                    type_through_forms(page, tally, base, seeded)
                everything = lang == "pl" and not bypass_csp
                places = corpus.staff_places(app, seeded, everything=everything)
                for place, urls in places.items():
                    for url in urls:
                        visit(page, tally, place, url, base)
            finally:
                context.close()
    summary = tally.summary()
    print("\n" + summary)
    coverage = [f"{place}: {len(tally.payloads_in(place))} payloads, "
                f"{len({tally.seeded.slots[n].label for n in slots})} fields"
                for place, slots in sorted(tally.places.items())]
    artifacts.joinpath("xss.txt").write_text(
        "\n".join([summary, *coverage, *tally.problems]) + "\n", "utf-8")
    record_property("xss", summary)
    assert not tally.problems, "\n".join(tally.problems[:40])
    # Every payload was shown in the places that list or show articles (the other places show
    # what their fields hold: the numbers are in test-artifacts/xss.txt).
    for place in ("news list", "article", "news feed", "editor", "search results"):
        missing = set(range(len(PAYLOADS))) - tally.payloads_in(place)
        assert not missing, f"{place}: payloads {sorted(missing)} never shown"
