"""What a document really is, what is refused, and what is taken out of it."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader

from portal.documents import files

from .samples import odf, ooxml, pdf


@pytest.mark.parametrize(("data", "format"), [
    (pdf(), "pdf"), (ooxml("word"), "docx"), (ooxml("xl"), "xlsx"),
    (odf("text"), "odt"), (odf("spreadsheet"), "ods"),
])
def test_the_type_comes_from_the_content(data, format):
    assert files.sniff(data) == format


@pytest.mark.parametrize("data", [
    b"MZ\x90\x00 a program", b"<html>not a document</html>",
    odf("presentation"),  # an ODF type we do not take
])
def test_other_files_are_refused(data):
    with pytest.raises(files.DocumentRejected, match="not a document we accept"):
        files.sniff(data)


def test_macros_are_refused():
    with pytest.raises(files.DocumentRejected, match="macros"):
        files.sniff(ooxml("word", {"word/vbaProject.bin": b"\x00" * 100}))


def test_a_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    with pytest.raises(files.DocumentRejected, match="unpacks to far more"):
        files.sniff(out.getvalue())


def test_an_encrypted_office_file_is_refused():
    data = bytearray(ooxml("word"))
    # Mark the first member as encrypted (general purpose flag bit 0), in both headers.
    data[6] |= 0x1
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))
    first_central = data.find(b"PK\x01\x02")
    data[first_central + 8] |= 0x1
    assert central >= first_central
    with pytest.raises(files.DocumentRejected, match="password"):
        files.sniff(bytes(data))


def test_pdf_metadata_is_taken_out_and_a_scan_is_noticed(tmp_path):
    stored = files.process(pdf("Wniosek o zasilek"), tmp_path)
    reader = PdfReader(tmp_path / stored.path)
    assert (reader.metadata or {}).get("/Author") is None
    assert "Wniosek" in reader.pages[0].extract_text()
    assert stored.pages == 1 and not stored.scanned

    scan = files.process(pdf(None), tmp_path)
    reader = PdfReader(tmp_path / scan.path)
    assert (reader.metadata or {}).get("/Author") is None
    assert scan.scanned


def test_office_properties_are_replaced_and_the_rest_kept(tmp_path):
    stored = files.process(ooxml("word"), tmp_path)
    with zipfile.ZipFile(tmp_path / stored.path) as archive:
        assert b"Kowalski" not in archive.read("docProps/core.xml")
        assert b"Microsoft" not in archive.read("docProps/app.xml")
        assert archive.read("word/document.xml") == b"<document>Tekst wniosku</document>"
    stored = files.process(odf("text"), tmp_path)
    with zipfile.ZipFile(tmp_path / stored.path) as archive:
        assert archive.infolist()[0].filename == "mimetype"
        assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert b"Kowalski" not in archive.read("meta.xml")


def test_stored_under_a_name_the_server_makes(tmp_path):
    stored = files.process(pdf(), tmp_path)
    assert stored.path == f"documents/{stored.key[:2]}/{stored.key}.pdf"
    assert files.process(pdf(), tmp_path) == stored  # the same file is stored once


def test_a_pdfs_text_is_kept_for_the_search_bounded_and_removed_with_it(tmp_path):
    stored = files.process(pdf("Regulamin przyznawania pomocy"), tmp_path)
    kept = tmp_path / f"documents/{stored.key[:2]}/{stored.key}.txt"
    assert kept.read_text() == "Regulamin przyznawania pomocy"
    assert files.text_of(stored, tmp_path) == "Regulamin przyznawania pomocy"
    assert files.pdf_text(tmp_path / stored.path, limit=9) == "Regulamin"
    kept.unlink()  # a file stored before texts were kept: read from the PDF itself
    assert files.text_of(stored, tmp_path) == "Regulamin przyznawania pomocy"
    assert files.text_of(files.process(pdf(None), tmp_path), tmp_path) == ""  # a scan
    assert files.text_of(files.process(odf("text"), tmp_path), tmp_path) is None
    kept.write_text("Regulamin przyznawania pomocy")
    files.remove(stored.key, stored.path, tmp_path)
    assert not (tmp_path / stored.path).exists() and not kept.exists()
