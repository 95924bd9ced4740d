"""Settings, read from the environment with embedded defaults (twelve-factor).

Nothing secret lives in the repository: ``SECRET_KEY`` comes from the environment or is
generated once into the instance folder, readable by its owner only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from . import deploy_checks

ROOT = Path(__file__).resolve().parent.parent



def _languages(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in value.split(",") if code.strip())
    if not codes or codes[0] != "pl":
        raise RuntimeError("PORTAL_LANGUAGES must start with 'pl', the source language")
    return codes


def _secret_key(instance_path: Path) -> str:
    """The key from the environment, else one generated once into the instance folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def _flag(value: str | None, default: bool) -> bool:
    if value is None or not value.strip():
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise RuntimeError(f"Not a yes/no setting: {value!r} (use 1 or 0)")


def _mail(instance_path: Path) -> dict:
    """The SMTP server the portal sends mail through; with no host, mail goes to the log.

    The password comes from the environment or, to keep it out of the process's environment,
    from the file ``smtp_password`` in the instance folder.
    """
    env = os.environ.get
    use_ssl = _flag(env("PORTAL_SMTP_SSL"), False)
    starttls = _flag(env("PORTAL_SMTP_STARTTLS"), not use_ssl)
    if use_ssl and starttls:
        raise RuntimeError("Set PORTAL_SMTP_SSL or PORTAL_SMTP_STARTTLS, not both")
    password = env("PORTAL_SMTP_PASSWORD")
    password_file = instance_path / "smtp_password"
    if password is None and password_file.exists():
        password = password_file.read_text().strip()
    default_port = 465 if use_ssl else 587 if starttls else 25
    return {
        "MAIL_SMTP_HOST": env("PORTAL_SMTP_HOST", ""),
        "MAIL_SMTP_PORT": int(env("PORTAL_SMTP_PORT") or default_port),
        "MAIL_SMTP_USER": env("PORTAL_SMTP_USER", ""),
        "MAIL_SMTP_PASSWORD": password or "",
        "MAIL_SMTP_SSL": use_ssl,
        "MAIL_SMTP_STARTTLS": starttls,
        "MAIL_SMTP_TIMEOUT": int(env("PORTAL_SMTP_TIMEOUT", "30")),
        "MAIL_FROM": env("PORTAL_MAIL_FROM", "noreply@localhost"),
    }


def load(instance_path: Path) -> dict:
    """Every setting the portal reads, resolved for this process."""
    env = os.environ.get
    database_url = env("DATABASE_URL") or f"sqlite:///{instance_path / 'portal.sqlite3'}"
    if database_url.startswith("postgresql://"):
        # psycopg 3 is the PostgreSQL driver we ship.
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    config = {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # SQLite: how long a write waits for another's lock, in milliseconds (below the app
        # server's 30 s timeout).
        "SQLITE_BUSY_TIMEOUT_MS": int(env("PORTAL_SQLITE_BUSY_TIMEOUT_MS", "15000")),
        "REDIS_URL": env("REDIS_URL", ""),
        "RATELIMIT_STORAGE_URI": env("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": False,
        # Redis down: limits are counted in this worker's memory meanwhile (logged once, by
        # Flask-Limiter), rather than every login failing; a hung Redis costs at most 0.5 s.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        "MEDIA_ROOT": env("MEDIA_ROOT") or str(instance_path / "media"),
        "PORTAL_LANGUAGES": _languages(env("PORTAL_LANGUAGES", "pl,en,uk")),
        # The share (percent) of the interface an enabled language's catalog must translate,
        # or the app refuses to start (its readers would get English in between).
        "CATALOG_MIN_COMPLETE": float(env("PORTAL_CATALOG_MIN_COMPLETE", "95")),
        "TRUSTED_HOSTS": [h for h in env("TRUSTED_HOSTS", "").split(",") if h] or None,
        "PREFERRED_URL_SCHEME": env("PREFERRED_URL_SCHEME", "http"),
        "SITE_NAME": env("PORTAL_SITE_NAME", ""),
        # The centre's Public Information Bulletin, linked with its logo from every page.
        "BIP_URL": env("PORTAL_BIP_URL", "https://www.gov.pl/web/bip"),
        "BABEL_DEFAULT_LOCALE": "pl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Warsaw",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        # Review before publishing: editors submit, a publisher or an administrator approves.
        "PORTAL_REVIEW_REQUIRED": env("PORTAL_REVIEW_REQUIRED", "").lower() in ("1", "true", "yes",
                                                                                "on"),
        "NEWS_PER_PAGE": int(env("PORTAL_NEWS_PER_PAGE", "10")),
        # The news list's pages reach this many articles (newest first); older ones are found
        # by the search, the feed and the sitemap. Its count and pages stay as quick however
        # many articles there are.
        "NEWS_LIST_MAX": int(env("PORTAL_NEWS_LIST_MAX", "1000")),
        "MAX_QUERY_STRING": 2048,
        # Uploads: the whole request (several photos at once), answered with a friendly 413.
        "PORTAL_MAX_UPLOAD_MB": int(env("PORTAL_MAX_UPLOAD_MB", "20")),
        "MAX_CONTENT_LENGTH": int(env("PORTAL_MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        # A long article body and a large gallery's fields fit (Werkzeug's defaults are smaller).
        "MAX_FORM_MEMORY_SIZE": 4 * 1024 * 1024,
        "MAX_FORM_PARTS": 5000,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env("PREFERRED_URL_SCHEME", "http") == "https",
        "PORTAL_ENV": env("PORTAL_ENV", "development"),
        # Readers' pages kept as rendered for anonymous readers (portal/page_cache.py): on by
        # default in production; kept at most this many seconds (content changes end it sooner).
        "PAGE_CACHE": _flag(env("PORTAL_PAGE_CACHE"), env("PORTAL_ENV") == "production"),
        "PAGE_CACHE_TTL": int(env("PORTAL_PAGE_CACHE_TTL", "300")),
        "PAGE_CACHE_PREFIX": env("PORTAL_PAGE_CACHE_PREFIX", "portal:page-cache:"),
        # A staff login ends after this long without a request, and after this long in any case.
        "SESSION_IDLE_MINUTES": int(env("PORTAL_SESSION_IDLE_MINUTES", "60")),
        "SESSION_MAX_HOURS": int(env("PORTAL_SESSION_MAX_HOURS", "12")),
        # One line per request in the log: "text" (key=value) or "json" (for a log collector).
        "LOG_FORMAT": env("PORTAL_LOG_FORMAT", "text"),
        # Failed staff logins allowed per client address and per account (Flask-Limiter syntax).
        "STAFF_LOGIN_LIMIT_PER_IP": env("PORTAL_LOGIN_LIMIT_PER_IP", "10 per minute;50 per hour"),
        "STAFF_LOGIN_LIMIT_PER_ACCOUNT": env("PORTAL_LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes"),
        # How long an invitation's set-password link works, in seconds (a week).
        "STAFF_LINK_MAX_AGE": int(env("PORTAL_LINK_MAX_AGE", str(7 * 24 * 3600))),
        # Forgotten passwords: how long the link sent by mail works (an hour), and how many
        # requests one client address and one email address may make.
        "STAFF_RESET_LINK_MAX_AGE": int(env("PORTAL_RESET_LINK_MAX_AGE", "3600")),
        "STAFF_RESET_LIMIT_PER_IP": env("PORTAL_RESET_LIMIT_PER_IP", "10 per hour"),
        "STAFF_RESET_LIMIT_PER_ACCOUNT": env("PORTAL_RESET_LIMIT_PER_ACCOUNT", "3 per hour"),
        **_mail(instance_path),
        # How many proxies (nginx …) stand in front: their X-Forwarded-* headers are trusted.
        # None when unset: `flask check-deploy` asks for it to be said, even if it is 0.
        "PROXIES": int(env("PORTAL_PROXIES")) if env("PORTAL_PROXIES") else None,
        # The app server's workers per machine, when the operator says (PORTAL_WORKERS=1 lets
        # failed-login limits live in memory); None: assume several, as deploy/ runs.
        "WORKERS": int(env("PORTAL_WORKERS")) if env("PORTAL_WORKERS") else None,
        # How many app servers (machines) run this site; None: unsaid. SQLite is for one.
        "SERVERS": int(env("PORTAL_SERVERS")) if env("PORTAL_SERVERS") else None,
    }
    return config


def check_production(config: dict, debug: bool, instance_path: str | None = None) -> None:
    """Refuse to start a production instance that is unsafe to expose (``deploy_checks``)."""
    if config.get("PORTAL_ENV") != "production":
        return
    found = deploy_checks.findings(config, debug, instance_path)
    if found:
        raise RuntimeError(
            "Refusing to run in production (see `flask check-deploy`):\n  "
            + "\n  ".join(map(str, found))
        )
