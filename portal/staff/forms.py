"""Forms of the staff accounts: logging in, passwords, inviting and changing users."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..forms import BaseForm
from ..security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from .models import Role, User

ROLE_LABELS = {
    Role.ADMIN.value: _l("Administrator"),
    Role.EDITOR.value: _l("Editor"),
    Role.PUBLISHER.value: _l("Publisher"),
    Role.TRANSLATOR.value: _l("Translator"),
}

ROLE_HINT = _l(
    "An editor writes, publishes and deletes content in every language. A translator translates "
    "into languages other than Polish and cannot publish or delete. A publisher is an editor who "
    "also approves what others submit for review, where the site requires a review before "
    "publishing. An administrator can also manage users."
)


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, ROLE_LABELS[role.value]) for role in Role]


def _email_field(label=None, **kwargs) -> EmailField:
    return EmailField(
        label or _l("Email address"),
        validators=[
            DataRequired(_l("Enter an email address.")),
            Email(_l("Enter an email address like name@example.pl.")),
            Length(max=254, message=_l("The email address must be 254 characters or fewer.")),
        ],
        **kwargs,
    )


class LoginForm(BaseForm):
    csrf_failed_message = _l("The login page was open for too long. Please log in again.")

    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Enter your email address.")),
            Email(_l("Enter an email address like name@example.pl.")),
            Length(max=254),
        ],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class ForgotPasswordForm(BaseForm):
    """Someone who forgot their password asks for a link by mail."""

    csrf_failed_message = _l(
        "The page was open for too long, so no link was sent. Check your email address and "
        "send the form again."
    )

    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Enter the email address of your staff account.")),
            Email(_l("Enter an email address like name@example.pl.")),
            Length(max=254, message=_l("The email address must be 254 characters or fewer.")),
        ],
        render_kw={"autocomplete": "username"},
    )


def _new_password_fields(cls):
    """Add the "new password" and "repeat it" fields (a password is never stripped)."""
    cls.password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Enter a new password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l("The new password must be between %(min)d and %(max)d characters long."),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    cls.confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(_l("Repeat the new password.")),
            EqualTo("password", _l("The two passwords are not the same. Type them again.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return cls


PASSWORD_HINT = _l(
    "At least 12 characters. A few unrelated words are easy to remember and hard to guess."
)


@_new_password_fields
class SetPasswordForm(BaseForm):
    csrf_failed_message = _l(
        "The page was open for too long, so your password was not set. Type it again."
    )


@_new_password_fields
class ChangePasswordForm(BaseForm):
    csrf_failed_message = _l(
        "The page was open for too long, so your password was not changed. Type it again."
    )

    current_password = PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Enter your current password.")),
            Length(max=MAX_PASSWORD_LENGTH),
        ],
        render_kw={"autocomplete": "current-password"},
    )


def _language_field() -> SelectField:
    """Choices are the enabled languages, set by the view."""
    return SelectField(
        _l("Language of the staff pages"),
        validators=[DataRequired(_l("Choose a language."))],
    )


def _name_field() -> StringField:
    return StringField(
        _l("Full name"),
        validators=[
            DataRequired(_l("Enter the person's full name.")),
            Length(max=200, message=_l("The name must be 200 characters or fewer.")),
        ],
        render_kw={"autocomplete": "off"},
    )


def _role_field() -> SelectField:
    return SelectField(
        _l("Role"), choices=role_choices, validators=[DataRequired(_l("Choose a role."))]
    )


class AccountForm(BaseForm):
    language = _language_field()


class UserForm(BaseForm):
    """An administrator changes a user's name and role."""

    name = _name_field()
    role = _role_field()


class InviteForm(BaseForm):
    """An administrator invites a new member of staff."""

    name = _name_field()
    email = _email_field(render_kw={"autocomplete": "off"})
    role = _role_field()
    language = _language_field()

    def validate_email(self, field) -> None:
        if User.by_email(field.data or ""):
            raise ValidationError(_("There is already an account with this email address."))


class AuditFilterForm(BaseForm):
    """The filters of the audit log: sent by GET, so no CSRF token."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validate_choice=False)
    user = SelectField(_l("User"), validate_choice=False)
