"""The interface catalogs and ``flask translate check``, the CI gate that keeps them shippable.

Each ``tests/catalogs/*-pl.po`` (or ``-uk.po``) is a catalog of ``tests/catalogs/messages.pot``
with one kind of fault; the check must name that fault, and pass the good catalog.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from portal import catalogs, cli

from .conftest import STRICT, make_app

FIXTURES = Path(__file__).parent / "catalogs"
MSGFMT = shutil.which("msgfmt")


def needs_msgfmt() -> None:
    if MSGFMT is None:
        if STRICT:
            pytest.fail("GNU msgfmt is missing (install gettext); strict mode: this test must run")
        pytest.skip("GNU msgfmt is missing (install gettext)")


@pytest.fixture
def cli_runner(tmp_path):
    """The command line of an app on SQLite: these commands touch no database."""
    return make_app(tmp_path / "app").test_cli_runner()


@pytest.fixture(scope="module")
def template():
    return catalogs.read_catalog(FIXTURES / "messages.pot")


def catalog_folder(tmp_path: Path, *files: str) -> Path:
    """A translations folder holding the fixture template and the given fixture catalogs."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "messages.pot", tmp_path / "messages.pot")
    for name in files:
        lang = name.removesuffix(".po").rsplit("-", 1)[1]
        target = catalogs.po_path(lang, tmp_path)
        target.parent.mkdir(parents=True)
        shutil.copy(FIXTURES / name, target)
    return tmp_path


def kinds(result: catalogs.CheckResult) -> set[str]:
    return {problem.kind for problem in result.problems}


def test_good_catalog_passes(tmp_path, template):
    needs_msgfmt()
    result = catalogs.check(template, ["pl"], catalog_folder(tmp_path, "good-pl.po"), strict=True)
    assert result.ok, result.problems
    assert not result.warnings


@pytest.mark.parametrize(("fixture", "expected", "allowed_too"), [
    ("out-of-step-pl.po", "out-of-step", set()),
    ("untranslated-pl.po", "untranslated", set()),
    ("untranslated-plural-pl.po", "untranslated", {"placeholders", "msgfmt"}),
    ("fuzzy-pl.po", "fuzzy", set()),
    ("fuzzy-header-pl.po", "fuzzy", set()),
    ("plural-forms-pl.po", "plural-forms", set()),
    ("no-plural-forms-pl.po", "plural-forms", {"msgfmt"}),
    ("plural-forms-uk.po", "plural-forms", set()),
    ("placeholders-pl.po", "placeholders", {"msgfmt"}),
    ("placeholders-singular-pl.po", "placeholders", {"msgfmt"}),
    ("html-tag-pl.po", "html", set()),
    ("html-attribute-pl.po", "html", set()),
    ("html-href-pl.po", "html", set()),
    ("msgfmt-pl.po", "msgfmt", set()),
])
def test_each_kind_of_bad_catalog_fails(tmp_path, template, fixture, expected, allowed_too):
    if expected == "msgfmt" or "msgfmt" in allowed_too:
        needs_msgfmt()
    lang = fixture.removesuffix(".po").rsplit("-", 1)[1]
    result = catalogs.check(template, [lang], catalog_folder(tmp_path, fixture), strict=True)
    assert expected in kinds(result), result.problems
    assert kinds(result) <= {expected} | allowed_too, result.problems
    assert all(problem.path == f"{lang}/LC_MESSAGES/messages.po" for problem in result.problems)


def test_problems_name_the_entry_and_the_fault(tmp_path, template):
    folder = catalog_folder(tmp_path, "html-attribute-pl.po")
    [problem] = catalogs.check(template, ["pl"], folder, msgfmt=None).problems
    assert "Read <a href=" in problem.message
    assert "onclick='steal()' on <a>" in problem.message
    folder = catalog_folder(tmp_path / "p", "placeholders-pl.po")
    [problem] = catalogs.check(template, ["pl"], folder, msgfmt=None).problems
    assert "msgstr[2]" in problem.message and "%(cout)s" in problem.message


def test_only_enabled_languages_must_be_complete(tmp_path, template):
    """A catalog in progress (not yet in PORTAL_LANGUAGES) may have gaps, but no unsafe entry."""
    folder = catalog_folder(tmp_path, "untranslated-pl.po")
    assert catalogs.check(template, ["en"], folder, msgfmt=None).ok
    folder = catalog_folder(tmp_path / "html", "html-tag-pl.po")
    assert kinds(catalogs.check(template, ["en"], folder, msgfmt=None)) == {"html"}


def test_an_enabled_language_without_a_catalog_fails(tmp_path, template):
    folder = catalog_folder(tmp_path, "good-pl.po")
    result = catalogs.check(template, ["pl", "en", "uk"], folder, msgfmt=None)
    assert kinds(result) == {"missing"}
    assert "flask translate init uk" in result.problems[0].message


def test_a_stale_template_fails(tmp_path, template):
    folder = catalog_folder(tmp_path, "good-pl.po")
    fresher = catalogs.read_catalog(FIXTURES / "messages.pot")
    fresher.add("Goodbye")
    result = catalogs.check(fresher, ["pl"], folder, msgfmt=None)
    assert {(p.path, p.kind) for p in result.problems} == {
        ("messages.pot", "out-of-step"), ("pl/LC_MESSAGES/messages.po", "out-of-step")}


def test_without_msgfmt_the_check_warns_or_in_strict_mode_fails(tmp_path, template):
    folder = catalog_folder(tmp_path, "good-pl.po")
    lenient = catalogs.check(template, ["pl"], folder, msgfmt=str(tmp_path / "no-msgfmt"))
    assert lenient.ok
    assert "msgfmt was not found" in lenient.warnings[0]
    strict = catalogs.check(template, ["pl"], folder, msgfmt=str(tmp_path / "no-msgfmt"),
                            strict=True)
    assert kinds(strict) == {"msgfmt"}
    assert "install the gettext package" in strict.problems[0].message


def test_added_html_allows_translated_words_in_attributes():
    msgid = '<abbr title="Municipal Social Welfare Centre">MOPS</abbr>'
    assert catalogs.added_html(msgid, '<abbr title="Miejski Ośrodek">MOPS</abbr>') == []
    assert catalogs.added_html(msgid, "<b>MOPS</b>") == ["<b>"]
    assert catalogs.added_html("Hello", "Cześć <!-- x -->") == ["<<!-- -->>"]


def test_placeholders_ignore_literal_percent_signs():
    assert catalogs.placeholders("100%% of %(count)s and %s") == ["%(count)s", "%s"]


# --- The portal's own catalogs -----------------------------------------------------------------


def test_the_committed_catalogs_pass_the_check():
    needs_msgfmt()
    result = catalogs.check(catalogs.extract(), ("pl", "en", "uk"), strict=True)
    assert result.ok, "\n".join(map(str, result.problems))


def test_check_command_passes_on_the_committed_catalogs(cli_runner):
    needs_msgfmt()
    result = cli_runner.invoke(args=["translate", "check", "--strict"])
    assert result.exit_code == 0, result.output
    assert "Interface catalogs: OK" in result.output


def test_check_command_lists_problems_and_fails(cli_runner, tmp_path, monkeypatch):
    folder = catalog_folder(tmp_path, "html-tag-pl.po")
    monkeypatch.setattr(catalogs, "CATALOGS", folder)
    monkeypatch.setattr(catalogs, "extract", lambda: catalogs.read_catalog(folder / "messages.pot"))
    result = cli_runner.invoke(args=["translate", "check"])
    assert result.exit_code == 1
    assert "problem(s) in the interface catalogs" in result.output
    assert "pl/LC_MESSAGES/messages.po: [html]" in result.output
    assert "uk/LC_MESSAGES/messages.po: [missing]" in result.output


def test_init_update_and_compile_a_new_language(tmp_path):
    """``init`` starts a catalog with Babel's plural rule; ``update`` brings in new strings."""
    template = catalogs.read_catalog(FIXTURES / "messages.pot")
    path = catalogs.init("cs", template, tmp_path)
    po = polib.pofile(str(path))
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert len(po) == 5 and not po.fuzzy_entries() and po.percent_translated() == 0
    with pytest.raises(FileExistsError):
        catalogs.init("cs", template, tmp_path)
    template.add("Goodbye")
    assert catalogs.update(template, tmp_path) == [path]
    assert catalogs.update(template, tmp_path) == []  # nothing new: the file is left alone
    assert polib.pofile(str(path)).find("Goodbye") is not None
    assert [p.name for p in catalogs.compile_catalogs(tmp_path)] == ["messages.mo"]


def test_extraction_follows_babel_cfg_and_the_runtime_trimmed_policy(tmp_path):
    app = make_app(tmp_path)
    template = catalogs.extract()
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in template}
    # A multi-line {% trans %} block is extracted trimmed, as the runtime policy renders it.
    assert ("This text has not been translated into this language yet. It is shown in the "
            "Polish original.") in ids
    assert "The picture is too large (at most 40 megapixels)." in ids  # _l in Python code
    assert app.jinja_env.policies["ext.i18n.trimmed"] is True
    assert cli.translate.get_command(None, "check") is not None
