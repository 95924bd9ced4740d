"""Drafts of live items: "Save" keeps the editor's form as a working draft, readers keep the
published version until "Publish changes"; the draft is previewed, compared and discarded, a
revision restored goes into it; each public or destructive step asks first."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.editor.drafts import Draft
from portal.extensions import db
from portal.kinds import kind_named
from portal.news.models import Article
from portal.revisions import Revision
from portal.service import content_changed

from .. import factories
from ..conftest import check_page, csrf_token
from ..content_helpers import asks, confirm, edit_form, form_values

SLUG = "festyn-rodzinny-w-parku"
URL = "/staff/articles/{}"


@pytest.fixture
def festival(app):
    """A published article in Polish and English."""
    with app.app_context():
        return factories.article(
            "Festyn rodzinny w parku", "<p>Zapraszamy całe rodziny.</p>",
            en={"title": "Family fair in the park", "body": "<p>All families are welcome.</p>"})


@pytest.fixture
def signals(app):
    seen = []

    def receive(sender, **kwargs):
        seen.append(kwargs)

    content_changed.connect(receive, app)
    yield seen
    content_changed.disconnect(receive, app)


def save(client, url: str, action: str = "save", **fields):
    data = edit_form(client, url)
    data.update(fields, action=action)
    return client.post(url, data=data)


def public_text(client, lang: str = "pl", slug: str = SLUG) -> str:
    response = client.get(f"/{lang}/news/{slug}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.action != "login").order_by(AuditEvent.id)))


def test_saving_a_published_item_keeps_a_draft_readers_do_not_see(app, client, staff, festival,
                                                                   signals):
    staff("editor", name="Ewa")
    url = URL.format(festival)
    response = save(client, url, **{"pl-body": "<p>Zapraszamy w sobotę o 10:00.</p>"})
    assert response.status_code == 302 and response.headers["Location"] == url
    # Readers, the signal and the history see nothing of it.
    assert "Zapraszamy całe rodziny." in public_text(client)
    assert "w sobotę" not in public_text(client)
    assert signals == []
    with app.app_context():
        assert [r.action for r in Revision.for_item("article", festival)] == ["create"]
        draft = Draft.find(kind_named("article"), festival)
        assert draft.number == 1 and draft.user.name == "Ewa"
    assert audit_actions(app) == ["create", "draft_save"]
    # The editor opens the draft, says so and offers its preview, comparison and discarding.
    page = check_page(client.get(url), "pl")
    assert "w sobotę" in page.one("#pl-body").get_text()
    state = page.one("#draft-state").get_text(" ", strip=True)
    assert "Edytujesz wersję roboczą." in state and "Ewa" in state
    links = [a["href"] for a in page.select("#draft-state a")]
    assert f"{url}/draft/preview/pl" in links and f"{url}/draft/compare" in links
    assert f"{url}/draft/discard" in links
    assert page.one("button[value=save]").get_text() == "Zapisz wersję roboczą"
    # The staff preview shows the draft; the plain preview what readers see.
    draft_preview = check_page(client.get(f"{url}/draft/preview/pl"), "pl")
    assert "w sobotę" in draft_preview.one("main").get_text()
    assert "wersja robocza" in draft_preview.one(".preview-banner").get_text()
    live_preview = check_page(client.get(f"{url}/preview/pl"), "pl")
    assert "w sobotę" not in live_preview.one("main").get_text()
    # The dashboard marks the item.
    dashboard = check_page(client.get("/staff/"), "pl")
    assert "zmiany w wersji roboczej" in dashboard.one("tbody").get_text()


def test_the_draft_is_compared_with_the_published_version(app, client, staff, festival):
    staff("editor")
    url = URL.format(festival)
    nothing = check_page(client.get(f"{url}/draft/compare"), "pl")
    assert "nie ma wersji roboczej" in nothing.one("main").get_text()
    save(client, url, **{"pl-title": "Festyn rodzinny w parku miejskim"})
    page = check_page(client.get(f"{url}/draft/compare"), "pl")
    changes = page.one("main").get_text(" ", strip=True)
    assert "dodano: miejskim" in changes
    # Only what changed: the English text is the same in both.
    assert "Family fair" not in changes


def test_publishing_the_changes_asks_then_readers_see_them(app, client, staff, festival,
                                                           signals):
    staff("editor")
    url = URL.format(festival)
    with app.app_context():
        since = db.session.get(Article, festival).published_at
    save(client, url, **{"pl-body": "<p>Zapraszamy w sobotę.</p>"})
    response = save(client, url, action="publish")
    assert asks(response)
    ask = check_page(response, "pl")
    assert ask.one("h1").get_text(strip=True) == "Opublikować zmiany w „Festyn rodzinny w parku”?"
    assert "dodano: w sobotę" in ask.one("main").get_text(" ", strip=True)
    assert ask.one(".confirm-form button").get_text() == "Tak, opublikuj zmiany"
    # Asking changed nothing; "yes" publishes.
    assert "w sobotę" not in public_text(client) and signals == []
    assert confirm(client, response).status_code == 302
    flash = check_page(client.get(url), "pl").one(".flash").get_text(" ", strip=True)
    assert flash == "Artykuł „Festyn rodzinny w parku” jest opublikowany ze zmianami."
    assert "Zapraszamy w sobotę." in public_text(client)
    [signal] = signals
    assert signal["actions"] == ("publish_changes",) and signal["languages"] == {"pl"}
    with app.app_context():
        assert Draft.find(kind_named("article"), festival) is None
        [newest, *_] = Revision.for_item("article", festival)
        assert newest.action == "publish_changes"
        # Still published since when it was: its changes are what is new.
        assert db.session.get(Article, festival).published_at == since


def test_discarding_the_draft_asks_and_leaves_readers_page_as_it_was(app, client, staff,
                                                                     festival):
    staff("editor")
    url = URL.format(festival)
    save(client, url, **{"pl-body": "<p>Inny tekst.</p>"})
    ask = check_page(client.get(f"{url}/draft/discard"), "pl")
    assert "Odrzucić wersję roboczą" in ask.one("h1").get_text()
    values = form_values(client.get(f"{url}/draft/discard").get_data(as_text=True), None)
    assert client.post(f"{url}/draft/discard", data=values).status_code == 302
    with app.app_context():
        assert Draft.find(kind_named("article"), festival) is None
    page = check_page(client.get(url), "pl")
    assert "Zapraszamy całe rodziny." in page.one("#pl-body").get_text()
    assert "Zapraszamy całe rodziny." in public_text(client)
    assert audit_actions(app)[-2:] == ["draft_save", "draft_discard"]
    history = check_page(client.get(f"{url}/history"), "pl")
    steps = history.one(".draft-steps").get_text(" ", strip=True)
    assert "zapisano wersję roboczą" in steps and "odrzucono wersję roboczą" in steps
    # Without a draft there is nothing to confirm, and a stray POST changes nothing.
    again = check_page(client.get(f"{url}/draft/discard"), "pl")
    assert not again.select(".confirm-form")
    token = csrf_token(client, url)
    assert client.post(f"{url}/draft/discard", data={"csrf_token": token}).status_code == 302
    assert audit_actions(app)[-1] == "draft_discard" and audit_actions(app).count(
        "draft_discard") == 1


def test_restoring_a_revision_of_a_live_item_puts_it_into_the_draft(app, client, staff,
                                                                     festival):
    staff("editor")
    url = URL.format(festival)
    data = edit_form(client, url)
    data.update({"pl-body": "<p>Drugi tekst.</p>", "action": "publish", "confirmed": "publish"})
    assert client.post(url, data=data).status_code == 302
    assert "Drugi tekst." in public_text(client)
    ask = check_page(client.get(f"{url}/history/1/revert"), "pl")
    assert "trafią do wersji roboczej" in ask.one(".notice").get_text()
    token = csrf_token(client, f"{url}/history")
    assert client.post(f"{url}/history/1/revert", data={"csrf_token": token}).status_code == 302
    # Readers still see the second text; the draft holds the first.
    assert "Drugi tekst." in public_text(client)
    page = check_page(client.get(url), "pl")
    assert "Zapraszamy całe rodziny." in page.one("#pl-body").get_text()
    with app.app_context():
        assert [r.action for r in Revision.for_item("article", festival)] == [
            "publish_changes", "create"]
    history = check_page(client.get(f"{url}/history"), "pl")
    assert "przywrócono z wersji 1" in history.one(".draft-steps").get_text(" ", strip=True)


def test_an_item_never_published_is_edited_directly(app, client, staff):
    staff("editor")
    with app.app_context():
        item_id = factories.make("article", {"pl": {"title": "Szkic", "body": "<p>A.</p>"}})
    url = URL.format(item_id)
    page = check_page(client.get(url), "pl")
    assert not page.select("#draft-state")
    assert save(client, url, **{"pl-body": "<p>B.</p>"}).status_code == 302
    with app.app_context():
        assert Draft.find(kind_named("article"), item_id) is None
        assert db.session.get(Article, item_id).translations["pl"].body == "<p>B.</p>"
        assert Revision.for_item("article", item_id)[0].action == "save"


def test_a_translation_saved_meanwhile_is_kept_when_the_draft_is_published(app, client, staff,
                                                                           staff_client,
                                                                           festival):
    """Translations of a live item go live (the translator's page); the draft started before
    takes them in field by field when it is published, as any conflict."""
    staff("editor")
    url = URL.format(festival)
    save(client, url, **{"pl-body": "<p>Zapraszamy w sobotę.</p>"})
    translator = staff_client(app, "translator", email="t@mops.example.pl")
    side = edit_form(translator, f"{url}/translate/en")
    side.update({"en-title": "Family fair on Saturday", "action": "save"})
    assert translator.post(f"{url}/translate/en", data=side).status_code == 302
    assert "Family fair on Saturday" in public_text(client, "en", "family-fair-in-the-park")
    # Publishing the draft first shows what the translator changed, merged into the form …
    response = save(client, url, action="publish")
    page = check_page(response, "pl")
    assert page.select(".conflict")
    assert page.one("#en-title")["value"] == "Family fair on Saturday"
    # … and the next "publish" asks, then publishes both.
    data = form_values(response.get_data(as_text=True))
    data["action"] = "publish"
    response = client.post(url, data=data)
    assert asks(response) and confirm(client, response).status_code == 302
    assert "Zapraszamy w sobotę." in public_text(client)
    assert "Family fair on Saturday" in public_text(client, "en", "family-fair-in-the-park")


def test_a_second_person_saving_the_same_draft_is_told(app, client, staff, staff_client,
                                                       festival):
    staff("editor", name="Ewa")
    url = URL.format(festival)
    save(client, url, **{"pl-body": "<p>Wersja Ewy.</p>"})
    other = staff_client(app, "editor", email="jan@mops.example.pl", name="Jan")
    opened_by_jan = edit_form(other, url)
    save(client, url, **{"pl-body": "<p>Druga wersja Ewy.</p>"})
    opened_by_jan.update({"pl-body": "<p>Wersja Jana.</p>", "action": "save"})
    page = check_page(other.post(url, data=opened_by_jan), "pl")
    assert "Inna osoba (Ewa) zapisała wersję roboczą" in page.one(".error-summary").get_text()
    assert "Wersja Jana." in page.one("#pl-body").get_text()
    with app.app_context():
        draft = Draft.find(kind_named("article"), festival)
        assert draft.formdata()["pl-body"] == "<p>Druga wersja Ewy.</p>"
    # Having seen it, saving again keeps Jan's text.
    again = form_values(page.response.get_data(as_text=True))
    again["action"] = "save"
    assert other.post(url, data=again).status_code == 302
    with app.app_context():
        assert Draft.find(kind_named("article"), festival).formdata()["pl-body"] == (
            "<p>Wersja Jana.</p>")


def test_unpublishing_takes_the_draft_with_it(app, client, staff, festival):
    staff("editor")
    url = URL.format(festival)
    save(client, url, **{"pl-body": "<p>Tekst z wersji roboczej.</p>"})
    response = save(client, url, action="unpublish")
    assert asks(response) and confirm(client, response).status_code == 302
    with app.app_context():
        assert Draft.find(kind_named("article"), festival) is None
        item = db.session.get(Article, festival)
        assert item.published_at is None
        assert item.translations["pl"].body == "<p>Tekst z wersji roboczej.</p>"
    assert client.get(f"/pl/news/{SLUG}").status_code == 404


def test_translators_do_not_get_the_draft(app, client, staff, staff_client, festival):
    staff("editor")
    url = URL.format(festival)
    save(client, url, **{"pl-body": "<p>Tekst z wersji roboczej.</p>"})
    translator = staff_client(app, "translator", email="t@mops.example.pl")
    assert translator.get(f"{url}/draft/preview/pl").status_code == 403
    assert translator.get(f"{url}/draft/discard").status_code == 403
    page = check_page(translator.get(url), "pl")
    assert not page.select("#draft-state")


def test_a_live_item_moved_to_the_trash_keeps_its_public_text_and_its_draft(app, client, staff,
                                                                           festival):
    """Restored from the trash, readers get back what they saw, never the unpublished draft."""
    staff("editor")
    url = URL.format(festival)
    save(client, url, **{"pl-body": "<p>Tekst z wersji roboczej.</p>"})
    response = save(client, url, action="delete", **{"pl-title": "Tytuł dopisany przy koszu"})
    assert asks(response) and confirm(client, response).status_code == 302
    token = csrf_token(client, "/staff/?status=trash")
    assert client.post(f"{url}/restore", data={"csrf_token": token}).status_code == 302
    assert "Zapraszamy całe rodziny." in public_text(client)
    assert "Tytuł dopisany" not in public_text(client)
    page = check_page(client.get(url), "pl")
    assert page.one("#pl-title")["value"] == "Tytuł dopisany przy koszu"
    assert "Tekst z wersji roboczej." in page.one("#pl-body").get_text()
