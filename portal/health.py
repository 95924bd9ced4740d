"""Answers for load balancers and process managers, not for readers.

``/healthz``: the process is alive and answers (no database, so a slow database does not make a
load balancer restart every worker). ``/readyz``: this server can serve readers: the database
answers, its schema is at the newest migration, and Redis answers when ``REDIS_URL`` is set.
Both are plain text, never cached, and say nothing a stranger could use beyond "ready or not".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, Response, current_app
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db, migrate

bp = Blueprint("health", __name__)


def _plain(text: str, status: int) -> Response:
    response = Response(text + "\n", status=status, mimetype="text/plain")
    response.cache_control.no_store = True
    return response


@bp.get("/healthz")
def healthz() -> Response:
    return _plain("ok", 200)


def _newest_migration() -> set[str]:
    config = migrate.get_config()
    return set(ScriptDirectory.from_config(config).get_heads())


def problems() -> list[str]:
    """What keeps this server from serving readers, in words for an operator's log."""
    found: list[str] = []
    try:
        with db.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
            current = set(MigrationContext.configure(conn).get_current_heads())
    except SQLAlchemyError:
        found.append("database: unreachable")
    else:
        if current != _newest_migration():
            found.append("database: migrations not current (run flask db upgrade)")
    url = current_app.config.get("REDIS_URL")
    if url:
        import redis

        try:
            redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            found.append("redis: unreachable")
    return found


@bp.get("/readyz")
def readyz() -> Response:
    found = problems()
    if found:
        return _plain("not ready\n" + "\n".join(found), 503)
    return _plain("ready", 200)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
