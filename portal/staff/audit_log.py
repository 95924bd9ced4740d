"""The audit log page: who did what and when, newest first, filterable by action and user."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..audit import AuditEvent
from ..extensions import db
from ..security import require_role
from . import bp
from .forms import ROLE_LABELS, AuditFilterForm
from .listing import Column, Listing
from .models import Role, User

# Newest first; the heading's link turns it round.
AUDIT_COLUMNS = (Column("at", (AuditEvent.at, AuditEvent.id), newest_first=True),)

# What each action is called on the page; an action missing here is shown by its code.
ACTION_LABELS = {
    "login": _l("Logged in"),
    "login_failed": _l("Failed login"),
    "logout": _l("Logged out"),
    "password_set": _l("Set a password through a link"),
    "password_change": _l("Changed their password"),
    "password_reset_request": _l("Asked for a new password by email"),
    "account": _l("Changed their settings"),
    "user_create": _l("Invited a user"),
    "user_name": _l("Renamed a user"),
    "user_role": _l("Changed a user's role"),
    "user_deactivate": _l("Deactivated a user"),
    "user_activate": _l("Reactivated a user"),
    "user_link": _l("Made a set-password link"),
    "publish": _l("Published"),
    "unpublish": _l("Unpublished"),
    "delete": _l("Deleted"),
    "restore": _l("Restored"),
    "purge": _l("Deleted for good"),
    "create": _l("Created content"),
    "save": _l("Saved changes to content"),
    "revert": _l("Restored an earlier revision"),
    "import": _l("Applied an imported translation"),
    "publish_changes": _l("Published the changes of a draft"),
    "approve": _l("Approved and published"),
    "force_publish": _l("Published without review"),
    "draft_save": _l("Saved a draft of published content"),
    "draft_revert": _l("Put an earlier revision into a draft"),
    "draft_discard": _l("Discarded a draft"),
    "review_submit": _l("Submitted for review"),
    "review_return": _l("Sent back from review with a comment"),
    "review_done": _l("Reviewed content published without review"),
    "content_import": _l("Imported a content PO file"),
    "statement_update": _l("Changed the accessibility statement"),
    "redirect_add": _l("Added a redirect"),
    "redirect_delete": _l("Deleted a redirect"),
    "redirect_auto": _l("Kept an old address as a redirect"),
    "redirect_released": _l("Removed a redirect: its address is a page again"),
    "media_use": _l("Used a file of the media library"),
    "media_delete": _l("Deleted a file of the media library for good"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label else action


@bp.get("/audit")
@require_role(Role.ADMIN.value)
def audit_log():
    form = AuditFilterForm(formdata=request.args)
    recorded = db.session.scalars(sa.select(AuditEvent.action).distinct()).all()
    actions = sorted(set(ACTION_LABELS) | set(recorded), key=action_label)
    form.action.choices = [("", _("All actions"))] + [(a, action_label(a)) for a in actions]
    users = User.all_by_name()
    form.user.choices = [("", _("All users"))] + [(str(u.id), u.name) for u in users]

    query = sa.select(AuditEvent).outerjoin(User, AuditEvent.user_id == User.id)
    filters = {}
    if form.action.data in actions:
        query = query.where(AuditEvent.action == form.action.data)
        filters["action"] = form.action.data
    if form.user.data and form.user.data.isdigit():
        query = query.where(AuditEvent.user_id == int(form.user.data))
        filters["user"] = form.user.data
    listing = Listing("staff.audit_log", AUDIT_COLUMNS, default="at", keep=filters)
    # The search looks at who (name), what (the action's code), the details and the address.
    query = listing.search(query, User.name, AuditEvent.action,
                           sa.cast(AuditEvent.details, sa.Text), AuditEvent.ip)
    pagination = listing.paginate(listing.order(query))
    # The users an event is about, loaded at once rather than one by one.
    names = {u.id: u for u in users}
    return render_template(
        "staff/audit.html",
        heading=_("Audit log"),
        form=form,
        pagination=pagination,
        filters=filters,
        listing=listing,
        action_label=action_label,
        users_by_id=names,
        role_labels=ROLE_LABELS,
    )
