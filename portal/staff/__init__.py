"""The staff side under ``/staff/``: login, dashboard, users, audit log, translations.

Before logging in, its interface language is the browser's (the language links of the login
page save a choice in the readers' language cookie).

Its interface language is the logged-in user's preference (Polish by default). Content packages
add their staff pages (the editor's, the accessibility statement's) with :func:`add_page` from
their ``init_app``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Blueprint, Flask, g
from flask_login import current_user

from .. import i18n

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_language() -> None:
    if current_user.is_authenticated and current_user.language in i18n.enabled():
        g.lang = current_user.language
    else:
        g.lang = i18n.negotiate()


@bp.after_request
def never_cache(response):
    """Staff pages carry private data: no shared cache may keep them."""
    response.cache_control.no_store = True
    response.cache_control.private = True
    return response


def add_page(app: Flask, rule: str, view: Callable, name: str,
             methods: Iterable[str] = ("GET",)) -> None:
    """Add a content package's staff page at ``/staff<rule>``, endpoint ``staff.<name>``.

    It joins the staff blueprint's name space, so the hooks above (interface language, no
    caching) and the session-ended page apply to it as to every staff page.
    """
    app.add_url_rule(bp.url_prefix + rule, endpoint=f"staff.{name}", view_func=view,
                     methods=list(methods))


# The staff pages of this package, on its blueprint (as microblog's blueprint packages import
# their routes): login and dashboard, account, forgotten passwords, users, audit log, translations.
from . import account, audit_log, bulk, reset, translations, users, views  # noqa: E402, F401
