"""deploy/nginx.conf on loopback: the site file itself with only its ports, paths, certificate
(self-signed, made here) and upstream servers replaced, and a main configuration around it that
keeps every file nginx writes in one folder. The cluster tests (tests/cluster/) and the HTTP
benchmark (bench/http_pages.py) run nginx with it; neither is used in production.
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = "mops.example.pl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for the site, valid a day: (key, certificate)."""
    key, cert = folder / "site.key", folder / "site.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", f"/CN={SITE}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return key, cert


def site(port: int, upstreams: list[int], folder: Path, media: Path, key: Path, cert: Path,
         refusing_port: int | None = None) -> str:
    """deploy/nginx.conf for loopback: the site on ``port`` (TLS), the app servers on
    ``upstreams``. The server that refuses other names listens on ``refusing_port`` if given
    (then the site is the only one on ``port``, and a client that sends no name, such as wrk,
    reaches it), else on ``port`` as in production."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "\n".join(f"    server 127.0.0.1:{upstream} max_fails=1 fail_timeout=2s;"
                        for upstream in upstreams)
    replacements = [
        ("    server 127.0.0.1:8000 max_fails=1 fail_timeout=2s;", servers),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl;"),
        ("listen 443 ssl default_server;",
         f"listen 127.0.0.1:{refusing_port or port} ssl default_server;"),
        ("listen 80 default_server;", f"listen 127.0.0.1:{free_port()} default_server;"),
        ("listen 80;", f"listen 127.0.0.1:{free_port()};"),
        (f"/etc/letsencrypt/live/{SITE}/fullchain.pem", str(cert)),
        (f"/etc/letsencrypt/live/{SITE}/privkey.pem", str(key)),
        ("/var/cache/nginx/portal", str(folder / "nginx-cache")),
        ("/srv/portal/instance/media/", f"{media}/"),
        ("/srv/portal/", f"{ROOT}/"),
    ]
    for old, new in replacements:
        if old not in text:
            raise ValueError(f"deploy/nginx.conf no longer has {old!r}")
        text = text.replace(old, new)
    return text


def write(folder: Path, site_text: str, extra: str = "") -> Path:
    """The main configuration (one worker, in the foreground, every file in ``folder``) with
    the site and ``extra`` (more server blocks) in its http block; return its path."""
    (folder / "site.conf").write_text(site_text)
    temp = folder / "nginx-temp"
    temp.mkdir(exist_ok=True)
    main = f"""
        daemon off;
        user root;
        worker_processes 1;
        pid {folder}/nginx.pid;
        error_log {folder}/nginx-error.log warn;
        events {{ worker_connections 512; }}
        http {{
            include /etc/nginx/mime.types;
            access_log {folder}/nginx-access.log;
            client_body_temp_path {temp}/body;
            proxy_temp_path {temp}/proxy;
            fastcgi_temp_path {temp}/fastcgi;
            uwsgi_temp_path {temp}/uwsgi;
            scgi_temp_path {temp}/scgi;
            include {folder}/site.conf;
            {extra}
        }}
    """
    path = folder / "nginx.conf"
    path.write_text(main)
    return path
