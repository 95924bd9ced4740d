"""The restore drill: back up an instance with content and photos, restore it into an empty
one, and compare every row of every table and every media file."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db

from ..conftest import make_app


def rows(app) -> dict[str, list[tuple]]:
    with app.app_context():
        with db.engine.connect() as conn:
            return {
                table.name: [tuple(row) for row in conn.execute(
                    sa.select(table).order_by(*table.primary_key.columns))]
                for table in db.metadata.sorted_tables
            }


def files(app) -> dict[str, str]:
    root = Path(app.config["MEDIA_ROOT"])
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["backup", *args])


def dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def full(tmp_path, backend):
    """An instance with the demo's content and photos."""
    app = make_app(tmp_path / "a", backend)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    yield app
    dispose(app)


def create(app, folder: Path) -> Path:
    result = run(app, "create", "-o", str(folder))
    assert result.exit_code == 0, result.output
    return Path(result.output.strip().removeprefix("Backup written: "))


def test_the_restore_drill_brings_back_every_row_and_file(full, tmp_path, backend):
    before_rows, before_files = rows(full), files(full)
    assert sum(map(len, before_rows.values())) > 100 and len(before_files) > 20
    archive = create(full, tmp_path / "backups")
    assert archive.name.startswith("portal-backup-") and archive.suffixes == [".tar", ".gz"]
    checked = run(full, "verify", str(archive.parent))  # a folder: its newest archive
    assert checked.exit_code == 0 and archive.name in checked.output
    dispose(full)

    # A new, empty instance (on PostgreSQL: the same database, emptied by the new instance).
    empty = make_app(tmp_path / "b", backend)
    assert not any(rows(empty).values()) and files(empty) == {}
    result = run(empty, "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    assert rows(empty) == before_rows
    assert files(empty) == before_files
    # The restored instance serves its pages and photos.
    client = empty.test_client()
    assert client.get("/pl/").status_code == 200
    photo = next(name for name in before_files if name.endswith(".webp"))
    served = client.get(f"/media/{photo}")
    assert served.status_code == 200 and hashlib.sha256(served.data).hexdigest() == (
        before_files[photo])
    served.close()
    dispose(empty)


def tampered(archive: Path, into: Path) -> Path:
    """A copy of ``archive`` with one byte of one photo changed."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(into, "w:gz") as target:
        changed = False
        for info in source.getmembers():
            data = source.extractfile(info).read()
            if not changed and info.name.startswith("media/") and info.name.endswith(".webp"):
                data = data[:-1] + bytes([data[-1] ^ 1])
                changed = info.name
            target.addfile(info, io.BytesIO(data))
    return into, changed


def test_a_damaged_archive_fails_its_check_and_is_not_restored(full, tmp_path, backend):
    archive = create(full, tmp_path / "backups")
    bad, name = tampered(archive, tmp_path / "bad.tar.gz")
    result = run(full, "verify", str(bad))
    assert result.exit_code == 1
    assert f"{name}: its checksum does not match the manifest" in result.output
    dispose(full)
    empty = make_app(tmp_path / "b", backend)
    refused = run(empty, "restore", str(bad))
    assert refused.exit_code == 1 and "nothing was restored" in refused.output
    assert not any(rows(empty).values())
    dispose(empty)


def test_restoring_over_content_is_refused(full, tmp_path):
    archive = create(full, tmp_path / "backups")
    before = rows(full)
    result = run(full, "restore", str(archive))
    assert result.exit_code == 1
    assert "Restoring needs an empty instance, nothing was changed" in result.output
    assert rows(full) == before


def test_something_that_is_not_an_archive_is_named_as_such(full, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    result = run(full, "verify", str(junk))
    assert result.exit_code == 1 and "is not a backup archive that can be read" in result.output
