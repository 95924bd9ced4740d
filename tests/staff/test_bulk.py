"""Bulk actions from the dashboard and the trash, and deleting for good (RODO).

The list's form leads to a page naming the chosen items (nothing changes yet); its "yes" applies
the action through the write service: a revision, an audit event and a content-changed signal
per item. Roles are checked on the server; items the action does not apply to are named with
the reason and left as they are.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from portal.audit import AuditEvent
from portal.content import utcnow
from portal.editor.autosave import Autosave
from portal.editor.drafts import Draft
from portal.editor.review import Review
from portal.extensions import db
from portal.images import processing
from portal.kinds import kind_named
from portal.redirects.models import Redirect
from portal.revisions import Revision
from portal.service import Change, Via, content_changed

from .. import factories
from ..conftest import check_page, create_user, log_in
from ..content_helpers import photo


def item(app, kind: str, item_id: int):
    with app.app_context():
        return db.session.get(kind_named(kind).model, item_id)


def state(app, kind: str, item_id: int) -> tuple:
    found = item(app, kind, item_id)
    if found is None:
        return None
    return found.published_at is not None, found.deleted_at is not None


def confirm_page(client, action: str, *items: str, back: str = "/staff/?kind=article"):
    query = "&".join([f"action={action}", *[f"item={i}" for i in items], f"next={back}"])
    return check_page(client.get(f"/staff/bulk?{query}"), "en")


def say_yes(client, page):
    form = page.one("main form.form")
    data = [(tag["name"], tag.get("value", "")) for tag in form.select("input[name]")]
    return client.post(form["action"], data=MultiDict(data))


def test_the_dashboard_offers_check_boxes_and_actions_to_editors_only(app, client, staff):
    with app.app_context():
        factories.article("Festyn")
    staff("editor", language="en")
    page = check_page(client.get("/staff/"), "en")
    assert page.one("form#bulk")["method"] == "get"
    box = page.one("tbody input[type=checkbox]")
    assert box["form"] == "bulk" and box["name"] == "item" and box["value"].startswith("article:")
    assert page.one(f"label[for={box['id']}]").get_text() == "Choose “Festyn”"
    options = [o["value"] for o in page.select("#bulk-action option")]
    assert options == ["publish", "unpublish", "trash"]
    trash = check_page(client.get("/staff/?status=trash"), "en")
    assert not trash.select("form#bulk")  # an empty trash has nothing to choose

    translator = app.test_client()
    create_user(app, "translator", email="t@mops.example.pl", language="en")
    log_in(translator, "t@mops.example.pl")
    page = check_page(translator.get("/staff/"), "en")
    assert not page.select("form#bulk") and not page.select("tbody input[type=checkbox]")
    assert translator.get("/staff/bulk?action=publish&item=article:1").status_code == 403


def test_bulk_publish_asks_then_publishes_each_with_a_revision_and_an_event(app, client, staff):
    with app.app_context():
        drafts = [factories.make("article", {"pl": {"title": f"Szkic {n}"}}) for n in range(3)]
        published = factories.article("Już opublikowany")
    staff("editor", language="en")
    chosen = [f"article:{n}" for n in drafts] + [f"article:{published}"]
    page = confirm_page(client, "publish", *chosen)
    assert page.one("h1").get_text() == "Publish 3 items?"
    assert [li.get_text(" ", strip=True) for li in page.select("ul.bulk-items")[0].select("li")] \
        == [f"Szkic {n} · Article" for n in range(3)]
    refused = page.select("ul.refused li")
    assert [li.get_text(" ", strip=True) for li in refused] == [
        "Już opublikowany · Article : It is published already."]
    # Asking changed nothing.
    assert all(state(app, "article", n) == (False, False) for n in drafts)

    signals = []

    def heard(sender, **kwargs):
        signals.append((kwargs["kind"], kwargs["id"], kwargs["actions"]))

    with content_changed.connected_to(heard):
        response = say_yes(client, page)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/?kind=article"
    assert all(state(app, "article", n) == (True, False) for n in drafts)
    assert sorted(signals) == [("article", n, ("publish",)) for n in drafts]
    with app.app_context():
        for n in drafts:
            assert Revision.for_item("article", n)[0].action == "publish"
        events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "publish"))
        assert sorted(e.target_id for e in events) == drafts
    page = check_page(client.get("/staff/?kind=article"), "en")
    assert "3 items are published." in page.text


def test_bulk_trash_unpublish_and_restore(app, client, staff):
    with app.app_context():
        one, two = factories.article("Pierwszy"), factories.article("Drugi")
        draft = factories.make("article", {"pl": {"title": "Szkic"}})
    staff("editor", language="en")
    page = confirm_page(client, "unpublish", f"article:{one}", f"article:{draft}")
    assert "It is a draft: it is not published." in page.one("ul.refused").get_text()
    say_yes(client, page)
    assert state(app, "article", one) == (False, False)
    page = confirm_page(client, "trash", f"article:{one}", f"article:{two}")
    assert page.one("h1").get_text() == "Move 2 items to the trash?"
    say_yes(client, page)
    assert state(app, "article", one) == (False, True)
    assert state(app, "article", two) == (True, True)
    trash = check_page(client.get("/staff/?status=trash"), "en")
    assert [o["value"] for o in trash.select("#bulk-action option")] == ["restore"]
    page = confirm_page(client, "restore", f"article:{two}", f"article:{draft}",
                        back="/staff/?status=trash")
    assert "It is not in the trash." in page.one("ul.refused").get_text()
    say_yes(client, page)
    assert state(app, "article", two) == (True, False)
    with app.app_context():
        assert [r.action for r in Revision.for_item("article", two)][:2] == ["restore", "delete"]


def test_an_item_changed_meanwhile_is_refused_when_applied(app, client, staff):
    with app.app_context():
        draft = factories.make("article", {"pl": {"title": "Szkic"}})
    staff("editor", language="en")
    page = confirm_page(client, "publish", f"article:{draft}")
    with app.app_context():
        factories.update(item(app, "article", draft), deleted_at=utcnow())
    response = say_yes(client, page)
    assert response.status_code == 302
    page = check_page(client.get("/staff/?kind=article"), "en")
    assert "Not changed: “Szkic”. It is in the trash: restore it first." in page.text
    assert state(app, "article", draft) == (False, True)


def test_nothing_chosen_nonsense_and_a_missing_token_change_nothing(app, client, staff):
    with app.app_context():
        draft = factories.make("article", {"pl": {"title": "Szkic"}})
    staff("editor", language="en")
    response = client.get("/staff/bulk?action=publish&next=/staff/")
    assert response.status_code == 302
    assert "Choose at least one item" in check_page(client.get("/staff/"), "en").text
    response = client.get(f"/staff/bulk?action=drop&item=article:{draft}&next=//evil.example")
    assert response.headers["Location"] == "/staff/"  # and never to another site
    # Kinds without an editor of their own, and items that do not exist, are not chosen.
    page = confirm_page(client, "publish", "statement:1", "article:999", f"article:{draft}")
    assert page.one("h1").get_text() == "Publish 1 item?"
    assert "It no longer exists." in page.one("ul.refused").get_text()
    response = client.post("/staff/bulk", data={"action": "publish", "item": f"article:{draft}"})
    assert response.status_code in (302, 400)
    assert state(app, "article", draft) == (False, False)


def test_only_administrators_delete_for_good_and_only_from_the_trash(app, client, staff):
    with app.app_context():
        kept = factories.article("Opublikowany")
        trashed = factories.article("W koszu")
        factories.update(item(app, "article", trashed), deleted_at=utcnow())
    editor = app.test_client()
    create_user(app, "editor", email="e@mops.example.pl", language="en")
    log_in(editor, "e@mops.example.pl")
    assert editor.get(f"/staff/bulk?action=purge&item=article:{trashed}").status_code == 403
    assert not check_page(editor.get("/staff/?status=trash"), "en").select("a.danger-link")
    staff("admin", language="en")
    trash = check_page(client.get("/staff/?status=trash"), "en")
    assert [o["value"] for o in trash.select("#bulk-action option")] == ["restore", "purge"]
    link = trash.one("a.danger-link")
    assert link.get_text() == "Delete for good: W koszu"
    page = check_page(client.get(link["href"]), "en")
    assert page.one("h1").get_text() == "Delete 1 item for good?"
    assert "This cannot be undone." in page.text
    assert page.one("button.danger").get_text() == "Yes, delete for good"
    refused = confirm_page(client, "purge", f"article:{kept}")
    assert refused.one("h1").get_text() == \
        "The action does not apply to any of the chosen items"
    assert not refused.select("main button")
    say_yes(client, page)
    assert item(app, "article", trashed) is None
    assert item(app, "article", kept) is not None
    page = check_page(client.get("/staff/?status=trash"), "en")
    assert "1 item is deleted for good." in page.text


def _gallery(app, article_id: int, color: str, alt: str) -> dict:
    """A photo in the article's gallery, its files written under the media folder."""
    images = kind_named("image")
    articles = kind_named("article")
    processed = processing.process(photo(color=color), app.config["MEDIA_ROOT"])
    with Change(None, Via.COMMAND_LINE) as change:
        article = change.load(articles, article_id)
        image = change.add(images, images.model(key=processed.key, width=processed.width,
                                                height=processed.height, position=0,
                                                renditions=processed.renditions))
        article.images.append(image)
        change.write_texts(images, image, "pl", {"alt": alt, "caption": alt})
        change.record(articles, article, "save")
    return processed.renditions


def test_deleting_for_good_removes_texts_history_photos_and_addresses(app, client, staff):
    admin = staff("admin", language="en")
    media = Path(app.config["MEDIA_ROOT"])
    with app.app_context():
        doomed = factories.article("Jan Kowalski dziękuje", en={"title": "Jan Kowalski thanks"})
        linked = factories.make("award", {"pl": {"title": "Nagroda"}}, awarded_on=date(2024, 1, 1),
                                article_id=doomed)
        own = _gallery(app, doomed, "#1f2e3d", "Jan Kowalski na festynie")
        shared = _gallery(app, doomed, "#3d2e1f", "Zdjęcie dyplomu")
        # The second photo is also the award's certificate: it stays.
        award = item(app, "award", linked)
        shared_id = item(app, "article", doomed).images[1].id
        factories.update(award, certificate_image_id=shared_id)
        factories.write(item(app, "article", doomed), "pl", title="Jan K. dziękuje")
        db.session.add(Autosave(user_id=admin, content_type="article", item_id=doomed,
                                page="edit", data=[["pl-title", "Jan Kowalski"]]))
        db.session.add(Draft(content_type="article", item_id=doomed,
                             data=[["pl-title", "Jan Kowalski, wersja robocza"]]))
        db.session.add(Review(content_type="article", item_id=doomed, state="returned",
                              comment="Pan Kowalski prosi o zmianę."))
        db.session.add(Redirect(old_path="/pl/news/jan-kowalski-stary-adres", kind="article",
                                item_id=doomed, lang="pl"))
        db.session.add(AuditEvent(action="redirect_auto", details={
            "old_path": "/pl/news/jan-kowalski-stary-adres", "kind": "article", "item": doomed,
            "lang": "pl"}))
        db.session.commit()
        factories.update(item(app, "article", doomed), deleted_at=utcnow())
    assert all((media / name).exists() for name in own.values())

    page = confirm_page(client, "purge", f"article:{doomed}", back="/staff/?status=trash")
    signals = []
    with content_changed.connected_to(lambda sender, **kw: signals.append(kw["actions"])):
        assert say_yes(client, page).status_code == 302
    assert ("purge",) in signals

    with app.app_context():
        assert item(app, "article", doomed) is None
        translations = kind_named("article").translation_class
        assert not db.session.scalars(sa.select(translations)
                                      .where(translations.parent_id == doomed)).all()
        assert Revision.for_item("article", doomed) == []
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Autosave)) == 0
        assert db.session.scalars(sa.select(Draft)).all() == []
        assert db.session.scalars(sa.select(Review)).all() == []
        assert Redirect.from_path("/pl/news/jan-kowalski-stary-adres") is None
        # The photo no other item shows is gone with its files; the certificate stays.
        images = kind_named("image").model
        remaining = db.session.scalars(sa.select(images)).all()
        assert [image.id for image in remaining] == [shared_id]
        assert remaining[0].article_id is None
        award = db.session.get(kind_named("award").model, linked)
        assert award.article_id is None and award.certificate_image_id == shared_id
        assert Revision.for_item("award", linked)[0].data["fields"].get("article_id") is None
        # The audit log says it was deleted for good, and nothing of what it said.
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "purge"))
        assert (event.target_type, event.target_id, event.user_id) == ("articles", doomed, admin)
        assert "Kowalski" not in str(event.details)
        # Nor what the line about its old address said.
        everything = " ".join(str(e.details) for e in db.session.scalars(sa.select(AuditEvent)))
        assert "kowalski" not in everything.lower()
        assert db.session.scalar(sa.select(AuditEvent.details).where(
            AuditEvent.action == "redirect_auto")) == {"kind": "article", "item": doomed,
                                                       "lang": "pl"}
    assert not any((media / name).exists() for name in own.values())
    assert all((media / name).exists() for name in shared.values())
    log = check_page(client.get("/staff/audit?action=purge"), "en")
    assert "Deleted for good" in log.one("tbody tr").get_text()


def test_a_page_the_site_must_have_is_not_deleted_for_good(app, client, staff):
    with app.app_context():
        privacy = factories.make("page", {"pl": {"title": "Polityka prywatności"}},
                                 key="privacy")
        factories.update(item(app, "page", privacy), deleted_at=utcnow())
    staff("admin", language="en")
    page = confirm_page(client, "purge", f"page:{privacy}", back="/staff/?status=trash")
    assert "The website must have this page" in page.one("ul.refused").get_text()
    assert not page.select("main button")
    response = client.post("/staff/bulk", data=MultiDict([
        ("csrf_token", page.one("main input[name=csrf_token]")["value"]), ("action", "purge"),
        ("item", f"page:{privacy}"), ("next", "/staff/?status=trash")]))
    assert response.status_code == 302
    assert item(app, "page", privacy) is not None
