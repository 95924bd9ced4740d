"""Is this configuration safe to expose? ``flask check-deploy``, and the production start-up.

In the spirit of Django's ``check --deploy``: each check looks at the settings as this process
resolved them and names what is wrong and which setting mends it. ``PORTAL_ENV=production``
refuses to start while any check fails; ``flask check-deploy`` runs them in any environment, so
an operator can try a configuration before switching to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

WEAK_KEYS = {"", "dev", "changeme", "secret", "development"}
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p"}
CODE = Path(__file__).resolve().parents[1]  # the checkout: the package, templates, migrations


@dataclass(frozen=True)
class Finding:
    setting: str
    problem: str

    def __str__(self) -> str:
        return f"{self.setting}: {self.problem}"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _filesystem(path: Path) -> str | None:
    """The type of the filesystem ``path`` is on (Linux), or None when it cannot be told."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, kind = "", None
    resolved = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1]
        if (resolved == mount or resolved.startswith(mount.rstrip("/") + "/")) and len(
            mount
        ) >= len(best):
            best, kind = mount, parts[2]
    return kind


def findings(
    config: dict, debug: bool, instance_path: str | os.PathLike | None = None
) -> list[Finding]:
    """Everything unsafe in ``config`` for a site on the internet (empty: safe to start)."""
    found: list[Finding] = []
    if debug:
        found.append(Finding("FLASK_DEBUG", "debug is on: anyone could see tracebacks and run "
                                            "code in the debugger. Turn it off."))
    key = str(config.get("SECRET_KEY") or "")
    if key.lower() in WEAK_KEYS or len(key) < 32:
        found.append(Finding("SECRET_KEY", "weak or default: sessions and links could be forged. "
                                           "Use 32+ random characters (or leave it unset: the "
                                           "instance folder then keeps a random one)."))
    if not config.get("TRUSTED_HOSTS"):
        found.append(Finding("TRUSTED_HOSTS", "not set: any Host header is answered, and "
                                              "addresses built from it (links, mail) could point "
                                              "elsewhere. List the site's host names."))
    if config.get("PREFERRED_URL_SCHEME") != "https":
        found.append(Finding("PREFERRED_URL_SCHEME", "not https: a public site is served over "
                                                     "TLS (see deploy/nginx.conf); set https."))
    elif not config.get("SESSION_COOKIE_SECURE"):
        found.append(Finding("SESSION_COOKIE_SECURE", "off under HTTPS: the staff session "
                                                      "cookie would also go over plain HTTP."))
    if config.get("PROXIES") is None:
        found.append(Finding("PORTAL_PROXIES", "not set: behind nginx set 1 (the client "
                                               "addresses the rate limits and the audit log use "
                                               "come from it); with no proxy in front set 0."))
    workers = config.get("WORKERS")
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://") and workers != 1:
        found.append(Finding("REDIS_URL", "not set, so failed-login limits are counted in each "
                                          "worker's memory: with several workers an attacker "
                                          "gets several times the limit. Set REDIS_URL (or "
                                          "PORTAL_WORKERS=1 for a single worker)."))
    database = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if database.startswith("sqlite"):
        path = Path(database.split("///", 1)[-1]) if "///" in database else None
        servers = config.get("SERVERS")
        # Several servers say so, or (unsaid) Redis suggests it: it is what they share.
        if (servers or 0) > 1 or (servers is None and config.get("REDIS_URL")):
            found.append(Finding("DATABASE_URL", "SQLite with several app servers: each would "
                                                 "write its own file, or lock a shared one. Use "
                                                 "PostgreSQL; on one machine (with Redis for "
                                                 "its workers) say PORTAL_SERVERS=1."))
        elif path is not None and _filesystem(path.parent) in NETWORK_FILESYSTEMS:
            found.append(Finding("DATABASE_URL", "SQLite on a network filesystem: its locking "
                                                 "does not work there. Keep it on a local disk, "
                                                 "or use PostgreSQL."))
    media = Path(str(config.get("MEDIA_ROOT", ""))).resolve()
    instance = Path(instance_path).resolve() if instance_path else None
    if _inside(media, CODE) and not (instance and _inside(media, instance)):
        found.append(Finding("MEDIA_ROOT", f"{media} is inside the code: an upload could "
                                           "overwrite it or be served as code. Put it in the "
                                           "instance folder or on its own volume."))
    if config.get("MAIL_SMTP_HOST") and not config.get("TRUSTED_HOSTS"):
        found.append(Finding("PORTAL_SMTP_HOST", "mail is sent but TRUSTED_HOSTS is not set: a "
                                                 "password reset link could be made to point at "
                                                 "another site."))
    return found
