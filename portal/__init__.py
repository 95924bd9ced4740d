"""The portal of a municipal social-welfare centre: public site and staff publishing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext, lazy_gettext
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    accessibility,
    awards,
    cli,
    database,
    editor,
    errors,
    feeds,
    home,
    i18n,
    images,
    mail,
    news,
    pages,
    previews,
    public,
    reader,
    redirects,
    search,
    security,
    service,
    staff,
)
from . import config as settings
from .config import ROOT
from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, CLI and error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.load(Path(app.instance_path)))
    if config:
        app.config.update(config)
    settings.check_production(app.config, app.debug)
    if app.config["PROXIES"]:
        n = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    if app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = list(app.config["TRUSTED_HOSTS"])

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "staff.login"
    login_manager.login_message = lazy_gettext("Please log in to see this page.")
    login_manager.localize_callback = str  # flash the translated text, never a lazy string
    login_manager.session_protection = "basic"
    limiter.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    reader.init_app(app)
    previews.init_app(app)
    mail.init_app(app)

    # The readers' and staff sides, then each content package, explicitly: a package registers
    # its kind (portal.kinds) and adds its own pages; the editor gives every kind with a staff
    # address its pages.
    app.register_blueprint(public.root)
    app.register_blueprint(public.bp)
    app.register_blueprint(staff.bp)
    editor.init_app(app)
    for package in (news, awards, pages, images, accessibility, redirects, search,
                    feeds):
        package.init_app(app)
    public.add_page(app, "/", home.home)
    service.guard_writes()

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(site_name=site_name)

    cli.init_app(app)
    return app


def site_name() -> str:
    return current_app.config["SITE_NAME"] or gettext("Municipal Social Welfare Centre")
