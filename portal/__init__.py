"""The portal of a municipal social-welfare centre: public site and staff publishing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext

from .config import ROOT


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, CLI and error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    from . import config as settings

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.load(Path(app.instance_path)))
    if config:
        app.config.update(config)
    settings.check_production(app.config, app.debug)
    if app.config["PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    if app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = list(app.config["TRUSTED_HOSTS"])

    from . import database, errors, i18n, reader, security
    from .extensions import csrf, db, limiter, login_manager, migrate

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

    # Importing the view modules attaches their routes to the shared blueprints.
    from .accessibility import staff as _accessibility_staff  # noqa: F401
    from .accessibility import views as _accessibility  # noqa: F401
    from .awards import views as _awards  # noqa: F401
    from .images import views as media_views
    from .news import views as _news  # noqa: F401
    from .pages import views as _pages  # noqa: F401
    from .public import bp as public_bp
    from .public import root
    from .staff import audit as _audit  # noqa: F401
    from .staff import bp as staff_bp
    from .staff import translations as _translations  # noqa: F401
    from .staff import views as _staff  # noqa: F401

    app.register_blueprint(root)
    app.register_blueprint(public_bp)
    app.register_blueprint(media_views.bp)
    app.register_blueprint(staff_bp)

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(site_name=site_name, media_url=media_views.media_url)

    from . import cli

    cli.init_app(app)
    return app


def site_name() -> str:
    from flask import current_app
    from flask_babel import gettext as _

    return current_app.config["SITE_NAME"] or _("Municipal Social Welfare Centre")
