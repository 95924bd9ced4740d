"""Hostile files for the upload tests, made in code: each is what an attacker (or a careless
sender) could choose in the photo or document field of the editor.

Nothing here is stored in the repository as a file: every sample is built from a few bytes, so
what each one is stays readable.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image as PILImage

from .samples import CORE, ooxml

SCRIPT = b"<script>alert(document.cookie)</script>"
XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Jan Kowalski'
       b'</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'
       b'<?xpacket end="w"?>')
# What no stored file may still hold: the sender, the camera, the place.
TRACES = (b"Kowalski", b"TestCamera", b"<script", b"Exif", b"MZ\x90")


# --- Pictures ---------------------------------------------------------------------------------


def picture(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), **save) -> bytes:
    image = PILImage.new("RGB", size, "red")
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def exif_with_gps() -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "TestCamera"  # Make
    exif[0x013B] = "Jan Kowalski"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 13.0, 30.0), "E", (21.0, 0.0, 45.0)
    return exif.tobytes()


def jpeg_with_metadata() -> bytes:
    """A camera's JPEG: EXIF with the maker, the author and a GPS position, and XMP."""
    return picture("JPEG", exif=exif_with_gps(), xmp=XMP)


def webp_with_metadata() -> bytes:
    return picture("WEBP", exif=exif_with_gps(), xmp=XMP)


def png_with_text_chunks() -> bytes:
    """A PNG with tEXt author and an eXIf chunk."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jan Kowalski")
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    return picture("PNG", pnginfo=info, exif=exif_with_gps())


def svg_with_script() -> bytes:
    return (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><rect width="10" height="10"/>' + SCRIPT + b"</svg>")


def html() -> bytes:
    return b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"


def png_with_html_appended() -> bytes:
    """A real PNG with a web page after its end: a browser sniffing it could run the script."""
    return picture("PNG") + html()


def gif_js_polyglot() -> bytes:
    """A GIF header that is also JavaScript (``GIF89a=…``): valid enough for a sniffer, and a
    script when served as one."""
    image = io.BytesIO()
    PILImage.new("P", (10, 10)).save(image, "GIF")
    data = image.getvalue()
    # Width bytes "/*" make the header the start of a JS comment; the script follows the end.
    return b"GIF89a/*" + data[8:] + b"*/=1;alert(document.domain);"


def tiff() -> bytes:
    return picture("TIFF")


def truncated_jpeg() -> bytes:
    data = picture("JPEG", size=(400, 300), quality=95)
    return data[: len(data) // 2]


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG of a few dozen bytes that declares ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


# --- PDFs -------------------------------------------------------------------------------------


def raw_pdf(catalog: bytes = b"", extra: list[bytes] | None = None, page: bytes = b"",
            info: bytes = b"<< /Author (Jan Kowalski) /Creator (Edytor 1.0) >>") -> bytes:
    """A one-page PDF with text, written object by object.

    ``catalog`` is added to the document catalog (object 1), ``page`` to the page (object 3);
    ``extra`` are more objects, numbered from 7 (6 is the document information).
    """
    stream = b"BT /F1 12 Tf 20 100 Td (Wniosek o zasilek) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
        *(extra or []),
    ]
    out = bytearray(b"%PDF-1.7\n")
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


def pdf_with_metadata() -> bytes:
    """Author in the document information and in XMP."""
    stream = XMP
    return raw_pdf(b"/Metadata 7 0 R", [
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(stream) + stream
        + b"\nendstream"])


def pdf_with_open_action_script() -> bytes:
    return raw_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")


def pdf_with_named_script() -> bytes:
    """A document-level script in the name tree, the way authoring tools add them."""
    return raw_pdf(b"/Names << /JavaScript 7 0 R >>", [
        b"<< /Names [(start) 8 0 R] >>",
        b"<< /S /JavaScript /JS (this.exportDataObject\\({cName: 'a'}\\)) >>",
    ])


def pdf_with_page_script() -> bytes:
    """A script run when the page opens (the page's additional actions)."""
    return raw_pdf(page=b"/AA << /O << /S /JavaScript /JS (app.alert\\(2\\)) >> >>")


def pdf_with_embedded_file() -> bytes:
    content = b"MZ\x90\x00 a program"
    return raw_pdf(b"/Names << /EmbeddedFiles 7 0 R >>", [
        b"<< /Names [(setup.exe) 8 0 R] >>",
        b"<< /Type /Filespec /F (setup.exe) /EF << /F 9 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(content) + content
        + b"\nendstream",
    ])


def pdf_with_launch_action() -> bytes:
    return raw_pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>")


def pdf_opening_at_page_one() -> bytes:
    """A harmless open action (show the first page): accepted, and not kept."""
    return raw_pdf(b"/OpenAction [3 0 R /Fit]")


def truncated_pdf() -> bytes:
    data = raw_pdf()
    return data[: len(data) // 3]


# --- Office files -----------------------------------------------------------------------------


def docm_renamed() -> bytes:
    """A Word file with macros (.docm), sent as .docx."""
    return ooxml("word", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 200})


def zip_bomb_as_docx() -> bytes:
    """A DOCX-looking zip that unpacks to 50 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    return out.getvalue()


def docx_with_author() -> bytes:
    assert b"Kowalski" in CORE
    return ooxml("word", {"docProps/custom.xml": b"<Properties><property name='Author'>"
                                                 b"<vt:lpwstr>Jan Kowalski</vt:lpwstr>"
                                                 b"</property></Properties>"})
