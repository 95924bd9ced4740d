"""A language enabled with an incomplete catalog: said at start-up and by `flask translate check`,
and refused below PORTAL_CATALOG_MIN_COMPLETE, instead of readers getting English in between."""

from __future__ import annotations

import logging
import shutil

import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup

from portal import catalogs, create_app
from portal.extensions import babel
from portal.files import write_atomically

from ..conftest import check_page, make_app

TRANSLATED = 14


@pytest.fixture
def czech_folder(tmp_path):
    """The shipped catalogs plus a Czech one translating 14 strings of the interface."""
    folder = tmp_path / "translations"
    shutil.copytree(catalogs.CATALOGS, folder)
    template = catalogs.read_catalog(folder / "messages.pot")
    path = catalogs.init("cs", template, folder)
    catalog = catalogs.read_catalog(path, "cs")
    singular = [m for m in catalog if m.id and not isinstance(m.id, tuple)]
    for message in singular[:TRANSLATED]:
        message.string = message.id
    write_atomically(path, catalogs._serialise(catalog))
    catalogs.compile_catalogs(folder)
    forget_loaded_translations()
    yield folder
    forget_loaded_translations()


def forget_loaded_translations() -> None:
    """Flask-Babel keeps the translations it loaded per language on its extension object, which
    every app of the test process shares: this Czech must not be the next test's Czech."""
    domain = babel.__dict__.get("domain_instance")
    if domain is not None:
        domain.cache.clear()


def total_strings(folder) -> int:
    return catalogs.coverage("pl", folder).total


def test_a_language_below_the_minimum_is_refused_naming_it_and_its_share(tmp_path, czech_folder):
    total = total_strings(czech_folder)
    share = catalogs.percent(TRANSLATED / total)
    with pytest.raises(catalogs.CatalogIncomplete) as refused:
        make_app(tmp_path, PORTAL_LANGUAGES=("pl", "en", "uk", "cs"),
                 BABEL_TRANSLATION_DIRECTORIES=str(czech_folder))
    message = str(refused.value)
    assert f"cs: {share:g}% ({TRANSLATED} of {total} strings)" in message
    assert "PORTAL_CATALOG_MIN_COMPLETE=95%" in message
    assert "translations/cs/LC_MESSAGES/messages.po" in message
    assert "uk:" not in message and "pl:" not in message  # only the language refused


def test_the_start_up_log_says_how_complete_each_enabled_catalog_is(tmp_path, czech_folder,
                                                                    caplog):
    caplog.set_level(logging.INFO, logger="portal.catalogs")
    total = total_strings(czech_folder)
    app = make_app(tmp_path, PORTAL_LANGUAGES=("pl", "en", "uk", "cs"),
                   BABEL_TRANSLATION_DIRECTORIES=str(czech_folder), CATALOG_MIN_COMPLETE=1.0)
    [line] = [r.getMessage() for r in caplog.records if r.name == "portal.catalogs"]
    assert f"pl: 100% ({total} of {total} strings)" in line
    assert "en: 100% (the language of the msgids)" in line
    assert f"cs: {catalogs.percent(TRANSLATED / total):g}% ({TRANSLATED} of {total}" in line
    # Allowed by a lower minimum, the language starts; what it lacks is English.
    check_page(app.test_client().get("/cs/"), "cs")


def test_a_language_without_a_catalog_at_all_is_refused(tmp_path):
    with pytest.raises(catalogs.CatalogIncomplete, match=r"cs: 0% \(0 of \d+ strings\)"):
        make_app(tmp_path, PORTAL_LANGUAGES=("pl", "en", "uk", "cs"))


def test_the_shipped_catalogs_pass_the_default_minimum():
    for lang in ("pl", "uk"):
        assert catalogs.percent(catalogs.coverage(lang).share) >= 95


def test_translate_commands_still_run_to_complete_the_catalog(tmp_path, czech_folder,
                                                              monkeypatch):
    """`flask translate …` is how a catalog gets completed: it starts with an incomplete one,
    and says how complete each is; any other command is refused."""
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setattr(catalogs, "CATALOGS", czech_folder)
    config = {"TESTING": True, "SECRET_KEY": "x" * 40,
              "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
              "PORTAL_LANGUAGES": ("pl", "en", "uk", "cs"),
              "BABEL_TRANSLATION_DIRECTORIES": str(czech_folder)}
    cli = FlaskGroup(create_app=lambda: create_app(config))
    total = total_strings(czech_folder)

    checked = CliRunner().invoke(cli, ["translate", "check"], catch_exceptions=False)
    assert checked.exit_code == 1  # the Czech catalog is not fit to ship
    assert f"cs: {catalogs.percent(TRANSLATED / total):g}% ({TRANSLATED} of {total} strings): " \
           "below the minimum, the portal refuses to start" in checked.output
    assert f"uk: 100% ({total} of {total} strings)\n" in checked.output
    assert "is not translated" in checked.output

    refused = CliRunner().invoke(cli, ["demo", "load"])
    assert isinstance(refused.exception, catalogs.CatalogIncomplete)
