"""The award editor's fields."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..staff.content_forms import CheckedDateField, LanguageSection


class AwardText(LanguageSection):
    required = {"title": _l("Enter the name of the award in Polish.")}
    organiser = StringField(_l("Organiser"), validators=[Length(max=300)])
    edition = StringField(_l("Edition"), validators=[Length(max=200)])
    place = StringField(_l("Place"), validators=[Length(max=300)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 5})


class AwardFields:
    awarded_on = CheckedDateField(
        _l("Date of the award"),
        validators=[InputRequired(_l("Enter the date the award was received."))],
        invalid_message=_l("Enter the date of the award as a real date, like 23.04.2022."),
    )
