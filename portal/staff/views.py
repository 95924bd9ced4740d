"""Logging in and out, and the dashboard."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import i18n
from ..content import utcnow
from ..extensions import db, login_manager
from ..security import hash_password, needs_rehash, verify_password
from . import audit, bp
from .forms import LoginForm
from .models import User


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    return User.from_session_id(session_id)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        stored = user.password_hash if user and user.active else ""
        if verify_password(stored, form.password.data):
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(form.password.data)
            user.last_login_at = utcnow()
            audit.record("login", user=user)
            db.session.commit()
            target = i18n.safe_next(request.args.get("next"), url_for("staff.dashboard"))
            session.clear()  # no session fixation: a fresh session for the new login
            login_user(user)
            return redirect(target)
        audit.record("login_failed", user=user, email=form.email.data.lower()[:254])
        db.session.commit()
        # The same words whether the email is unknown or the password wrong.
        form.form_errors.append(_("The email address or password is not correct."))
    return render_template("staff/login.html", form=form, heading=_("Log in"))


@bp.post("/logout")
@login_required
def logout():
    current_user.end_sessions()
    audit.record("logout")
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have been logged out."), "success")
    return redirect(url_for("staff.login"))


@bp.get("/")
@login_required
def dashboard():
    from .dashboard import overview

    return overview()
