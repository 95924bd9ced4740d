"""Set-password links: signed, expiring, and good for one use.

A link carries the user's id and session version. Setting the password bumps the version, and so
does making a new invitation link, deactivating the user or ending their sessions: each voids
older links.

Two kinds of link lead to the same page: the one an administrator makes and passes on (an
invitation, or a new link for someone locked out), which lasts a week, and the one a staff
member asks for by mail when they forgot their password, which lasts an hour. They are signed
with different salts, so neither can pass for the other.
"""

from __future__ import annotations

from flask import current_app, url_for
from itsdangerous import BadData, URLSafeTimedSerializer

from ..extensions import db
from .models import User

SALT = "staff.set-password"
RESET_SALT = "staff.reset-password"
DEFAULT_MAX_AGE = 7 * 24 * 3600  # a week: time enough to pass a link on and use it
DEFAULT_RESET_MAX_AGE = 3600  # an hour: the mail arrives at once, and a mailbox can be read


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=salt)


def max_age() -> int:
    return int(current_app.config.get("STAFF_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def reset_max_age() -> int:
    return int(current_app.config.get("STAFF_RESET_LINK_MAX_AGE", DEFAULT_RESET_MAX_AGE))


def password_link(user: User) -> str:
    """A new absolute set-password link for ``user``; call ``user.end_sessions()`` first."""
    token = _serializer(SALT).dumps([user.id, user.session_version])
    return url_for("staff.set_password", token=token, _external=True)


def reset_link(user: User) -> str:
    """An absolute link to set a new password, for a mail to ``user``.

    Asking for it bumps nothing: anyone may ask for anyone's link, and asking must neither log
    the user out nor void a link they already have. The first link used voids the others.
    """
    token = _serializer(RESET_SALT).dumps([user.id, user.session_version])
    return url_for("staff.set_password", token=token, _external=True)


def _payload(token: str) -> object:
    for salt, age in ((SALT, max_age()), (RESET_SALT, reset_max_age())):
        try:
            return _serializer(salt).loads(token, max_age=age)
        except (BadData, TypeError, ValueError):
            continue
    return None


def user_from_token(token: str) -> User | None:
    """The user a link is for, or None if it is forged, expired, used or replaced."""
    payload = _payload(token)
    if not isinstance(payload, list) or len(payload) != 2:
        return None
    user_id, version = payload
    if not isinstance(user_id, int) or not isinstance(version, int):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user
