"""Operator commands: ``flask demo``, ``translate``, ``users`` and ``backup``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import backup as backups
from . import catalog_checks, catalogs, content_po, deploy_checks, i18n
from . import demo as demo_content
from .staff.commands import users
from .translation_status import Status

demo = AppGroup("demo", help="Demo content for trying the portal out.")


@demo.command("load")
@click.option("--if-empty", is_flag=True, help="Only load into a database with no articles.")
def demo_load(if_empty: bool) -> None:
    """Add the demo news, award and pages (idempotent: existing items are kept)."""
    added = demo_content.load(if_empty=if_empty)
    click.echo(f"Demo content: {added} item(s) added.")


translate = AppGroup("translate", help="Interface catalogs and content translations (PO files).")


def _relative(path: Path) -> str:
    return str(path.relative_to(catalogs.CATALOGS.parent))


@translate.command("extract")
def translate_extract() -> None:
    """Extract the interface strings into translations/messages.pot."""
    if catalogs.write_template(catalogs.extract(), catalogs.CATALOGS):
        click.echo("Updated translations/messages.pot")
    else:
        click.echo("translations/messages.pot is up to date")


@translate.command("update")
def translate_update() -> None:
    """Extract, then merge the new strings into every catalog."""
    template = catalogs.extract()
    catalogs.write_template(template, catalogs.CATALOGS)
    changed = catalogs.update(template, catalogs.CATALOGS)
    for path in changed:
        click.echo(f"Updated {_relative(path)}")
    if not changed:
        click.echo("Every catalog is in step with the code")


@translate.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start a catalog for a new language LANG; translate it, then enable it (PORTAL_LANGUAGES)."""
    template = catalogs.extract()
    catalogs.write_template(template, catalogs.CATALOGS)
    try:
        path = catalogs.init(lang, template, catalogs.CATALOGS)
    except (FileExistsError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {_relative(path)}")


@translate.command("compile")
def translate_compile() -> None:
    """Compile every catalog to the .mo files the portal reads."""
    for path in catalogs.compile_catalogs(catalogs.CATALOGS):
        click.echo(f"Compiled {_relative(path)}")


@translate.command("check")
@click.option("--strict", is_flag=True, envvar="PORTAL_STRICT_TESTS",
              help="Fail when GNU msgfmt is missing instead of skipping its part (CI).")
def translate_check(strict: bool) -> None:
    """Fail with a list of problems unless every catalog is fit to ship (the CI gate)."""
    languages = current_app.config["PORTAL_LANGUAGES"]
    result = catalog_checks.check(catalogs.extract(), languages, catalogs.CATALOGS, strict=strict)
    minimum = current_app.config["CATALOG_MIN_COMPLETE"]
    click.echo(f"How complete the enabled languages' catalogs are (the portal starts from "
               f"{minimum:g}%, PORTAL_CATALOG_MIN_COMPLETE):")
    for cov in catalogs.enabled_coverage(languages, catalogs.CATALOGS):
        short = cov.lang != catalogs.MSGID_LANGUAGE and catalogs.percent(cov.share) < minimum
        click.echo(f"  {catalogs.describe(cov)}"
                   + (": below the minimum, the portal refuses to start" if short else ""))
    for warning in result.warnings:
        click.secho(f"warning: {warning}", err=True, fg="yellow")
    if not result.ok:
        click.echo(f"{len(result.problems)} problem(s) in the interface catalogs:", err=True)
        for problem in result.problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1)
    click.echo("Interface catalogs: OK")


def _statuses(value: str | None) -> set[Status] | None:
    if not value:
        return None
    try:
        return {Status(name.strip()) for name in value.split(",") if name.strip()}
    except ValueError as exc:
        choices = ", ".join(status.value for status in Status)
        raise click.BadParameter(f"use a comma-separated list of: {choices}") from exc


@translate.command("export-content")
@click.option("--lang", required=True, help="The language to translate into.")
@click.option("--only", metavar="STATES", help="Only items in these states, e.g. missing,outdated.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="The PO file to write (default: standard output).")
@click.option("--base-url", default="http://localhost:5000", show_default=True,
              help="The public site's address, for the links in translator comments.")
def translate_export_content(lang: str, only: str | None, output, base_url: str) -> None:
    """Write the content to translate into LANG as a PO file, one entry per field."""
    with current_app.test_request_context(base_url=base_url):
        try:
            po = content_po.export(lang, _statuses(only))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    output.write(str(po))
    click.echo(f"Exported {len(po)} field(s) for translation into {lang}.", err=True)


@translate.command("import-content")
@click.argument("path", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Report what would change, change nothing.")
def translate_import_content(path, dry_run: bool) -> None:
    """Apply a translated content PO file (as exported by export-content)."""
    try:
        report = content_po.import_po(path.read(), dry_run=dry_run)
    except content_po.ImportRefused as exc:
        click.echo("Refused, nothing was changed:", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1) from exc
    verb = "Would apply" if dry_run else "Applied"
    click.echo(f"{verb} {len(report.applied)} item(s) in {report.language}; "
               f"{len(report.unchanged)} unchanged; {len(report.untranslated)} not translated "
               f"in the file; {len(report.skipped)} skipped.")
    for line in report.applied:
        click.echo(f"  applied   {line}")
    for skipped in report.skipped:
        click.echo(f"  skipped   {skipped}")
    for note in report.notes:
        click.echo(f"  note      {note}")


backup = AppGroup("backup", help="Backups of the database and the media files.")


@backup.command("create")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the archive into (default: the instance's backups/).")
def backup_create(output: Path | None) -> None:
    """Write one archive: a consistent copy of the database, the media files, a manifest."""
    folder = output or Path(current_app.instance_path) / "backups"
    try:
        archive = backups.create(folder, show_progress=sys.stderr.isatty())
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written: {archive}")


@backup.command("verify")
@click.argument("archive", type=click.Path(exists=True, path_type=Path))
def backup_verify(archive: Path) -> None:
    """Read ARCHIVE back: every file against its checksum, and the database copy itself.
    A folder: the newest archive in it."""
    if archive.is_dir():
        found = sorted(archive.glob("portal-backup-*.tar.gz"))
        if not found:
            raise click.ClickException(f"{archive} holds no backup archive.")
        archive = found[-1]
    try:
        problems = backups.verify(archive, show_progress=sys.stderr.isatty())
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    if problems:
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        raise click.ClickException(f"{archive}: {len(problems)} problem(s); do not rely on it.")
    click.echo(f"{archive}: every file matches its checksum; the database copy reads.")


@backup.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def backup_restore(archive: Path) -> None:
    """Put ARCHIVE into this instance, which must be empty (checked first; nothing is
    overwritten). Then run `flask db upgrade` if the portal is newer than the backup."""
    try:
        manifest = backups.restore(archive, show_progress=sys.stderr.isatty())
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Restored {archive}:")
    for line in backups.describe(manifest):
        click.echo(f"  {line}")


@click.command("check-deploy")
@with_appcontext
def check_deploy() -> None:
    """Check the settings for a site on the internet, whatever PORTAL_ENV says; exit 1 on a
    problem. PORTAL_ENV=production refuses to start while one is found."""
    found = deploy_checks.findings(current_app.config, current_app.debug,
                                   current_app.instance_path)
    for finding in found:
        click.echo(f"  {finding}", err=True)
    if found:
        raise click.ClickException(f"{len(found)} problem(s): not safe to expose.")
    click.echo("No problems found: the settings are fit for a site on the internet.")


def _refuse_all_but_translate(app: Flask) -> None:
    """With a catalog below the minimum (portal.i18n.check_catalogs), only ``flask translate …``
    runs: it is how the catalog is merged, checked and completed. Any other command of the app
    is refused with the same message as the app's start."""
    refusal = app.extensions.get(i18n.CATALOG_REFUSAL)
    if refusal is None:
        return
    find = app.cli.get_command

    def get_command(ctx: click.Context, name: str):
        if name != translate.name:
            raise refusal
        return find(ctx, name)

    app.cli.get_command = get_command  # type: ignore[method-assign]


def init_app(app: Flask) -> None:
    _refuse_all_but_translate(app)
    app.cli.add_command(check_deploy)
    app.cli.add_command(backup)
    app.cli.add_command(demo)
    app.cli.add_command(users)
    app.cli.add_command(translate)
