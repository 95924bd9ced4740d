"""The dependency audit: locked versions checked against the committed advisory snapshot, offline.

CI runs `python security/audit.py` before the suite; these tests hold its range logic to the OSV
rules, and the committed snapshot to the lock it must cover."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from packaging.version import Version

from security import audit

ROOT = Path(__file__).resolve().parents[2]


# Flask's PYSEC-2023-62: two branches, each with its own fix.
FLASK_EVENTS = [
    {"introduced": "0"}, {"fixed": "2.2.5"}, {"introduced": "2.3.0"}, {"fixed": "2.3.2"},
]


def run(*command: str) -> subprocess.CompletedProcess:
    """A command of the test's own (git, this Python), never input."""
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603


def affected(version: str, **advisory) -> bool:
    return audit.is_affected(version, {"id": "TEST-1", **advisory})


# --- Ranges -------------------------------------------------------------------------------------


def test_introduced_and_fixed_bound_the_affected_versions():
    ranges = [FLASK_EVENTS]
    assert affected("0.12", ranges=ranges)
    assert affected("2.2.4", ranges=ranges)
    assert affected("2.3.1", ranges=ranges)
    assert affected("2.3.0rc1", ranges=ranges) is False  # before 2.3.0: 2.2.5 fixed it
    assert affected("2.2.5", ranges=ranges) is False
    assert affected("2.2.10", ranges=ranges) is False
    assert affected("2.3.2", ranges=ranges) is False
    assert affected("3.1.3", ranges=ranges) is False


def test_an_introduced_version_opens_the_range_only_from_there():
    ranges = [[{"introduced": "1.4"}, {"fixed": "1.6"}]]
    assert affected("1.3.9", ranges=ranges) is False
    assert affected("1.4", ranges=ranges)
    assert affected("1.5.2", ranges=ranges)
    assert affected("1.6", ranges=ranges) is False


def test_last_affected_includes_that_version_and_nothing_after():
    ranges = [[{"introduced": "2.0"}, {"last_affected": "2.4.1"}]]
    assert affected("2.4.1", ranges=ranges)
    assert affected("2.4.1.post1", ranges=ranges) is False
    assert affected("2.5", ranges=ranges) is False
    assert affected("1.9", ranges=ranges) is False


def test_a_range_without_a_fix_affects_every_later_version():
    assert affected("99.0", ranges=[[{"introduced": "3.0"}]])


def test_events_are_ordered_by_version_not_by_their_place_in_the_record():
    ranges = [[{"fixed": "1.10"}, {"introduced": "1.2"}]]
    assert affected("1.9", ranges=ranges)  # 1.9 < 1.10 as versions, not as strings
    assert affected("1.10", ranges=ranges) is False


def test_an_explicit_versions_list_is_matched_as_versions():
    advisory = {"versions": ["1.0", "1.1.0", "not-pep440"], "ranges": []}
    assert affected("1.0", **advisory)
    assert affected("1.0.0", **advisory)  # the same release as 1.0
    assert affected("1.1", **advisory)
    assert affected("not-pep440", **advisory)
    assert affected("1.0.1", **advisory) is False


def test_an_unreadable_locked_version_is_only_matched_by_name():
    assert affected("weird", ranges=[[{"introduced": "0"}]]) is False


# --- The real lock and snapshot -----------------------------------------------------------------


def test_reads_the_real_lock():
    locked = dict(audit.locked_packages(ROOT / "uv.lock"))
    assert Version(locked["flask"]) >= Version("3.1")
    assert "flask-sqlalchemy" in locked  # names are normalized
    assert "portal" not in locked  # the project itself is not a dependency


def test_packages_from_git_or_url_sources_are_checked_and_local_projects_are_not(tmp_path):
    (tmp_path / "uv.lock").write_text(
        'version = 1\n[[package]]\nname = "Some_Lib"\nversion = "1.0"\n'
        'source = { git = "https://example.org/some-lib?rev=1#abc" }\n'
        '[[package]]\nname = "tool"\nversion = "2.0"\nsource = { editable = "tools/tool" }\n'
        '[[package]]\nname = "portal"\nversion = "0.1.0"\nsource = { virtual = "." }\n'
    )
    assert audit.locked_packages(tmp_path / "uv.lock") == [("some-lib", "1.0")]


def test_the_snapshot_covers_every_locked_package():
    snapshot = json.loads((ROOT / "security" / "advisories.json").read_text(encoding="utf-8"))
    locked = {name for name, _ in audit.locked_packages(ROOT / "uv.lock")}
    missing = sorted(locked - set(snapshot["packages"]))
    assert missing == [], f"run {audit.REFRESH_HINT}: the snapshot lacks {', '.join(missing)}"
    assert len(snapshot["source"]["commit"]) == 40
    # A real cut of the database: Flask's own old advisories are in it.
    assert "PYSEC-2023-62" in {advisory["id"] for advisory in snapshot["packages"]["flask"]}


def test_the_committed_lock_passes_the_audit():
    result = run(sys.executable, str(ROOT / "security" / "audit.py"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no known vulnerability affects a locked version" in result.stdout


def test_the_real_snapshot_flags_old_releases_of_the_locked_packages(tmp_path):
    (tmp_path / "uv.lock").write_text(
        'version = 1\n[[package]]\nname = "werkzeug"\nversion = "3.0.0"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        '[[package]]\nname = "idna"\nversion = "3.7"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
    )
    out = io.StringIO()
    code = audit.audit(tmp_path / "uv.lock", ROOT / "security" / "advisories.json",
                       tmp_path / "none.toml", out)
    assert code == 1
    assert "VULNERABLE: werkzeug 3.0.0: PYSEC-2023-221 (CVE-2023-46136" in out.getvalue()
    assert "idna" not in out.getvalue().split("\n", 1)[1]  # 3.7 is the fixed release


def test_make_test_runs_the_audit_before_the_suite():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    suite = makefile.split("\nsuite:\n", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/python security/audit.py" in suite
    assert suite.index("security/audit.py") < suite.index("pytest")


# --- The check on a lock of its own -------------------------------------------------------------

FLASK_ADVISORY = {
    "id": "PYSEC-2023-62",
    "aliases": ["CVE-2023-30861"],
    "summary": "Session cookie sent to other clients through a caching proxy",
    "ranges": [FLASK_EVENTS],
    "versions": [],
    "fixed": ["2.2.5", "2.3.2"],
}


@pytest.fixture
def files(tmp_path):
    def write(locked: dict[str, str], packages: dict[str, list], accepted: str | None = None):
        lock = "version = 1\n" + "".join(
            f'[[package]]\nname = "{name}"\nversion = "{version}"\n'
            'source = { registry = "https://pypi.org/simple" }\n'
            for name, version in locked.items()
        )
        lock += '[[package]]\nname = "portal"\nversion = "0.1.0"\nsource = { virtual = "." }\n'
        (tmp_path / "uv.lock").write_text(lock)
        snapshot = {"source": {"commit": "a" * 40, "date": "2024-10-10"}, "packages": packages}
        (tmp_path / "advisories.json").write_text(json.dumps(snapshot))
        if accepted is not None:
            (tmp_path / "accepted.toml").write_text(accepted)
        out = io.StringIO()
        code = audit.audit(
            tmp_path / "uv.lock", tmp_path / "advisories.json", tmp_path / "accepted.toml", out
        )
        return code, out.getvalue()

    return write


def test_a_vulnerable_locked_version_fails_with_the_advisory_and_its_fix(files):
    code, out = files({"flask": "2.3.1"}, {"flask": [FLASK_ADVISORY]})
    assert code == 1
    assert "VULNERABLE: flask 2.3.1: PYSEC-2023-62 (CVE-2023-30861)" in out
    assert "fixed in: 2.2.5, 2.3.2" in out


def test_a_stale_snapshot_is_pointed_out_without_failing(files, monkeypatch):
    monkeypatch.setattr(audit, "snapshot_age", lambda date, today=None: 400)
    code, out = files({"flask": "3.1.3"}, {"flask": [FLASK_ADVISORY]})
    assert code == 0
    assert "warning: the advisory snapshot is 400 days old" in out


def test_the_snapshot_age_counts_days_from_the_database_commit():
    assert audit.snapshot_age("2024-10-10T17:35:05+00:00", date(2025, 1, 8)) == 90
    assert audit.snapshot_age("unknown", date(2025, 1, 8)) is None


def test_a_fixed_locked_version_passes(files):
    code, out = files({"flask": "2.3.2"}, {"flask": [FLASK_ADVISORY]})
    assert code == 0
    assert "VULNERABLE" not in out


def test_a_package_the_snapshot_does_not_know_fails_naming_it(files):
    code, out = files({"flask": "3.1.3", "new-thing": "1.0"}, {"flask": [FLASK_ADVISORY]})
    assert code == 1
    assert "error: new-thing is locked but security/advisories.json was not refreshed" in out
    assert "security/audit.py refresh" in out


def test_an_accepted_advisory_is_reported_with_its_reason_and_passes(files):
    accepted = '[[accepted]]\nid = "PYSEC-2023-62"\nreason = "no caching proxy in front"\n'
    code, out = files({"flask": "2.3.1"}, {"flask": [FLASK_ADVISORY]}, accepted)
    assert code == 0
    assert "accepted: flask 2.3.1: PYSEC-2023-62" in out
    assert "reason: no caching proxy in front" in out


def test_an_acceptance_without_a_reason_is_refused(files):
    with pytest.raises(SystemExit, match="needs an id and a reason"):
        files({"flask": "2.3.1"}, {"flask": [FLASK_ADVISORY]}, '[[accepted]]\nid = "X"\n')


def test_an_acceptance_nothing_needs_any_more_is_pointed_out(files):
    accepted = '[[accepted]]\nid = "PYSEC-2023-62"\nreason = "no caching proxy in front"\n'
    code, out = files({"flask": "3.1.3"}, {"flask": [FLASK_ADVISORY]}, accepted)
    assert code == 0
    assert "note: PYSEC-2023-62 in security/accepted.toml affects no locked version" in out


# --- Refreshing from a clone of the database ----------------------------------------------------

RECORD = """\
id: PYSEC-2099-1
summary: Something in Flask_Login
details: |-
  Long details.
aliases:
- CVE-2099-1
affected:
- package:
    name: Flask_Login
    ecosystem: PyPI
  ranges:
  - type: GIT
    repo: https://example.org/flask-login
    events:
    - introduced: "0"
    - fixed: 0123456789abcdef
  - type: ECOSYSTEM
    events:
    - introduced: "0"
    - fixed: 0.6.3
  versions:
  - "0.6"
  - 0.6.2
"""


def test_refresh_cuts_the_database_down_to_the_locked_packages(tmp_path):
    clone = tmp_path / "advisory-database"
    for path, text in {
        "vulns/flask-login/PYSEC-2099-1.yaml": RECORD,
        "vulns/flask-login/PYSEC-2099-2.yaml": RECORD.replace("2099-1", "2099-2")
        + 'withdrawn: "2099-02-01T00:00:00Z"\n',
        "vulns/django/PYSEC-2099-3.yaml": RECORD.replace("Flask_Login", "django"),
    }.items():
        (clone / path).parent.mkdir(parents=True, exist_ok=True)
        (clone / path).write_text(text)
    git = ["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["git", "init", "-q", str(clone)], [*git, "add", "."],
                    [*git, "commit", "-q", "-m", "advisories"]):
        assert run(*command).returncode == 0
    (tmp_path / "uv.lock").write_text(
        'version = 1\n[[package]]\nname = "flask-login"\nversion = "0.6.2"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        '[[package]]\nname = "flask"\nversion = "3.1.3"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
    )

    assert audit.main(
        ["--lock", str(tmp_path / "uv.lock"), "--snapshot", str(tmp_path / "advisories.json"),
         "refresh", str(clone)]
    ) == 0

    snapshot = json.loads((tmp_path / "advisories.json").read_text())
    assert snapshot["packages"]["flask"] == []  # known to the snapshot, with no advisory
    (advisory,) = snapshot["packages"]["flask-login"]  # the withdrawn one is left out
    assert advisory["id"] == "PYSEC-2099-1"
    assert advisory["aliases"] == ["CVE-2099-1"]
    assert advisory["summary"] == "Something in Flask_Login"
    assert advisory["ranges"] == [[{"introduced": "0"}, {"fixed": "0.6.3"}]]  # no GIT range
    assert advisory["versions"] == ["0.6", "0.6.2"]
    assert advisory["fixed"] == ["0.6.3"]
    assert "django" not in snapshot["packages"]
    head = run("git", "-C", str(clone), "rev-parse", "HEAD").stdout.strip()
    assert snapshot["source"]["commit"] == head
    # And the lock it was cut for fails the audit: 0.6.2 is affected.
    out = io.StringIO()
    assert audit.audit(tmp_path / "uv.lock", tmp_path / "advisories.json",
                       tmp_path / "none.toml", out) == 1
    assert "VULNERABLE: flask-login 0.6.2: PYSEC-2099-1" in out.getvalue()
