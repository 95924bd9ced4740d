"""Response headers every page carries, and the helpers that keep requests safe."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, abort
from flask_login import current_user, login_required


def _argon2_parameters() -> dict[str, int]:
    """Argon2id's cost: the library's recommended parameters unless the environment says."""
    names = {"time_cost": "PORTAL_ARGON2_TIME_COST", "memory_cost": "PORTAL_ARGON2_MEMORY_KIB",
             "parallelism": "PORTAL_ARGON2_PARALLELISM"}
    return {name: int(os.environ[var]) for name, var in names.items() if os.environ.get(var)}


_hasher = PasswordHasher(**_argon2_parameters())
# Long passphrases beat composition rules; the upper bound keeps hashing cost bounded.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
# Verified against when the email is unknown, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Check a password in constant-ish time, whether or not the account exists."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def require_role(*roles: str) -> Callable:
    """Logged in, and in one of ``roles``; otherwise the login page or a 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


def init_app(app: Flask) -> None:
    app.after_request(set_headers)
