"""deploy/loopback.py: deploy/nginx.conf as the cluster tests and `make bench` run it on loopback.
What they measure or test is the shipped file, so the rewrite must change only ports, paths and
the certificate, and stop when the file no longer has a line it rewrites."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy import loopback

from ..conftest import skip_or_fail

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _site(tmp_path: Path, refusing_port: int | None = None) -> str:
    key, cert = tmp_path / "site.key", tmp_path / "site.crt"
    return loopback.site(8443, [9001, 9002], tmp_path, tmp_path / "media", key, cert,
                         refusing_port=refusing_port)


def _directives(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")]


def test_only_ports_paths_and_certificate_change(tmp_path):
    shipped = _directives((loopback.ROOT / "deploy" / "nginx.conf").read_text())
    written = _directives(_site(tmp_path))
    site = "\n".join(written)
    assert "listen 443" not in site and "/srv/portal" not in site and "letsencrypt" not in site
    assert "server 127.0.0.1:9001 max_fails=1" in site and "server 127.0.0.1:9002" in site
    assert site.count("listen 127.0.0.1:8443 ssl") == 2  # the site and the refusing server
    # Everything that is not a listen, path or upstream line is the shipped file's, unchanged.
    kept = [line for line in shipped
            if not re.search(r"listen |/srv/portal|letsencrypt|/var/cache|server 127", line)]
    assert kept == [line for line in written
                    if not re.search(rf"listen |{tmp_path}|{loopback.ROOT}|server 127", line)]


def test_the_benchmark_site_is_alone_on_its_port(tmp_path):
    """wrk sends no server name: on the site's port only the site may answer the handshake."""
    site = _site(tmp_path, refusing_port=8444)
    blocks = site.split("server {")
    refusing = next(block for block in blocks if "ssl_reject_handshake on" in block)
    assert "listen 127.0.0.1:8444 ssl default_server;" in refusing
    assert site.count("listen 127.0.0.1:8443 ssl") == 1


def test_a_changed_deploy_file_stops_the_rewrite(tmp_path, monkeypatch):
    (tmp_path / "deploy").mkdir()
    shipped = (loopback.ROOT / "deploy" / "nginx.conf").read_text()
    (tmp_path / "deploy" / "nginx.conf").write_text(
        shipped.replace("listen 443 ssl http2;", "listen 8443 ssl;"))
    monkeypatch.setattr(loopback, "ROOT", tmp_path)
    with pytest.raises(ValueError, match="listen 443 ssl http2"):
        _site(tmp_path)


def test_nginx_accepts_the_rewritten_configuration(tmp_path):
    if not Path(NGINX).exists():
        skip_or_fail("nginx is not installed (Debian: nginx-light)")
    if shutil.which("openssl") is None:
        skip_or_fail("openssl is not installed")
    key, cert = loopback.certificate(tmp_path)
    site = loopback.site(loopback.free_port(), [loopback.free_port()], tmp_path,
                         tmp_path / "media", key, cert, refusing_port=loopback.free_port())
    config = loopback.write(tmp_path, site,
                            f"server {{ listen 127.0.0.1:{loopback.free_port()}; }}")
    check = subprocess.run(  # noqa: S603 (fixed arguments)
        [NGINX, "-t", "-c", str(config)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
