"""Images: the upload pipeline, renditions, serving, and each photo's texts per language.

``init_app`` registers the image kind (alternative text and caption, translated like any text;
a photo is edited on the page of the article or award that shows it) and ``/media/``.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .. import kinds
from ..editor.forms import PhotoText
from . import views
from .models import Image

KIND = kinds.Kind(
    name="image",
    model=Image,
    section=PhotoText,
    label=lazy_pgettext("content kind", "Photo"),
    plural_label=_l("Photos (alternative texts and captions)"),
    order=4,
    revisions=False,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    app.register_blueprint(views.bp)
    app.jinja_env.globals.update(media_url=views.media_url)
