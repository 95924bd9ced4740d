"""Documents attached to articles and pages are found by readers and staff: by their title in
the reader's language (or in Polish) and by the text of a PDF, while their item is visible;
the index follows attaching, retitling, removing and the item's state, and a rebuild."""

from __future__ import annotations

import sqlalchemy as sa

from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named
from portal.news.models import Article
from portal.search import SearchEntry, find, index, staff_search
from portal.service import Change, Via

from .. import factories
from ..conftest import check_page
from ..documents.samples import attach_pdf, pdf
from .test_index import act

TEXT = "Regulamin przyznawania pomocy materialnej dla uczniow szkol podstawowych"


def documents(q: str, lang: str = "pl") -> list[int]:
    return [hit.item_id for hit in find(q, lang).hits if hit.kind == "document"]


def _article_with_document(published: bool = True) -> tuple[int, int]:
    item = factories.article("Stypendia szkolne", en={"title": "School grants", "summary": "",
                                                      "body": ""})
    if not published:
        act("article", item, lambda c, k, i: c.unpublish(k, i))
    document = attach_pdf("article", item, "regulamin.pdf",
                          {"pl": "Wniosek o zasiłek okresowy",
                           "en": "Application for a periodic benefit"}, pdf(TEXT))
    return item, document


def test_readers_find_a_document_by_its_title_and_its_text_with_type_size_and_item(
        app, search):
    with app.app_context():
        item, document = _article_with_document()
        slugs = {lang: text.slug for lang, text in db.session.get(Article, item)
                 .translations.items()}

    # By its Polish title, in any form; linked to the download, named with its article.
    page = search("pl", "zasiłku okresowego")
    [hit] = page.select(".search-result")
    assert hit.h2.a["href"] == f"/pl/documents/{document}"
    assert " ".join(hit.h2.get_text().split()) == "Wniosek o zasiłek okresowy"
    assert [m.get_text() for m in hit.h2.select("mark")] == ["zasiłek", "okresowy"]
    meta = hit.select_one(".meta")
    assert meta.select_one(".kind").get_text() == "Dokument"
    assert meta.select_one(".file-facts").get_text() == "PDF, 1 KB"
    owner = meta.select_one("a")
    assert owner["href"] == f"/pl/news/{slugs['pl']}" and owner.get_text() == "„Stypendia szkolne”"

    # By the text of the PDF, lemmatised: the snippet shows the words found.
    page = search("pl", "pomoc materialna")
    [hit] = page.select(".search-result")
    assert hit.h2.a["href"] == f"/pl/documents/{document}"
    assert "pomocy" in [m.get_text() for m in hit.select(".snippet mark")]

    # An English reader finds the English title, linked in English; a Ukrainian reader, with
    # no Ukrainian title, the Polish one, said to be in Polish.
    page = search("en", "periodic application")
    [hit] = page.select(".search-result")
    assert hit.h2.a["href"] == f"/en/documents/{document}"
    assert hit.h2.get_text(" ", strip=True).startswith("Application")
    assert hit.select_one(".meta a")["href"] == f"/en/news/{slugs['en']}"
    page = search("uk", "zasiłek okresowy")
    [hit] = page.select(".search-result")
    assert hit.h2["lang"] == "pl" and hit.select_one(".badge")
    assert hit.h2.a["href"] == f"/uk/documents/{document}"
    assert hit.select_one(".file-facts").get_text() == "PDF, 1 КБ"


def test_only_documents_of_visible_items_are_found_and_the_index_follows_them(app):
    with app.app_context():
        documents_kind = kind_named("document")
        item, document = _article_with_document(published=False)
        assert documents("zasiłek") == [] and documents("materialna") == []  # a draft's
        act("article", item, lambda c, k, i: c.publish(k, i))
        assert documents("zasiłek") == [document] and documents("materialna") == [document]

        # Retitled: found by the new title only (the text of its file stays).
        with Change(None, Via.COMMAND_LINE) as change:
            change.write_texts(documents_kind, change.load(documents_kind, document), "pl",
                               {"title": "Regulamin stypendiów"})
        assert documents("zasiłek") == [] and documents("stypendium") == [document]

        # The item leaves readers: its documents too; and comes back with them.
        act("article", item, lambda c, k, i: c.trash(k, i))
        assert documents("stypendium") == [] and documents("materialna") == []
        act("article", item, lambda c, k, i: c.restore(k, i))
        assert documents("stypendium") == [document]
        act("article", item, lambda c, k, i: c.unpublish(k, i))
        assert documents("stypendium") == []
        # Staff find it in every state, once, as a document.
        with app.test_request_context():
            hits = staff_search("stypendium", kinds=["document"]).hits
            assert [(h.kind, h.item_id) for h in hits] == [("document", document)]
        act("article", item, lambda c, k, i: c.publish(k, i))

        # Removed from its article: not found any more; attached to a page: found there.
        def remove(change, kind, row):
            attached = row.documents[0]
            change.delete(documents_kind, attached)
            row.documents.remove(attached)

        act("article", item, remove)
        assert documents("materialna") == []
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchEntry).where(
            SearchEntry.kind == "document")) == 0
        page = factories.make("page", {"pl": {"title": "Stypendia", "summary": "",
                                              "body": ""}}, published=utcnow())
        again = attach_pdf("page", page, "regulamin.pdf", {"pl": "Regulamin"}, pdf(TEXT))
        [hit] = [h for h in find("materialna", "pl").hits if h.kind == "document"]
        assert (hit.item_id, hit.owner_kind, hit.owner_id) == (again, "page", page)

        # Deleted for good with its page: its entries go too.
        act("page", page, lambda c, k, i: c.trash(k, i))
        act("page", page, lambda c, k, i: c.purge(k, i))
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchEntry).where(
            SearchEntry.kind == "document")) == 0


def test_a_rebuilt_index_has_the_documents(app, runner):
    with app.app_context():
        _item, document = _article_with_document()
        index.clear()
        db.session.commit()
        assert documents("materialna") == []
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert documents("materialna") == [document] and documents("zasiłek") == [document]


def test_the_staff_search_page_lists_a_document_with_its_item(app, client, staff):
    with app.app_context():
        item, _document = _article_with_document(published=False)
    staff("editor")
    page = check_page(client.get("/staff/search?q=zasiłek&kind=document"), "pl")
    [hit] = page.select(".search-result")
    assert hit.h2.a["href"] == f"/staff/articles/{item}#documents"
    meta = hit.select_one(".meta").get_text(" ", strip=True)
    assert "Dokument" in meta and "Stypendia szkolne" in meta and "PDF, 1 KB" in meta
    assert "Szkic" in hit.select_one(".status").get_text()
