"""Documents as files: what a file really is, what is refused, and what is taken out of it.

Every document that reaches the site goes through :func:`process`, which

- finds the type from the content, never from the name: a PDF starts with ``%PDF-``; DOCX and
  XLSX are zip files with ``[Content_Types].xml`` and ``word/`` or ``xl/`` parts; ODT and ODS
  are zip files whose ``mimetype`` member names the OpenDocument type;
- refuses macro-enabled office files (``vbaProject.bin``, ODF ``Basic/`` scripts), encrypted
  ones, and zip files that unpack to far more than they weigh (a "zip bomb");
- refuses a PDF with active content: scripts (JavaScript, also XFA forms) or actions that start
  a program or load data, and attached (embedded) files; those are refused rather than stripped,
  because a form whose scripts were taken out may no longer do what the sender expects;
- takes the metadata out: a PDF is rewritten by pypdf without its document information, its XMP
  metadata (of the document and of each page), the applications' private data (``/PieceInfo``)
  and any open or page action, the objects nothing refers to any more dropped; an office
  file's ``docProps/core.xml``, ``docProps/app.xml`` and ``docProps/custom.xml`` (OOXML) or
  ``meta.xml`` (ODF) are replaced by empty ones with the zip module, every other member kept;
- notes a PDF none of whose pages has text: a scan, which the editor warns about; keeps the
  text of its pages (the first 100,000 characters) beside it, for the search;
- writes the result atomically under a name the server makes from the content's hash, with a
  small manifest beside it, so a form that comes back with an error keeps the file by its key.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l

from ..files import write_atomically

log = logging.getLogger(__name__)

# format -> (MIME type, what readers are told)
FORMATS = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "odt": ("application/vnd.oasis.opendocument.text", "ODT"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ODS"),
}
ODF_TYPES = {FORMATS["odt"][0]: "odt", FORMATS["ods"][0]: "ods"}
ACCEPT = ",".join([f".{name}" for name in FORMATS] + [mime for mime, _ in FORMATS.values()])

MAX_UNPACKED = 200 * 1024 * 1024  # what an office file may unpack to, in all
MAX_RATIO = 100  # unpacked bytes per packed byte, in all (text compresses 5 to 20 times)
MAX_MEMBERS = 10_000
MAX_TEXT = 100_000  # characters of a PDF's text layer kept for the search

CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"/>'
)
CUSTOM_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
    b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"/>'
)
META_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)


class DocumentRejected(ValueError):
    """The file is not a document we accept; the message is shown to the person who sent it."""


@dataclass(frozen=True)
class ProcessedDocument:
    key: str
    format: str
    size: int  # bytes stored (after the metadata was taken out)
    path: str  # under MEDIA_ROOT
    pages: int | None = None
    scanned: bool = False

    @property
    def mime(self) -> str:
        return FORMATS[self.format][0]


def sniff(data: bytes) -> str:
    """The format of ``data`` from its content, or :class:`DocumentRejected`."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _zip_format(archive, len(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise DocumentRejected(_l("The file is damaged and cannot be read.")) from exc
    raise DocumentRejected(
        _l("The file is not a document we accept (use PDF, DOCX, ODT, XLSX or ODS).")
    )


def _zip_format(archive: zipfile.ZipFile, packed: int) -> str:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise DocumentRejected(_l("The file holds too many parts to be a real document."))
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(packed, 1):
        raise DocumentRejected(
            _l("The file unpacks to far more than it weighs, so it is refused for safety.")
        )
    names = {member.filename for member in members}
    if any(member.flag_bits & 0x1 for member in members):
        raise DocumentRejected(_l("The file is protected with a password. Send it without one."))
    if "EncryptionInfo" in names or "META-INF/manifest.xml" in names and _odf_encrypted(archive):
        raise DocumentRejected(_l("The file is protected with a password. Send it without one."))
    if any(name.lower().endswith("vbaproject.bin") for name in names) or any(
        name.startswith(("Basic/", "Scripts/")) for name in names
    ):
        raise DocumentRejected(
            _l("The file contains macros, which are not accepted. Save it as a document "
               "without macros and send it again.")
        )
    if "mimetype" in names:
        kind = archive.read("mimetype").decode("ascii", "replace").strip()
        if kind in ODF_TYPES:
            return ODF_TYPES[kind]
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
    raise DocumentRejected(
        _l("The file is not a document we accept (use PDF, DOCX, ODT, XLSX or ODS).")
    )


def _odf_encrypted(archive: zipfile.ZipFile) -> bool:
    manifest = archive.read("META-INF/manifest.xml")
    return b"encryption-data" in manifest


# --- Metadata ----------------------------------------------------------------------------------


def strip_pdf(data: bytes) -> tuple[bytes, int, bool]:
    """The PDF without its metadata, its number of pages and whether it is a scan."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentRejected(
                _l("The file is protected with a password. Send it without one.")
            )
        _refuse_active_content(reader)
        pages = len(reader.pages)
        has_text = any((page.extract_text() or "").strip() for page in reader.pages)
        writer = PdfWriter(clone_from=reader)
        # The document information (author, creator, producer …) and the XMP metadata go, with
        # the applications' private data and whatever the reader would do on opening.
        writer.metadata = None
        writer.xmp_metadata = None
        for holder in (writer.root_object, *writer.pages):
            for name in ("/Metadata", "/PieceInfo", "/OpenAction", "/AA"):
                holder.pop(name, None)
        # pypdf writes every object it cloned: the ones now unreferenced (the old XMP stream)
        # would still be in the file.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except DocumentRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentRejected(_l("The file is damaged and cannot be read.")) from exc
    return out.getvalue(), pages, not has_text


def pdf_text(path: str | os.PathLike, limit: int = MAX_TEXT) -> str:
    """The text layer of the PDF at ``path``, page after page, its first ``limit`` characters
    (whitespace made single spaces); empty for a scan or a file pypdf cannot read."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    found: list[str] = []
    length = 0
    try:
        for page in PdfReader(path).pages:
            text = " ".join((page.extract_text() or "").split())
            if text:
                found.append(text)
                length += len(text) + 1
            if length >= limit:
                break
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        log.warning("could not read the text of %s", path)
    return " ".join(found)[:limit]


# Names that make a PDF do something when opened or clicked, or carry other files.
SCRIPT_NAMES = {"/JS", "/JavaScript", "/XFA", "/Launch", "/ImportData", "/SubmitForm",
                "/RichMedia", "/RichMediaExecute", "/Rendition", "/Sound", "/Movie"}
ATTACHMENT_NAMES = {"/EmbeddedFiles", "/EmbeddedFile", "/EF", "/FileAttachment"}
MAX_PDF_OBJECTS = 500_000  # objects looked at; a real document has a few thousand


def _refuse_active_content(reader: Any) -> None:
    """Refuse a PDF with scripts, program-starting actions or attached files anywhere in it."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    looked = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        looked += 1
        if looked > MAX_PDF_OBJECTS:
            raise DocumentRejected(_l("The file holds too many parts to be a real document."))
        if isinstance(node, DictionaryObject):
            names = set(node.keys())
            names.update(str(node[key]) for key in ("/S", "/Type", "/Subtype")
                         if isinstance(node.get(key), str))
            if names & ATTACHMENT_NAMES:
                raise DocumentRejected(_l(
                    "The PDF has files attached inside it, which are not accepted. Send the "
                    "attached files separately, or save the PDF again without them."))
            if names & SCRIPT_NAMES:
                raise DocumentRejected(_l(
                    "The PDF contains scripts or actions that start programs, which are not "
                    "accepted. Save it again as a plain PDF (for example with “Print to PDF”) "
                    "and send it again."))
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def strip_zip(data: bytes, format: str) -> bytes:
    """An office file with its properties (author, company, software …) replaced by empty ones.

    Every other member is copied as it is; an ODF file's ``mimetype`` stays first and stored
    uncompressed, as the format requires.
    """
    replaced = ({"meta.xml": META_XML} if format in ("odt", "ods")
                else {"docProps/core.xml": CORE_XML, "docProps/app.xml": APP_XML,
                      "docProps/custom.xml": CUSTOM_XML})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = replaced.get(member.filename)
            if content is None:
                content = source.read(member.filename)
            if member.filename == "mimetype":
                target.writestr(member.filename, content, compress_type=zipfile.ZIP_STORED)
            else:
                target.writestr(member.filename, content)
    return out.getvalue()


# --- Storing ----------------------------------------------------------------------------------


def _manifest(media_root: str | os.PathLike, key: str) -> Path:
    return Path(media_root) / f"documents/{key[:2]}/{key}.json"


def process(data: bytes, media_root: str | os.PathLike) -> ProcessedDocument:
    """Check ``data``, take its metadata out and store it; the same file is stored once."""
    key = hashlib.sha256(data).hexdigest()[:32]
    known = find(key, media_root)
    if known is not None:
        return known
    format = sniff(data)
    pages, scanned = None, False
    if format == "pdf":
        stored, pages, scanned = strip_pdf(data)
    else:
        stored = strip_zip(data, format)
    path = f"documents/{key[:2]}/{key}.{format}"
    write_atomically(Path(media_root) / path, stored)
    result = ProcessedDocument(key=key, format=format, size=len(stored), path=path, pages=pages,
                               scanned=scanned)
    if format == "pdf":  # its text layer, read now rather than while an item is being saved
        text = pdf_text(Path(media_root) / path)
        write_atomically(_text_file(media_root, key), text.encode())
    write_atomically(_manifest(media_root, key), json.dumps(asdict(result)).encode())
    return result


def _text_file(media_root: str | os.PathLike, key: str) -> Path:
    return Path(media_root) / f"documents/{key[:2]}/{key}.txt"


def text_of(processed: ProcessedDocument, media_root: str | os.PathLike) -> str | None:
    """A stored PDF's text layer (:func:`pdf_text`), as read when it arrived (or now, for a
    file stored before that was done); None for other formats."""
    if processed.format != "pdf":
        return None
    kept = _text_file(media_root, processed.key)
    if kept.is_file():
        return kept.read_text(encoding="utf-8", errors="replace")
    return pdf_text(Path(media_root) / processed.path)


def find(key: str, media_root: str | os.PathLike) -> ProcessedDocument | None:
    """A document stored earlier, by its key; None for anything else."""
    if not (len(key or "") == 32 and all(c in "0123456789abcdef" for c in key)):
        return None
    manifest = _manifest(media_root, key)
    if not manifest.is_file():
        return None
    known = ProcessedDocument(**json.loads(manifest.read_text()))
    if not (Path(media_root) / known.path).is_file():
        return None
    return known


def remove(key: str, path: str | None, media_root: str | os.PathLike) -> None:
    """Delete a document's file and manifest for good."""
    if path:
        (Path(media_root) / path).unlink(missing_ok=True)
    _manifest(media_root, key).unlink(missing_ok=True)
    _text_file(media_root, key).unlink(missing_ok=True)
