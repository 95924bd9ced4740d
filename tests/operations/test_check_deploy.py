"""`flask check-deploy`, and a production instance that refuses to start while it fails."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.config import ROOT
from portal.deploy_checks import findings

GOOD = {
    "SECRET_KEY": "k" * 48,
    "TRUSTED_HOSTS": ["mops.example.pl"],
    "PREFERRED_URL_SCHEME": "https",
    "SESSION_COOKIE_SECURE": True,
    "PROXIES": 1,
    "WORKERS": None,
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://portal@db/portal",
    "MEDIA_ROOT": "/srv/media",
}


def settings(tmp_path, **changes):
    return findings({**GOOD, **changes}, debug=changes.pop("debug", False),
                    instance_path=tmp_path)


def test_a_good_production_configuration_passes(tmp_path):
    assert settings(tmp_path) == []


@pytest.mark.parametrize(
    ("changes", "setting"),
    [
        ({"SECRET_KEY": "changeme"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"TRUSTED_HOSTS": None}, "TRUSTED_HOSTS"),
        ({"PREFERRED_URL_SCHEME": "http"}, "PREFERRED_URL_SCHEME"),
        ({"SESSION_COOKIE_SECURE": False}, "SESSION_COOKIE_SECURE"),
        ({"PROXIES": None}, "PORTAL_PROXIES"),
        ({"RATELIMIT_STORAGE_URI": "memory://", "REDIS_URL": ""}, "REDIS_URL"),
        ({"SQLALCHEMY_DATABASE_URI": "sqlite:////srv/portal.sqlite3"}, "DATABASE_URL"),
        ({"SQLALCHEMY_DATABASE_URI": "sqlite:////srv/portal.sqlite3", "SERVERS": 2},
         "DATABASE_URL"),
        ({"MEDIA_ROOT": str(ROOT / "portal" / "static" / "media")}, "MEDIA_ROOT"),
        ({"MAIL_SMTP_HOST": "smtp", "TRUSTED_HOSTS": None}, "PORTAL_SMTP_HOST"),
    ],
)
def test_each_unsafe_setting_is_named(tmp_path, changes, setting):
    assert setting in {finding.setting for finding in settings(tmp_path, **changes)}


def test_debug_is_named(tmp_path):
    found = findings(GOOD, debug=True, instance_path=tmp_path)
    assert [finding.setting for finding in found] == ["FLASK_DEBUG"]


def test_one_worker_may_count_in_memory_and_sqlite_alone_is_fine(tmp_path):
    single = {"RATELIMIT_STORAGE_URI": "memory://", "REDIS_URL": "", "WORKERS": 1,
              "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'portal.sqlite3'}"}
    assert settings(tmp_path, **single) == []


def test_sqlite_on_one_machine_with_redis_for_its_workers_is_fine(tmp_path):
    one_machine = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
                   "SERVERS": 1}
    assert settings(tmp_path, **one_machine) == []


def test_media_in_the_instance_folder_is_fine_even_inside_the_checkout(tmp_path):
    instance = ROOT / "instance"
    found = findings({**GOOD, "MEDIA_ROOT": str(instance / "media")}, False, instance)
    assert found == []


def test_the_command_lists_the_problems_and_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SECRET_KEY": "x" * 40, "TRUSTED_HOSTS": None})
    result = app.test_cli_runner().invoke(args=["check-deploy"])
    assert result.exit_code == 1
    assert "TRUSTED_HOSTS: not set" in result.output
    assert "not safe to expose" in result.output
    good = create_app({**GOOD, "MEDIA_ROOT": str(tmp_path / "media")})
    passed = good.test_cli_runner().invoke(args=["check-deploy"])
    assert passed.exit_code == 0, passed.output


def test_production_refuses_to_start_and_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 48)
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS: not set") as refused:
        create_app()
    assert "PORTAL_PROXIES: not set" in str(refused.value)
    for name, value in [("TRUSTED_HOSTS", "mops.example.pl"), ("PREFERRED_URL_SCHEME", "https"),
                        ("PORTAL_PROXIES", "1"), ("REDIS_URL", "redis://127.0.0.1:6379/0"),
                        ("DATABASE_URL", "postgresql://postgres@127.0.0.1/test")]:
        monkeypatch.setenv(name, value)
    assert create_app().config["PORTAL_ENV"] == "production"
