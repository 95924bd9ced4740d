"""The index follows every kind of change (through the content-changed signal), staff search
every state, and ``flask search reindex`` rebuilds it (on both engines)."""

from __future__ import annotations

import polib
import pytest
import sqlalchemy as sa

from portal import content_po
from portal.extensions import db
from portal.kinds import kind_named
from portal.news.models import Article
from portal.revisions import Revision
from portal.search import SearchEntry, find, index, staff_search
from portal.service import Change, Via
from portal.translation_status import Status

from .. import factories
from ..conftest import check_page
from ..content_helpers import confirm, edit_form, publish_changes
from .conftest import add_photo


def found(q: str, lang: str = "pl") -> list[int]:
    return [hit.item_id for hit in find(q, lang).hits]


def act(kind_name: str, item_id: int, do) -> None:
    kind = kind_named(kind_name)
    with Change(None, Via.COMMAND_LINE) as change:
        item = change.load(kind, item_id)
        do(change, kind, item)
        change.record(kind, item, "save")


def test_the_index_follows_publish_edit_unpublish_trash_restore_and_revert(app):
    with app.app_context():
        item = factories.make("article", {"pl": {"title": "Bal karnawałowy", "summary": "",
                                                 "body": "<p>Dla seniorów.</p>"}})
        assert found("bal") == []  # a draft
        act("article", item, lambda c, k, i: c.publish(k, i))
        assert found("bal") == [item] and found("seniorzy") == [item]
        factories.write(db.session.get(Article, item), "pl", title="Zabawa karnawałowa",
                        body="<p>Dla dzieci.</p>")
        assert found("bal") == [] and found("seniorzy") == []
        assert found("zabawy") == [item] and found("dziecko") == [item]
        act("article", item, lambda c, k, i: c.unpublish(k, i))
        assert found("zabawa") == []
        act("article", item, lambda c, k, i: c.publish(k, i))
        act("article", item, lambda c, k, i: c.trash(k, i))
        assert found("zabawa") == []
        act("article", item, lambda c, k, i: c.restore(k, i))
        assert found("zabawa") == [item]
        first = Revision.get("article", item, 1)
        act("article", item, lambda c, k, i: c.revert(k, i, first))
        assert found("bal") == [item] and found("zabawa") == []


def test_the_index_follows_an_edit_in_the_staff_editor(app, client, staff):
    staff("editor")
    with app.app_context():
        item = factories.article("Piknik sąsiedzki", body="<p>W sobotę.</p>")
    url = f"/staff/articles/{item}"
    data = edit_form(client, url)
    data.update({"pl-body": "<p>W niedzielę, przy ognisku.</p>", "action": "save"})
    assert client.post(url, data=data).status_code == 302
    with app.app_context():  # a published item's edit is a working draft: readers see no change
        assert found("ogniska") == [] and found("sobota") == [item]
    assert publish_changes(client, url).status_code == 302
    with app.app_context():
        assert found("ogniska") == [item] and found("sobota") == []
    data = edit_form(client, f"/staff/articles/{item}")
    data.update(action="delete")
    confirm(client, client.post(f"/staff/articles/{item}", data=data))
    with app.app_context():
        assert found("ognisko") == []


def test_the_index_follows_a_po_import(app):
    with app.test_request_context():
        item = factories.article("Zbiórka żywności", body="<p>Przynieś konserwy.</p>",
                                 summary="Pomóż.")
        po = polib.pofile(str(content_po.export("uk", {Status.MISSING})))
        values = {"title": "Збір продуктів", "summary": "Допоможіть.",
                  "body": "<p>Принесіть консерви.</p>"}
        for entry in po:
            if entry.msgctxt.startswith(f"article/{item}/"):
                entry.msgstr = values[entry.msgctxt.split("/")[2]]
        assert found("продукти", "uk") == []
        assert found("zbiórka", "uk") == [item]  # by its Polish text, until translated
        content_po.import_po(po.__unicode__())
        assert found("продуктів", "uk") == [item]
        assert found("zbiórka", "uk") == []  # the Ukrainian text is the one searched now


def test_photos_follow_their_article_and_leave_with_it(app):
    with app.app_context():
        item = factories.article("Dzień otwarty")
        image = add_photo(item, pl={"alt": "Uśmiechnięci wolontariusze", "caption": ""})
        assert [hit.kind for hit in find("wolontariusz", "pl").hits] == ["image"]
        act("article", item, lambda c, k, i: c.unpublish(k, i))
        assert found("wolontariusz") == []
        act("article", item, lambda c, k, i: c.publish(k, i))
        assert found("wolontariusz") == [image]
        image_kind = kind_named("image")
        with Change(None, Via.COMMAND_LINE) as change:
            change.delete(image_kind, db.session.get(image_kind.model, image))
        assert found("wolontariusz") == []


def test_staff_search_finds_drafts_filtered_by_kind_and_status(app):
    with app.test_request_context():
        draft = factories.make("article", {"pl": {"title": "Remont świetlicy", "summary": "",
                                                  "body": ""}})
        published = factories.article("Świetlica otwarta po remoncie")
        page = factories.make("page", {"pl": {"title": "Świetlica środowiskowa", "summary": "",
                                              "body": "<p>Remonty.</p>"}})
        both = staff_search("remont")
        assert {(h.kind, h.item_id) for h in both.hits} == {
            ("article", draft), ("article", published), ("page", page)}
        assert [h.item_id for h in staff_search("remont", statuses=["draft"],
                                                kinds=["article"]).hits] == [draft]
        assert [h.item_id for h in staff_search("remont", statuses=["published"]).hits] == [
            published]
        assert staff_search("remont", kinds=["award"]).total == 0
        act("article", draft, lambda c, k, i: c.trash(k, i))
        assert ("article", draft) not in [(h.kind, h.item_id) for h in staff_search("remont").hits]
        assert [h.item_id for h in staff_search("remont", statuses=["trash"]).hits] == [draft]


@pytest.mark.parametrize("role", ["translator", "editor", "admin"])
def test_the_staff_search_page_lists_drafts_with_their_state(app, client, staff, role):
    with app.app_context():
        draft = factories.make("article", {"pl": {"title": "Remont świetlicy", "summary": "",
                                                  "body": ""}})
    staff(role)
    page = check_page(client.get("/staff/search?q=remonty&status=draft"), "pl")
    [hit] = page.select(".search-result")
    assert hit.select_one("a")["href"] == f"/staff/articles/{draft}"
    assert "Szkic" in hit.select_one(".status").get_text()
    assert hit.select_one("mark").get_text() == "Remont"


def test_the_staff_search_page_is_for_staff_only(app, client):
    response = client.get("/staff/search?q=remont")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_reindex_rebuilds_the_index_with_a_progress_bar(demo, runner):
    with demo.app_context():
        expected = db.session.scalar(sa.select(sa.func.count()).select_from(SearchEntry))
        index.clear()
        db.session.commit()
        assert found("rodzina") == []
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexing" in result.output and f"{expected} row(s)" in result.output
    with demo.app_context():
        assert found("rodzina")
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchEntry)) == expected
