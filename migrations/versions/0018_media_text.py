"""media text: a PDF's text layer for the search, and the size of every file for the library

Revision ID: 0018_media_text
Revises: 0017_drafts

``media_files.text`` keeps the first 100,000 characters of a PDF's text layer (read from the
files already there); photos from before the library get their size, counted from their
renditions, so that the media library sorts every file by size in SQL. Run
``flask search reindex`` afterwards: the search then finds documents.
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = "0018_media_text"
down_revision = "0017_drafts"
branch_labels = None
depends_on = None

MAX_TEXT = 100_000


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    found, length = [], 0
    try:
        for page in PdfReader(path).pages:
            text = " ".join((page.extract_text() or "").split())
            if text:
                found.append(text)
                length += len(text) + 1
            if length >= MAX_TEXT:
                break
    except Exception:  # noqa: BLE001  (a damaged file keeps no text; the upgrade goes on)
        return ""
    return " ".join(found)[:MAX_TEXT]


def upgrade():
    with op.batch_alter_table("media_files") as batch:
        batch.add_column(sa.Column("text", sa.Text(), nullable=True))
    root = Path(current_app.config["MEDIA_ROOT"])
    conn = op.get_bind()
    files = sa.table("media_files", sa.column("id", sa.Integer), sa.column("type", sa.String),
                     sa.column("key", sa.String), sa.column("format", sa.String),
                     sa.column("path", sa.String), sa.column("size", sa.Integer),
                     sa.column("text", sa.Text))
    pdfs = conn.execute(sa.select(files.c.id, files.c.path).where(
        files.c.type == "document", files.c.format == "pdf")).all()
    for row in pdfs:
        path = root / (row.path or "")
        text = _pdf_text(path) if row.path and path.is_file() else ""
        conn.execute(files.update().where(files.c.id == row.id).values(text=text))
    photos = conn.execute(sa.select(files.c.id, files.c.key).where(
        files.c.type == "image", files.c.size.is_(None))).all()
    for row in photos:
        size = sum(path.stat().st_size
                   for path in (root / f"images/{row.key[:2]}").glob(f"{row.key}-*.webp"))
        conn.execute(files.update().where(files.c.id == row.id).values(size=size or None))


def downgrade():
    with op.batch_alter_table("media_files") as batch:
        batch.drop_column("text")
