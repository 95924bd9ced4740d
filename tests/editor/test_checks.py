"""Help for editors: the warnings shown before publishing, and publishing anyway."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from portal.editor import checks
from portal.editor.item import form_class, labels
from portal.kinds import kind_named

from ..conftest import check_page
from ..editor.test_editing import article, new_article


@pytest.mark.parametrize(
    ("lang", "html"),
    [
        ("pl", '<p>Zapisy: <a href="https://mops.example.pl/">kliknij tutaj</a>.</p>'),
        ("pl", '<p><a href="https://mops.example.pl/">Czytaj więcej…</a></p>'),
        ("pl", '<p>Regulamin jest <a href="https://mops.example.pl/">TUTAJ</a></p>'),
        ("en", '<p>To sign up <a href="https://mops.example.pl/">click here</a>.</p>'),
        ("en", '<p><a href="https://mops.example.pl/"> Read more » </a></p>'),
        ("uk", '<p><a href="https://mops.example.pl/">Детальніше</a></p>'),
    ],
)
def test_links_that_say_nothing(lang, html):
    assert len(checks.vague_links(html, lang)) == 1


@pytest.mark.parametrize(
    ("lang", "html"),
    [
        ("pl", '<p><a href="https://mops.example.pl/">Regulamin pikniku (PDF)</a></p>'),
        ("en", '<p><a href="https://mops.example.pl/">The picnic rules</a></p>'),
        # "więcej" is a fine link in English, and "more" in Polish: each language its own list.
        ("en", '<p><a href="https://mops.example.pl/">więcej</a></p>'),
        ("pl", '<p><a href="https://mops.example.pl/">more</a></p>'),
    ],
)
def test_links_that_say_where_they_lead(lang, html):
    assert checks.vague_links(html, lang) == []


@pytest.mark.parametrize(
    ("html", "skips"),
    [
        ("<h2>Zapisy</h2><h4>Terminy</h4>", [(2, 4)]),
        ("<h3>Dates</h3>", [(1, 3)]),
        ("<h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3>", []),
        ("<h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2><h4>E</h4>", [(2, 4)]),
    ],
)
def test_skipped_heading_levels(html, skips):
    assert checks.skipped_headings(html) == skips


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ZAPRASZAMY WSZYSTKIE RODZINY", "ZAPRASZAMY WSZYSTKIE RODZINY"),
        ("Piknik. WSTĘP WOLNY DLA WSZYSTKICH! Zapraszamy.", "WSTĘP WOLNY DLA WSZYSTKICH!"),
        ("ALL FAMILIES WELCOME", "ALL FAMILIES WELCOME"),
        # One word of twenty letters or more is enough.
        ("NIEPEŁNOSPRAWNOŚCIOWEGO", "NIEPEŁNOSPRAWNOŚCIOWEGO"),
        ("Dyżur MOPS i PCPR w 2026 r.", None),
        ("MOPS – PCPR", None),
        ("The NHS and the UK", None),
    ],
)
def test_text_in_capital_letters(text, found):
    assert checks.shouting(text) == found


def test_capital_letters_are_found_per_block():
    html = "<h2>GODZINY OTWARCIA BIURA</h2><p>Zwykły tekst. <strong>UWAGA</strong> nowość.</p>"
    assert checks.shouting_in(html) == ["GODZINY OTWARCIA BIURA"]


def test_each_kind_of_warning_on_a_form_in_polish_and_english(app):
    body_pl = (
        "<h2>Zapisy</h2><h4>Terminy</h4>"
        '<p>Formularz: <a href="https://mops.example.pl/">kliknij tutaj</a></p>'
        "<p>WSTĘP WOLNY DLA WSZYSTKICH</p>"
    )
    body_en = (
        "<h2>Sign-up</h2><h4>Dates</h4>"
        '<p>The form: <a href="https://mops.example.pl/">click here</a></p>'
    )
    data = MultiDict(
        {
            "pl-title": "PIKNIK RODZINNY W PARKU",
            "pl-summary": "Krótko.",
            "pl-body": body_pl,
            "en-title": "Family picnic",
            "en-summary": "ALL FAMILIES ARE WELCOME",
            "en-body": body_en,
            "images-0-image_id": "7",
            "images-0-pl-alt": "Rodziny w parku.",
            "images-1-image_id": "8",
            "images-1-pl-alt": "Dzieci.",
            "images-1-en-alt": "Children.",
            "images-2-image_id": "9",
            "images-2-decorative": "y",
        }
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        kind = kind_named("article")
        form = form_class(kind, source=True)(formdata=data, meta={"csrf": False})
        warnings = checks.check_form(kind, form, labels(kind))
    by_field = {}
    for w in warnings:
        by_field.setdefault(w.field_id, []).append(w.message)
    assert sorted(by_field) == ["en-body", "en-summary", "images-0-en-alt", "pl-body", "pl-title"]
    assert len(by_field["pl-body"]) == 3  # the skipped level, the link, the capitals
    assert len(by_field["en-body"]) == 2  # the skipped level, the link
    assert "Photo 1" in by_field["images-0-en-alt"][0]
    assert any("“click here”" in m for m in by_field["en-body"])
    assert any("level 4 heading follows a level 2" in m for m in by_field["en-body"])


def test_publishing_warns_first_and_publishes_when_confirmed(app, client, staff):
    staff("editor")
    fields = {
        "pl-title": "Piknik rodzinny",
        "pl-body": '<h2>Zapisy</h2><h4>Terminy</h4><p><a href="https://mops.example.pl/">'
        "Kliknij tutaj</a></p><p>WSTĘP WOLNY DLA WSZYSTKICH</p>",
    }
    # Saving a draft is never held up by the warnings.
    location = new_article(client, **fields)
    with app.app_context():
        assert article(app).published_at is None

    page = check_page(client.get(location), "pl")
    data = {
        i["name"]: i.get("value", "")
        for i in page.select("#edit-form input[name]")
        if i.get("type") != "checkbox"
    }
    data.update(fields)
    data.update({"pl-summary": "Krótko.", "action": "publish"})
    response = client.post(location, data=data)
    warned = check_page(response, "pl")
    summary = warned.one(".warning-summary")
    links = [a["href"] for a in summary.select("li a")]
    assert links == ["#pl-body", "#pl-body", "#pl-body"]
    assert "Kliknij tutaj" in summary.get_text()
    button = warned.one("#confirm-publication")
    assert (button["name"], button["value"]) == ("confirm", "publish")
    assert button.get_text() == "Opublikuj mimo to"
    with app.app_context():
        assert article(app).published_at is None

    del data["action"]
    response = client.post(location, data={**data, "confirm": "publish"})
    assert response.status_code == 302
    with app.app_context():
        assert article(app).published_at is not None
    assert client.get("/pl/news/piknik-rodzinny").status_code == 200


def test_scheduling_warns_too_and_clean_text_publishes_at_once(app, client, staff):
    staff("editor")
    location = new_article(client, **{"pl-title": "DZIEŃ OTWARTY W OŚRODKU"})
    page = check_page(client.get(location), "pl")
    data = {
        i["name"]: i.get("value", "")
        for i in page.select("#edit-form input[name]")
        if i.get("type") != "checkbox"
    }
    data.update(
        {
            "pl-title": "DZIEŃ OTWARTY W OŚRODKU",
            "pl-summary": "Krótko.",
            "pl-body": "<p>Treść.</p>",
            "publish_date": "2030-05-01",
            "publish_time": "10:00",
            "action": "schedule",
        }
    )
    warned = check_page(client.post(location, data=data), "pl")
    assert [a["href"] for a in warned.select(".warning-summary li a")] == ["#pl-title"]
    assert warned.one("#confirm-publication")["value"] == "schedule"

    data["pl-title"] = "Dzień otwarty w ośrodku"
    assert client.post(location, data=data).status_code == 302
    with app.app_context():
        assert article(app).published_at is not None
