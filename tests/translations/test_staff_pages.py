"""The translators' staff pages: status matrix, PO download and upload, progress by language."""

from __future__ import annotations

import re
import shutil
import time
from io import BytesIO

import polib
import pytest
import sqlalchemy as sa

from portal import catalogs
from portal.audit import AuditEvent
from portal.extensions import db
from portal.news.models import Article
from portal.staff import translations as views

from ..conftest import check_page, csrf_token
from .test_content_po import ITEMS, POLISH_ONLY, UK_ITEMS, article, edit_polish, entry

STATUS = "/staff/translations/"
FILES = "/staff/translations/files"
EXPORT = "/staff/translations/export"
IMPORT = "/staff/translations/import"
CATALOGS = "/staff/translations/catalogs"
PAGES = (STATUS, FILES, CATALOGS, f"{EXPORT}?language=uk&missing=y")
UKRAINIAN = {
    "title": "МОПС отримав сертифікат якості «Дружній уряд»",
    "summary": "Наш центр відзначили в конкурсі якості «Дружній уряд».",
    "body": "<p>Ми раді повідомити.</p>",
}


def rows(page) -> list[list[str]]:
    """The matrix as text: one list of cells per item."""
    return [[" ".join(cell.get_text(" ").split()) for cell in tr.find_all(["th", "td"])]
            for tr in page.select("table.matrix tbody tr")]


def download(client, query: str) -> polib.POFile:
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 200
    return polib.pofile(response.get_data(as_text=True))


def upload(client, text: str, dry_run: bool = False, filename: str = "content-uk.po",
           token: bool = True):
    data = {"file": (BytesIO(text.encode("utf-8")), filename)}
    if token:
        data["csrf_token"] = csrf_token(client, FILES)
    if dry_run:
        data["dry_run"] = "y"
    return client.post(IMPORT, data=data, content_type="multipart/form-data")


def translate_certificate(po: polib.POFile, article_id: int) -> str:
    for name, text in UKRAINIAN.items():
        entry(po, f"article/{article_id}/{name}/").msgstr = text
    return str(po)


def ukrainian_of(app, article_id: int):
    with app.app_context():
        return db.session.get(Article, article_id).translations.get("uk")


def certificate_id(app) -> int:
    with app.app_context():
        return article().id


def sign_in(app, client, role: str = "translator", **fields) -> None:
    """Log ``client`` in by its session: the login itself, and its Argon2 cost, is tested in
    tests/staff/test_login.py and by the role test below."""
    from portal.staff.models import User

    with app.app_context():
        user = User(email=f"{role}@mops.example.pl", name=role.title(), role=role,
                    password_hash="!", **fields)
        db.session.add(user)
        db.session.commit()
        session_id = user.get_id()
    from portal.staff import sessions

    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
        # As a login stamps it: when it began and when it was last used.
        session[sessions.LOGIN_AT] = session[sessions.SEEN_AT] = int(time.time())


@pytest.fixture
def signed_in(app, client):
    return lambda role="translator", **fields: sign_in(app, client, role, **fields)


# --- Who may see them --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/staff/login?next=")


@pytest.mark.parametrize("role", ["admin", "editor", "translator"])
def test_each_staff_role_may_use_the_pages(demo, client, staff, role):
    staff(role)
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    nav = check_page(client.get(STATUS), "pl").one('nav[aria-label="Menu panelu"]')
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "Tłumaczenia"


def test_an_account_of_another_role_is_refused(app, client):
    sign_in(app, client, "guest")
    assert client.get("/staff/").status_code == 200
    for url in PAGES:
        assert client.get(url).status_code == 403, url


# --- The status matrix -------------------------------------------------------------------------


def test_status_page_in_polish(demo, client, signed_in):
    signed_in("translator")
    page = check_page(client.get(STATUS), "pl")
    assert page.one("h1").get_text() == "Tłumaczenia treści"
    counts = page.one("table.counts-table")
    assert counts.caption.get_text(strip=True) == "Ile pozycji przetłumaczono"
    assert [" ".join(td.get_text().split()) for td in counts.select("tbody tr")[0].find_all(
        ["th", "td"])] == ["Angielski (en)", "1", "0", str(ITEMS - 1), "96%"]
    matrix = page.one("table.matrix")
    assert matrix.caption.get_text(strip=True) == (
        f"Stan tłumaczenia każdej pozycji (1–{ITEMS} z {ITEMS})")
    assert all(th.get("scope") == "col" for th in matrix.select("thead th"))
    assert all(th.get("scope") == "row" and th.get("lang") == "pl"
               for th in matrix.select("tbody th"))
    found = rows(page)
    assert len(found) == ITEMS
    assert ["Dzień Pracownika Socjalnego w naszym Ośrodku", "Artykuł", "✗ Brak", "✗ Brak"] in found
    # Status is said in words; the icon is decoration for sighted readers.
    icon = matrix.select_one(".status-icon")
    assert icon["aria-hidden"] == "true"
    # Every status leads into the editor, at that language.
    assert all(re.search(r"^/staff/\w+/\d+/translate/(en|uk)(#[\w-]+)?$", a["href"])
               for a in matrix.select("td a"))


def test_status_page_in_english(demo, client, signed_in):
    signed_in("editor", language="en")
    page = check_page(client.get(STATUS), "en")
    assert page.one("h1").get_text() == "Content translations"
    assert ["Dzień Pracownika Socjalnego w naszym Ośrodku", "Article", "✗ Missing",
            "✗ Missing"] in rows(page)
    assert "Up to date" in page.text


def test_outdated_shows_after_the_polish_text_changes(demo, client, signed_in):
    signed_in("translator")
    with demo.app_context():
        edit_polish(article(), summary="Nowe streszczenie.")
    page = check_page(client.get(f"{STATUS}?language=en&status=outdated"), "pl")
    assert rows(page) == [["MOPS z certyfikatem jakości „Przyjazny Urząd”", "Artykuł",
                           "! Nieaktualne"]]


def test_filters_by_language_kind_and_status(demo, client, signed_in):
    signed_in("translator")
    page = check_page(client.get(f"{STATUS}?language=en&status=missing"), "pl")
    assert rows(page) == [["Dzień Pracownika Socjalnego w naszym Ośrodku", "Artykuł", "✗ Brak"]]
    assert [th.get_text(" ", strip=True) for th in page.select("table.matrix thead th")] == [
        "Pozycja (tytuł polski)", "Rodzaj", "Angielski (en)"]
    assert page.one("#language").find("option", selected=True)["value"] == "en"

    photos = check_page(client.get(f"{STATUS}?kind=image"), "pl")
    assert {row[1] for row in rows(photos)} == {"Zdjęcie"} and len(rows(photos)) == 9
    assert "Zdjęcia" in photos.one("table.counts-table caption").get_text()
    assert "9" in [td.get_text(strip=True) for td in photos.select("table.counts-table td")]

    nothing = check_page(client.get(f"{STATUS}?kind=page&status=outdated"), "pl")
    assert "Żadna pozycja nie pasuje do tych filtrów." in nothing.text
    # Unknown values in a hand-written address show everything rather than fail.
    assert len(rows(check_page(client.get(f"{STATUS}?language=de&kind=x&status=y"), "pl"))) == ITEMS


def test_the_matrix_is_paginated_and_pages_keep_the_filters(demo, client, signed_in, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 10)
    signed_in("translator")
    first = check_page(client.get(f"{STATUS}?language=uk"), "pl")
    assert len(rows(first)) == 10
    link = first.one('a[rel="next"]')["href"]
    assert "language=uk" in link and "page=2" in link
    last = check_page(client.get(f"{STATUS}?language=uk&page=3"), "pl")
    assert len(rows(last)) == ITEMS - 20
    assert not last.select('a[rel="next"]') and last.select('a[rel="prev"]')


def test_cells_link_into_the_editor(demo, app, client, signed_in):
    signed_in("translator")
    page = check_page(client.get(STATUS), "pl")
    cert = certificate_id(app)
    links = [a["href"] for a in page.select("table.matrix td a")]
    assert f"/staff/articles/{cert}/translate/uk" in links
    # A photo has no editor of its own: it is translated on its article's page, at the photo.
    photos = [link for link in links if link.startswith(f"/staff/articles/{cert}/translate/en#")]
    assert len(photos) == 9 and all("#image-" in link for link in photos)
    assert client.get(f"/staff/articles/{cert}/translate/uk").status_code == 200


# --- Download ----------------------------------------------------------------------------------


def test_download_is_a_po_file_of_what_the_language_lacks(demo, client, signed_in):
    signed_in("translator")
    response = client.get(f"{EXPORT}?language=en&missing=y&outdated=y")
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r"attachment; filename=content-en-\d{4}-\d\d-\d\d\.po", disposition)
    assert response.mimetype == "text/x-gettext-translation"
    po = polib.pofile(response.get_data(as_text=True))
    assert po.metadata["Language"] == "en"
    assert {e.msgctxt.rsplit("/", 2)[1] for e in po} == {"title", "summary", "body"}
    assert f"http://localhost/pl/news/{POLISH_ONLY}" in po[0].tcomment
    everything = download(client, "language=uk&missing=y&outdated=y&up_to_date=y")
    assert len({e.msgctxt.split("/")[0] + e.msgctxt.split("/")[1] for e in everything}) == ITEMS


def test_download_form_says_what_is_wrong(demo, client, signed_in):
    signed_in("translator")
    page = check_page(client.get(f"{EXPORT}?language=en"), "pl")
    summary = page.one(".error-summary")
    assert "Wybierz co najmniej jeden rodzaj tłumaczeń do pobrania." in summary.get_text()
    assert summary.find("a")["href"] == "#missing"
    page = check_page(client.get(f"{EXPORT}?language=pl&missing=y"), "pl")
    summary = page.one(".error-summary")
    assert "Wybierz język, na który chcesz tłumaczyć." in summary.get_text()
    assert summary.find("a")["href"] == "#language"


# --- Upload ------------------------------------------------------------------------------------


def test_upload_round_trip_changes_the_public_page(untranslated_demo, client, signed_in):
    signed_in("translator")
    cert = certificate_id(untranslated_demo)
    po = download(client, "language=uk&missing=y")
    response = upload(client, translate_certificate(po, cert))
    page = check_page(response, "pl")
    report = page.one("section.report")
    assert report.h2.get_text(strip=True) == "Plik został zaimportowany"
    assert "Język pliku: Ukraiński." in report.get_text()
    assert "Zastosowano 1 tłumaczenie." in report.get_text()
    applied = page.one("#report-applied").find_next("ul").get_text(" ")
    assert "Artykuł" in applied and "(Tytuł, Streszczenie, Treść)" in " ".join(applied.split())
    assert f"Nieprzetłumaczone w pliku (puste lub oznaczone jako niepewne) ({ITEMS - 1})" in (
        page.one("#report-untranslated").get_text())

    translated = ukrainian_of(untranslated_demo, cert)
    assert translated.title == UKRAINIAN["title"]
    shown = client.get(f"/uk/news/{translated.slug}").get_data(as_text=True)
    assert UKRAINIAN["title"] in shown and 'role="note"' not in shown
    with untranslated_demo.app_context():
        [event] = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "content_import")).all()
        assert event.details["lang"] == "uk" and event.details["applied"] == 1
        assert event.user.role == "translator"


def test_dry_run_reports_and_changes_nothing(untranslated_demo, client, signed_in):
    signed_in("translator")
    cert = certificate_id(untranslated_demo)
    text = translate_certificate(download(client, "language=uk&missing=y"), cert)
    page = check_page(upload(client, text, dry_run=True), "pl")
    assert page.one("section.report h2").get_text(strip=True) == (
        "Sprawdzenie pliku: niczego nie zmieniono")
    assert "Import zastosowałby 1 tłumaczenie." in page.text
    assert "Zostałyby zastosowane (1)" in page.text
    assert ukrainian_of(untranslated_demo, cert) is None
    with untranslated_demo.app_context():
        assert not db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "content_import")).all()


def test_skipped_entries_are_reported_in_the_staff_language(untranslated_demo, client, signed_in):
    signed_in("translator", language="uk")
    cert = certificate_id(untranslated_demo)
    text = translate_certificate(download(client, "language=uk&missing=y"), cert)
    with untranslated_demo.app_context():
        edit_polish(article(), title="MOPS z certyfikatem „Przyjazny Urząd” 2022")
    page = check_page(upload(client, text), "uk")
    skipped = page.one("#report-skipped").find_next("ul").get_text(" ")
    assert ("польський текст змінився після експорту (експортована версія 1, поточна 2); "
            "експортуйте знову") in " ".join(skipped.split())
    assert ukrainian_of(untranslated_demo, cert) is None


def test_a_refused_file_shows_why_and_changes_nothing(demo, client, signed_in):
    signed_in("translator")
    cert = certificate_id(demo)
    po = download(client, "language=en&up_to_date=y")
    # A translator may not write Polish: a file for Polish is refused as a whole.
    po.metadata["Language"] = "pl"
    for e in po:
        e.msgstr = "Zmieniony polski tekst"
    page = check_page(upload(client, str(po)), "pl")
    refusal = page.one('[role="alert"]')
    assert "Plik nie został zaimportowany" in refusal.get_text()
    assert "polski jest językiem źródłowym: nie ma czego na niego tłumaczyć" in refusal.get_text()
    with demo.app_context():
        assert db.session.get(Article, cert).translations["pl"].title == (
            "MOPS z certyfikatem jakości „Przyjazny Urząd”")

    page = check_page(upload(client, 'msgid "a"\nmsgstr "b"\nnot po at all\n'), "pl")
    assert "plik nie jest poprawnym plikiem PO" in page.one('[role="alert"]').get_text()


def test_upload_form_errors(demo, client, signed_in):
    signed_in("translator")
    token = csrf_token(client, FILES)
    page = check_page(client.post(IMPORT, data={"csrf_token": token},
                                  content_type="multipart/form-data"), "pl")
    assert page.one('.error-summary a[href="#file"]').get_text() == "Wybierz plik PO do przesłania."
    page = check_page(upload(client, "x", filename="content.txt"), "pl")
    assert "Wybierz plik, którego nazwa kończy się na .po." in page.one(".error-summary").get_text()
    assert page.one("#file")["aria-invalid"] == "true"


def test_upload_without_csrf_token_is_refused(untranslated_demo, client, signed_in):
    signed_in("translator")
    cert = certificate_id(untranslated_demo)
    text = translate_certificate(download(client, "language=uk&missing=y"), cert)
    response = upload(client, text, token=False)
    assert response.status_code == 400
    assert ukrainian_of(untranslated_demo, cert) is None


def test_a_file_over_the_limit_is_refused(demo, client, signed_in, monkeypatch):
    monkeypatch.setattr(views, "MAX_PO_BYTES", 1000)
    signed_in("translator")
    page = check_page(upload(client, "#" * 1001), "pl")
    assert "Plik może mieć najwyżej 2 MB." in page.one(".error-summary").get_text()


# --- Progress by language ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_catalog_page(demo, client, signed_in, lang):
    signed_in("translator", language=lang)
    page = check_page(client.get(CATALOGS), lang)
    sections = page.select("section.language-progress")
    assert [s.h2["id"] for s in sections] == ["lang-pl", "lang-en", "lang-uk"]
    uk = sections[2]
    bars = uk.select(".bar")
    assert all(bar["aria-hidden"] == "true" for bar in bars)
    # The demo's Ukrainian: 14 of the 29 items (48%, the bar drawn in steps of 5).
    assert [bar.div["class"] for bar in bars] == [["bar-fill", "w-100"], ["bar-fill", "w-45"]]
    if lang == "pl":
        assert f"Treść: 48% – przetłumaczone i aktualne: {UK_ITEMS} z {ITEMS} pozycji." \
            in uk.get_text()
        assert f"{ITEMS - UK_ITEMS} pozycji do przetłumaczenia lub aktualizacji" in uk.get_text()
    else:
        assert f"Content: 48% – {UK_ITEMS} of {ITEMS} items translated and up to date." \
            in uk.get_text()
    assert sections[1].find("a", string="Dzień Pracownika Socjalnego w naszym Ośrodku")["href"] \
        .endswith(f"/pl/news/{POLISH_ONLY}")


def test_interface_coverage_lists_what_a_catalog_lacks(tmp_path):
    fixtures = catalogs.ROOT / "tests" / "i18n" / "catalogs"
    (tmp_path / "pl" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(fixtures / "messages.pot", tmp_path / "messages.pot")
    shutil.copy(fixtures / "untranslated-pl.po", catalogs.po_path("pl", tmp_path))
    template = catalogs.read_catalog(tmp_path / "messages.pot")
    total = len([m for m in template if m.id])
    found = catalogs.coverage("pl", tmp_path)
    assert found.total == total and found.missing and found.translated == total - len(
        found.missing)
    assert catalogs.coverage("en", tmp_path).share == 1.0
    nothing = catalogs.coverage("de", tmp_path)
    assert nothing.translated == 0 and len(nothing.missing) == total
