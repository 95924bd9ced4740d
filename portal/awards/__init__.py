"""Awards and certificates the centre has received, each with its certificate picture.

``init_app`` registers the award kind and the readers' pages ``/<lang>/awards/…``.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .. import kinds, public
from . import views
from .forms import AwardFields, AwardText
from .models import Award

KIND = kinds.Kind(
    name="award",
    model=Award,
    section=AwardText,
    neutral=AwardFields,
    label=lazy_pgettext("content kind", "Award"),
    plural_label=_l("Awards"),
    public_endpoint="public.award",
    public_template="awards/award.html",
    url="awards",
    headings={"new": _l("New award"), "edit": _l("Edit award"), "one": _l("Award"),
              "many": _l("Awards")},
    order=2,
    certificate=True,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, "/awards/", views.awards_list)
    public.add_page(app, "/awards/<slug>", views.award)
