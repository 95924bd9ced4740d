"""A staff member's own account: interface language, password, and the set-password link."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import audit, i18n
from ..extensions import db, limiter
from ..security import verify_password
from . import bp, sessions, tokens
from .expired import keeps_typed_text
from .forms import PASSWORD_HINT, ROLE_LABELS, AccountForm, ChangePasswordForm, SetPasswordForm


def language_choices() -> list[tuple[str, str]]:
    return [(code, i18n.language_name(code)) for code in i18n.enabled()]


@bp.route("/account", methods=["GET", "POST"])
@keeps_typed_text(form=AccountForm)
@login_required
def account():
    user = current_user._get_current_object()
    form = AccountForm(obj=user)
    form.language.choices = language_choices()
    if form.validate_on_submit():
        if form.language.data != user.language:
            audit.record("account", target=user, language=form.language.data)
        form.populate_obj(user)
        db.session.commit()
        i18n.use_language(user.language)  # the message comes in the language just chosen
        flash(_("Your settings have been saved."), "success")
        return redirect(url_for("staff.account"))
    return render_template(
        "staff/account.html", form=form, heading=_("My account"), role_labels=ROLE_LABELS
    )


def _password_failed(response) -> bool:
    return response.status_code != 302


def _password_key() -> str:
    return f"password:{current_user.get_id()}"


@bp.route("/account/password", methods=["GET", "POST"])
@keeps_typed_text(form=ChangePasswordForm)
@login_required
@limiter.limit(
    "5 per 15 minutes",
    key_func=_password_key,
    methods=["POST"],
    deduct_when=_password_failed,
    scope="staff-password",
)
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("Your current password is not correct."))
        else:
            user.set_password(form.password.data)  # ends every session, this one included
            audit.record("password_change", target=user)
            db.session.commit()
            sessions.start(user)  # ... so this browser starts a new one
            flash(
                _("Your password has been changed. You have been logged out everywhere else."),
                "success",
            )
            return redirect(url_for("staff.account"))
    return render_template(
        "staff/password.html",
        form=form,
        heading=_("Change your password"),
        password_hint=PASSWORD_HINT,
    )


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@keeps_typed_text(anonymous=True, form=SetPasswordForm)
def set_password(token: str):
    """Where an invited user (or one given a new link) chooses a password."""
    user = tokens.user_from_token(token)
    if user is None:
        response = render_template(
            "staff/message.html",
            heading=_("This link cannot be used"),
            message=_(
                "The link has expired, has already been used, or was replaced by a newer one. "
                "You can ask for a new link by email, or ask an administrator for one."
            ),
            link=(url_for("staff.forgot_password"), _("Ask for a new link")),
        )
        return response, 404, {"Referrer-Policy": "no-referrer"}
    form = SetPasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        audit.record("password_set", target=user, user=user)
        db.session.commit()
        flash(_("Your password has been set. You can now log in."), "success")
        return redirect(url_for("staff.login"))
    response = render_template(
        "staff/set_password.html",
        form=form,
        heading=_("Choose your password"),
        user=user,
        password_hint=PASSWORD_HINT,
    )
    return response, 200, {"Referrer-Policy": "no-referrer"}
