"""Forgotten passwords: a set-password link, by mail, to the owner of an address.

Whoever asks sees the same confirmation whether or not the address belongs to an active account,
after the same work (a look-up, an audit event, a commit): the mail itself leaves on a thread of
its own (``portal.mail``), so neither the page nor its timing tells which addresses have
accounts. Requests are limited per client address and per email address, and each is audited.
The link is the set-password page's (``tokens.reset_link``): it works once, for an hour.
"""

from __future__ import annotations

from email.message import EmailMessage

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import audit, i18n, mail
from ..content import SOURCE_LANGUAGE, utcnow
from ..extensions import db, limiter
from . import bp, tokens
from .expired import keeps_typed_text
from .forms import ForgotPasswordForm
from .models import User

DEFAULT_LIMIT_PER_IP = "10 per hour"
DEFAULT_LIMIT_PER_ACCOUNT = "3 per hour"
MAIL_TEMPLATE = "staff/mail/password_reset.txt"
# The address just asked about, shown on the confirmation so that a typo can be noticed.
ASKED_KEY = "staff_reset_email"


def _asked(response) -> bool:
    """Only requests that passed the form's checks count towards the limits."""
    return response.status_code == 302


def _limit_per_ip() -> str:
    return current_app.config.get("STAFF_RESET_LIMIT_PER_IP", DEFAULT_LIMIT_PER_IP)


def _limit_per_account() -> str:
    return current_app.config.get("STAFF_RESET_LIMIT_PER_ACCOUNT", DEFAULT_LIMIT_PER_ACCOUNT)


def _account_key() -> str:
    # The address as typed, whether or not it has an account: the limit tells nothing either.
    return "reset:" + User.normalize_email(request.form.get("email", ""))[:254]


def link_validity() -> str:
    """How long a link works, as a sentence of the current language."""
    seconds = tokens.reset_max_age()
    # TRANSLATORS: On the page saying a link was sent, and in the mail with the link.
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext(
            "The link works once, within %(num)d hour.",
            "The link works once, within %(num)d hours.",
            hours,
        )
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "The link works once, within %(num)d minute.",
        "The link works once, within %(num)d minutes.",
        minutes,
    )


def reset_mail(user: User) -> EmailMessage:
    """The mail with a new link, in the user's own language (their staff pages' one)."""
    lang = user.language if user.language in i18n.enabled() else SOURCE_LANGUAGE
    link = tokens.reset_link(user)
    with i18n.in_language(lang):
        context = {"user": user, "link": link, "asked_at": utcnow(), "validity": link_validity()}
        # One rendering gives the text and the template's `subject` macro.
        rendered = current_app.jinja_env.get_template(MAIL_TEMPLATE).make_module(context)
        subject = " ".join(rendered.subject().split())
        body = str(rendered).strip() + "\n"
    return mail.message(user.email, subject, body)


@bp.route("/forgot-password", methods=["GET", "POST"])
@keeps_typed_text(anonymous=True, form=ForgotPasswordForm)
@limiter.limit(_limit_per_ip, methods=["POST"], deduct_when=_asked, scope="staff-reset-ip")
@limiter.limit(
    _limit_per_account,
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_asked,
    scope="staff-reset-account",
)
def forgot_password():
    if current_user.is_authenticated:
        return redirect(url_for("staff.change_password"))
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = User.normalize_email(form.email.data)
        user = User.by_email(email)
        # Deactivated accounts get nothing; invited ones (no password yet) get a new link.
        found = user if user is not None and user.active else None
        message = reset_mail(found) if found else None
        audit.record("password_reset_request", target=user, email=email, sent=bool(found))
        db.session.commit()
        if message is not None:
            mail.send(message)
        session[ASKED_KEY] = email
        return redirect(url_for("staff.forgot_password_sent"))
    return render_template(
        "staff/forgot_password.html", form=form, heading=_("Forgot your password?")
    )


@bp.get("/forgot-password/sent")
def forgot_password_sent():
    """The one answer to every request, whether a mail went out or not."""
    return render_template(
        "staff/forgot_password_sent.html",
        heading=_("Check your email"),
        email=session.get(ASKED_KEY),
        validity=link_validity(),
    )
