"""Set-password links: signed, expiring, and good for one use.

A link carries the user's id and session version. Setting the password bumps the version, and so
does making a new link, deactivating the user or ending their sessions: each voids older links.
No mail server is configured, so an administrator passes the link on.
"""

from __future__ import annotations

from flask import current_app, url_for
from itsdangerous import BadData, URLSafeTimedSerializer

from ..extensions import db
from .models import User

SALT = "staff.set-password"
DEFAULT_MAX_AGE = 7 * 24 * 3600  # a week: time enough to pass a link on and use it


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def max_age() -> int:
    return int(current_app.config.get("STAFF_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def password_link(user: User) -> str:
    """A new absolute set-password link for ``user``; call ``user.end_sessions()`` first."""
    token = _serializer().dumps([user.id, user.session_version])
    return url_for("staff.set_password", token=token, _external=True)


def user_from_token(token: str) -> User | None:
    """The user a link is for, or None if it is forged, expired, used or replaced."""
    try:
        user_id, version = _serializer().loads(token, max_age=max_age())
    except (BadData, TypeError, ValueError):
        return None
    if not isinstance(user_id, int) or not isinstance(version, int):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user
