"""How long a staff login lasts: an idle limit and an absolute one, both from the environment.

A login is stamped when it starts and each time it is used (at most once a minute, so the cookie
is not rewritten on every request). A session past either limit is emptied before the CSRF
check: a form sent from it then takes the "session ended" path that shows what was typed
(``expired.py``), and a page asks to log in again saying why. The signed cookie itself is
refused by Flask past the absolute limit (``PERMANENT_SESSION_LIFETIME``), so a copied cookie
does not outlive it either.
"""

from __future__ import annotations

import time

from flask import Flask, current_app, g, session
from flask_babel import ngettext
from flask_login import login_user

LOGIN_AT = "login_at"
SEEN_AT = "seen_at"


def _now() -> int:
    return int(time.time())


def start(user) -> None:
    """Log ``user`` in for a fresh session, stamped now."""
    login_user(user)
    now = _now()
    session[LOGIN_AT] = session[SEEN_AT] = now


def _limits() -> tuple[int, int]:
    config = current_app.config
    return config["SESSION_IDLE_MINUTES"] * 60, config["SESSION_MAX_HOURS"] * 3600


def _end_expired() -> None:
    if "_user_id" not in session:
        return
    idle, longest = _limits()
    now = _now()
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        reason = "unstamped"
    elif now - login_at > longest:
        reason = "longest"
    elif now - seen_at > idle:
        reason = "idle"
    else:
        if now - seen_at >= 60:
            session[SEEN_AT] = now
        return
    session.clear()
    g.session_ended = reason


def login_message(message) -> str:
    """The words on the login page after a redirect: why the session ended, when it did.

    Worded here, not when the session is emptied: only now is the page's language known."""
    reason = g.pop("session_ended", None)
    config = current_app.config
    if reason == "longest":
        return ngettext(
            "You have been logged out: a login lasts at most %(num)d hour.",
            "You have been logged out: a login lasts at most %(num)d hours.",
            config["SESSION_MAX_HOURS"],
        )
    if reason == "idle":
        return ngettext(
            "You have been logged out after %(num)d minute without activity.",
            "You have been logged out after %(num)d minutes without activity.",
            config["SESSION_IDLE_MINUTES"],
        )
    return str(message)


def init_app(app: Flask) -> None:
    """Call before the CSRF protection is set up: its check must see the emptied session."""
    app.config.setdefault("SESSION_IDLE_MINUTES", 60)
    app.config.setdefault("SESSION_MAX_HOURS", 12)
    app.permanent_session_lifetime = app.config["SESSION_MAX_HOURS"] * 3600
    app.before_request(_end_expired)
