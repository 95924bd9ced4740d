"""Addresses that last: old addresses of items, and of the old site, lead on with a 301.

- :mod:`.automatic` keeps an item's old address when its slug changes (from the
  ``content-changed`` signal, and nothing else);
- :mod:`.views` answers a readers' request that would be "page not found" with its redirect;
- :mod:`.admin` administrators' list at ``/staff/redirects``: add their own, delete any.

``init_app`` connects the first to the app's signal, asks the 404 page to try the second, and
adds the administrators' pages to the staff side.
"""

from flask import Flask

from .. import errors, staff
from ..security import require_role
from ..service import content_changed
from ..staff.expired import keeps_typed_text
from ..staff.models import Role
from . import admin, automatic, views
from .forms import DeleteForm, RedirectForm
from .models import Redirect

__all__ = ["Redirect", "init_app"]


def init_app(app: Flask) -> None:
    content_changed.connect(automatic.keep_old_addresses, sender=app)
    errors.answer_not_found_with(app, views.answer)
    admins_only = require_role(Role.ADMIN.value)
    staff.add_page(app, "/redirects", admins_only(admin.redirect_list), "redirects")
    staff.add_page(app, "/redirects/new",
                   keeps_typed_text(form=RedirectForm)(admins_only(admin.redirect_new)),
                   "redirect_new", ["GET", "POST"])
    staff.add_page(app, "/redirects/<int:redirect_id>/delete",
                   keeps_typed_text(form=DeleteForm)(admins_only(admin.redirect_delete)),
                   "redirect_delete", ["GET", "POST"])
