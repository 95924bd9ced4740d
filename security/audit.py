"""Known vulnerabilities of the locked dependencies, checked offline.

The check reads two files of the repository: uv.lock (every package version an install can get)
and security/advisories.json, a snapshot of the PyPA advisory database
(https://github.com/pypa/advisory-database, OSV records for PyPI) cut down to the packages the lock
names. No online service is asked, so CI runs it where only the package index is reachable.

    python security/audit.py                  # exit 1 when an advisory affects a locked version
    python security/audit.py refresh CLONE    # rewrite the snapshot from a git clone of it

A locked version an advisory affects is reported and fails the check, unless
security/accepted.toml records the advisory's id with the reason it does not apply to the portal.
A locked package the snapshot does not know (a dependency added since the last refresh) fails it
too: the snapshot says which packages it was cut for, so "no advisories" is never a guess.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess  # noqa: S404  (runs git on the clone the operator names, never a shell)
import sys
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "uv.lock"
SNAPSHOT = ROOT / "security" / "advisories.json"
ACCEPTED = ROOT / "security" / "accepted.toml"
DATABASE = "https://github.com/pypa/advisory-database"
# Older than this, the check still runs but says the snapshot wants refreshing (it never fails on
# age alone: a CI run must not start failing by the calendar).
STALE_DAYS = 90
REFRESH_HINT = "python security/audit.py refresh <clone of " + DATABASE + ">"


def normalize(name: str) -> str:
    """A package name as the index compares them (PEP 503): Flask_SQLAlchemy is flask-sqlalchemy."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_packages(lock_path: Path = LOCK) -> list[tuple[str, str]]:
    """(name, version) of every package uv.lock installs, sorted.

    The project itself (a virtual, editable or directory source) is left out: it is no release of
    an index and has no advisories; a package locked from a git or URL source is kept. A name can
    appear with two versions when they are locked for different Python versions."""
    with open(lock_path, "rb") as f:
        lock = tomllib.load(f)
    found = set()
    for package in lock.get("package", []):
        source = package.get("source", {})
        if source.keys() & {"virtual", "editable", "directory"}:
            continue
        found.add((normalize(package["name"]), package["version"]))
    return sorted(found)


# --- OSV ranges ---------------------------------------------------------------------------------


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def in_range(version: Version, events: list[dict[str, str]]) -> bool:
    """Whether an OSV ECOSYSTEM range's events put the version among the affected ones.

    The events are walked in version order ("introduced": "0" comes first): an introduced event
    at or below the version opens the range, a fixed event at or below it closes it again, and a
    last_affected event below it closes it too. An event whose version PEP 440 cannot read is
    left out (the versions list of the record still names every affected release)."""
    ordered = []
    for event in events:
        for kind, text in event.items():
            if kind not in ("introduced", "fixed", "last_affected"):
                continue  # "limit" only bounds GIT ranges
            at = Version("0") if text == "0" else _version(text)
            if at is not None:
                ordered.append((at, kind))
    ordered.sort(key=lambda item: item[0])
    affected = False
    for at, kind in ordered:
        if kind == "introduced" and version >= at:
            affected = True
        elif kind == "fixed" and version >= at:
            affected = False
        elif kind == "last_affected" and version > at:
            affected = False
    return affected


def is_affected(version_text: str, advisory: dict) -> bool:
    """Whether one snapshot advisory (its ranges and explicit versions) names this version."""
    version = _version(version_text)
    for listed in advisory.get("versions", []):
        if listed == version_text or (version is not None and _version(listed) == version):
            return True
    if version is None:
        return False
    return any(in_range(version, events) for events in advisory.get("ranges", []))


# --- The check ----------------------------------------------------------------------------------


def load_accepted(path: Path) -> dict[str, str]:
    """Advisory id -> the reason it is accepted, from [[accepted]] tables with id and reason."""
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        data = tomllib.load(f)
    accepted = {}
    for entry in data.get("accepted", []):
        advisory_id, reason = entry.get("id", ""), entry.get("reason", "").strip()
        if not advisory_id or not reason:
            raise SystemExit(f"error: {path}: every [[accepted]] entry needs an id and a reason")
        accepted[advisory_id] = reason
    return accepted


def snapshot_age(date_text: str, today: date | None = None) -> int | None:
    """Days since the database commit the snapshot was cut from (None for an unreadable date)."""
    try:
        cut = datetime.fromisoformat(date_text).date()
    except ValueError:
        return None
    return ((today or datetime.now(UTC).date()) - cut).days


def audit(
    lock_path: Path, snapshot_path: Path, accepted_path: Path, out=sys.stdout, today=None
) -> int:
    with open(snapshot_path, encoding="utf-8") as f:
        snapshot = json.load(f)
    packages = snapshot["packages"]
    accepted = load_accepted(accepted_path)
    locked = locked_packages(lock_path)
    source = snapshot["source"]
    print(
        f"{len(locked)} locked versions checked against {DATABASE} at "
        f"{source['commit'][:12]} ({source['date']})",
        file=out,
    )
    age = snapshot_age(source["date"], today)
    if age is not None and age > STALE_DAYS:
        print(
            f"warning: the advisory snapshot is {age} days old: advisories published since are "
            f"not checked; refresh it ({REFRESH_HINT})",
            file=out,
        )

    missing = sorted({name for name, _ in locked if name not in packages})
    for name in missing:
        print(
            f"error: {name} is locked but security/advisories.json was not refreshed since it "
            f"was added: run {REFRESH_HINT}",
            file=out,
        )

    failures, used = 0, set()
    for name, version in locked:
        for advisory in packages.get(name, []):
            if not is_affected(version, advisory):
                continue
            aliases = ", ".join(advisory.get("aliases", []))
            fixed = ", ".join(advisory.get("fixed", [])) or "no fixed release"
            line = (
                f"{name} {version}: {advisory['id']}"
                + (f" ({aliases})" if aliases else "")
                + f": {advisory.get('summary', '')} [fixed in: {fixed}]"
            )
            if advisory["id"] in accepted:
                used.add(advisory["id"])
                print(f"accepted: {line}\n  reason: {accepted[advisory['id']]}", file=out)
            else:
                failures += 1
                print(f"VULNERABLE: {line}", file=out)
    for advisory_id in sorted(set(accepted) - used):
        print(
            f"note: {advisory_id} in security/accepted.toml affects no locked version any more: "
            "remove it",
            file=out,
        )
    if failures:
        print(
            f"{failures} known vulnerabilities in locked versions: upgrade the package "
            "(pyproject.toml, make lock) or record why it does not apply in security/accepted.toml",
            file=out,
        )
    elif not missing:
        print("no known vulnerability affects a locked version", file=out)
    return 1 if failures or missing else 0


# --- Refreshing the snapshot --------------------------------------------------------------------


def _git(clone: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(  # noqa: S603  (fixed git arguments, a path the operator gave)
        ["git", "-C", str(clone), *args],  # noqa: S607  (git from PATH, as the operator runs it)
        input=data,
        capture_output=True,
        check=True,
    ).stdout


def _records(clone: Path):
    """Every advisory YAML file of the clone's HEAD, parsed (git cat-file: a bare clone works)."""
    import yaml  # the dev extra's: only a refresh needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    names = _git(clone, "ls-tree", "-r", "--name-only", "HEAD", "vulns/").decode().split("\n")
    paths = [name for name in names if name.endswith((".yaml", ".yml"))]
    batch = _git(clone, "cat-file", "--batch", data="".join(f"HEAD:{p}\n" for p in paths).encode())
    at = 0
    for path in paths:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
        yield path, yaml.load(body, Loader=loader)  # noqa: S506  (the safe loader, C or Python)


def _summary(record: dict) -> str:
    text = (record.get("summary") or record.get("details") or "").strip()
    text = " ".join(text.split("\n\n")[0].split())
    return text if len(text) <= 240 else text[:239].rstrip() + "…"


def build_snapshot(clone: Path, names: set[str]) -> dict:
    """The advisories of the clone that concern the named (normalized) packages."""
    packages: dict[str, list[dict]] = {name: [] for name in sorted(names)}
    for _path, record in _records(clone):
        if not record or record.get("withdrawn"):
            continue  # a withdrawn advisory was found not to be one
        by_package: dict[str, dict] = {}
        for affected in record.get("affected", []):
            package = affected.get("package", {})
            name = normalize(package.get("name", ""))
            if package.get("ecosystem") != "PyPI" or name not in packages:
                continue
            entry = by_package.setdefault(name, {"ranges": [], "versions": [], "fixed": []})
            for range_ in affected.get("ranges", []):
                if range_.get("type") != "ECOSYSTEM":
                    continue  # GIT ranges name commits, not releases
                events = [{k: str(v) for k, v in event.items()} for event in range_["events"]]
                entry["ranges"].append(events)
                entry["fixed"] += [e["fixed"] for e in events if "fixed" in e]
            entry["versions"] += [str(v) for v in affected.get("versions", [])]
        for name, entry in by_package.items():
            packages[name].append(
                {
                    "id": record["id"],
                    "aliases": sorted(record.get("aliases", [])),
                    "summary": _summary(record),
                    "published": str(record.get("published", "")),
                    "modified": str(record.get("modified", "")),
                    "ranges": entry["ranges"],
                    "versions": sorted(set(entry["versions"]), key=_sort_key),
                    "fixed": sorted(set(entry["fixed"]), key=_sort_key),
                }
            )
    for advisories in packages.values():
        advisories.sort(key=lambda advisory: advisory["id"])
    commit = _git(clone, "rev-parse", "HEAD").decode().strip()
    date = _git(clone, "log", "-1", "--format=%cI", "HEAD").decode().strip()
    return {
        "source": {"repository": DATABASE, "commit": commit, "date": date},
        "packages": packages,
    }


def _sort_key(text: str):
    version = _version(text)
    return (0, version, "") if version is not None else (1, Version("0"), text)


def refresh(clone: Path, lock_path: Path, snapshot_path: Path, out=sys.stdout) -> int:
    names = {name for name, _ in locked_packages(lock_path)}
    snapshot = build_snapshot(clone, names)
    text = json.dumps(snapshot, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    snapshot_path.write_text(text, encoding="utf-8")
    count = sum(len(advisories) for advisories in snapshot["packages"].values())
    print(
        f"{snapshot_path.name}: {count} advisories for {len(names)} locked packages, from "
        f"{snapshot['source']['commit'][:12]} ({snapshot['source']['date']})",
        file=out,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    parser.add_argument("--accepted", type=Path, default=ACCEPTED)
    commands = parser.add_subparsers(dest="command")
    refresh_parser = commands.add_parser("refresh", help="rewrite the snapshot from a clone")
    refresh_parser.add_argument("clone", type=Path, help="a git clone of " + DATABASE)
    args = parser.parse_args(argv)
    if args.command == "refresh":
        return refresh(args.clone, args.lock, args.snapshot)
    return audit(args.lock, args.snapshot, args.accepted)


if __name__ == "__main__":
    sys.exit(main())
