"""Validators for values every app stores: web addresses and people's names."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")

validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=_("Enter a web address that starts with http:// or https://."),
)


def is_web_url(value: str) -> bool:
    """Whether `value` is an http(s) address (what may be shown as a link)."""
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


def validate_web_links(value: str) -> None:
    """One http(s) address per line (blank lines are ignored)."""
    for number, line in enumerate(value.splitlines(), start=1):
        line = line.strip()
        if line and not is_web_url(line):
            raise ValidationError(
                _("Line %(number)d is not a web address starting with http:// or https://."),
                code="invalid",
                params={"number": number},
            )
