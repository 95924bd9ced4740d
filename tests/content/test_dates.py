"""The end of publication and the review date, written through the service like any change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named
from portal.revisions import Revision
from portal.service import Change, Via, content_changed

from .. import factories


def test_set_expiry_and_review_date_are_recorded_and_announced(app):
    seen = []

    def receive(sender, **kwargs):
        seen.append(kwargs)

    with app.app_context():
        kind = kind_named("article")
        article_id = factories.article("Kwoty świadczeń", published=utcnow() - timedelta(days=1),
                                       en={"title": "Benefit amounts"})
        content_changed.connect(receive, app)
        try:
            end = datetime(2031, 6, 30, 23, 59, tzinfo=ZoneInfo("Europe/Warsaw"))
            with Change(None, Via.COMMAND_LINE) as change:
                item = change.load(kind, article_id)
                assert change.set_expiry(kind, item, end)
                assert change.set_review_date(kind, item, date(2031, 1, 15))
                assert not change.set_review_date(kind, item, date(2031, 1, 15))
                change.record(kind, item, "save")
        finally:
            content_changed.disconnect(receive, app)
        db.session.expire_all()
        item = db.session.get(kind.model, article_id)
        assert item.expires_at == datetime(2031, 6, 30, 21, 59, tzinfo=UTC)
        assert item.review_due_on == date(2031, 1, 15)
        revision = Revision.for_item("article", article_id)[0]
        assert revision.data["expires_at"] == "2031-06-30T21:59:00+00:00"
        assert revision.data["review_due_on"] == "2031-01-15"
    assert len(seen) == 1
    assert seen[0]["languages"] == frozenset({"pl", "en"})  # readers lose it in every language


def test_a_revert_keeps_the_dates_as_they_are(app):
    with app.app_context():
        kind = kind_named("article")
        article_id = factories.article("Pierwszy tytuł")
        first = Revision.latest_number("article", article_id)
        item = db.session.get(kind.model, article_id)
        factories.update(item, review_due_on=date(2032, 3, 1),
                         expires_at=datetime(2032, 4, 1, tzinfo=UTC))
        factories.write(item, "pl", title="Drugi tytuł")
        with Change(None, Via.REVERT) as change:
            item = change.load(kind, article_id)
            change.revert(kind, item, Revision.get("article", article_id, first))
        db.session.expire_all()
        item = db.session.get(kind.model, article_id)
        assert item.translations["pl"].title == "Pierwszy tytuł"
        assert item.review_due_on == date(2032, 3, 1)
        assert item.expires_at == datetime(2032, 4, 1, tzinfo=UTC)
