"""Backups an operator can trust: one archive with the database, the media files and a manifest.

``flask backup create`` takes a consistent copy of the database while the portal runs (SQLite's
online backup API, or ``pg_dump`` for PostgreSQL: a copied SQLite file is not a backup, it may be
caught mid-write), adds every file of the media folder, and writes a manifest with each member's
SHA-256 and size. ``flask backup verify`` reads an archive back and checks every checksum and
the database copy itself. ``flask backup restore`` puts an archive into an empty instance (an
instance with data in it is refused, nothing is overwritten) after verifying it.

The archive is a gzip'd tar: standard tools read it (``tar tzf``), and a file of it can be taken
out by hand in an emergency.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import click
import sqlalchemy as sa
from flask import current_app

from .extensions import db

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database/portal.sqlite3", "postgresql": "database/portal.dump"}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something an operator must know: the message says what and what to do."""


@dataclass
class Member:
    name: str  # inside the archive
    path: Path  # on disk, while the archive is written
    sha256: str
    size: int


def _sha256(stream: io.BufferedIOBase | io.RawIOBase) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _engine_name() -> str:
    name = db.engine.dialect.name
    if name not in DATABASE_MEMBER:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {name}.")
    return name


def _libpq(url: sa.engine.URL) -> tuple[str, dict[str, str]]:
    """A libpq address for pg_dump/pg_restore; the password goes in the environment, never in
    the command line (which every user of the machine can read)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        # pg_dump/pg_restore with arguments built here (no shell); the password is in env.
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools "
            "(Debian: postgresql-client) of the server's version."
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()[-2000:]}") from exc


def _snapshot_database(engine_name: str, into: Path) -> None:
    if engine_name == "sqlite":
        source = sqlite3.connect(db.engine.url.database)
        target = sqlite3.connect(into)
        try:
            with target:
                source.backup(target)  # consistent even while the portal writes
        finally:
            target.close()
            source.close()
    else:
        address, env = _libpq(db.engine.url)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              f"--file={into}", address], env)


def _media_files(media_root: Path) -> Iterator[Path]:
    if not media_root.is_dir():
        return
    for path in sorted(media_root.rglob("*")):
        # Files being written right now (write_atomically's temporary names) are not content.
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".tmp-"):
            yield path


def _row_counts(engine_name: str, snapshot: Path) -> dict[str, int]:
    """Rows per table in the copy taken (SQLite), or in the database now (PostgreSQL)."""
    tables = sorted(db.metadata.tables)
    if engine_name == "sqlite":
        conn = sqlite3.connect(snapshot)
        try:
            present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            # Table names from the models' metadata, never from input.
            return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                    for t in tables if t in present}
        finally:
            conn.close()
    with db.engine.connect() as conn:
        present = set(sa.inspect(conn).get_table_names())
        return {t: conn.execute(sa.select(sa.func.count()).select_from(db.metadata.tables[t]))
                .scalar_one() for t in tables if t in present}


def _progress(items: list, label: str, show: bool):
    if not show:
        return _Quiet(items)
    return click.progressbar(items, label=label, file=click.get_text_stream("stderr"))


class _Quiet:
    def __init__(self, items: list) -> None:
        self.items = items

    def __enter__(self) -> list:
        return self.items

    def __exit__(self, *exc) -> None:
        return None


def create(directory: Path, show_progress: bool = False) -> Path:
    """Write a backup archive into ``directory``; return its path."""
    engine_name = _engine_name()
    media_root = Path(current_app.config["MEDIA_ROOT"])
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    archive = directory / f"portal-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        snapshot = Path(work) / Path(DATABASE_MEMBER[engine_name]).name
        _snapshot_database(engine_name, snapshot)
        members = [_member(DATABASE_MEMBER[engine_name], snapshot)]
        files = list(_media_files(media_root))
        with _progress(files, "Checksums of the media files", show_progress) as bar:
            for path in bar:
                name = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
                members.append(_member(name, path))
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": engine_name,
            "migration": _migration_heads(),
            "tables": _row_counts(engine_name, snapshot),
            "files": {m.name: {"sha256": m.sha256, "size": m.size} for m in members},
        }
        partial = archive.with_name(archive.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                with _progress(members, "Writing the archive", show_progress) as bar:
                    for member in bar:
                        tar.add(member.path, arcname=member.name, recursive=False)
            os.replace(partial, archive)  # only a complete archive has the final name
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return archive


def _member(name: str, path: Path) -> Member:
    with path.open("rb") as stream:
        return Member(name, path, _sha256(stream), path.stat().st_size)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def _migration_heads() -> list[str]:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return sorted(MigrationContext.configure(conn).get_current_heads())


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\x00" not in name


@contextmanager
def _opened(archive: Path) -> Iterator[tarfile.TarFile]:
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{archive} is not a backup archive that can be read: {exc}") from exc
    with tar:
        yield tar


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        stream = tar.extractfile(MANIFEST)
        manifest = json.load(stream) if stream else None
    except (KeyError, ValueError, tarfile.TarError) as exc:
        raise BackupError("The archive has no readable manifest.json.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("The archive's manifest is not of a format this portal reads.")
    return manifest


def verify(archive: Path, show_progress: bool = False) -> list[str]:
    """Every problem found in ``archive``: an empty list means it restores as it was taken."""
    problems: list[str] = []
    with _opened(archive) as tar:
        manifest = read_manifest(tar)
        listed: dict[str, dict] = manifest.get("files", {})
        present = {info.name: info for info in tar.getmembers() if info.name != MANIFEST}
        for name in sorted(set(present) - set(listed)):
            problems.append(f"{name}: in the archive but not in the manifest")
        names = sorted(listed)
        with _progress(names, "Checking every file", show_progress) as bar:
            for name in bar:
                info = present.get(name)
                if info is None:
                    problems.append(f"{name}: missing from the archive")
                    continue
                if not info.isfile() or not _safe_name(name):
                    problems.append(f"{name}: not a plain file with a safe name")
                    continue
                stream = tar.extractfile(info)
                if stream is None or _sha256(stream) != listed[name]["sha256"]:
                    problems.append(f"{name}: its checksum does not match the manifest")
        engine_name = manifest.get("engine")
        member = DATABASE_MEMBER.get(engine_name or "")
        if member is None or member not in present:
            problems.append("the database copy is missing")
        elif not problems:
            problems += _check_database_copy(tar, engine_name, member)
    return problems


def _check_database_copy(tar: tarfile.TarFile, engine_name: str, member: str) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="portal-verify-") as work:
        path = Path(work) / "copy"
        with tar.extractfile(member) as stream, path.open("wb") as out:  # type: ignore[union-attr]
            shutil.copyfileobj(stream, out, CHUNK)
        if engine_name == "sqlite":
            conn = sqlite3.connect(path)
            try:
                result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            except sqlite3.DatabaseError as exc:
                return [f"the database copy cannot be read: {exc}"]
            finally:
                conn.close()
            return [] if result == "ok" else [f"the database copy is damaged: {result}"]
        try:
            _run(["pg_restore", "--list", str(path)], dict(os.environ))
        except BackupError as exc:
            return [f"the database copy cannot be read: {exc}"]
        return []


def _instance_is_empty(media_root: Path) -> list[str]:
    reasons = []
    inspector = sa.inspect(db.engine)
    with db.engine.connect() as conn:
        # The models' tables: an engine's own (SQLite FTS5's shadow tables, whose configuration
        # row a migration writes) are no content.
        for table in sorted(set(inspector.get_table_names()) & set(db.metadata.tables)):
            # Table names from the database's own catalogue, never from input.
            rows = conn.execute(sa.text(f'SELECT 1 FROM "{table}" LIMIT 1')).first()  # noqa: S608
            if rows is not None:
                reasons.append(f"the table {table} has rows")
                break
    if any(_media_files(media_root)):
        reasons.append(f"the media folder {media_root} has files")
    return reasons


def restore(archive: Path, show_progress: bool = False) -> dict:
    """Put ``archive`` into this (empty) instance; returns its manifest."""
    problems = verify(archive, show_progress)
    if problems:
        raise BackupError("The archive failed its check, nothing was restored:\n  "
                          + "\n  ".join(problems))
    engine_name = _engine_name()
    media_root = Path(current_app.config["MEDIA_ROOT"])
    with _opened(archive) as tar:
        manifest = read_manifest(tar)
        if manifest["engine"] != engine_name:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database and this instance uses "
                f"{engine_name}: restore it into an instance with the same kind of database."
            )
        not_empty = _instance_is_empty(media_root)
        if not_empty:
            raise BackupError("Restoring needs an empty instance, nothing was changed: "
                              + "; ".join(not_empty) + ".")
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
            copy = Path(work) / "database"
            with tar.extractfile(DATABASE_MEMBER[engine_name]) as stream, copy.open("wb") as out:  # type: ignore[union-attr]
                shutil.copyfileobj(stream, out, CHUNK)
            _restore_database(engine_name, copy)
        media = [info for info in tar.getmembers() if info.name.startswith(MEDIA_PREFIX)]
        with _progress(media, "Restoring the media files", show_progress) as bar:
            for info in bar:
                _restore_file(tar, info, media_root)
    return manifest


def _restore_database(engine_name: str, copy: Path) -> None:
    db.session.remove()
    db.engine.dispose()
    if engine_name == "sqlite":
        target = Path(db.engine.url.database)
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        staged = target.with_name(target.name + ".restoring")
        shutil.copyfile(copy, staged)
        os.replace(staged, target)
        return
    # What a migration made (empty tables, the search configuration) would clash with the
    # dump's objects: --clean drops each of them first, in the same transaction.
    address, env = _libpq(db.engine.url)
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--clean",
          "--if-exists", "--single-transaction", f"--dbname={address}", str(copy)], env)


def _restore_file(tar: tarfile.TarFile, info: tarfile.TarInfo, media_root: Path) -> None:
    relative = PurePosixPath(info.name).relative_to(MEDIA_PREFIX.rstrip("/"))
    target = media_root.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(".tmp-" + target.name)
    with tar.extractfile(info) as stream, staged.open("wb") as out:  # type: ignore[union-attr]
        shutil.copyfileobj(stream, out, CHUNK)
    os.replace(staged, target)


def describe(manifest: dict) -> Iterable[str]:
    rows = sum(manifest.get("tables", {}).values())
    files = sum(1 for name in manifest.get("files", {}) if name.startswith(MEDIA_PREFIX))
    yield f"taken {manifest['created_at']} from {manifest['engine']}"
    yield f"{len(manifest.get('tables', {}))} tables, {rows} rows; {files} media files"
