"""The migrations on both databases: up from nothing, down to nothing, and up from the first
release's schema with content in it, which readers can still read afterwards."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.extensions import db

from ..conftest import PG_URL, skip_or_fail

FIRST_RELEASE = "0001_initial"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def empty_app(request, tmp_path, monkeypatch):
    """An app on an empty database, migrated by the test itself."""
    if request.param == "postgresql":
        if not PG_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        url = PG_URL
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app({"TESTING": True})
    yield app
    with app.app_context():
        # Other tests on this PostgreSQL database expect the whole schema: leave it there.
        upgrade()
        db.session.remove()
        db.engine.dispose()


def tables(app) -> set[str]:
    with app.app_context(), db.engine.connect() as conn:
        return set(sa.inspect(conn).get_table_names()) - {"alembic_version"}


def test_up_from_nothing_and_down_to_nothing(empty_app):
    with empty_app.app_context():
        upgrade()
    assert tables(empty_app) >= set(db.metadata.tables)
    with empty_app.app_context():
        downgrade(revision="base")
    assert tables(empty_app) == set()


def test_up_from_the_first_release_with_content_in_it(empty_app):
    with empty_app.app_context():
        upgrade(revision=FIRST_RELEASE)
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO articles (id, published_at, deleted_at, version, created_at, "
                "updated_at) VALUES (1, '2024-03-01 10:00:00+00', NULL, 1, "
                "'2024-03-01 09:00:00+00', '2024-03-01 10:00:00+00')"))
            conn.execute(sa.text(
                "INSERT INTO article_translations (id, parent_id, summary, body, slug, title, "
                "locale, source_version, updated_at) VALUES (1, 1, 'Zebranie w marcu.', "
                "'<p>Zapraszamy rodziców.</p>', 'zebranie-rodzicow', 'Zebranie rodziców', 'pl', "
                "1, '2024-03-01 10:00:00+00')"))
        upgrade()
    page = empty_app.test_client().get("/pl/news/zebranie-rodzicow")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Zebranie rodziców" in text and "Zapraszamy rodziców." in text


def test_0018_reads_the_text_of_pdfs_and_the_size_of_photos_already_there(empty_app):
    from pathlib import Path

    from ..documents.samples import pdf

    root = Path(empty_app.config["MEDIA_ROOT"])
    (root / "documents/ab").mkdir(parents=True)
    (root / "documents/ab/abc.pdf").write_bytes(pdf("Regulamin swiadczen"))
    (root / "images/fe").mkdir(parents=True)
    for width, size in (("640", 300), ("1200", 700)):
        (root / f"images/fe/fedcba-{width}.webp").write_bytes(b"x" * size)
    with empty_app.app_context():
        upgrade(revision="0017_drafts")
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO media_files (id, type, key, name, format, mime, size, path, "
                "scanned, created_at) VALUES "
                "(1, 'document', 'abc', 'r.pdf', 'pdf', 'application/pdf', 900, "
                "'documents/ab/abc.pdf', false, '2024-03-01 10:00:00+00'), "
                "(2, 'image', 'fedcba', '', 'webp', 'image/webp', NULL, NULL, false, "
                "'2024-03-01 10:00:00+00')"))
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT id, size, text FROM media_files ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [(1, 900, "Regulamin swiadczen"), (2, 1000, None)]
