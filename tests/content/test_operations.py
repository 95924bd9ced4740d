"""What an operator depends on: settings, the database, migrations, demo content, caching."""

from __future__ import annotations

import os
import stat

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal import config as settings
from portal import create_app
from portal.extensions import db

from ..conftest import PG_URL, make_app, skip_or_fail


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = settings.load(tmp_path)["SECRET_KEY"]
    second = settings.load(tmp_path)["SECRET_KEY"]
    assert first == second and len(first) >= 64
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/portal")
    monkeypatch.setenv("PORTAL_LANGUAGES", "pl, en")
    monkeypatch.setenv("MEDIA_ROOT", "/srv/media")
    loaded = settings.load(tmp_path)
    assert loaded["SECRET_KEY"] == "k" * 40
    assert loaded["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db.internal/portal"
    assert loaded["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert loaded["PORTAL_LANGUAGES"] == ("pl", "en")
    assert loaded["MEDIA_ROOT"] == "/srv/media"
    assert not (tmp_path / "secret_key").exists()


def test_language_list_must_start_with_polish(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_LANGUAGES", "en,pl")
    with pytest.raises(RuntimeError, match="must start with 'pl'"):
        settings.load(tmp_path)


@pytest.mark.parametrize("key", ["dev", "short-key"])
def test_production_refuses_a_weak_key(tmp_path, monkeypatch, key):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", key)
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="SECRET_KEY: weak"):
        create_app()


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # Writers queue for the lock up to 15 s by default, below the worker's 30 s timeout.
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
        db.engine.dispose()
    monkeypatch.setenv("PORTAL_SQLITE_BUSY_TIMEOUT_MS", "2500")
    other = make_app(tmp_path / "other")
    with other.app_context():
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
        db.engine.dispose()


def test_sqlite_write_lock_is_taken_up_front(tmp_path):
    from portal.database import begin_write

    app = make_app(tmp_path)
    with app.app_context():
        begin_write()
        other = sa.create_engine(
            app.config["SQLALCHEMY_DATABASE_URI"], connect_args={"timeout": 0.1}
        )
        with other.connect() as conn, pytest.raises(sa.exc.OperationalError, match="locked"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        other.dispose()
        db.session.rollback()
        db.engine.dispose()


def _migrated_schema_matches_models(app) -> list:
    from flask_migrate import upgrade

    from portal.search.models import include_object

    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            # The engine's search machinery (FTS5 tables, a GIN index over an expression) is
            # made by the migration outside the models, and left out of the comparison.
            context = MigrationContext.configure(conn, opts={"include_object": include_object})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    return diff


def test_migrations_build_the_whole_schema_on_sqlite(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert _migrated_schema_matches_models(create_app()) == []


@pytest.mark.postgresql
def test_migrations_build_the_whole_schema_on_postgresql(tmp_path, monkeypatch):
    if not PG_URL:
        skip_or_fail("TEST_DATABASE_URL is not set")
    engine = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", PG_URL)
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert _migrated_schema_matches_models(create_app()) == []


def test_demo_load_is_idempotent(app, runner):
    from portal.awards.models import Award
    from portal.images.models import Image
    from portal.news.models import Article, ArticleTranslation
    from portal.pages.models import Page

    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0 and "21 item(s) added" in first.output
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0 and "0 item(s) added" in second.output

    def count(model):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))

    with app.app_context():
        assert (count(Article), count(Award), count(Page), count(Image)) == (12, 1, 7, 9)
        polish_only = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Article)
            .where(~Article.translations.any(ArticleTranslation.locale == "en"))
        )
        assert polish_only == 1
        for image in db.session.scalars(sa.select(Image)):
            assert image.translations["pl"].alt and image.translations["en"].alt
            assert image.translations["pl"].caption and image.translations["en"].caption


def test_demo_load_if_empty_leaves_a_used_database_alone(app, runner):
    assert "21 item(s)" in runner.invoke(args=["demo", "load"]).output
    assert "0 item(s)" in runner.invoke(args=["demo", "load", "--if-empty"]).output


def test_readers_pages_are_cacheable_and_set_no_cookie(demo, client):
    response = client.get("/pl/news/")
    assert "Set-Cookie" not in response.headers
    assert "public" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/pl/news/", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_every_page_carries_security_headers(client):
    headers = client.get("/pl/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
