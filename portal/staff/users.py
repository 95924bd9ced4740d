"""Administrators manage staff accounts: invite, change name and role, deactivate, reactivate.

Every change is written to the audit log in the same commit. There is always at least one active
administrator: the last one can be neither demoted nor deactivated.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..extensions import db
from ..security import require_role
from . import bp, tokens
from .account import language_choices
from .expired import keeps_typed_text
from .forms import ROLE_HINT, ROLE_LABELS, InviteForm, UserForm
from .listing import Column, Listing
from .models import Role, User

admin_only = require_role(Role.ADMIN.value)

# The set-password link is shown once, on the page the administrator lands on after making it.
LINK_KEY = "staff_new_link"


def _show_link_once(user: User) -> None:
    session[LINK_KEY] = {"user_id": user.id, "url": tokens.password_link(user)}


def _take_link(user: User) -> str | None:
    data = session.pop(LINK_KEY, None)
    return data["url"] if data and data.get("user_id") == user.id else None


# The users list's sortable columns (name first; the last login newest first).
USER_COLUMNS = (
    Column("name", (User.name, User.email)),
    Column("email", (User.email,)),
    Column("role", (User.role, User.name, User.email)),
    Column("login", (User.last_login_at, User.name), newest_first=True),
)


@bp.get("/users")
@admin_only
def users():
    listing = Listing("staff.users", USER_COLUMNS, default="name")
    query = listing.search(sa.select(User), User.name, User.email)
    pagination = listing.paginate(listing.order(query))
    return render_template(
        "staff/users/list.html",
        heading=_("Users"),
        users=pagination.items,
        pagination=pagination,
        listing=listing,
        role_labels=ROLE_LABELS,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@keeps_typed_text(form=InviteForm)
@admin_only
def invite_user():
    form = InviteForm(language="pl", role="editor")
    form.language.choices = language_choices()
    if form.validate_on_submit():
        user = User(
            name=form.name.data,
            email=User.normalize_email(form.email.data),
            role=form.role.data,
            language=form.language.data,
            password_hash="",  # cannot log in until the invitee sets a password
        )
        db.session.add(user)
        db.session.flush()
        audit.record("user_create", target=user, email=user.email, role=user.role)
        db.session.commit()
        _show_link_once(user)
        flash(_("The account has been created. Pass the link below on to its owner."), "success")
        return redirect(url_for("staff.edit_user", user_id=user.id))
    return render_template(
        "staff/users/new.html", form=form, heading=_("Invite a user"), role_hint=ROLE_HINT
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@keeps_typed_text(form=UserForm)
@admin_only
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit():
        if form.role.data != user.role and user.is_last_admin():
            form.role.errors.append(
                _(
                    "There must always be an active administrator. Make someone else an "
                    "administrator before changing this role."
                )
            )
        else:
            if form.role.data != user.role:
                audit.record("user_role", target=user, old=user.role, new=form.role.data)
            if form.name.data != user.name:
                audit.record("user_name", target=user, old=user.name, new=form.name.data)
            form.populate_obj(user)
            db.session.commit()
            flash(_("The changes have been saved."), "success")
            if not current_user.has_role(Role.ADMIN.value):  # they demoted themselves
                return redirect(url_for("staff.dashboard"))
            return redirect(url_for("staff.edit_user", user_id=user.id))
    return render_template(
        "staff/users/edit.html",
        form=form,
        user=user,
        heading=user.name,
        role_hint=ROLE_HINT,
        role_labels=ROLE_LABELS,
        new_link=_take_link(user),
        link_max_days=tokens.max_age() // 86400,
    )


@bp.post("/users/<int:user_id>/deactivate")
@admin_only
def deactivate_user(user_id: int):
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
    elif user.is_last_admin():
        flash(_("The last active administrator cannot be deactivated."), "error")
    elif user.active:
        user.active = False
        user.end_sessions()  # logged out everywhere, at once
        audit.record("user_deactivate", target=user)
        db.session.commit()
        flash(_("The account has been deactivated and all its sessions ended."), "success")
    return redirect(url_for("staff.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/activate")
@admin_only
def activate_user(user_id: int):
    user = db.get_or_404(User, user_id)
    if not user.active:
        user.active = True
        audit.record("user_activate", target=user)
        db.session.commit()
        flash(_("The account has been reactivated."), "success")
    return redirect(url_for("staff.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/link")
@admin_only
def new_password_link(user_id: int):
    """A new set-password link: voids older links and, for an existing password, every session."""
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        flash(_("Change your own password on the “My account” page."), "error")
        return redirect(url_for("staff.edit_user", user_id=user.id))
    if not user.active:
        flash(_("Reactivate the account before making a set-password link."), "error")
        return redirect(url_for("staff.edit_user", user_id=user.id))
    user.end_sessions()
    audit.record("user_link", target=user)
    db.session.commit()
    _show_link_once(user)
    flash(_("A new set-password link has been made. Older links no longer work."), "success")
    return redirect(url_for("staff.edit_user", user_id=user.id))
