"""Small documents made for the tests: PDFs with and without text, office files as zips."""

from __future__ import annotations

import io
import zipfile

from pypdf import PdfWriter


def pdf(text: str | None = "Wniosek o zasiłek", author: str = "Jan Kowalski") -> bytes:
    """A one-page PDF; with ``text`` it has a text layer, without it it is like a scan."""
    if text is None:
        writer = PdfWriter()
        writer.add_blank_page(width=200, height=200)
        writer.add_metadata({"/Author": author, "/Producer": "Skaner XYZ"})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    stream = f"BT /F1 12 Tf 20 100 Td ({text.encode('ascii', 'replace').decode()}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Author ({author}) /Creator (Edytor 1.0) >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


CORE = (b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
        b'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:creator>Jan Kowalski</dc:creator></cp:coreProperties>")
APP = (b"<Properties><Application>Microsoft Office Word</Application><Company>MOPS</Company>"
       b"</Properties>")


def ooxml(part: str = "word", extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr(f"{part}/document.xml", b"<document>Tekst wniosku</document>")
        archive.writestr("docProps/core.xml", CORE)
        archive.writestr("docProps/app.xml", APP)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def odf(kind: str = "text", extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", b"<office:document-content>Tekst</office:document-content>")
        archive.writestr("meta.xml", b"<office:document-meta><meta:initial-creator>Jan Kowalski"
                                     b"</meta:initial-creator></office:document-meta>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def attach_pdf(kind_name: str, item_id: int, name: str, titles: dict[str, str],
               content: bytes | None = None) -> int:
    """Attach a PDF to an item through the write service, titled per language; its id."""
    from flask import current_app

    from portal.documents import editor, files, library
    from portal.kinds import kind_named
    from portal.service import Change, Via

    processed = files.process(content or pdf(), current_app.config["MEDIA_ROOT"])
    kind, documents = kind_named(kind_name), kind_named("document")
    with Change(None, Via.COMMAND_LINE) as change:
        item = change.load(kind, item_id)
        document = editor.attach(change, kind, item, library.remember_document(processed, name))
        for lang, title in titles.items():
            change.write_texts(documents, document, lang, {"title": title})
        change.record(kind, item, "save")
    return document.id
