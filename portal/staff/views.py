"""Logging in and out, and the dashboard."""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from .. import audit, i18n
from ..content import utcnow
from ..database import begin_write
from ..extensions import db, limiter, login_manager
from ..security import hash_password, needs_rehash, verify_password
from . import bp, sessions, staff_language
from .dashboard import overview
from .expired import keeps_typed_text
from .forms import LoginForm
from .models import User

# Failed logins are limited per address and per account; a success costs nothing, so an office
# of many people behind one address can all log in at nine o'clock.
DEFAULT_LOGIN_LIMIT_PER_IP = "10 per minute;50 per hour"
DEFAULT_LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    return User.from_session_id(session_id)


def _login_failed(response) -> bool:
    return response.status_code != 302


def _login_limit_per_ip() -> str:
    return current_app.config.get("STAFF_LOGIN_LIMIT_PER_IP", DEFAULT_LOGIN_LIMIT_PER_IP)


def _login_limit_per_account() -> str:
    return current_app.config.get("STAFF_LOGIN_LIMIT_PER_ACCOUNT", DEFAULT_LOGIN_LIMIT_PER_ACCOUNT)


def _account_key() -> str:
    return "account:" + User.normalize_email(request.form.get("email", ""))[:254]


@bp.route("/login", methods=["GET", "POST"])
@keeps_typed_text(anonymous=True, form=LoginForm)
@limiter.limit(_login_limit_per_ip, methods=["POST"], deduct_when=_login_failed)
@limiter.limit(
    _login_limit_per_account,
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_login_failed,
    scope="staff-login-account",
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        # Unknown, deactivated and invited-but-unset accounts verify against a dummy hash, so
        # they take as long as a wrong password and get the same answer.
        stored = user.password_hash if user and user.active else ""
        correct = verify_password(stored, form.password.data)
        begin_write()  # the write lock after the slow password check, not during it
        if correct:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(form.password.data)
            user.last_login_at = utcnow()
            audit.record("login", user=user)
            db.session.commit()
            target = i18n.safe_next(request.args.get("next"), url_for("staff.dashboard"))
            session.clear()  # no session fixation: a fresh session for the new login
            sessions.start(user)
            return redirect(target)
        audit.record("login_failed", user=user, email=form.email.data.lower()[:254])
        db.session.commit()
        # The same words whether the email is unknown or the password wrong.
        form.form_errors.append(_("The email address or password is not correct."))
    return render_template("staff/login.html", form=form, heading=_("Log in"))


@bp.errorhandler(429)
def too_many_attempts(error):
    if request.endpoint == "staff.forgot_password":
        message = _(
            "There have been too many requests for a new password. To keep the accounts safe, "
            "no more links are sent for a while. Please try again in an hour, or ask an "
            "administrator for a link."
        )
    else:
        message = _(
            "There have been too many unsuccessful attempts to log in. To keep the accounts "
            "safe, logging in is paused for a while. Please try again in 15 minutes."
        )
    return (
        render_template(
            "staff/message.html",
            heading=_("Too many attempts"),
            message=message,
            link=(url_for("staff.login"), _("Go to the login page")),
        ),
        429,
    )


@bp.errorhandler(413)
def too_large(error):
    """A staff form sent with more than the upload limit: a staff page, and the way back."""
    # Reading the too large form stopped the request before the staff side chose its language.
    staff_language()
    i18n.use_language(g.lang)
    return (
        render_template(
            "staff/message.html",
            heading=_("The files are too large"),
            message=_(
                "What you sent is larger than we accept: at most %(size)s MB at once. Nothing "
                "has been saved. Go back to the form with your browser's Back button (what you "
                "typed is still there), then choose fewer or smaller files.",
                size=current_app.config.get("PORTAL_MAX_UPLOAD_MB", 20),
            ),
            link=(request.path, _("Open the form again (without what you typed)")),
        ),
        413,
    )


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
    return overview()
