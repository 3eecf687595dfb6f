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


# Characters a name never needs: NUL and other control characters (PostgreSQL refuses NUL; SQLite
# would store it), and the invisible direction controls with which "Jan\u202egnirts" is shown
# as "Jangnirts" reversed: a name that reads differently from what it is.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def control_character_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text a person typed (a control character), or None."""
    if any(ord(char) < 32 or 127 <= ord(char) < 160 for char in value):
        return str(_("contains a control character (such as a NUL byte)"))
    return None


def name_problem(value: str) -> str | None:
    """Why `value` cannot be a person's name, or None when it can."""
    problem = control_character_problem(value)
    if problem:
        return problem
    if any(char in BIDI_CONTROLS for char in value):
        return str(_("contains an invisible text-direction character"))
    return None


def validate_name(value: str) -> None:
    """A person's name holds no control or text-direction characters."""
    problem = name_problem(value)
    if problem:
        raise ValidationError(
            _("The name %(problem)s.") % {"problem": problem}, code="invalid_characters"
        )
