"""The one write path: every change through the service, recorded, announced, never lost.

- a content row written outside :mod:`portal.service` is refused (the guard every test runs
  under), and a change never starts on top of such a write;
- each path records a revision saying who and through what, and sends one ``content-changed``
  signal per item after the commit (none for a change rolled back);
- a form opened before a PO import, a revert, a statement edit or another editor's save is
  refused with what changed meanwhile, keeping what was typed (one test per pair; the editors'
  pair is in tests/editor/test_editing.py).
"""

from __future__ import annotations

import polib
import pytest
import sqlalchemy as sa

from portal import content_po
from portal.accessibility.models import AccessibilityStatement
from portal.demo import CERTIFICATE_SLUG
from portal.editor.drafts import Draft
from portal.extensions import db
from portal.kinds import kind_named
from portal.news.models import Article
from portal.revisions import Revision
from portal.service import Change, Via, content_changed

from .. import factories
from ..conftest import check_page, create_user, log_in
from ..content_helpers import edit_form, form_values, publish_changes


@pytest.fixture
def signals(app):
    """Every content-changed signal the app sends during the test, with what was committed."""
    seen = []

    def receive(sender, **kwargs):
        # Sent after the commit: a connection of its own already reads the new state.
        with db.engine.connect() as connection:
            committed = connection.execute(sa.select(sa.func.count()).select_from(Revision))
            seen.append({**kwargs, "revisions": committed.scalar()})

    content_changed.connect(receive, app)
    yield seen
    content_changed.disconnect(receive, app)


def certificate_id(app) -> int:
    with app.app_context():
        return Article.by_slug(CERTIFICATE_SLUG, "pl").id


# --- The guard ---------------------------------------------------------------------------------


def test_a_content_row_written_outside_the_service_is_refused(demo):
    with demo.app_context():
        item = Article.by_slug(CERTIFICATE_SLUG, "pl")
        item.translations["pl"].title = "Written past the service"
        with pytest.raises(RuntimeError, match="outside portal.service: ArticleTranslation"):
            db.session.commit()
        db.session.rollback()
        assert Article.by_slug(CERTIFICATE_SLUG, "pl").translations["pl"].title != (
            "Written past the service")


def test_a_change_does_not_start_on_top_of_a_write_made_outside_it(demo):
    with demo.app_context():
        Article.by_slug(CERTIFICATE_SLUG, "pl").deleted_at = None
        Article.by_slug(CERTIFICATE_SLUG, "pl").translations["en"].title = "Sneaked in"
        with pytest.raises(RuntimeError, match="outside portal.service before a change"):
            with Change(None, Via.COMMAND_LINE):
                pass
        db.session.rollback()


# --- Revisions and signals ---------------------------------------------------------------------


def test_a_save_through_the_form_is_recorded_and_announced_once(demo, client, staff, signals):
    editor = staff("editor", name="Ewa")
    item_id = certificate_id(demo)
    # The article is published: its changes reach readers when they are published.
    response = publish_changes(client, f"/staff/articles/{item_id}",
                               **{"en-title": "A new English title"})
    assert response.status_code == 302
    [signal] = signals
    assert (signal["kind"], signal["id"], signal["via"]) == ("article", item_id, Via.FORM)
    assert signal["languages"] == {"en"} and signal["actions"] == ("publish_changes",)
    with demo.app_context():
        [newest, *_] = Revision.for_item("article", item_id)
        assert (newest.action, newest.via, newest.user_id) == ("publish_changes", "form",
                                                               editor)
        assert signal["revisions"] == db.session.scalar(
            sa.select(sa.func.count()).select_from(Revision))


def test_a_form_with_errors_changes_nothing_and_announces_nothing(demo, client, staff, signals):
    staff("editor")
    item_id = certificate_id(demo)
    data = edit_form(client, f"/staff/articles/{item_id}")
    data.update({"pl-title": "", "action": "save"})
    check_page(client.post(f"/staff/articles/{item_id}", data=data), "pl")
    assert signals == []
    with demo.app_context():
        assert [r.action for r in Revision.for_item("article", item_id)] == ["create"]


def test_a_po_import_is_recorded_per_item_and_announced(demo, signals):
    item_id = certificate_id(demo)
    with demo.test_request_context():
        po = polib.pofile(str(content_po.export("uk")))
        for entry in po:
            if entry.msgctxt.startswith(f"article/{item_id}/"):
                entry.msgstr = "Текст"
        content_po.import_po(str(po))
        [revision, *_] = Revision.for_item("article", item_id)
        assert (revision.action, revision.via, revision.user) == ("import", "po-import", None)
    assert [(s["kind"], s["id"], s["languages"]) for s in signals] == [
        ("article", item_id, {"uk"})]


def test_a_dry_run_import_announces_nothing(demo, signals):
    item_id = certificate_id(demo)
    with demo.test_request_context():
        po = polib.pofile(str(content_po.export("uk")))
        for entry in po:
            if entry.msgctxt.startswith(f"article/{item_id}/"):
                entry.msgstr = "Текст"
        assert content_po.import_po(str(po), dry_run=True).applied
    assert signals == []


def test_the_demo_is_written_through_the_service(demo):
    with demo.app_context():
        vias = set(db.session.scalars(sa.select(Revision.via)))
        assert vias == {"demo"}
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Revision)) == 21


# --- No silent overwrite, path by path --------------------------------------------------------


def _refused(client, url: str, data: dict, typed: dict[str, str]):
    """Post a form that was overtaken: the conflict message, what changed, the typed text."""
    page = check_page(client.post(url, data=data), "pl")
    assert "Ktoś inny zapisał tę pozycję" in page.one(".error-summary").get_text()
    assert page.select(".conflict")
    for field_id, value in typed.items():
        shown = page.one(f"#{field_id}")
        assert (shown.get("value") or shown.get_text()).strip() == value
    return page


def test_a_form_opened_before_a_po_import_is_refused_and_keeps_the_import(demo, client, staff):
    staff("editor")
    item_id = certificate_id(demo)
    url = f"/staff/articles/{item_id}"
    opened = edit_form(client, url)
    with demo.test_request_context():
        po = polib.pofile(str(content_po.export("en", None)))
        for entry in po:
            if entry.msgctxt.startswith(f"article/{item_id}/title/"):
                entry.msgstr = "The title from the translator"
                entry.flags = []
        assert content_po.import_po(str(po)).applied
    opened.update({"pl-summary": "Nowe streszczenie.", "action": "save"})
    page = _refused(client, url, opened, {"pl-summary": "Nowe streszczenie."})
    conflict = page.one(".conflict").get_text(" ")
    assert "Tytuł (Angielski)" in conflict and "translator" in conflict
    with demo.app_context():
        item = db.session.get(Article, item_id)
        assert item.translations["en"].title == "The title from the translator"


def test_a_photo_text_imported_meanwhile_is_a_conflict_on_its_article(demo, client, staff):
    staff("editor")
    item_id = certificate_id(demo)
    url = f"/staff/articles/{item_id}"
    opened = edit_form(client, url)
    with demo.test_request_context():
        po = polib.pofile(str(content_po.export("uk")))
        photo = next(e for e in po if e.msgctxt.startswith("image/"))
        image_id = int(photo.msgctxt.split("/")[1])
        for entry in po:
            if entry.msgctxt.startswith(f"image/{image_id}/"):
                entry.msgstr = "Опис фото"
        assert content_po.import_po(str(po)).applied
    opened["action"] = "save"
    _refused(client, url, opened, {})


def test_a_form_opened_before_a_revert_is_refused(demo, client, staff):
    staff("editor")
    item_id = certificate_id(demo)
    url = f"/staff/articles/{item_id}"
    assert publish_changes(client, url, **{"pl-summary": "Drugie streszczenie."}
                           ).status_code == 302
    opened = edit_form(client, url)
    token = opened["csrf_token"]
    # The article is published: the revision goes into its draft, which the form did not hold.
    assert client.post(f"{url}/history/1/revert", data={"csrf_token": token}).status_code == 302
    opened.update({"pl-title": "Mój tytuł", "action": "save"})
    page = check_page(client.post(url, data=opened), "pl")
    assert "zapisała wersję roboczą tej pozycji" in page.one(".error-summary").get_text()
    assert page.one("#pl-title")["value"] == "Mój tytuł"
    with demo.app_context():
        [newest, *_] = Revision.for_item("article", item_id)
        assert newest.action == "publish_changes"  # nothing reached readers
        draft = Draft.find(kind_named("article"), item_id)
        assert draft.formdata()["pl-summary"] != "Drugie streszczenie."


def test_a_statement_form_opened_before_another_save_is_refused(demo, client, staff):
    staff("admin", name="Ewa")
    create_user(demo, "admin", email="jan@mops.example.pl", name="Jan")
    other = demo.test_client()
    log_in(other, "jan@mops.example.pl")
    mine = edit_form(client, "/staff/accessibility")
    theirs = edit_form(other, "/staff/accessibility")
    theirs.update({"contact_person": "Jan Nowak"})
    assert other.post("/staff/accessibility", data=theirs).status_code == 302
    mine.update({"contact_phone": "14 000 00 99"})
    page = _refused(client, "/staff/accessibility", mine, {"contact_phone": "14 000 00 99"})
    assert "Jan" in page.one(".conflict h2").get_text()
    assert "Jan Nowak" in page.one(".conflict").get_text()
    with demo.app_context():
        statement = AccessibilityStatement.current()
        assert (statement.contact_person, statement.contact_phone) == ("Jan Nowak",
                                                                       "14 000 00 05")
    again = form_values(page.response.get_data(as_text=True))
    assert client.post("/staff/accessibility", data=again).status_code == 302
    with demo.app_context():
        statement = AccessibilityStatement.current()
        assert statement.contact_phone == "14 000 00 99"
        [newest, *_] = Revision.for_item("statement", statement.id)
        assert (newest.action, newest.via) == ("save", "form")


def test_a_po_entry_edited_in_the_browser_after_the_export_is_not_applied(demo, client, staff):
    staff("translator")
    item_id = certificate_id(demo)
    with demo.test_request_context():
        po = polib.pofile(str(content_po.export("en", None)))
    url = f"/staff/articles/{item_id}/translate/en"
    data = edit_form(client, url)
    data.update({"en-title": "Edited in the browser", "action": "save"})
    assert client.post(url, data=data).status_code == 302
    for entry in po:
        if entry.msgctxt.startswith(f"article/{item_id}/title/"):
            entry.msgstr = "From the old export"
    with demo.test_request_context():
        report = content_po.import_po(str(po))
        assert any("edited after the export" in skipped.reason for skipped in report.skipped)
        assert db.session.get(Article, item_id).translations["en"].title == (
            "Edited in the browser")


def test_factories_write_through_the_service_too(app):
    with app.app_context():
        item_id = factories.article("Festyn", en={"title": "Fair", "body": "<p>Come.</p>"})
        [revision] = Revision.for_item("article", item_id)
        assert revision.via == "command-line"
        assert db.session.get(Article, item_id).translations["en"].slug == "fair"


def test_a_slug_given_to_the_service_is_made_an_address_part(app):
    """Whatever path gives a slug (the editor cleans its own), no markup or "/" is kept."""
    with app.app_context():
        item_id = factories.make("article", {
            "pl": {"title": "Festyn", "slug": '"><img src=x onerror=alert(1)>/Zażółć'},
            "en": {"title": "Fair", "slug": "<script>"}})
        texts = db.session.get(Article, item_id).translations
        assert texts["pl"].slug == "img-src-x-onerror-alert-1-zazolc"
        assert texts["en"].slug == "script"


def test_the_history_says_through_what_each_change_came(demo, client, staff):
    staff("editor")
    item_id = certificate_id(demo)
    response = publish_changes(client, f"/staff/articles/{item_id}",
                               **{"pl-summary": "Krótsze streszczenie."})
    assert response.status_code == 302
    history = check_page(client.get(f"/staff/articles/{item_id}/history"), "pl")
    newest, created = [meta.get_text(" ", strip=True) for meta in history.select(".revision .meta")]
    assert "w edytorze" in newest and "wraz z treścią demonstracyjną" in created
