"""The staff side under ``/staff/``: login, dashboard, users; content packages add their editors.

Its interface language is the logged-in user's preference (Polish by default).
"""

from __future__ import annotations

from flask import Blueprint, g
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
