"""Settings, read from the environment with embedded defaults (twelve-factor).

Nothing secret lives in the repository: ``SECRET_KEY`` comes from the environment or is
generated once into the instance folder, readable by its owner only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WEAK_KEYS = {"", "dev", "changeme", "secret", "development"}


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
        "REDIS_URL": env("REDIS_URL", ""),
        "RATELIMIT_STORAGE_URI": env("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": False,
        "MEDIA_ROOT": env("MEDIA_ROOT") or str(instance_path / "media"),
        "PORTAL_LANGUAGES": _languages(env("PORTAL_LANGUAGES", "pl,en,uk")),
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
        "PROXIES": int(env("PORTAL_PROXIES", "0")),
    }
    return config


def check_production(config: dict, debug: bool) -> None:
    """Refuse to start a production instance that is unsafe to expose."""
    if config.get("PORTAL_ENV") != "production":
        return
    if debug:
        raise RuntimeError("Refusing to run in production with debug on")
    key = config.get("SECRET_KEY", "")
    if key.lower() in WEAK_KEYS or len(key) < 32:
        raise RuntimeError("Refusing to run in production with a weak SECRET_KEY (use 32+ chars)")
    if config.get("MAIL_SMTP_HOST") and not config.get("TRUSTED_HOSTS"):
        # Links in mail are built from the request's host name: without a list of the host
        # names to trust, anyone could have a reset link point at a site of their own.
        raise RuntimeError("Refusing to send mail in production without TRUSTED_HOSTS")
