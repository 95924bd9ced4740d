"""Translating side by side: the Polish text beside each field, and what changed in it since an
outdated translation was made; the translator's own page for one language."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.demo import CERTIFICATE_SLUG
from portal.editor.states import editor_url
from portal.extensions import db
from portal.news.models import Article
from portal.revisions import Revision
from portal.translation_status import Status, matrix

from ..conftest import check_page, create_user, csrf_token, log_in
from ..content_helpers import answer_yes, edit_form, form_values
from ..editor.test_editing import article, new_article

TRANSLATE = "/staff/articles/1/translate/en"


def english_article(client) -> None:
    new_article(
        client,
        **{
            "pl-title": "Zebranie rodziców w czwartek",
            "pl-body": "<p>Zapraszamy rodziców na zebranie w czwartek o 17:00.</p>",
            "en-title": "Parents' meeting on Thursday",
            "en-body": "<p>Parents are invited to a meeting on Thursday at 5 pm.</p>",
        },
    )


def change_polish(client, url: str = "/staff/articles/1", **fields) -> None:
    """Change the Polish text as readers see it: a published item's changes are published."""
    page = client.get(url).get_data(as_text=True)
    live = 'id="draft-state"' in page
    data = form_values(page)
    data.update(fields, action="publish" if live else "save")
    response = answer_yes(client, client.post(url, data=data))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def test_every_translation_field_has_its_polish_text_beside_it(app, client, staff):
    staff("editor")
    english_article(client)
    page = check_page(client.get("/staff/articles/1"), "pl")
    english = page.one("#section-en")
    sources = english.select(".pair-source")
    assert len(sources) == 3  # title, summary, body
    title = sources[0].select_one("[lang=pl]")
    assert title.get_text() == "Zebranie rodziców w czwartek"
    assert "Tekst polski: Tytuł" in sources[0].get_text()
    assert sources[2].select_one(".prose[lang=pl] p").get_text().startswith("Zapraszamy")
    # The input follows its Polish text: above it on a phone, beside it on a desktop.
    assert english.select(".pair")[0].select_one(".pair-input #en-title") is not None
    assert not page.select("#section-pl .pair")  # the source needs no source beside it
    assert "Tłumacz obok tekstu polskiego: Angielski" in page.one(".item-links").get_text()


def test_an_outdated_translation_shows_what_changed_in_polish(app, client, staff):
    staff("editor")
    english_article(client)
    change_polish(
        client,
        **{"pl-body": "<p>Zapraszamy wszystkich rodziców na zebranie w piątek o 17:00.</p>"},
    )
    page = check_page(client.get(TRANSLATE), "pl")
    assert page.one("h1").get_text() == "Tłumaczenie: Angielski"
    assert not page.select("#section-pl") and not page.select("#section-uk")
    assert "nieaktualne" in page.one("#section-en .translation-state").get_text()
    changes = page.select("#section-en .pair-changes")
    assert len(changes) == 1  # only the text changed; title and summary did not
    diff = changes[0].select_one(".diff")
    assert diff["lang"] == "pl"
    assert [d.get_text() for d in diff.select("del")] == ["usunięto: czwartek "]
    assert [i.get_text() for i in diff.select("ins")] == ["dodano: wszystkich ", "dodano: piątek "]
    assert "dodano:" in diff.select_one("ins .visually-hidden").get_text()
    # The current Polish text is shown whole beside the field.
    body = page.select("#section-en .pair-source .prose")[0].get_text()
    assert "wszystkich rodziców na zebranie w piątek o 17:00." in body
    # The whole editor shows the same changes in its English section.
    whole = check_page(client.get("/staff/articles/1"), "pl")
    assert len(whole.select("#section-en .pair-changes ins")) == 2


def test_saving_the_translation_makes_it_up_to_date_everywhere(app, client, staff):
    staff("editor")
    english_article(client)
    change_polish(client, **{"pl-title": "Zebranie rodziców w piątek"})
    dashboard = check_page(client.get("/staff/"), "pl")
    assert dashboard.one("tbody td a .tr-outdated")

    data = edit_form(client, TRANSLATE)
    # The language of the page, for the text kept while typing, and the form's own fields.
    assert set(data) == {"csrf_token", "revision", "draft", "autosave-lang", "en-title",
                         "en-slug", "en-summary", "en-body"}
    data.update({"en-title": "Parents' meeting on Friday", "action": "save"})
    response = client.post(TRANSLATE, data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == TRANSLATE
    with app.app_context():
        item = article(app)
        assert item.translations["en"].source_version == item.version == 2
        status = matrix()
        assert [r.states["en"] for r in status.rows] == [Status.UP_TO_DATE]
    page = check_page(client.get(TRANSLATE), "pl")
    assert not page.select(".pair-changes")
    assert "aktualne" == page.one("#section-en .tr-state").get_text()
    dashboard = check_page(client.get("/staff/"), "pl")
    cell = dashboard.one("tbody td a .tr-current").parent
    assert cell["href"] == TRANSLATE


def test_marking_up_to_date_without_changing_the_translation(app, client, staff):
    # An editor writes and changes the article; the translator confirms the translation.
    staff("translator")
    editor = app.test_client()
    create_user(app, "editor", email="ewa@mops.example.pl")
    log_in(editor, "ewa@mops.example.pl")
    english_article(editor)
    change_polish(editor, **{"pl-summary": "Krótko o zebraniu."})
    data = edit_form(client, TRANSLATE)
    data.update({"en-up_to_date": "y", "action": "save"})
    assert client.post(TRANSLATE, data=data).status_code == 302
    with app.app_context():
        assert not article(app).is_outdated("en")


def test_translator_opens_and_saves_only_their_language(app, client, staff):
    editor = app.test_client()
    create_user(app, "editor", email="ewa@mops.example.pl")
    log_in(editor, "ewa@mops.example.pl")
    english_article(editor)
    change_polish(editor, **{"pl-title": "Zebranie rodziców w piątek"})

    staff("translator")
    page = check_page(client.get(TRANSLATE), "pl")
    assert 'value="publish"' not in page.response.get_data(as_text=True)
    assert [d.get_text() for d in page.select("#section-en .pair-changes del")] == [
        "usunięto: czwartek "
    ]
    crafted = edit_form(client, TRANSLATE)
    crafted.update(
        {
            "en-title": "Parents' meeting on Friday",
            "pl-title": "Podmieniony",
            "uk-title": "Підмінений",
            "action": "save",
        }
    )
    assert client.post(TRANSLATE, data=crafted).status_code == 302
    for action in ("publish", "delete", "unpublish", "schedule", "restore"):
        assert client.post(TRANSLATE, data=dict(crafted, action=action)).status_code == 403
    with app.app_context():
        item = article(app)
        assert item.translations["en"].title == "Parents' meeting on Friday"
        assert item.translations["pl"].title == "Zebranie rodziców w piątek"
        assert "uk" not in item.translations
        assert not item.is_outdated("en") and item.published_at is None
        assert Revision.for_item("article", 1)[0].user.role == "translator"


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("anonymous", TRANSLATE, 302),
        ("translator", "/staff/articles/1/translate/pl", 404),
        ("translator", "/staff/articles/1/translate/de", 404),
        ("translator", "/staff/articles/99/translate/en", 404),
        ("translator", "/staff/awards/1/translate/uk", 200),
        ("translator", "/staff/pages/1/translate/en", 200),
        ("editor", TRANSLATE, 200),
    ],
)
def test_who_may_open_the_translation_page(demo, client, staff, role, path, status):
    if role != "anonymous":
        staff(role)
    response = client.get(path)
    assert response.status_code == status
    if status == 302:
        assert response.headers["Location"].startswith("/staff/login")
        token = csrf_token(client, "/staff/login")
        assert client.post(path, data={"csrf_token": token}).status_code == 302
    if role == "translator" and status == 200:
        check_page(response, "pl")


def test_content_from_before_revisions_has_no_earlier_polish_text_to_compare(demo, client,
                                                                            staff):
    """Content written before revisions were kept: outdated, but the changes are not known.

    Such rows exist only in a database older than revisions, so they are made here as it holds
    them: with plain SQL, past the write service.
    """
    staff("editor")
    with demo.app_context():
        item = Article.by_slug(CERTIFICATE_SLUG, "pl")
        item_id = item.id
        tr = Article.translation_class
        db.session.execute(sa.delete(Revision).where(Revision.content_type == "article",
                                                     Revision.item_id == item_id))
        db.session.execute(sa.update(tr).where(tr.parent_id == item_id, tr.locale == "pl")
                           .values(title="MOPS z certyfikatem „Przyjazny Urząd” 2022"))
        db.session.execute(sa.update(Article).where(Article.id == item_id)
                           .values(version=Article.version + 1))
        db.session.commit()
    url = f"/staff/articles/{item_id}/translate/en"
    page = check_page(client.get(url), "pl")
    state = page.one("#section-en .translation-state").get_text(" ", strip=True)
    assert "Wcześniejszy tekst polski nie jest znany" in state
    assert not page.select(".pair-changes")
    assert page.select("#section-en .pair-source")  # the current Polish text still is


def test_demo_content_changed_in_the_editor_keeps_its_earlier_text(demo, client, staff):
    """The first save of old content records it as it was: its version's text is known."""
    staff("editor")
    with demo.app_context():
        item_id = Article.by_slug(CERTIFICATE_SLUG, "pl").id
    change_polish(client, f"/staff/articles/{item_id}", **{"pl-title": "MOPS z certyfikatem 2022"})
    page = check_page(client.get(f"/staff/articles/{item_id}/translate/en"), "pl")
    [changes] = page.select("#section-en .pair-changes")
    assert "dodano: 2022" in changes.get_text()


def test_photo_texts_are_translated_beside_their_polish(demo, client, staff):
    staff("translator")
    with demo.app_context():
        item = Article.by_slug(CERTIFICATE_SLUG, "pl")
        image = item.images[0]
        url = f"/staff/articles/{item.id}/translate/en"
        polish_alt = image.translations["pl"].alt
        image_id = image.id
    page = check_page(client.get(url), "pl")
    photo = page.one(f"#image-{image_id}").find_parent("li")
    assert photo.select_one(".pair-source [lang=pl]").get_text() == polish_alt
    assert photo.select_one(".pair-input #images-0-en-alt") is not None
    assert not photo.select("[name$='-pl-alt']") and not photo.select("[name$='-uk-alt']")


def test_editor_url_leads_to_each_kind_of_item(demo):
    with demo.test_request_context():
        item = Article.by_slug(CERTIFICATE_SLUG, "pl")
        assert editor_url("article", item.id, "en") == f"/staff/articles/{item.id}/translate/en"
        assert editor_url("article", item.id, "pl") == f"/staff/articles/{item.id}"
        assert editor_url("page", 1, "uk") == "/staff/pages/1/translate/uk"
        assert editor_url("award", 1, "uk") == "/staff/awards/1/translate/uk"
        image = item.images[1]
        assert editor_url("image", image.id, "uk") == (
            f"/staff/articles/{item.id}/translate/uk#image-{image.id}"
        )
        assert editor_url("article", 999, "en") is None
        assert editor_url("image", 999, "en") is None
        assert editor_url("recipe", 1, "en") is None
