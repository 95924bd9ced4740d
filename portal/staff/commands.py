"""``flask users …``: staff accounts from the command line.

The first administrator is made here; there is never a default account. A password is asked
twice without echo, or read from the first line of standard input with ``--password-stdin``.
"""

from __future__ import annotations

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import AppGroup

from .. import audit
from ..extensions import db
from ..security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hash_password
from .models import Role, User

users = AppGroup("users", help="Staff accounts: create, list, change role, deactivate.")

ROLES = click.Choice([role.value for role in Role])


def _checked_password(value: str) -> str:
    if not MIN_PASSWORD_LENGTH <= len(value) <= MAX_PASSWORD_LENGTH:
        raise click.UsageError(
            f"The password must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters long."
        )
    return value


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        try:
            return _checked_password(line)
        except click.UsageError as error:
            raise click.ClickException(error.message) from None
    return click.prompt(
        "Password", hide_input=True, confirmation_prompt=True, value_proc=_checked_password
    )


def _user(email: str) -> User:
    user = User.by_email(email)
    if user is None:
        raise click.ClickException(f"No user has the email address {email!r}.")
    return user


def _audit(action: str, user: User, **details) -> None:
    audit.record(action, target=user, user=None, source="command line", **details)


password_stdin = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input (for scripts).",
)


@users.command("create")
@click.option("--email", required=True, help="The address the user logs in with.")
@click.option("--name", required=True, help="The user's full name.")
@click.option("--role", type=ROLES, required=True)
@click.option("--language", default="pl", show_default=True, help="Language of staff pages.")
@password_stdin
def create(email: str, name: str, role: str, language: str, password_stdin: bool) -> None:
    """Create a staff account with a password."""
    try:
        email = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="--email") from None
    if not name.strip():
        raise click.BadParameter("The name cannot be empty.", param_hint="--name")
    if language not in current_app.config["PORTAL_LANGUAGES"]:
        choices = ", ".join(current_app.config["PORTAL_LANGUAGES"])
        raise click.BadParameter(f"Choose one of: {choices}.", param_hint="--language")
    if User.by_email(email):
        raise click.ClickException(f"A user with the email address {email!r} already exists.")
    password = _read_password(password_stdin)
    user = User(
        email=email,
        name=name.strip()[:200],
        role=role,
        language=language,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    _audit("user_create", user, email=email, role=role)
    db.session.commit()
    click.echo(f"Created {role} {email}.")


@users.command("list")
def list_users() -> None:
    """List every staff account."""
    for user in User.all_by_name():
        state = "active" if user.active else "deactivated"
        if user.active and not user.has_password:
            state = "invited"
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "-"
        click.echo(f"{user.email}\t{user.name}\t{user.role}\t{state}\tlast login: {last}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=ROLES)
def set_role(email: str, role: str) -> None:
    """Give the user EMAIL the role ROLE."""
    user = _user(email)
    if user.role != role and user.is_last_admin():
        raise click.ClickException("This is the last active administrator; make another first.")
    if user.role != role:
        _audit("user_role", user, old=user.role, new=role)
        user.role = role
        db.session.commit()
    click.echo(f"{user.email} is now {role}.")


@users.command("deactivate")
@click.argument("email")
def deactivate(email: str) -> None:
    """Deactivate the user EMAIL and end all their sessions."""
    user = _user(email)
    if user.is_last_admin():
        raise click.ClickException("This is the last active administrator; make another first.")
    if user.active:
        user.active = False
        user.end_sessions()
        _audit("user_deactivate", user)
        db.session.commit()
    click.echo(f"{user.email} is deactivated; all their sessions have ended.")


@users.command("activate")
@click.argument("email")
def activate(email: str) -> None:
    """Reactivate the user EMAIL."""
    user = _user(email)
    if not user.active:
        user.active = True
        _audit("user_activate", user)
        db.session.commit()
    click.echo(f"{user.email} is active.")


@users.command("set-password")
@click.argument("email")
@password_stdin
def set_password(email: str, password_stdin: bool) -> None:
    """Set a new password for EMAIL (for example a locked-out administrator); ends sessions."""
    user = _user(email)
    user.set_password(_read_password(password_stdin))
    _audit("password_set", user)
    db.session.commit()
    click.echo(f"The password of {user.email} has been set; all their sessions have ended.")
