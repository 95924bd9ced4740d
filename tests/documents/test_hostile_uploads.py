"""Hostile files sent through the editor's real forms: a photo on an article, a document
attached to an article.

Each file is either refused with a message in the sender's language (Polish here) that names it,
leaving nothing behind (no row, no file, no temporary file), or stored re-encoded under a name
the server made, inside the media folder, with no metadata left when it is read back. After
each one the site still answers. The outcome of each case is recorded, and the run ends with a
count of files tried, refused and accepted-and-cleaned (``conftest.pytest_terminal_summary``).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from portal.documents.models import Document, MediaFile
from portal.extensions import db
from portal.images.models import Image

from ..conftest import check_page
from ..content_helpers import edit_form, form_values
from . import hostile
from .samples import odf, pdf
from .test_flows import start

# Every name the server gives: a hash, a rendition's width, its format; a manifest beside it.
SERVER_NAME = re.compile(
    r"(images|documents)/[0-9a-f]{2}/[0-9a-f]{32}(-\d+)?\.(webp|pdf|docx|xlsx|odt|ods|json|txt)")

# What readers of the Polish staff pages are told (the catalog's translations).
NOT_A_PICTURE = "Tego pliku nie da się odczytać jako zdjęcia (użyj formatu JPEG, PNG lub WebP)."
ONLY_FORMATS = "Przyjmujemy tylko zdjęcia w formatach JPEG, PNG i WebP."
DAMAGED_PICTURE = "Zdjęcie jest uszkodzone i nie da się go odczytać."
TOO_LARGE = "Zdjęcie jest za duże (najwyżej 40 megapikseli)."
NOT_A_DOCUMENT = "Ten plik nie jest dokumentem, który przyjmujemy (użyj PDF, DOCX, ODT, XLSX lub"
DAMAGED = "Plik jest uszkodzony i nie da się go odczytać."
SCRIPTS = "PDF zawiera skrypty lub akcje uruchamiające programy, których nie przyjmujemy."
ATTACHED = "PDF zawiera dołączone do niego pliki, których nie przyjmujemy."
MACROS = "Plik zawiera makra, których nie przyjmujemy."
BOMB = "Plik po rozpakowaniu jest wielokrotnie większy niż jego rozmiar"


@dataclass(frozen=True)
class Case:
    id: str
    field: str  # "photo" (an article's gallery) or "document" (attached to an article)
    build: Callable[[], bytes]
    name: str  # as the sender's computer gives it
    refusal: str | None = None  # the Polish reason; None: accepted, then cleaned
    shown: str | None = None  # the name the page shows, when not the name sent

    @property
    def shown_name(self) -> str:
        return self.name if self.shown is None else self.shown


LONG = "Sprawozdanie_" + "ż" * 283 + ".pdf"  # 300 characters

CASES = [
    # Photos
    Case("svg-with-script", "photo", hostile.svg_with_script, "logo.svg", NOT_A_PICTURE),
    Case("html-as-jpg", "photo", hostile.html, "zdjecie.jpg", NOT_A_PICTURE),
    Case("png-with-html-appended", "photo", hostile.png_with_html_appended, "plakat.png"),
    Case("gif-js-polyglot", "photo", hostile.gif_js_polyglot, "anim.jpg", ONLY_FORMATS),
    Case("tiff", "photo", hostile.tiff, "skan.tif", ONLY_FORMATS),
    Case("truncated-jpeg", "photo", hostile.truncated_jpeg, "urwane.jpg", DAMAGED_PICTURE),
    Case("decompression-bomb", "photo", hostile.png_bomb, "maly.png", TOO_LARGE),
    Case("jpeg-exif-gps-xmp", "photo", hostile.jpeg_with_metadata, "IMG_0001.JPG"),
    Case("webp-exif-xmp", "photo", hostile.webp_with_metadata, "IMG_0002.webp"),
    Case("png-text-and-exif", "photo", hostile.png_with_text_chunks, "wykres.png"),
    Case("photo-name-dot-dot", "photo", hostile.jpeg_with_metadata, "../../../etc/cron.d/x.jpg",
         shown="x.jpg"),
    Case("photo-name-nul", "photo", hostile.jpeg_with_metadata, "zdj\x00.jpg.php",
         shown="zdj.jpg.php"),
    Case("photo-name-polish", "photo", hostile.jpeg_with_metadata, "Dzień_Dziecka_żółć.jpg"),
    # A right-to-left override shows "zdjęcie‮gpj.exe" as "zdjęcieexe.jpg".
    Case("photo-name-direction", "photo", hostile.jpeg_with_metadata, "zdjęcie\u202egpj.exe",
         shown="zdjęciegpj.exe"),
    # Documents
    Case("html-as-pdf", "document", hostile.html, "wniosek.pdf", NOT_A_DOCUMENT),
    Case("svg-as-pdf", "document", hostile.svg_with_script, "wniosek.pdf", NOT_A_DOCUMENT),
    Case("pdf-open-action-script", "document", hostile.pdf_with_open_action_script, "a.pdf",
         SCRIPTS),
    Case("pdf-named-script", "document", hostile.pdf_with_named_script, "b.pdf", SCRIPTS),
    Case("pdf-page-script", "document", hostile.pdf_with_page_script, "c.pdf", SCRIPTS),
    Case("pdf-launch", "document", hostile.pdf_with_launch_action, "d.pdf", SCRIPTS),
    Case("pdf-embedded-file", "document", hostile.pdf_with_embedded_file, "e.pdf", ATTACHED),
    Case("truncated-pdf", "document", hostile.truncated_pdf, "f.pdf", DAMAGED),
    Case("docm-renamed", "document", hostile.docm_renamed, "umowa.docx", MACROS),
    Case("zip-bomb-as-docx", "document", hostile.zip_bomb_as_docx, "raport.docx", BOMB),
    Case("pdf-author-and-xmp", "document", hostile.pdf_with_metadata, "wniosek.pdf"),
    Case("pdf-harmless-open-action", "document", hostile.pdf_opening_at_page_one, "g.pdf"),
    Case("docx-author", "document", hostile.docx_with_author, "umowa.docx"),
    Case("odt-author", "document", lambda: odf("text"), "pismo.odt"),
    Case("document-name-dot-dot", "document", pdf, "../../windows/win.ini.pdf",
         shown="win.ini.pdf"),
    Case("document-name-only-dots", "document", pdf, "..", shown=""),
    Case("document-name-nul", "document", pdf, "wniosek.pdf\x00.exe", shown="wniosek.pdf.exe"),
    Case("document-name-300", "document", pdf, LONG, shown=LONG[:116] + ".pdf"),
    Case("document-name-polish", "document", pdf, "Wniosek_o_zasiłek_źródło.pdf"),
    # Letters sent decomposed (as macOS names files) are kept composed: one character each.
    Case("document-name-decomposed", "document", pdf,
         unicodedata.normalize("NFD", "Ośrodek_ząb.pdf"), shown="Ośrodek_ząb.pdf"),
]


@pytest.fixture
def media(app, tmp_path) -> Path:
    """A media folder of the test's own, so what it holds afterwards is what this test wrote."""
    root = tmp_path / "own-media"
    root.mkdir()
    app.config["MEDIA_ROOT"] = str(root)
    return root


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def send(client, case: Case, content: bytes):
    url = "/staff/articles/1"
    if case.field == "photo":
        data = dict(edit_form(client, url), upload="1")
        data["photos"] = [(io.BytesIO(content), case.name)]
    else:
        data = dict(edit_form(client, url), upload="documents")
        data["document_files"] = [(io.BytesIO(content), case.name)]
    return client.post(url, data=data, content_type="multipart/form-data")


def rows(app) -> dict[str, int]:
    with app.app_context():
        return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
                for model in (MediaFile, Image, Document)}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_hostile_upload_is_refused_or_stored_clean(app, client, staff, media, case,
                                                     record_property):
    staff("editor")
    start(client)
    content = case.build()
    page = check_page(send(client, case, content), "pl")
    error_id = "#photos-error" if case.field == "photo" else "#document_files-error"

    if case.refusal:
        message = " ".join(page.one(error_id).get_text().split())
        assert f"Nie dodano pliku „{case.shown_name}”: {case.refusal}" in message
        assert {a["href"] for a in page.select(".error-summary a")} == {
            "#photos" if case.field == "photo" else "#document_files"}
        # Nothing half-written: no row, no file (nor a temporary one) in the media folder.
        assert stored_files(media) == []
        assert rows(app) == {"MediaFile": 0, "Image": 0, "Document": 0}
        record_property("upload", "refused")
    else:
        assert not page.select(error_id)
        data = form_values(page.response.get_data(as_text=True))
        if case.field == "photo":
            data["images-0-pl-alt"] = "Dzieci na pikniku."
        else:
            data["documents-0-pl-title"] = "Wniosek o zasiłek"
        assert client.post("/staff/articles/1", data=dict(data, action="save")).status_code == 302
        check_stored(app, media, case, content)
        record_property("upload", "accepted and cleaned")

    # The site still answers, the editor and readers alike.
    check_page(client.get("/staff/articles/1"), "pl")
    check_page(app.test_client().get("/pl/"), "pl")


def check_stored(app, media: Path, case: Case, content: bytes) -> None:
    with app.app_context():
        media_file = db.session.scalar(db.select(MediaFile))
        assert media_file is not None
        # The sender's name is only shown, cleaned: no folders, no control characters.
        assert media_file.name == case.shown_name
        if case.field == "photo":
            image = db.session.scalar(db.select(Image))
            assert image.key == media_file.key
            paths = list(image.renditions.values())
        else:
            document = db.session.scalar(db.select(Document))
            assert document.file_id == media_file.id
            paths = [media_file.path]
    assert rows(app)["MediaFile"] == 1
    found = stored_files(media)
    assert set(paths) <= set(found)
    sent_stem = Path(case.name.replace("\\", "/").replace("\x00", "")).stem.lower()
    for name in found:
        # Under MEDIA_ROOT, named by the server: nothing of the sender's name in the path.
        assert SERVER_NAME.fullmatch(name), name
        assert (media / name).resolve().is_relative_to(media.resolve())
        if len(sent_stem) > 2:
            assert sent_stem not in name.lower()
        raw = (media / name).read_bytes()
        if not name.endswith(".json"):
            assert raw != content  # re-encoded, never the bytes sent
            for trace in hostile.TRACES:
                assert trace not in raw, (name, trace)
    for name in paths:
        check_clean(media / name, case.field)


def check_clean(path: Path, field: str) -> None:
    """Read the stored file back the way a reader's program would, and find no metadata."""
    if field == "photo":
        with PILImage.open(path) as picture:
            assert picture.format == "WEBP"
            picture.load()
            assert not picture.getexif()
            assert not picture.getexif().get_ifd(0x8825)  # GPS
            assert "xmp" not in picture.info and "exif" not in picture.info
        assert b"XMP " not in path.read_bytes() and b"EXIF" not in path.read_bytes()
        return
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        for name in ("/OpenAction", "/AA", "/Metadata", "/Names"):
            assert name not in root, name
        assert not reader.metadata or not any(
            key in reader.metadata for key in ("/Author", "/Creator", "/Producer"))
        assert reader.xmp_metadata is None
        raw = path.read_bytes()
        for name in (b"/JavaScript", b"/JS", b"/EmbeddedFile", b"/OpenAction", b"Kowalski"):
            assert name not in raw, name
        assert "Wniosek" in reader.pages[0].extract_text()  # the text itself is kept
        return
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            assert b"Kowalski" not in archive.read(member), member
        if "docProps/core.xml" in archive.namelist():
            assert b"creator" not in archive.read("docProps/core.xml")


def test_a_document_over_the_limit_gets_a_page_and_leaves_nothing(app, client, staff, media,
                                                                  record_property):
    staff("editor")
    start(client)
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    app.config["PORTAL_MAX_UPLOAD_MB"] = 20
    big = hostile.raw_pdf(extra=[b"(" + b"x" * 60_000 + b")"])
    page = check_page(send(client, Case("big", "document", lambda: big, "duzy.pdf"), big), "pl",
                      status=413)
    assert "najwyżej 20 MB naraz" in page.text
    assert stored_files(media) == []
    assert rows(app) == {"MediaFile": 0, "Image": 0, "Document": 0}
    check_page(client.get("/staff/articles/1"), "pl")
    record_property("upload", "refused")
