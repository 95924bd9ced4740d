"""One log line per request, with the request id the answer carries."""

from __future__ import annotations

import json
import logging

from ..conftest import make_app


def lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "portal.requests"]


def test_each_request_is_one_line_with_the_id_the_answer_carries(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client = make_app(tmp_path).test_client()
    response = client.get("/pl/news/?page=1&q=tajne")
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32
    [line] = lines(caplog)
    assert f'request_id="{request_id}"' in line
    assert 'method="GET" path="/pl/news/" status=200' in line
    assert "tajne" not in line  # nothing the reader typed

    other = client.get("/pl/news/")
    assert other.headers["X-Request-ID"] != request_id


def test_the_id_nginx_gives_is_kept_and_a_strange_one_replaced(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client = make_app(tmp_path).test_client()
    given = "3f2a9c0d5e6b4a1f8c7d2e9b0a1c3d4e"
    assert client.get("/pl/", headers={"X-Request-ID": given}).headers["X-Request-ID"] == given
    strange = client.get("/pl/", headers={"X-Request-ID": 'x" status=500'})
    assert strange.headers["X-Request-ID"] != 'x" status=500'
    assert all("status=500" not in line for line in lines(caplog))


def test_json_lines_for_a_log_collector(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client = make_app(tmp_path, LOG_FORMAT="json").test_client()
    response = client.get("/pl/nie-ma-takiej-strony")
    [line] = lines(caplog)
    record = json.loads(line)
    assert record["status"] == 404
    assert record["path"] == "/pl/nie-ma-takiej-strony"
    assert record["request_id"] == response.headers["X-Request-ID"]
    assert record["user"] is None and record["ms"] >= 0
