"""The award editor's own parts: the news article about the award, and the certificate image."""

from __future__ import annotations

import io

from portal.awards.models import Award
from portal.demo import CERTIFICATE_SLUG
from portal.editor.states import editor_url
from portal.extensions import db
from portal.images.models import Image
from portal.news.models import Article

from ..conftest import check_page
from ..content_helpers import answer_yes, edit_form, form_values, photo

URL = "/staff/awards/1"
POLISH_ONLY = "dzien-pracownika-socjalnego-w-naszym-osrodku"


def award() -> Award:
    db.session.expire_all()
    return db.session.get(Award, 1)


def article_id(slug: str) -> int:
    return Article.by_slug(slug, "pl").id


def post(client, data: dict, certificate: bytes | None = None, name: str = "dyplom.jpg"):
    """Send the award's form. The demo award is published, so a "save" here publishes the
    changes (saying yes when asked): what the tests look at is what readers get."""
    data = dict(data)
    if data.get("action") == "save":
        data["action"] = "publish"
    if certificate is not None:
        data["certificate_file"] = (io.BytesIO(certificate), name)
    return answer_yes(client, client.post(URL, data=data, content_type="multipart/form-data"))


def test_the_article_list_is_in_the_staff_members_language(demo, client, staff):
    staff("editor", language="en")
    page = check_page(client.get(URL), "en")
    select = page.one("select#article_id")
    options = select.find_all("option")
    assert options[0]["value"] == "" and options[0].get_text() == "No article"
    chosen = select.find("option", selected=True)
    assert chosen.get_text() == "The centre receives the “Friendly Office” quality certificate"
    assert not chosen.has_attr("lang")
    with demo.app_context():
        polish_only = article_id(POLISH_ONLY)
    fallback = select.find("option", attrs={"value": str(polish_only)})
    assert fallback["lang"] == "pl"
    assert fallback.get_text() == "Dzień Pracownika Socjalnego w naszym Ośrodku"
    assert len(options) == 1 + 12


def test_an_article_that_does_not_exist_is_refused(demo, client, staff):
    staff("editor")
    data = edit_form(client, URL)
    for crafted in ("99999", "abc", "-1"):
        page = check_page(post(client, dict(data, article_id=crafted, action="save")), "pl")
        summary = page.one(".error-summary a[href='#article_id']").get_text()
        assert summary == "Wybierz artykuł z listy albo „Bez artykułu”."
        assert page.one("#article_id")["aria-invalid"] == "true"
    with demo.app_context():
        assert award().article_id == article_id(CERTIFICATE_SLUG)


def test_linking_another_article_or_none(demo, client, staff):
    staff("editor")
    with demo.app_context():
        other = article_id("swiateczna-zbiorka-zywnosci")
    data = edit_form(client, URL)
    assert post(client, dict(data, article_id=str(other), action="save")).status_code == 302
    with demo.app_context():
        assert award().article_id == other
    reader = demo.test_client().get("/pl/awards/certyfikat-przyjazny-urzad-2022")
    assert "/pl/news/swiateczna-zbiorka-zywnosci" in reader.get_data(as_text=True)
    history = check_page(client.get(URL + "/history"), "pl")
    assert "Artykuł o nagrodzie" in history.select(".revision dl")[0].get_text()

    data = edit_form(client, URL)
    assert post(client, dict(data, article_id="", action="save")).status_code == 302
    with demo.app_context():
        assert award().article_id is None


def test_certificate_is_uploaded_described_replaced_and_removed(demo, client, staff):
    staff("editor")
    with demo.app_context():
        shared = award().certificate_image_id  # the demo's certificate is a gallery photo too
    data = edit_form(client, URL)
    assert data["certificate-image_id"] == str(shared)

    # Uploading keeps the picture in the form; saving needs its description.
    page = check_page(post(client, dict(data, upload="1"), photo((900, 600), "navy")), "pl")
    assert "jeszcze niezapisane" in page.one("#certificate").get_text()
    fields = form_values(page.response.get_data(as_text=True))
    assert fields["certificate-key"]
    fields.update({"certificate-pl-alt": "", "action": "save"})
    page = check_page(post(client, fields), "pl")
    message = page.one(".error-summary a[href='#certificate-pl-alt']").get_text()
    assert message.startswith("Opisz, co przedstawia obraz certyfikatu")

    fields = form_values(page.response.get_data(as_text=True))
    fields.update(
        {
            "certificate-pl-alt": "Certyfikat w granatowej ramce.",
            "certificate-en-alt": "The certificate in a navy frame.",
            "action": "save",
        }
    )
    assert post(client, fields).status_code == 302
    with demo.app_context():
        image = award().certificate_image
        first = image.id
        assert image.id != shared and image.article_id is None and image.width == 900
        assert image.translations["pl"].alt == "Certyfikat w granatowej ramce."
        assert image.translations["en"].source_version == image.version
        assert db.session.get(Image, shared) is not None  # still in the article's gallery
        assert len(Article.by_slug(CERTIFICATE_SLUG, "pl").images) == 9
    with demo.test_request_context():
        assert editor_url("image", first, "uk") == "/staff/awards/1/translate/uk#certificate"
    reader = demo.test_client().get("/en/awards/friendly-office-certificate-2022")
    assert 'alt="The certificate in a navy frame."' in reader.get_data(as_text=True)

    # Replacing: the new picture takes the texts in the form; the old one goes.
    data = edit_form(client, URL)
    assert post(client, dict(data, action="save"), photo((500, 700), "olive")).status_code == 302
    with demo.app_context():
        image = award().certificate_image
        assert image.width == 500 and image.translations["pl"].alt.startswith("Certyfikat")
        assert db.session.get(Image, first) is None
        second = image.id

    data = edit_form(client, URL)
    assert post(client, dict(data, **{"certificate-remove": "y", "action": "save"})).status_code
    with demo.app_context():
        assert award().certificate_image is None
        assert db.session.get(Image, second) is None
    page = check_page(client.get(URL), "pl")
    assert "Nie ma obrazu certyfikatu." in page.one("#certificate").get_text()


def test_a_decorative_certificate_needs_no_description(demo, client, staff):
    staff("editor")
    data = edit_form(client, URL)
    data.update({"certificate-decorative": "y", "certificate-pl-alt": "", "action": "save"})
    assert post(client, data, photo((600, 400), "maroon")).status_code == 302
    with demo.app_context():
        assert award().certificate_image.decorative


def test_a_file_that_is_no_picture_is_refused_by_name(demo, client, staff):
    staff("editor")
    data = edit_form(client, URL)
    page = check_page(post(client, dict(data, action="save"), b"%PDF-1.4", "skan.pdf"), "pl")
    error = page.one(".error-summary a[href='#certificate_file']").get_text()
    assert error.startswith("Nie dodano pliku „skan.pdf”")
    with demo.app_context():
        assert award().certificate_image.article_id is not None  # unchanged


def test_translator_cannot_change_the_article_or_the_certificate(demo, client, staff):
    staff("translator")
    with demo.app_context():
        before = award()
        state = (before.article_id, before.certificate_image_id)
        other = article_id("swiateczna-zbiorka-zywnosci")
    for url in (URL, URL + "/translate/en"):
        data = edit_form(client, url)
        assert "article_id" not in data and "certificate-remove" not in data
        assert "certificate-en-alt" in data
        data.update(
            {
                "article_id": str(other),
                "certificate-remove": "y",
                "certificate-decorative": "y",
                "certificate-key": "0" * 32,
                "certificate-image_id": "1",
                "certificate-pl-alt": "Podmieniony opis",
                "certificate-en-alt": "The framed certificate.",
                "action": "save",
            }
        )
        data["certificate_file"] = (io.BytesIO(photo()), "inny.jpg")
        response = client.post(url, data=data, content_type="multipart/form-data")
        assert response.status_code == 302
    with demo.app_context():
        after = award()
        assert (after.article_id, after.certificate_image_id) == state
        image = after.certificate_image
        assert not image.decorative and image.translations["pl"].alt != "Podmieniony opis"
        assert image.translations["en"].alt == "The framed certificate."
