"""Static files are addressed by their content's hash and kept by browsers for a year."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup

from portal import static_files

STATIC = Path(__file__).resolve().parents[2] / "portal" / "static"
NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def test_pages_name_static_files_by_their_content(client):
    soup = BeautifulSoup(client.get("/pl/").get_data(as_text=True), "html.parser")
    stylesheet = soup.select_one('link[rel="stylesheet"]')["href"]
    digest = hashlib.sha256((STATIC / "css" / "site.css").read_bytes()).hexdigest()[:12]
    assert stylesheet == f"/static/css/site.css?v={digest}"
    for image in soup.select('img[src^="/static/"]'):
        assert re.search(r"\?v=[0-9a-f]{12}$", image["src"]), image["src"]


def test_a_fingerprinted_address_is_kept_a_year(client):
    soup = BeautifulSoup(client.get("/pl/").get_data(as_text=True), "html.parser")
    with client.get(soup.select_one('link[rel="stylesheet"]')["href"]) as answer:
        assert answer.status_code == 200
        assert answer.cache_control.max_age == 365 * 24 * 3600
        assert answer.cache_control.immutable and answer.cache_control.public
    for address in ("/static/css/site.css", "/static/css/site.css?v=000000000000"):
        with client.get(address) as other:  # the file as it is now, asked again each time
            assert other.status_code == 200 and not other.cache_control.immutable


def test_a_changed_file_gets_a_new_address(app, tmp_path, monkeypatch):
    (tmp_path / "a.css").write_text("body { color: black }")
    monkeypatch.setattr(app, "static_folder", str(tmp_path))
    with app.test_request_context():
        before = static_files.fingerprint("a.css")
        (tmp_path / "a.css").write_text("body { color: navy; }")
        assert static_files.fingerprint("a.css") != before
        assert static_files.fingerprint("../secret") is None
        assert static_files.fingerprint("missing.css") is None


def test_nginx_keeps_fingerprinted_static_files_a_year():
    conf = NGINX.read_text()
    assert 'default "public, max-age=31536000, immutable";' in conf
    location = conf.split("location /static/", 1)[1].split("}", 1)[0]
    assert "add_header Cache-Control $static_cache_control always;" in location
