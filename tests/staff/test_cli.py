"""``flask users …``: the first administrator, and account chores from the command line."""

from __future__ import annotations

import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.extensions import db
from portal.staff.models import User

from ..conftest import create_user, log_in

PASSWORD = "a long enough passphrase"


def get(app, email: str) -> User | None:
    with app.app_context():
        user = User.by_email(email)
        if user is not None:
            db.session.expunge(user)
        return user


def test_create_asks_for_the_password_twice_without_echo(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Anna@MOPS.example.pl",
            "--name",
            "Anna Nowak",
            "--role",
            "admin",
        ],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # never echoed
    assert "Repeat for confirmation" in result.output
    user = get(app, "anna@mops.example.pl")
    assert (user.name, user.role, user.active) == ("Anna Nowak", "admin", True)
    assert user.password_hash.startswith("$argon2id$")
    assert log_in(app.test_client(), "anna@mops.example.pl", PASSWORD).status_code == 302
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent))
        assert (event.action, event.details["source"]) == ("user_create", "command line")


def test_create_reprompts_for_a_short_or_mismatched_password(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "ewa@mops.example.pl",
            "--name",
            "Ewa",
            "--role",
            "editor",
        ],
        input=f"short\n{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "must be 12 to 1024 characters long" in result.output
    assert "do not match" in result.output
    assert get(app, "ewa@mops.example.pl") is not None


def test_create_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "ewa@mops.example.pl",
            "--name",
            "Ewa",
            "--role",
            "translator",
            "--password-stdin",
        ],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert log_in(app.test_client(), "ewa@mops.example.pl", PASSWORD).status_code == 302
    short = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "jan@mops.example.pl",
            "--name",
            "Jan",
            "--role",
            "editor",
            "--password-stdin",
        ],
        input="short\n",
    )
    assert short.exit_code != 0 and "12 to 1024" in short.output
    assert get(app, "jan@mops.example.pl") is None


def test_create_refuses_bad_input(app, runner):
    create_user(app, "editor", email="taken@mops.example.pl")
    cases = [
        (["--email", "not-an-email", "--name", "X", "--role", "editor"], "--email"),
        (["--email", "x@mops.example.pl", "--name", "X", "--role", "boss"], "boss"),
        (["--email", "taken@mops.example.pl", "--name", "X", "--role", "editor"], "already exists"),
        (["--email", "x@mops.example.pl", "--name", " ", "--role", "editor"], "--name"),
        (
            ["--email", "x@mops.example.pl", "--name", "X", "--role", "editor", "--language", "de"],
            "--language",
        ),
    ]
    for args, message in cases:
        result = runner.invoke(
            args=["users", "create", *args, "--password-stdin"], input=f"{PASSWORD}\n"
        )
        assert result.exit_code != 0, args
        assert message in result.output, (args, result.output)
    assert get(app, "x@mops.example.pl") is None


def test_list_set_role_deactivate_activate(app, runner):
    create_user(app, "admin", email="anna@mops.example.pl", name="Anna")
    create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa")
    client = app.test_client()
    log_in(client, "ewa@mops.example.pl")

    listing = runner.invoke(args=["users", "list"])
    assert "anna@mops.example.pl\tAnna\tadmin\tactive" in listing.output
    assert (
        runner.invoke(args=["users", "set-role", "ewa@mops.example.pl", "translator"]).exit_code
        == 0
    )
    assert get(app, "ewa@mops.example.pl").role == "translator"

    result = runner.invoke(args=["users", "deactivate", "ewa@mops.example.pl"])
    assert result.exit_code == 0, result.output
    assert not get(app, "ewa@mops.example.pl").active
    assert client.get("/staff/").status_code == 302  # her session ended
    assert "deactivated" in runner.invoke(args=["users", "list"]).output
    assert runner.invoke(args=["users", "activate", "ewa@mops.example.pl"]).exit_code == 0
    assert get(app, "ewa@mops.example.pl").active

    missing = runner.invoke(args=["users", "deactivate", "nobody@mops.example.pl"])
    assert missing.exit_code != 0 and "No user" in missing.output


def test_the_last_admin_stays(app, runner):
    create_user(app, "admin", email="anna@mops.example.pl")
    for args in (
        ["set-role", "anna@mops.example.pl", "editor"],
        ["deactivate", "anna@mops.example.pl"],
    ):
        result = runner.invoke(args=["users", *args])
        assert result.exit_code != 0 and "last active administrator" in result.output
    user = get(app, "anna@mops.example.pl")
    assert (user.role, user.active) == ("admin", True)


def test_set_password_recovers_an_account(app, runner):
    create_user(app, "admin", email="anna@mops.example.pl")
    result = runner.invoke(
        args=["users", "set-password", "anna@mops.example.pl", "--password-stdin"],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert log_in(app.test_client(), "anna@mops.example.pl", PASSWORD).status_code == 302
