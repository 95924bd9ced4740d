"""The administrator's redirect form: an old address and the path on this site it leads to."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, NotFound
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ..forms import BaseForm
from .models import PATH_MAX, Redirect
from .paths import is_local, is_unsafe, item_kinds, match_keys, normalize, slug_known

# Addresses of the site's own machinery, never an old page's.
RESERVED = ("/staff", "/static")


class RedirectForm(BaseForm):
    old_path = StringField(
        _l("Old address"),
        validators=[
            DataRequired(_l("Enter the old address.")),
            Length(max=PATH_MAX,
                   message=_l("The old address must be %(max)d characters or fewer.")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    target_path = StringField(
        _l("Leads to"),
        validators=[
            DataRequired(_l("Enter the address on this site that the old one should lead to.")),
            Length(max=PATH_MAX,
                   message=_l("The new address must be %(max)d characters or fewer.")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )

    old_path_hint = _l("Only the part after the domain, starting with /, for example "
                       "/aktualnosci/123.html or /index.php?id=123.")
    target_path_hint = _l("A page of this site, starting with /, for example /pl/news/ or "
                          "/pl/info/kontakt. Copy it from the browser's address bar without the "
                          "domain.")

    @property
    def old_key(self) -> str:
        """The old address as requests are matched."""
        return normalize(self.old_path.data or "")

    def validate_old_path(self, field) -> None:
        value = field.data
        _check_local(value, _("Enter only the old address's path, without https:// and the "
                              "domain, for example /aktualnosci/123.html."))
        if "#" in value:
            raise ValidationError(_("Leave out the # and what follows it: browsers never send "
                                    "that part of an address."))
        key = self.old_key
        if len(key) > PATH_MAX:
            raise ValidationError(_("The old address must be %(max)d characters or fewer.",
                                    max=PATH_MAX))
        path = key.split("?", 1)[0]
        if any(path == prefix or path.startswith(prefix + "/") for prefix in RESERVED) \
                or _is_a_page(path):
            raise ValidationError(_("This address is a page of this site now, so it cannot "
                                    "lead anywhere else."))
        if Redirect.from_path(key) is not None:
            raise ValidationError(_("There is a redirect from this address already. Delete it "
                                    "first if it should lead somewhere else."))

    def validate_target_path(self, field) -> None:
        value = field.data
        _check_local(value, _("Enter a path on this site, without https:// and the domain, "
                              "for example /pl/news/."))
        if self.old_path.errors or not self.old_path.data:
            return
        old = self.old_key
        if old in match_keys(value):
            raise ValidationError(_("The new address is the old one: the redirect would lead "
                                    "back to itself."))
        # Through administrators' redirects, the new address must not come back here.
        seen = {old}
        step = Redirect.matching(match_keys(value))
        while step is not None and not step.automatic and step.old_path not in seen:
            seen.add(step.old_path)
            if old in match_keys(step.target_path):
                raise ValidationError(_(
                    "The new address leads back to the old one through the redirect from "
                    "%(path)s: readers would go round in circles.", path=step.old_path))
            step = Redirect.matching(match_keys(step.target_path))


def _check_local(value: str, message: str) -> None:
    if not is_local(value):
        if value.startswith("/") or "://" in value or value.startswith("www."):
            raise ValidationError(message)
        raise ValidationError(_("The address must start with /, for example "
                                "/aktualnosci/123.html."))
    if is_unsafe(value) or any(char.isspace() for char in value):
        raise ValidationError(_("The address cannot contain spaces, line breaks or "
                                "backslashes (\\). Copy it from the browser's address bar."))


def _is_a_page(path: str) -> bool:
    """Whether readers get a page at ``path`` already (an item's page only if its slug is
    known: an unknown one is a 404, which a redirect may answer)."""
    adapter = current_app.url_map.bind(request.host)
    try:
        endpoint, values = adapter.match(path, method="GET")
    except NotFound:
        return False
    except HTTPException:  # it redirects (a missing slash) or answers other methods
        return True
    kind = item_kinds().get(endpoint)
    return kind is None or slug_known(kind, values.get("slug", ""))


class DeleteForm(BaseForm):
    """The confirmation's button: only the CSRF token to check."""
