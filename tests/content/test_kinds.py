"""The registry of kinds: a kind described once is edited, tracked and exported everywhere.

A test app registers a kind of its own, "notice", whose tables live in a metadata of their own
(no other app sees them), with a field the built-in kinds lack. With no other change, the field
is in the editor's form, the side-by-side page, the translation status and the PO export, and
the kind gets the editor's routes with the editor's roles.
"""

from __future__ import annotations

import polib
import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    attribute_keyed_dict,
    mapped_column,
    relationship,
)
from wtforms import StringField

from portal import content_po, kinds
from portal.content import Publishable, SluggedTranslation, SlugLookup, Translatable, utcnow
from portal.editor.forms import LanguageSection, rich_text
from portal.extensions import db
from portal.pages.forms import PageText
from portal.translation_status import matrix

from .. import factories
from ..conftest import check_page, make_app


class NoticeBase(DeclarativeBase):
    """Tables of the test's kind only (the portal's metadata never lists them)."""


class Notice(SlugLookup, Translatable, Publishable, NoticeBase):
    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    translations: Mapped[dict[str, NoticeTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"), cascade="all, delete-orphan",
        lazy="selectin")


class NoticeTranslation(SluggedTranslation, NoticeBase):
    __tablename__ = "notice_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    deadline: Mapped[str] = mapped_column(sa.String(300), default="")


Notice.translation_class = NoticeTranslation


class NoticeText(LanguageSection):
    required = {"title": _l("Enter the title of the article in Polish.")}
    body = rich_text(_l("Text"))
    # The extra field: nothing but this line names it.
    deadline = StringField("Deadline for applications")


NOTICE = kinds.Kind(
    name="notice", model=Notice, section=NoticeText, label="Notice", plural_label="Notices",
    url="notices", headings={"new": "New notice", "edit": "Edit notice", "one": "Notice",
                             "many": "Notices"},
    order=9)


@pytest.fixture
def notices(tmp_path, shared_media):
    app = make_app(tmp_path, media_root=shared_media)
    kinds.register(app, NOTICE)
    with app.app_context():
        NoticeBase.metadata.create_all(db.engine)
        notice = factories.make("notice", {"pl": {
            "title": "Nabór wniosków o dodatek węglowy", "body": "<p>Wnioski przyjmujemy.</p>",
            "deadline": "Do 30 listopada"}}, published=utcnow())
    yield app, notice
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_field_is_described_once_by_its_kinds_form(app):
    with app.app_context():
        page = kinds.kind_named("page")
        assert page.section is PageText
        assert page.field_names == ("title", "summary", "body", "video_text")
        assert page.html_fields == {"body", "video_text"}
        with force_locale("en"):
            assert page.field_label("video_text") == "Text version of the film"
        assert [kind.name for kind in kinds.translated()] == ["article", "award", "page", "image"]
        assert kinds.kind_named("statement").neutral_fields[0] == "site_url"


def test_a_registered_kind_with_an_extra_field_is_edited_tracked_and_exported(notices,
                                                                               staff_client):
    app, notice = notices
    client = staff_client(app, "editor")
    form = check_page(client.get(f"/staff/notices/{notice}"), "pl")
    assert form.one("#pl-deadline")["value"] == "Do 30 listopada"
    assert form.select("#en-deadline") and form.select("#uk-deadline")
    side = check_page(client.get(f"/staff/notices/{notice}/translate/en"), "pl")
    assert "Do 30 listopada" in side.one("#section-en").get_text()
    status = check_page(client.get("/staff/translations/?kind=notice"), "pl")
    assert "Nabór wniosków o dodatek węglowy" in status.one("main").get_text()
    with app.test_request_context():
        [row] = [row for row in matrix().rows if row.item.kind is NOTICE]
        assert row.states == {"en": "missing", "uk": "missing"}
        po = polib.pofile(str(content_po.export("en")))
        [entry] = [e for e in po if e.msgctxt == f"notice/{notice}/deadline/v1"]
        assert entry.msgid == "Do 30 listopada"


def test_a_registered_kind_takes_the_editors_roles_and_saves_through_the_service(
        notices, staff_client):
    app, notice = notices
    translator = staff_client(app, "translator", email="t@mops.example.pl")
    assert translator.get("/staff/notices/new").status_code == 403
    editor = staff_client(app, "editor")
    from ..content_helpers import save_live

    response = save_live(editor, f"/staff/notices/{notice}",
                         **{"en-title": "Applications for the coal allowance",
                            "en-deadline": "By 30 November"})
    assert response.status_code == 302
    with app.app_context():
        english = db.session.get(Notice, notice).translations["en"]
        assert (english.slug, english.deadline) == ("applications-for-the-coal-allowance",
                                                    "By 30 November")
