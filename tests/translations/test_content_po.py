"""Content translation: the status matrix, and content as PO files (export, edit, import)."""

from __future__ import annotations

import polib
import pytest
import sqlalchemy as sa

from portal import content_po
from portal.awards.models import Award
from portal.content import utcnow
from portal.demo import CERTIFICATE_SLUG
from portal.extensions import db
from portal.images.models import Image
from portal.news.models import Article
from portal.pages.models import Page, PageKey
from portal.translation_status import Status, items, matrix

from .. import factories

POLISH_ONLY = "dzien-pracownika-socjalnego-w-naszym-osrodku"
# The demo: 12 articles, 1 award, 3 pages, 9 gallery photos; all but one article have English.
ITEMS = 12 + 1 + 7 + 9  # articles, the award, information pages, gallery photos
# What the demo has in Ukrainian: two articles (the information point, the certificate), three
# pages (forms of help, contact, easy to read) and the certificate article's 9 photos.
UK_ITEMS = 2 + 3 + 9


def article(slug: str = CERTIFICATE_SLUG) -> Article:
    return Article.by_slug(slug, "pl")


def edit_polish(item, **fields) -> None:
    """What the staff editor does to the Polish source (its version goes up)."""
    factories.write(item, "pl", **fields)


def export(lang: str, only=None) -> polib.POFile:
    return polib.pofile(str(content_po.export(lang, only)))


def entry(po: polib.POFile, prefix: str) -> polib.POEntry:
    [found] = [e for e in po if e.msgctxt.startswith(prefix)]
    return found


# --- Status ------------------------------------------------------------------------------------


def test_status_matrix_counts_each_language(demo):
    with demo.app_context():
        status = matrix()
        assert status.languages == ("en", "uk")
        assert len(status.rows) == ITEMS
        assert status.counts["en"] == {Status.MISSING: 1, Status.OUTDATED: 0,
                                       Status.UP_TO_DATE: ITEMS - 1}
        # Ukrainian: the demo's information point, forms of help, contact and easy-to-read
        # pages, and the certificate article with its 9 photos.
        assert status.counts["uk"] == {Status.MISSING: ITEMS - UK_ITEMS, Status.OUTDATED: 0,
                                       Status.UP_TO_DATE: UK_ITEMS}
        assert [r.item.kind.name for r in status.rows].count("image") == 9
        [polish_only] = [r for r in status.rows if r.states["en"] is Status.MISSING]
        assert polish_only.item.label == "Dzień Pracownika Socjalnego w naszym Ośrodku"


def test_outdated_follows_the_source_version(demo):
    with demo.app_context():
        certificate = article()
        edit_polish(certificate, title="MOPS z certyfikatem „Przyjazny Urząd” 2022")
        status = matrix()
        row = next(r for r in status.rows if r.item.row.id == certificate.id
                   and r.item.kind.name == "article")
        assert row.states == {"en": Status.OUTDATED, "uk": Status.OUTDATED}
        assert status.counts["en"][Status.OUTDATED] == 1
        assert status.counts["uk"][Status.OUTDATED] == 1
        # The gallery photos have versions of their own: still up to date.
        assert status.counts["en"][Status.UP_TO_DATE] == ITEMS - 2


def test_outdated_entries_carry_the_polish_they_were_translated_from(demo):
    """Poedit and msgmerge show what changed from the previous msgid (#| msgid)."""
    with demo.test_request_context():
        certificate = article()
        old_title = certificate.translations["pl"].title
        old_version = certificate.version
        edit_polish(certificate, title="MOPS z certyfikatem „Przyjazny Urząd” 2022")
        written = str(content_po.export("uk", {Status.OUTDATED}))
    po = polib.pofile(written)
    title = entry(po, f"article/{certificate.id}/title/")
    assert title.msgid == "MOPS z certyfikatem „Przyjazny Urząd” 2022"
    assert title.previous_msgid == old_title
    assert title.previous_msgctxt == f"article/{certificate.id}/title/v{old_version}"
    assert f'#| msgid "{old_title}"' in written
    assert "fuzzy" in title.flags and title.msgstr.startswith("Центр отримав сертифікат")
    # A field whose Polish did not change has nothing to compare: no previous msgid.
    summary = entry(po, f"article/{certificate.id}/summary/")
    assert "fuzzy" in summary.flags and summary.previous_msgid is None


def test_trashed_items_and_their_photos_leave_the_matrix(demo):
    with demo.app_context():
        factories.update(article(), deleted_at=utcnow())
        kinds = [item.kind.name for item in items()]
        assert len(kinds) == ITEMS - 1 - 9
        assert "image" not in kinds


def test_photos_point_to_the_page_they_are_shown_on(demo):
    with demo.test_request_context(base_url="https://mops.example.pl"):
        photo = next(item for item in items() if item.kind.name == "image")
        assert photo.public_url() == f"https://mops.example.pl/pl/news/{CERTIFICATE_SLUG}"
        assert photo.source_fields().keys() == {"alt", "caption"}
        db.session.get(Image, photo.id).decorative = True
        assert photo.source_fields().keys() == {"caption"}  # decorative: no alt to translate


# --- Export ------------------------------------------------------------------------------------


def test_export_has_one_entry_per_field_named_by_item_field_and_version(untranslated_demo):
    with untranslated_demo.test_request_context(base_url="https://mops.example.pl"):
        po = export("uk")
        certificate = article()
        title = entry(po, f"article/{certificate.id}/title/")
        assert title.msgctxt == f"article/{certificate.id}/title/v1"
        assert title.msgid == "MOPS z certyfikatem jakości „Przyjazny Urząd”"
        assert title.msgstr == ""
        assert f"https://mops.example.pl/pl/news/{CERTIFICATE_SLUG}" in title.tcomment
        award = Award.by_slug("certyfikat-przyjazny-urzad-2022", "pl")
        fields = {e.msgctxt.split("/")[2] for e in po if e.msgctxt.startswith(f"award/{award.id}/")}
        assert fields == {"title", "organiser", "edition", "place", "description"}
        assert len([e for e in po if e.msgctxt.startswith("image/")]) == 18  # alt and caption
        assert po.metadata["Language"] == "uk"
        assert po.metadata[content_po.EXPORTED_AT]
        assert len(po) == len({e.msgctxt for e in po})


def test_export_only_missing_or_outdated_and_outdated_is_fuzzy(demo):
    with demo.test_request_context():
        assert {e.msgctxt.split("/")[0] for e in export("en", {Status.MISSING})} == {"article"}
        assert len(export("en", {Status.MISSING})) == 3  # the Polish-only article
        edit_polish(article(), summary="Nowe streszczenie.")
        po = export("en", {Status.MISSING, Status.OUTDATED})
        summary = entry(po, f"article/{article().id}/summary/")
        assert summary.msgctxt.endswith("/v2") and summary.msgid == "Nowe streszczenie."
        assert summary.fuzzy and summary.msgstr.startswith("Our centre was among")


def test_export_refuses_the_source_and_unknown_languages(demo):
    with demo.app_context():
        for lang in ("pl", "de"):
            with pytest.raises(ValueError):
                content_po.export(lang)


# --- Import ------------------------------------------------------------------------------------


def test_round_trip_a_translator_edits_the_export_with_polib(untranslated_demo, client):
    with untranslated_demo.test_request_context():
        certificate, other = article().id, article("swiateczna-zbiorka-zywnosci").id
        exported = str(export("uk", {Status.MISSING}))
    po = polib.pofile(exported)  # the translator's tool reads the file …
    texts = {
        "title": "МОПС отримав сертифікат якості «Дружній уряд»",
        "summary": "Наш центр відзначили в сьомому конкурсі якості «Дружній уряд».",
        "body": '<p onclick="steal()">Ми раді повідомити.</p><script>alert(1)</script>',
    }
    for name, text in texts.items():
        entry(po, f"article/{certificate}/{name}/").msgstr = text
    photo = next(e for e in po if e.msgctxt.startswith("image/")).msgctxt.split("/")[1]
    entry(po, f"image/{photo}/alt/").msgstr = "Сертифікат якості в рамці."
    entry(po, f"image/{photo}/caption/").msgstr = "Сертифікат «Дружній уряд» 2022."
    entry(po, f"article/{other}/title/").msgstr = "Святковий збір продуктів"  # title only
    edited = po.__unicode__()  # … and saves it

    with untranslated_demo.app_context():
        report = content_po.import_po(edited)
        assert report.language == "uk"
        assert sorted(map(str, report.applied)) == sorted([
            f"article {certificate} “MOPS z certyfikatem jakości „Przyjazny Urząd””: "
            "title, summary, body",
            f"image {photo} “Oprawiony certyfikat jakości „Przyjazny Urząd” 2022 wystawiony dla "
            "Ośrodka.”: alt, caption",
        ])
        [skipped] = report.skipped
        assert skipped.what.startswith(f"article {other}")
        assert "needs every field" in skipped.reason and "summary, body" in skipped.reason
        assert len(report.untranslated) == ITEMS - 3
        assert any("HTML of body cleaned" in str(note) for note in report.notes)

        ukrainian = db.session.get(Article, certificate).translations["uk"]
        assert ukrainian.source_version == db.session.get(Article, certificate).version
        assert ukrainian.slug == "mops-otrimav-sertifikat-iakosti-druzhnii-uriad"
        assert ukrainian.body == "<p>Ми раді повідомити.</p>"
        assert "uk" not in db.session.get(Article, other).translations
        assert matrix().counts["uk"][Status.UP_TO_DATE] == 2

    shown = client.get(f"/uk/news/{ukrainian.slug}").get_data(as_text=True)
    assert "МОПС отримав сертифікат якості" in shown
    assert 'role="note"' not in shown  # no fallback notice: it is translated now
    assert "Сертифікат якості в рамці." in shown


def test_import_refuses_entries_whose_source_changed_since_export(demo):
    with demo.test_request_context():
        certificate = article()
        po = export("en")
        for e in po:
            if e.msgctxt.startswith(f"article/{certificate.id}/"):
                e.msgstr = e.msgstr.replace("centre", "center")
        edit_polish(certificate, summary="Zmienione streszczenie.")
        report = content_po.import_po(str(po))
        assert report.applied == []
        [skipped] = report.skipped
        assert "changed since the export (exported version 1, now 2)" in skipped.reason
        assert "center" not in db.session.get(Article, certificate.id).translations["en"].title


def test_import_never_overwrites_a_newer_edit_made_in_the_browser(demo):
    with demo.test_request_context():
        certificate = article()
        po = export("en")
        entry(po, f"article/{certificate.id}/title/").msgstr = "Title from the translator"
        factories.write(certificate, "en", title="Title edited in the browser")
        report = content_po.import_po(str(po))
        [skipped] = report.skipped
        assert "edited after the export" in skipped.reason
        assert db.session.get(Article, certificate.id).translations["en"].title == (
            "Title edited in the browser")


def test_an_outdated_translation_is_applied_once_reviewed(demo):
    with demo.test_request_context():
        certificate = article()
        edit_polish(certificate, summary="Nowe streszczenie.")
        po = export("en", {Status.OUTDATED})
        assert content_po.import_po(str(po)).untranslated  # still fuzzy: not applied
        for e in po:
            e.flags.remove("fuzzy")
        entry(po, f"article/{certificate.id}/summary/").msgstr = "A new summary."
        report = content_po.import_po(str(po))
        assert len(report.applied) == 1
        english = db.session.get(Article, certificate.id).translations["en"]
        assert english.summary == "A new summary." and english.source_version == 2
        assert matrix().counts["en"][Status.OUTDATED] == 0


def test_import_is_all_or_nothing_per_file(untranslated_demo):
    with untranslated_demo.test_request_context():
        certificate = article()
        po = export("uk", {Status.MISSING})
        for name in ("title", "summary", "body"):
            entry(po, f"article/{certificate.id}/{name}/").msgstr = "Текст"
        po.append(polib.POEntry(msgctxt="article/1/slug/v1", msgid="x", msgstr="y"))
        with pytest.raises(content_po.ImportRefused) as refused:
            content_po.import_po(str(po))
        assert "names no field of our content" in refused.value.problems[0]
        assert "uk" not in db.session.get(Article, certificate.id).translations


@pytest.mark.parametrize(("change", "problem"), [
    (lambda po: po.metadata.pop(content_po.EXPORTED_AT), "lacks X-Portal-Exported-At"),
    (lambda po: po.metadata.update(Language="pl"), "Polish is the source language"),
    (lambda po: po.metadata.update(Language="de"), "not one of the enabled languages"),
])
def test_import_refuses_a_file_without_a_usable_header(demo, change, problem):
    with demo.test_request_context():
        po = export("uk", {Status.MISSING})
        change(po)
        with pytest.raises(content_po.ImportRefused, match=problem):
            content_po.import_po(str(po))


@pytest.mark.parametrize("written", ["uk_UA", "uk-UA", "UK"])
def test_import_takes_the_language_however_a_tool_spells_it(untranslated_demo, written):
    """Poedit and Weblate may write a territory or another case: the language is what counts."""
    with untranslated_demo.test_request_context():
        certificate = article()
        po = export("uk", {Status.MISSING})
        po.metadata["Language"] = written
        for name in ("title", "summary", "body"):
            entry(po, f"article/{certificate.id}/{name}/").msgstr = "Текст"
        report = content_po.import_po(str(po), dry_run=True)
        assert report.language == "uk" and len(report.applied) == 1


def test_import_refuses_what_is_not_a_po_file(demo):
    with demo.app_context():
        with pytest.raises(content_po.ImportRefused, match="not a readable PO file"):
            content_po.import_po('msgid "a"\nmsgstr "b"\nnot po at all\n')
        with pytest.raises(content_po.ImportRefused, match="not a readable PO file"):
            content_po.import_po("/etc/hostname")  # a path is text here, never opened
        with pytest.raises(content_po.ImportRefused, match="not UTF-8"):
            content_po.import_po(b"\xff\xfe")


def test_dry_run_reports_and_changes_nothing(untranslated_demo):
    with untranslated_demo.test_request_context():
        certificate = article()
        po = export("uk", {Status.MISSING})
        for name in ("title", "summary", "body"):
            entry(po, f"article/{certificate.id}/{name}/").msgstr = "Текст"
        report = content_po.import_po(str(po), dry_run=True)
        assert len(report.applied) == 1 and report.dry_run
        db.session.expire_all()
        assert "uk" not in db.session.get(Article, certificate.id).translations


def test_export_and_import_commands(demo, runner, tmp_path):
    target = tmp_path / "en.po"
    result = runner.invoke(args=["translate", "export-content", "--lang", "en", "--only",
                                 "missing,outdated", "-o", str(target),
                                 "--base-url", "https://mops.example.pl"])
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(target))
    assert f"https://mops.example.pl/pl/news/{POLISH_ONLY}" in po[0].tcomment
    for e in po:
        e.msgstr = {"title": "Social Workers' Day at our centre",
                    "summary": "Thank you, social workers.",
                    "body": "<p>On 21 November we celebrate Social Workers' Day.</p>"}[
            e.msgctxt.split("/")[2]]
    po.save(str(target))
    result = runner.invoke(args=["translate", "import-content", str(target)])
    assert result.exit_code == 0, result.output
    assert "Applied 1 item(s) in en" in result.output
    with demo.app_context():
        slugs = db.session.scalars(sa.select(Article.translation_class.slug)
                                   .where(Article.translation_class.locale == "en"))
        assert "social-workers-day-at-our-centre" in set(slugs)

    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr "Language: en\\n"\n')
    result = runner.invoke(args=["translate", "import-content", str(bad)])
    assert result.exit_code == 1
    assert "Refused, nothing was changed" in result.output
    result = runner.invoke(args=["translate", "export-content", "--lang", "en", "--only", "x"])
    assert result.exit_code == 2 and "missing, outdated, up-to-date" in result.output


def test_the_sign_language_films_text_is_offered_for_translation(demo, client, staff):
    """The film's text version is a field of the page kind like any other: in the status, the
    side-by-side page and the PO export (it used to stay Polish in every language)."""
    with demo.test_request_context():
        film = db.session.scalar(sa.select(Page).where(Page.key == PageKey.SIGN_LANGUAGE))
        polish = film.translations["pl"].video_text
        po = export("uk")
        [entry] = [e for e in po if e.msgctxt == f"page/{film.id}/video_text/v{film.version}"]
        assert entry.msgid == polish and "HTML" in entry.tcomment
    staff("translator")
    side = client.get(f"/staff/pages/{film.id}/translate/uk").get_data(as_text=True)
    assert 'id="uk-video_text"' in side
