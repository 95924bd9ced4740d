"""The interface catalogs and ``flask translate check``, the CI gate that keeps them shippable.

Each ``catalogs/*-pl.po`` here (or ``-uk.po``) is a catalog of ``catalogs/messages.pot``
with one kind of fault; the check must name that fault, and pass the good catalog.
"""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.messages.plurals import get_plural

from portal import catalog_checks, catalogs, cli

from ..conftest import STRICT, make_app

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


def kinds(result: catalog_checks.CheckResult) -> set[str]:
    return {problem.kind for problem in result.problems}


def test_good_catalog_passes(tmp_path, template):
    needs_msgfmt()
    folder = catalog_folder(tmp_path, "good-pl.po")
    result = catalog_checks.check(template, ["pl"], folder, strict=True)
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
    result = catalog_checks.check(template, [lang], catalog_folder(tmp_path, fixture), strict=True)
    assert expected in kinds(result), result.problems
    assert kinds(result) <= {expected} | allowed_too, result.problems
    assert all(problem.path == f"{lang}/LC_MESSAGES/messages.po" for problem in result.problems)


def test_problems_name_the_entry_and_the_fault(tmp_path, template):
    folder = catalog_folder(tmp_path, "html-attribute-pl.po")
    [problem] = catalog_checks.check(template, ["pl"], folder, msgfmt=None).problems
    assert "Read <a href=" in problem.message
    assert "onclick='steal()' on <a>" in problem.message
    folder = catalog_folder(tmp_path / "p", "placeholders-pl.po")
    [problem] = catalog_checks.check(template, ["pl"], folder, msgfmt=None).problems
    assert "msgstr[2]" in problem.message and "%(cout)s" in problem.message


def test_only_enabled_languages_must_be_complete(tmp_path, template):
    """A catalog in progress (not yet in PORTAL_LANGUAGES) may have gaps, but no unsafe entry."""
    folder = catalog_folder(tmp_path, "untranslated-pl.po")
    assert catalog_checks.check(template, ["en"], folder, msgfmt=None).ok
    folder = catalog_folder(tmp_path / "html", "html-tag-pl.po")
    assert kinds(catalog_checks.check(template, ["en"], folder, msgfmt=None)) == {"html"}


def test_an_enabled_language_without_a_catalog_fails(tmp_path, template):
    folder = catalog_folder(tmp_path, "good-pl.po")
    result = catalog_checks.check(template, ["pl", "en", "uk"], folder, msgfmt=None)
    assert kinds(result) == {"missing"}
    assert "flask translate init uk" in result.problems[0].message


def test_a_stale_template_fails(tmp_path, template):
    folder = catalog_folder(tmp_path, "good-pl.po")
    fresher = catalogs.read_catalog(FIXTURES / "messages.pot")
    fresher.add("Goodbye")
    result = catalog_checks.check(fresher, ["pl"], folder, msgfmt=None)
    assert {(p.path, p.kind) for p in result.problems} == {
        ("messages.pot", "out-of-step"), ("pl/LC_MESSAGES/messages.po", "out-of-step")}


def test_without_msgfmt_the_check_warns_or_in_strict_mode_fails(tmp_path, template):
    folder = catalog_folder(tmp_path, "good-pl.po")
    lenient = catalog_checks.check(template, ["pl"], folder, msgfmt=str(tmp_path / "no-msgfmt"))
    assert lenient.ok
    assert "msgfmt was not found" in lenient.warnings[0]
    strict = catalog_checks.check(template, ["pl"], folder, msgfmt=str(tmp_path / "no-msgfmt"),
                            strict=True)
    assert kinds(strict) == {"msgfmt"}
    assert "install the gettext package" in strict.problems[0].message


def test_added_html_allows_translated_words_in_attributes():
    msgid = '<abbr title="Municipal Social Welfare Centre">MOPS</abbr>'
    assert catalog_checks.added_html(msgid, '<abbr title="Miejski Ośrodek">MOPS</abbr>') == []
    assert catalog_checks.added_html(msgid, "<b>MOPS</b>") == ["<b>"]
    assert catalog_checks.added_html("Hello", "Cześć <!-- x -->") == ["<<!-- -->>"]


def test_placeholders_ignore_literal_percent_signs():
    assert catalog_checks.placeholders("100%% of %(count)s and %s") == ["%(count)s", "%s"]


# --- The portal's own catalogs -----------------------------------------------------------------


def test_the_committed_catalogs_pass_the_check():
    needs_msgfmt()
    result = catalog_checks.check(catalogs.extract(), ("pl", "en", "uk"), strict=True)
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
    czech = get_plural(Locale.parse("cs"))
    assert catalog_checks.plural_difference(po.metadata["Plural-Forms"], czech.num_plurals,
                                      gettext.c2py(czech.plural_expr)) is None
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


def with_plural_forms(tmp_path: Path, lang: str, value: str) -> Path:
    """A copy of the good catalog, for ``lang``, whose header says ``Plural-Forms: value``."""
    folder = catalog_folder(tmp_path)
    target = catalogs.po_path(lang, folder)
    target.parent.mkdir(parents=True)
    po = polib.pofile(str(FIXTURES / "good-pl.po"))
    po.metadata["Language"] = lang
    po.metadata["Plural-Forms"] = value
    po.save(str(target))
    return folder


@pytest.mark.parametrize("value", [
    # CLDR's rule as Babel spells it today, the classic gettext spelling, and a rearranged one.
    "nplurals=3; plural=n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)"
    " ? 1 : 2;",
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "nplurals=3;plural=(n!=1 && (n%10<2 || n%10>4 || (n%100>=12 && n%100<=14))) ? 2 : (n==1 ? 0"
    " : 1)",
])
def test_an_equivalent_plural_rule_passes_however_it_is_written(tmp_path, template, value):
    folder = with_plural_forms(tmp_path, "pl", value)
    result = catalog_checks.check(template, ["pl"], folder, msgfmt=None)
    assert result.ok, result.problems


@pytest.mark.parametrize(("value", "named"), [
    # Forgets that 12 to 14 take the genitive ("12 zdjęć", not "12 zdjęcia").
    ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);", "for n=12 it chooses form 1"),
    # Treats 0 as singular.
    ("nplurals=3; plural=(n<=1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
     "for n=0 it chooses form 0"),
    ("nplurals=2; plural=(n != 1);", "nplurals=2"),
    ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 3);",
     "for n=0 it chooses form 3"),
    ("nplurals=3; plural=(n==1 ? 0 : import os);", "cannot be read"),
    ("plural=(n != 1);", "not of the form"),
])
def test_a_different_plural_rule_fails_and_names_the_first_n(tmp_path, template, value, named):
    folder = with_plural_forms(tmp_path, "pl", value)
    problems = catalog_checks.check(template, ["pl"], folder, msgfmt=None).problems
    assert {problem.kind for problem in problems} == {"plural-forms"}, problems
    # The header's problem (with two forms, each plural entry's count is reported as well).
    [header] = [problem for problem in problems if "Plural-Forms" in problem.message]
    assert named in header.message, header.message


def test_the_ukrainian_rule_is_judged_against_ukrainian(tmp_path, template):
    """Polish and Ukrainian both have three forms, but 21 is singular only in Ukrainian."""
    polish_rule = ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20)"
                   " ? 1 : 2);")
    folder = with_plural_forms(tmp_path, "uk", polish_rule)
    [problem] = catalog_checks.check(template, ["uk"], folder, msgfmt=None).problems
    assert "for n=21 it chooses form 2, the language form 0" in problem.message


@pytest.mark.parametrize(("msgid", "translation"), [
    ("%(count)d photos", "%(count)i zdjęć"),                # the same conversion, spelled otherwise
    ("%(a)s and %(b)s", "%(b)s i %(a)s"),                    # named ones may change places
    ("%(name)s wrote", "%(name)s napisał(a); %(name)s"),     # and be repeated
    ("%s of %d", "%s z %i"),
    ("100%% done", "gotowe w 100%%"),
])
def test_placeholders_that_format_the_same_pass(msgid, translation):
    assert catalog_checks.placeholder_difference(msgid, translation) is None


@pytest.mark.parametrize(("msgid", "translation", "named"), [
    ("%(count)s photos", "%(cout)s zdjęć", "cout"),
    ("%(count)s photos", "zdjęcia", "leaves out %(count)"),
    ("%(count)d photos", "%(count)s zdjęć", "another way"),
    ("%s of %d", "%d z %s", "positional"),
    ("%s of %d", "%s", "positional"),
    ("%(a)s", "%s", "mixed"),
])
def test_placeholders_that_format_differently_fail(msgid, translation, named):
    assert named in (catalog_checks.placeholder_difference(msgid, translation) or "")
