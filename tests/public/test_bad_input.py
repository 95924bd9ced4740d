"""Input the database or a header cannot take gets an error page, never a 500.

Each case here answered 500 before (an uncaught exception): huge numbers in addresses and page
numbers, NUL bytes on PostgreSQL, CR/LF in ``next=``, a decompression bomb, too many photos, and
a foreign ``Host`` when ``TRUSTED_HOSTS`` is set.
"""

from __future__ import annotations

import pytest

from portal.images import processing

from .. import factories
from ..conftest import check_page, create_user, csrf_token, make_app
from ..content_helpers import photo
from ..documents.hostile import png_bomb as bomb
from ..editor.test_gallery import start_article, upload

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path", ["/pl/news/%00", "/pl/news/a%00b", "/en/info/%00", "/pl/awards/x%00"]
)
def test_a_nul_byte_in_an_address_is_not_found(client, path):
    check_page(client.get(path), path.split("/")[1], status=404)


@pytest.mark.parametrize("query", [f"page={HUGE}", "page=100001", "page=-1"])
def test_a_page_number_past_any_list_is_not_found(app, client, query):
    with app.app_context():
        factories.article("Zebranie rodziców", "<p>W czwartek.</p>")
    check_page(client.get(f"/pl/news/?{query}"), "pl", status=404)
    assert client.get("/pl/news/?page=1").status_code == 200


def test_a_nul_byte_in_a_query_or_a_form_is_a_bad_request(client):
    check_page(client.get("/pl/news/?page=1&q=a%00b"), "pl", status=400)
    token = csrf_token(client, "/staff/login")
    response = client.post(
        "/staff/login",
        data={"email": "ala\x00@mops.example.pl", "password": "x", "csrf_token": token},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        f"/staff/articles/{HUGE}",
        "/staff/articles/2147483648",
        f"/staff/pages/{HUGE}/history",
        f"/staff/users/{HUGE}",
        f"/staff/audit?page={HUGE}",
        f"/staff/?page={HUGE}",
        f"/staff/redirects?page={HUGE}",
    ],
)
def test_huge_numbers_in_staff_addresses_are_not_found(client, staff, path):
    staff("admin")
    check_page(client.get(path), "pl", status=404)


@pytest.mark.parametrize(
    "path", ["/language/en", "/reader/contrast/high", "/reader/text-size/large"]
)
@pytest.mark.parametrize("target", ["/pl/%0d%0aSet-Cookie:%20x=1", "/%09/evil.example", "/pl/%0a"])
def test_control_characters_in_next_lead_home(client, path, target):
    response = client.get(f"{path}?next={target}")
    assert response.status_code == 303
    assert "evil" not in response.headers["Location"]
    assert "\n" not in response.headers["Location"]
    assert not any("x=1" in cookie for cookie in response.headers.getlist("Set-Cookie"))


def test_a_login_with_control_characters_in_next_logs_in(app, client):
    create_user(app, "editor", email="ola@mops.example.pl")
    token = csrf_token(client, "/staff/login")
    response = client.post(
        "/staff/login?next=/staff/%0d%0aX:%20y",
        data={
            "email": "ola@mops.example.pl",
            "password": "correct horse battery staple",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"
    # Not counted as a failed login: the audit log says it went well.
    from portal.audit import AuditEvent
    from portal.extensions import db

    with app.app_context():
        actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions == ["login"]


def test_a_decompression_bomb_is_refused_with_a_message(tmp_path):
    # Through the editor's form, with the message and nothing left behind: in
    # tests/documents/test_hostile_uploads.py, with the other hostile files.
    assert len(bomb()) < 80
    with pytest.raises(processing.ImageRejected, match="40 megapixels"):
        processing.process(bomb(), tmp_path)
    assert not list(tmp_path.rglob("*.*"))


def test_more_photos_than_an_item_holds_are_refused_not_a_500(app, client, staff):
    staff("editor")
    data = start_article(client)
    limit = 200
    sent = [(photo((8, 8), (n % 256, n // 256, 7), "PNG"), f"p{n}.png") for n in range(limit + 2)]
    page = check_page(upload(client, data, sent, upload="1"), "pl")
    errors = page.one("#photos-error").get_text()
    assert "Nie dodano pliku „p200.png”: pozycja może mieć najwyżej 200 zdjęć" in errors
    assert "p201.png" in errors and "p199.png" not in errors
    assert len(page.select("[id^=photo-]")) >= limit


def test_a_foreign_host_is_a_bad_request_with_the_security_headers(tmp_path):
    app = make_app(tmp_path, TRUSTED_HOSTS=["mops.example.pl"])
    client = app.test_client()
    assert client.get("/pl/", headers={"Host": "mops.example.pl"}).status_code == 200
    response = client.get("/pl/", headers={"Host": "evil.example", "Accept-Language": "pl"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)
    assert response.get_data(as_text=True) == "Ta witryna nie odpowiada pod tym adresem."
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
