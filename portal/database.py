"""Engine settings per back-end: SQLite tuned for a small site, PostgreSQL as it comes."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def _tune_sqlite(engine: Engine, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Writers queue for the lock this long (a busy minute of saves on one machine waits,
        # rather than failing); past it the reader or clerk gets the 503 page (errors.py).
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # Case-insensitive search beyond ASCII (SQLite's lower() leaves "Ł" as it is); the
        # staff lists call it through portal.staff.listing.folded.
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        # A write that reads first takes the write lock up front, so two writers queue on the
        # busy timeout instead of one failing with "database is locked" mid-transaction.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


def begin_write() -> None:
    """Call before the first write of a request: on SQLite it takes the write lock now.

    A transaction that has only read so far (the logged-in user, the item being edited) is
    ended first: SQLite cannot turn a reading transaction into a writing one once another
    writer has committed ("database is locked" at once, whatever the busy timeout). What was
    read is read again under the lock, so a write never rests on a stale read.
    """
    session = db.session()  # the request's Session: the scoped proxy has no in_transaction()
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        if session.connection().get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            return
        if session.new or session.dirty or session.deleted:
            return  # already changing rows: nothing to end without losing them
        session.commit()  # nothing to write: ends the reading transaction
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
