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

# What the editor says of an award: one message per kind, so translations agree with its
# gender.
MESSAGES = {
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "published": _l("The award “%(title)s” is published."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "changes_published": _l("The award “%(title)s” is published with its changes."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "scheduled": _l("The award “%(title)s” will be published on %(when)s."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "published_until": _l("The award “%(title)s” is published until %(until)s."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "scheduled_until": _l("The award “%(title)s” will be published on %(when)s, until "
                          "%(until)s."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "unpublished": _l("The award “%(title)s” is no longer published: it is a draft again."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "trashed": _l("The award “%(title)s” is in the trash. You can restore it from there."),
    # TRANSLATORS: said of an award (Polish wyróżnienie: neuter; Ukrainian відзнака: feminine).
    "restored": _l("The award “%(title)s” is restored from the trash."),
}

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
    messages=MESSAGES,
    order=2,
    certificate=True,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, "/awards/", views.awards_list)
    public.add_page(app, "/awards/<slug>", views.award)
