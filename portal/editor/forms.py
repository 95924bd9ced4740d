"""The content editor's forms: one section per language, the gallery, and publication.

A kind of content declares its language section (``LanguageSection`` subclass) and its
language-neutral fields (a mixin); ``build_form`` puts them together for the person editing:
an editor gets every language, the neutral fields and the gallery's controls; a translator gets
only the languages other than Polish, so fields they may not change are not in their form at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FileField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, NumberRange, Optional

from ..content import SOURCE_LANGUAGE, utcnow
from ..forms import BaseForm, bind_stripped
from ..i18n import format_date, format_moment, language_label
from ..slugs import SLUG_MAX

MAX_PHOTOS = 200


def centre_timezone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Warsaw"))


def centre_today() -> date:
    """Today's date where the centre is (Europe/Warsaw), whatever the server's zone."""
    return datetime.now(centre_timezone()).date()


class _Stripped:
    """Meta for sub-forms: the same whitespace stripping as ``BaseForm``."""

    def bind_field(self, form, unbound_field, options):
        return bind_stripped(form, unbound_field, options)


class CheckedDateField(DateField):
    """A date field whose message for an unreadable date is our own, translated one."""

    def __init__(self, *args: Any, invalid_message: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message or _l("Enter a real date, like 23.04.2022.")

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(self.invalid_message)) from exc


class CheckedTimeField(TimeField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_("Enter a time like 9:30 or 14:00.")) from exc


# --- Language sections ------------------------------------------------------------------------


class LanguageSection(Form):
    """The fields of one language. ``required`` maps the fields the Polish source must fill to
    the message shown when one is empty; in other languages a section is all-or-nothing."""

    Meta = _Stripped
    lang: ClassVar[str] = SOURCE_LANGUAGE
    required: ClassVar[dict[str, Any]] = {}

    title = StringField(_l("Title"), validators=[Length(max=300)])
    slug = StringField(
        _l("Web address"),
        validators=[Length(max=SLUG_MAX)],
        description=_l(
            "The last part of the page's address. Leave it empty to make it from the title."
        ),
    )
    up_to_date = BooleanField(_l("This translation matches the current Polish text"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_source:
            del self.up_to_date
            for name in self.required:
                self[name].flags.required = True

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE

    def text_fields(self) -> list[Any]:
        return [f for f in self if f.short_name not in ("slug", "up_to_date")]

    def has_content(self) -> bool:
        return any(f.data for f in self.text_fields())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.is_source:
            for name, message in self.required.items():
                if not self[name].data and not self[name].errors:
                    self[name].errors.append(str(message))
                    valid = False
        elif self.has_content() and not self.title.data:
            self.title.errors.append(
                _(
                    "%(language)s: enter the title, or leave every field of this language empty.",
                    language=language_label(self.lang),
                )
            )
            valid = False
        return valid


class ContentForm(BaseForm):
    """What every content form has: the revision the editor loaded (to notice conflicts)."""

    revision = HiddenField()
    # The number of the working draft the form was opened on ("" when there was none).
    draft = HiddenField()
    languages: ClassVar[tuple[str, ...]] = ()
    source: ClassVar[bool] = True

    def sections(self) -> list[LanguageSection]:
        return [self[lang].form for lang in self.languages if lang in self]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.refused:
            return False
        if "images" in self:
            valid = self._check_images() and valid
        if "certificate" in self:
            valid = self._check_certificate() and valid
        if "documents" in self:
            from ..documents.editor import check

            valid = check(self) and valid
        return valid

    def _check_certificate(self) -> bool:
        picture = self.certificate.form
        if not self.source or picture.remove.data or picture.decorative.data:
            return True
        if not (picture.image_id.data or picture.key.data):
            return True
        if picture[SOURCE_LANGUAGE].alt.data:
            return True
        picture[SOURCE_LANGUAGE].alt.errors.append(
            _(
                "Describe what the certificate image shows for people who cannot see it, or "
                "mark it as decorative."
            )
        )
        return False

    def _check_images(self) -> bool:
        valid = True
        if not self.source:
            return valid
        for number, entry in enumerate(self.images, start=1):
            photo = entry.form
            if photo.remove.data or photo.decorative.data:
                continue
            if not photo[SOURCE_LANGUAGE].alt.data:
                photo[SOURCE_LANGUAGE].alt.errors.append(
                    _(
                        "Photo %(number)s: describe what it shows for people who cannot see "
                        "it, or mark it as decorative.",
                        number=number,
                    )
                )
                valid = False
        return valid


# --- The gallery -------------------------------------------------------------------------------


class PhotoText(Form):
    Meta = _Stripped
    lang: ClassVar[str] = SOURCE_LANGUAGE

    alt = StringField(
        _l("Alternative text"),
        validators=[Length(max=500)],
        description=_l("What the photo shows, for people who cannot see it."),
    )
    caption = StringField(_l("Caption"), validators=[Length(max=500)])


class PhotoBase(Form):
    Meta = _Stripped
    image_id = HiddenField()


class PhotoControls:
    """The parts of a photo only an editor changes: new files, order, removal, decorative."""

    key = HiddenField()
    name = HiddenField()
    position = IntegerField(
        _l("Position"),
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_PHOTOS, message=_l("Enter a position from 1 to 200.")),
        ],
    )
    decorative = BooleanField(
        _l("Decorative: it adds nothing a reader needs (it gets no description)")
    )
    remove = BooleanField(_l("Remove this photo"))


class CertificateControls:
    """The parts of an award's certificate image only an editor changes."""

    key = HiddenField()
    name = HiddenField()
    decorative = BooleanField(
        _l("Decorative: it adds nothing a reader needs (it gets no description)")
    )
    remove = BooleanField(_l("Remove the certificate image"))


def _per_language(base: type, languages: Iterable[str], label_for: Any) -> dict[str, Any]:
    return {
        lang: FormField(
            type(f"{base.__name__}_{lang}", (base,), {"lang": lang}),
            label=label_for(lang),
            separator="-",
        )
        for lang in languages
    }


def build_form(
    fields: type | None,
    section: type[LanguageSection],
    languages: tuple[str, ...],
    source: bool,
    gallery: bool = False,
    certificate: bool = False,
    documents: bool = False,
) -> type[ContentForm]:
    """The form class for one person: ``source`` says whether they may change the Polish text."""
    shown = languages if source else tuple(c for c in languages if c != SOURCE_LANGUAGE)
    attrs: dict[str, Any] = {"languages": shown, "source": source}
    attrs.update(_per_language(section, shown, language_label))
    if gallery:
        photo_bases = (PhotoControls, PhotoBase) if source else (PhotoBase,)
        photo = type("Photo", photo_bases, _per_language(PhotoText, shown, language_label))
        attrs["images"] = FieldList(FormField(photo, separator="-"), max_entries=MAX_PHOTOS)
        if source:
            attrs["photos"] = MultipleFileField(
                _l("Add photos"),
                description=_l(
                    "JPEG, PNG or WebP. You can choose several photos at once; each then needs "
                    "a description."
                ),
                render_kw={"accept": "image/jpeg,image/png,image/webp", "multiple": True},
            )
    if certificate:
        picture_bases = (CertificateControls, PhotoBase) if source else (PhotoBase,)
        texts = _per_language(PhotoText, shown, language_label)
        picture = type("Certificate", picture_bases, texts)
        attrs["certificate"] = FormField(picture, separator="-")
        if source:
            attrs["certificate_file"] = FileField(
                _l("Choose a new image"),
                description=_l(
                    "A photo or scan of the certificate: JPEG, PNG or WebP. A new one replaces "
                    "the one there is."
                ),
                render_kw={"accept": "image/jpeg,image/png,image/webp"},
            )
    if documents:
        _documents_fields(attrs, shown, source)
    bases: tuple[type, ...] = (ContentForm,)
    if source:
        bases += (PublicationFields, fields) if fields else (PublicationFields,)
    return type("EditForm", bases, attrs)


def _documents_fields(attrs: dict[str, Any], shown: tuple[str, ...], source: bool) -> None:
    """An item's documents: each one's title per language; for an editor also new files, the
    library to choose from, the accessible version and removal (portal.documents.editor)."""
    from ..documents import editor as documents
    from ..documents.files import ACCEPT

    bases = (documents.DocumentControls, documents.DocumentBase) if source \
        else (documents.DocumentBase,)
    texts = {lang: FormField(type(f"DocumentText_{lang}", (documents.DocumentText,),
                                  {"lang": lang, "Meta": _Stripped}),
                             label=language_label(lang), separator="-") for lang in shown}
    entry = type("DocumentEntry", bases, {"Meta": _Stripped, **texts})
    attrs["documents"] = FieldList(FormField(entry, separator="-"),
                                   max_entries=documents.MAX_DOCUMENTS)
    if source:
        attrs["document_files"] = MultipleFileField(
            _l("Add documents"),
            description=_l("PDF, DOCX, ODT, XLSX or ODS. Information about the author and the "
                           "software is taken out of each file."),
            render_kw={"accept": ACCEPT, "multiple": True,
                       # The script puts the chosen file's name where %(name)s stands.
                       "data-wrong-type": _l("“%(name)s” is not a PDF, DOCX, ODT, XLSX or ODS "
                                             "document. Choose another file.")},
        )
        attrs["library_document"] = SelectField(
            _l("Or attach a document from the media library"), choices=[],
            validate_choice=False,
        )


# --- Publication -------------------------------------------------------------------------------


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token to check."""


class PublicationFields:
    """When to publish, when the publication ends by itself, and when to review the content.

    The publication date and time are read only when the editor presses "Schedule"; the end of
    publication and the review date are saved with every button. None of them may be set to a
    moment that has passed: a schedule is never silently backdated.
    """

    expiry_date = CheckedDateField(
        _l("End date"),
        validators=[Optional()],
        invalid_message=_l(
            "Enter the date the publication ends as a real date, like 23.04.2022."
        ),
    )
    expiry_time = CheckedTimeField(_l("End time"), validators=[Optional()])
    review_due_on = CheckedDateField(
        _l("Check the content by"),
        validators=[Optional()],
        invalid_message=_l("Enter the review date as a real date, like 23.04.2022."),
        description=_l(
            "From 30 days before this date the item is on the dashboard's list of content due "
            "for review: use it for texts that go out of date, like benefit amounts and rules "
            "that change every year. Once you have checked the text, save it with a new date."
        ),
    )
    # After the fields above, as the editor's page shows them (the error summary's order).
    publish_date = CheckedDateField(
        _l("Publication date"),
        validators=[Optional()],
        invalid_message=_l("Enter the publication date as a real date, like 23.04.2022."),
    )
    publish_time = CheckedTimeField(_l("Publication time"), validators=[Optional()])

    #: Set when the moment to publish has passed: the editor then offers to publish now instead.
    schedule_passed = False

    def check_schedule(self, now: datetime | None = None) -> bool:
        """Both parts given, and a moment still to come (called only when the editor schedules)."""
        valid = True
        if self.publish_date.data is None and not self.publish_date.errors:
            self.publish_date.errors = [_("Enter the date on which to publish.")]
            valid = False
        if self.publish_time.data is None and not self.publish_time.errors:
            self.publish_time.errors = [_("Enter the time at which to publish.")]
            valid = False
        if not valid or self.publish_date.errors or self.publish_time.errors:
            return False
        moment, now = self.scheduled_moment(), now or utcnow()
        if moment > now:
            return True
        self.schedule_passed = True
        _moment_error(
            self.publish_date, self.publish_time, moment, now,
            _("%(when)s has already passed, so the item cannot be published then. Enter a "
              "later date and time, or publish the item now instead.",
              when=format_moment(moment)),
        )
        return False

    def scheduled_moment(self) -> datetime:
        """The date and time entered, read in the centre's time zone."""
        return datetime.combine(
            self.publish_date.data, self.publish_time.data, tzinfo=centre_timezone()
        )

    def expiry_moment(self) -> datetime | None:
        """When the publication is to end, read in the centre's time zone; None: never."""
        if self.expiry_date.data is None or self.expiry_time.data is None:
            return None
        return datetime.combine(
            self.expiry_date.data, self.expiry_time.data, tzinfo=centre_timezone()
        )

    def expiry_for(self, item: Any) -> datetime | None:
        """The end of publication to save for ``item``: the one it has when the form shows it
        unchanged (the form has whole minutes; a moment set elsewhere may have seconds)."""
        moment = self.expiry_moment()
        stored = item.expires_at
        if moment is not None and stored is not None and moment == _to_the_minute(stored):
            return stored
        return moment

    def check_dates(self, item: Any, published: datetime | None,
                    now: datetime | None = None) -> bool:
        """The end of publication and the review date, for ``item`` published at ``published``
        once the form is applied (None: not published).

        A moment or day that has passed is refused when it is new; one kept as it was saved
        stays, so an item whose publication has ended can still be saved, but not published
        again until its end is moved or cleared.
        """
        now = now or utcnow()
        valid = self._check_expiry(item, published, now)
        day = self.review_due_on.data
        if day is not None and day != item.review_due_on and day < centre_today():
            self.review_due_on.errors.append(
                _("%(date)s has already passed. Enter a later date to check the content by, "
                  "or leave it empty.", date=format_date(day, "long")))
            valid = False
        return valid and not self.review_due_on.errors

    def _check_expiry(self, item: Any, published: datetime | None, now: datetime) -> bool:
        date_field, time_field = self.expiry_date, self.expiry_time
        if date_field.errors or time_field.errors:
            return False
        if date_field.data is None and time_field.data is None:
            return True
        if date_field.data is None:
            date_field.errors.append(
                _("Enter the date on which the publication ends, or leave both fields empty."))
            return False
        if time_field.data is None:
            time_field.errors.append(
                _("Enter the time at which the publication ends, or leave both fields empty."))
            return False
        moment = self.expiry_for(item)
        if moment != item.expires_at and moment <= now:
            message = _("%(when)s has already passed. Enter a later date and time for the "
                        "publication to end, or leave both fields empty.",
                        when=format_moment(moment))
            _moment_error(date_field, time_field, moment, now, message)
            return False
        if published is None or moment > published:
            return True
        if moment <= now:
            message = _("The publication ended on %(when)s. To publish the item again, enter a "
                        "later date and time for it to end, or leave both fields empty.",
                        when=format_moment(moment))
        else:
            message = _("The publication would end before it begins (%(published)s). Enter a "
                        "later date and time for it to end, or leave both fields empty.",
                        published=format_moment(published))
        _moment_error(date_field, time_field, moment, published, message)
        return False


def _to_the_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _moment_error(date_field: Any, time_field: Any, moment: datetime, limit: datetime,
                  message: str) -> None:
    """Put ``message`` on the field that makes ``moment`` too early: the date when it is an
    earlier day than ``limit`` (in the centre's time zone), else the time."""
    zone = centre_timezone()
    early_day = moment.astimezone(zone).date() < limit.astimezone(zone).date()
    (date_field if early_day else time_field).errors.append(message)


def rich_text(label: Any, **kwargs: Any) -> TextAreaField:
    """A body field: headings, bold, italic, lists and links, edited like a word processor."""
    return TextAreaField(label, render_kw={"data-rich-text": "", "rows": 14}, **kwargs)
