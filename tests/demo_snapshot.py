"""The demo content, loaded once per test worker and per variant, then copied into each test's
database.

``flask demo load`` writes about twenty items through the write path: revisions, audit events,
images, the search index with every text lemmatised. Doing that for each of the hundreds of tests
that start from the demo was most of the suite's time. The first test of a worker that asks for
a variant (the whole demo, or the demo without its Ukrainian texts) loads it through the command, as
an operator does; the database it made is then kept, and later tests get an exact copy of it:

- SQLite: the whole file, copied with SQLite's backup API (its FTS5 search tables included);
- PostgreSQL: every table's rows, inserted again after the test's tables were emptied, and each
  identity sequence set past the highest id, so new rows get the ids they would have had.

A copy is only made into an empty database: a test that wrote something before its demo fixture
ran gets the command itself. The media files the demo made live in the run's shared media folder;
any a test has deleted (deleting a file for good) are put back from the copy taken after the load.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from portal.extensions import db


@dataclass
class Snapshot:
    backend: str
    sqlite_file: Path | None = None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    media: Path | None = None


_snapshots: dict[tuple, Snapshot] = {}
_folder = Path(tempfile.mkdtemp(prefix="portal-demo-"))


def _key(app, variant: str) -> tuple:
    """What the demo loaded depends on: the engine, the languages and the portal's settings."""
    settings = tuple(sorted((name, repr(value)) for name, value in app.config.items()
                            if name.startswith("PORTAL_")))
    return (variant, db.engine.dialect.name, settings)


def _is_empty() -> bool:
    with db.engine.connect() as conn:
        return not any(conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
                       for table in db.metadata.sorted_tables)


def _sqlite_path() -> str:
    return db.engine.url.database


def _take(app, variant: str) -> Snapshot:
    name = f"{variant}-{len(_snapshots)}"
    media_root = Path(app.config["MEDIA_ROOT"])
    media = _folder / f"{name}-media"
    shutil.copytree(media_root, media, dirs_exist_ok=True)
    if db.engine.dialect.name == "sqlite":
        target = _folder / f"{name}.sqlite3"
        db.engine.dispose()
        with sqlite3.connect(_sqlite_path()) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return Snapshot("sqlite", sqlite_file=target, media=media)
    with db.engine.connect() as conn:
        rows = {table.name: [dict(row) for row in conn.execute(table.select()).mappings()]
                for table in db.metadata.sorted_tables}
    return Snapshot("postgresql", rows=rows, media=media)


def _restore(app, snapshot: Snapshot) -> None:
    media_root = Path(app.config["MEDIA_ROOT"])
    for path in snapshot.media.rglob("*"):
        target = media_root / path.relative_to(snapshot.media)
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    if snapshot.backend == "sqlite":
        db.session.remove()
        db.engine.dispose()
        with sqlite3.connect(snapshot.sqlite_file) as source, \
                sqlite3.connect(_sqlite_path()) as copy:
            source.backup(copy)
        return
    with db.engine.begin() as conn:
        for table in db.metadata.sorted_tables:
            if rows := snapshot.rows[table.name]:
                conn.execute(table.insert(), rows)
        for table in db.metadata.sorted_tables:
            for column in table.primary_key.columns:
                if column.autoincrement is True or (
                        column.autoincrement == "auto" and isinstance(column.type, sa.Integer)
                        and len(table.primary_key.columns) == 1):
                    highest = conn.execute(sa.select(sa.func.max(column))).scalar() or 0
                    conn.execute(sa.text(
                        "SELECT setval(pg_get_serial_sequence(:table, :column), :next, false) "
                        "WHERE pg_get_serial_sequence(:table, :column) IS NOT NULL"),
                        {"table": f'"{table.name}"', "column": column.name, "next": highest + 1})
    db.session.remove()


def load(app, variant: str, run_command, shared_media: Path) -> None:
    """Give ``app`` the demo ``variant``: by ``run_command()`` the first time, then by copy.
    Only an app on the run's shared media folder is copied (another's files would be missing)."""
    if Path(app.config["MEDIA_ROOT"]) != Path(shared_media):
        run_command()
        return
    with app.app_context():
        key = _key(app, variant)
        snapshot = _snapshots.get(key)
        if snapshot is not None and _is_empty():
            _restore(app, snapshot)
            return
        fresh = _is_empty()
        run_command()
        if fresh and key not in _snapshots:
            _snapshots[key] = _take(app, variant)
