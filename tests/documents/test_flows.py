"""Documents in the editor, readers' downloads and the media library, as staff and readers use
them."""

from __future__ import annotations

import io
from pathlib import Path

from portal.audit import AuditEvent
from portal.documents.models import Document, MediaFile
from portal.extensions import db
from portal.news.models import Article
from portal.revisions import Revision
from portal.service import content_changed

from ..conftest import check_page, csrf_token
from ..content_helpers import edit_form, form_values
from .samples import pdf


def start(client, url="/staff/articles/new", title="Zasiłek celowy") -> dict:
    data = {"csrf_token": csrf_token(client, url), "revision": "0", "pl-title": title,
            "pl-body": "<p>Jak złożyć wniosek.</p>", "action": "save"}
    assert client.post(url, data=data).status_code == 302
    return data


def attach(client, url: str, content: bytes, name: str, **extra):
    data = dict(edit_form(client, url), upload="documents", **extra)
    data["document_files"] = [(io.BytesIO(content), name)]
    return client.post(url, data=data, content_type="multipart/form-data")


def saved_with_document(client, url="/staff/articles/1", content=None, **fields):
    response = attach(client, url, content or pdf(), "wniosek_2024.exe")
    page = check_page(response, "pl")
    data = form_values(page.response.get_data(as_text=True))
    assert data["documents-0-pl-title"] == "wniosek 2024"  # from the name, to be corrected
    data.update({"documents-0-pl-title": "Wniosek o zasiłek celowy",
                 "documents-0-en-title": "Application for a special benefit",
                 "action": "save", **fields})
    return client.post(url, data=data)


def test_a_document_is_saved_with_its_item_and_downloaded_by_readers(app, client, staff):
    staff("editor")
    start(client)
    signals = []

    def listen(sender, **kw):
        signals.append(kw)

    content_changed.connect(listen, app)
    assert saved_with_document(client).status_code == 302

    with app.app_context():
        document = db.session.scalar(db.select(Document))
        assert document.translations["en"].title == "Application for a special benefit"
        media = document.file
        # Stored under the server's name, never the sender's; the sender's is only shown.
        assert media.path.endswith(f"{media.key}.pdf") and media.name == "wniosek_2024.exe"
        revision = Revision.get("article", 1, Revision.latest_number("article", 1))
        assert revision.data["documents"][0]["titles"]["pl"] == "Wniosek o zasiłek celowy"
        assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "save"))
    assert any(kw["kind"] == "article" and kw["id"] == 1 for kw in signals)

    # A draft's document is not there for readers, nor its file by its path; staff may have it.
    anonymous = app.test_client()
    assert anonymous.get("/pl/documents/1").status_code == 404
    assert anonymous.get(f"/media/{media.path}").status_code == 404
    with client.get("/pl/documents/1") as response:
        assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]

    data = edit_form(client, "/staff/articles/1")
    assert client.post("/staff/articles/1", data=dict(data, action="publish")).status_code == 302
    response = anonymous.get("/en/documents/1")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "Application%20for%20a%20special%20benefit.pdf" in disposition or \
        "Application for a special benefit.pdf" in disposition
    assert response.data.startswith(b"%PDF-") and b"Kowalski" not in response.data
    response.close()

    with app.app_context():
        slug = db.session.get(Article, 1).translations["pl"].slug
    page = check_page(anonymous.get(f"/pl/news/{slug}"), "pl")
    item = page.one(".document-list li")
    assert item.a["href"] == "/pl/documents/1"
    assert item.a.get_text() == "Wniosek o zasiłek celowy"
    assert item.select_one(".file-facts").get_text() == "(PDF, 1 KB)"


def test_sizes_in_the_readers_language(app):
    from portal.documents.labels import describe

    with app.test_request_context("/pl/"):
        from flask_babel import force_locale

        with force_locale("pl"):
            assert describe("pdf", 1_258_291) == "PDF, 1,2 MB"
            assert describe("docx", 240 * 1024) == "DOCX, 240 KB"
        with force_locale("en"):
            assert describe("pdf", 1_258_291) == "PDF, 1.2 MB"
        with force_locale("uk"):
            assert describe("pdf", 240 * 1024) == "PDF, 240 КБ"


def test_a_refused_file_is_named_with_the_reason(app, client, staff):
    staff("editor")
    start(client)
    page = check_page(attach(client, "/staff/articles/1", b"MZ\x90 a program", "wniosek.pdf"),
                      "pl")
    message = page.one("#document_files-error").get_text() if page.select(
        "#document_files-error") else page.text
    assert "„wniosek.pdf”" in message or "“wniosek.pdf”" in message
    with app.app_context():
        assert db.session.scalar(db.select(MediaFile)) is None


def test_a_scan_is_warned_about_before_publishing(app, client, staff):
    staff("editor")
    start(client)
    response = attach(client, "/staff/articles/1", pdf(None), "skan.pdf")
    data = form_values(response.get_data(as_text=True))
    data.update({"documents-0-pl-title": "Skan decyzji", "action": "publish"})
    page = check_page(client.post("/staff/articles/1", data=data), "pl")
    assert "jest skanem" in page.text
    # With an accessible version, the warning is not needed.
    data["documents-0-alternative_url"] = "/pl/info/decyzja"
    assert client.post("/staff/articles/1", data=data).status_code == 302


def test_the_library_lists_uses_refuses_to_delete_and_deletes_for_good(app, client, staff):
    staff("editor")
    start(client)
    assert saved_with_document(client).status_code == 302
    start(client, "/staff/pages/new", "Pomoc społeczna")

    page = check_page(client.get("/staff/media?q=wniosek"), "pl")
    row = page.one("#file-1")
    assert [td.get_text() for td in row.select("td")[1:3]] == ["PDF", "1 KB"]
    assert row.select_one(".media-uses a")["href"] == "/staff/articles/1"
    assert check_page(client.get("/staff/media?q=nic-takiego"), "pl").select("#file-1") == []

    # Used again in a page, with a title of its own there.
    token = csrf_token(client, "/staff/media/1/use")
    response = client.post("/staff/media/1/use", data={"csrf_token": token, "target": "page:1"})
    assert response.status_code == 302 and response.location.endswith("/staff/pages/1#documents")
    with app.app_context():
        uses = db.session.scalars(db.select(Document).order_by(Document.id)).all()
        assert [(d.article_id, d.page_id, d.file_id) for d in uses] == [(1, None, 1), (None, 1, 1)]
        assert Revision.latest_number("page", 1) == 2
        path = Path(app.config["MEDIA_ROOT"]) / uses[0].file.path

    # In use: refused, with the list of uses.
    token = csrf_token(client, "/staff/media/1/delete")
    response = client.post("/staff/media/1/delete", data={"csrf_token": token})
    assert response.status_code == 409
    listed = [a["href"] for a in check_page(response, "pl", 409).select("#in-use a")]
    assert listed == ["/staff/articles/1", "/staff/pages/1"]
    assert path.is_file()

    for url in ("/staff/articles/1", "/staff/pages/1"):
        data = edit_form(client, url)
        data.update({"documents-0-remove": "y", "action": "save"})
        assert client.post(url, data=data).status_code == 302
    response = client.post("/staff/media/1/delete", data={"csrf_token": token})
    assert response.status_code == 302
    assert not path.exists()
    with app.app_context():
        assert db.session.get(MediaFile, 1) is None
        assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "media_delete"))


def test_a_photo_is_used_again_with_its_own_description(app, client, staff):
    from ..content_helpers import photo

    staff("editor")
    start(client)
    data = edit_form(client, "/staff/articles/1")
    data["photos"] = [(io.BytesIO(photo()), "festyn.jpg")]
    data.update(upload="1")
    page = client.post("/staff/articles/1", data=data, content_type="multipart/form-data")
    data = form_values(page.get_data(as_text=True))
    data.update({"images-0-pl-alt": "Dzieci w parku.", "action": "save"})
    assert client.post("/staff/articles/1", data=data).status_code == 302
    start(client, title="Drugi festyn")

    page = check_page(client.get("/staff/media?type=image"), "pl")
    assert "festyn.jpg" in page.one("#file-1").get_text()
    token = csrf_token(client, "/staff/media/1/use")
    assert client.post("/staff/media/1/use",
                       data={"csrf_token": token, "target": "article:2"}).status_code == 302
    with app.app_context():
        first, second = db.session.get(Article, 1), db.session.get(Article, 2)
        assert second.images[0].key == first.images[0].key
        assert second.images[0].translations["pl"].alt == ""  # described per use
        assert first.images[0].translations["pl"].alt == "Dzieci w parku."
    # Refused while used; the list names both articles.
    page = check_page(client.get("/staff/media/1/delete"), "pl")
    assert len(page.select("#in-use a")) == 2


def test_translators_may_not_use_the_library(app, client, staff):
    staff("translator")
    assert client.get("/staff/media").status_code == 403
