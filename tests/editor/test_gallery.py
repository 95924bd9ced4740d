"""Photos in the article editor: several at once, described, cleaned, ordered and removed."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage

from portal.extensions import db
from portal.news.models import Article

from ..conftest import check_page, csrf_token
from ..content_helpers import edit_form, form_values, photo


def start_article(client) -> dict:
    data = {
        "csrf_token": csrf_token(client, "/staff/articles/new"),
        "revision": "0",
        "pl-title": "Piknik rodzinny",
        "pl-body": "<p>Zapraszamy.</p>",
        "action": "save",
    }
    assert client.post("/staff/articles/new", data=data).status_code == 302
    return edit_form(client, "/staff/articles/1")


def upload(client, data: dict, files: list[tuple[bytes, str]], **extra):
    data = dict(data, **extra)
    data["photos"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post("/staff/articles/1", data=data, content_type="multipart/form-data")


def test_two_photos_need_descriptions_and_are_kept_until_saved(app, client, staff):
    staff("editor")
    data = start_article(client)
    sent = [
        (photo(gps=True, orientation=6), "IMG_0001.jpg"),
        (photo((300, 300), "green", "PNG"), "plakat.png"),
    ]
    response = upload(client, data, sent, action="save")
    page = check_page(response, "pl")
    summary = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert summary["#images-0-pl-alt"].startswith("Zdjęcie 1: opisz, co przedstawia")
    assert "#images-1-pl-alt" in summary
    # The accepted files are kept by the form: nothing needs choosing again.
    assert "IMG_0001.jpg" in page.one("#photo-1").get_text()
    again = form_values(page.response.get_data(as_text=True))
    assert again["images-0-key"] and again["images-1-key"]

    again.update(
        {
            "images-0-pl-alt": "Dzieci grają w piłkę na trawie.",
            "images-0-pl-caption": "Piknik w parku",
            "images-0-en-alt": "Children playing football on the grass.",
            "images-1-decorative": "y",
            "images-1-position": "1",
            "images-0-position": "2",
            "action": "save",
        }
    )
    assert client.post("/staff/articles/1", data=again).status_code == 302
    with app.app_context():
        article = db.session.get(Article, 1)
        first, second = article.images
        assert first.decorative and first.position == 0
        assert second.translations["pl"].alt == "Dzieci grają w piłkę na trawie."
        assert second.translations["en"].source_version == second.version == 1

        # EXIF is gone (GPS above all) and the orientation is applied: the photo stands upright.
        assert (second.width, second.height) == (200, 400)
        media = Path(app.config["MEDIA_ROOT"])
        for name in second.renditions.values():
            raw = (media / name).read_bytes()
            assert b"Exif" not in raw and b"TestCamera" not in raw
            with PILImage.open(media / name) as rendition:
                assert not rendition.getexif()
                assert rendition.height > rendition.width
                # The blue marker of the top-left corner went to the top right.
                assert rendition.convert("RGB").getpixel((rendition.width - 2, 1))[2] > 200

    preview = check_page(client.get("/staff/articles/1/preview/en"), "en")
    alts = [img["alt"] for img in preview.select(".gallery img")]
    assert alts == ["", "Children playing football on the grass."]


def test_refused_files_are_named_and_the_good_ones_kept(app, client, staff):
    staff("editor")
    data = start_article(client)
    gif = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(gif, "GIF")
    sent = [
        (b"not a picture at all", "umowa.jpg"),
        (gif.getvalue(), "animacja.gif"),
        (photo(), "dobre.jpg"),
    ]
    page = check_page(upload(client, data, sent, upload="1"), "pl")
    errors = page.one("#photos-error").get_text()
    assert "Nie dodano pliku „umowa.jpg”" in errors
    assert "Nie dodano pliku „animacja.gif”" in errors
    assert {a["href"] for a in page.select(".error-summary a")} == {"#photos"}
    assert "dobre.jpg" in page.one("#photo-1").get_text()
    assert not page.select("#photo-2")


def test_too_large_an_upload_gets_a_friendly_page(app, client, staff):
    staff("editor")
    data = start_article(client)
    app.config["MAX_CONTENT_LENGTH"] = 50_000  # the page still names the configured limit
    app.config["PORTAL_MAX_UPLOAD_MB"] = 20
    response = upload(client, data, [(b"x" * 60_000, "ogromne.jpg")], action="save")
    page = check_page(response, "pl", status=413)
    assert "najwyżej 20 MB naraz" in page.text
    # A staff page (the staff header and menu), leading back to the form, not to the readers.
    assert page.select(".staff-header, header nav a[href='/staff/']")
    assert page.one("main a")["href"] == "/staff/articles/1"


def test_photos_are_reordered_removed_and_translated(app, client, staff):
    staff("editor")
    data = start_article(client)
    response = upload(
        client,
        data,
        [(photo(color="red"), "a.jpg"), (photo(color="blue"), "b.jpg")],
        upload="1",
    )
    data = form_values(response.get_data(as_text=True))
    data.update({"images-0-pl-alt": "Czerwone", "images-1-pl-alt": "Niebieskie", "action": "save"})
    assert client.post("/staff/articles/1", data=data).status_code == 302

    data = edit_form(client, "/staff/articles/1")
    data.update({"images-0-position": "2", "images-1-position": "1", "action": "save"})
    client.post("/staff/articles/1", data=data)
    with app.app_context():
        alts = [i.translations["pl"].alt for i in db.session.get(Article, 1).images]
        assert alts == ["Niebieskie", "Czerwone"]

    data = edit_form(client, "/staff/articles/1")
    data.update({"images-0-remove": "y", "images-1-pl-alt": "Czerwone zdjęcie", "action": "save"})
    client.post("/staff/articles/1", data=data)
    with app.app_context():
        images = db.session.get(Article, 1).images
        assert [i.translations["pl"].alt for i in images] == ["Czerwone zdjęcie"]
        assert images[0].version == 2

    history = check_page(client.get("/staff/articles/1/history"), "pl")
    assert "Usunięto zdjęcie" in history.select(".revision")[0].get_text()
