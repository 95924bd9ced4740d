"""Operator commands: ``flask demo …`` (and, as they come, translate, users, backup)."""

from __future__ import annotations

import subprocess
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from .config import ROOT

CATALOGS = ROOT / "translations"
POT = CATALOGS / "messages.pot"

demo = AppGroup("demo", help="Demo content for trying the portal out.")


@demo.command("load")
@click.option("--if-empty", is_flag=True, help="Only load into a database with no articles.")
def demo_load(if_empty: bool) -> None:
    """Add the demo news, award and pages (idempotent: existing items are kept)."""
    from . import demo as content

    added = content.load(if_empty=if_empty)
    click.echo(f"Demo content: {added} item(s) added.")


translate = AppGroup("translate", help="Interface translations (gettext catalogs).")


def _pybabel(*args: str) -> None:
    """Run Babel's command line with a list of arguments (no shell)."""
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT)
    if result.returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


@translate.command("extract")
def translate_extract() -> None:
    """Extract the interface strings into translations/messages.pot."""
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--project",
        "portal",
        "--copyright-holder",
        "portal",
        "--msgid-bugs-address",
        "translations@example.org",
        "-o",
        str(POT),
        ".",
    )


@translate.command("update")
def translate_update() -> None:
    """Extract, then merge the new strings into every catalog."""
    translate_extract.callback()
    _pybabel(
        "update", "-i", str(POT), "-d", str(CATALOGS), "--no-fuzzy-matching", "--ignore-obsolete"
    )


@translate.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start a catalog for a new language LANG."""
    translate_extract.callback()
    _pybabel("init", "-i", str(POT), "-d", str(CATALOGS), "-l", lang)


@translate.command("compile")
def translate_compile() -> None:
    """Compile every catalog to the .mo files the portal reads."""
    _pybabel("compile", "-d", str(CATALOGS), "--statistics")


def init_app(app: Flask) -> None:
    from .staff.commands import users

    app.cli.add_command(demo)
    app.cli.add_command(users)
    app.cli.add_command(translate)
