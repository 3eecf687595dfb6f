"""The keys of course-as-code, each knowing how to check, apply and write back its value.

Each part of a programme lists its keys as `Spec`s (`coursecode.MODULE_SPEC`, each step kind's
`spec` in courses/steps/), so the importer, the exporter and the JSON Schema agree on one
description of the format.
"""

import re
from collections.abc import Callable
from typing import Any, NoReturn
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .models.text import LANGUAGES, texts

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT = 100_000


class Problem(Exception):
    """One thing wrong in a document (what `Here.report` makes of a place and a message)."""


class Incomplete(Exception):
    """A part of the document had problems, already kept: its checks stop, the others go on."""


class Here:
    """Where in the document a value sits (a path of keys), and how to report a problem there.

    Every place of one document shares one list of `problems`, so that a check can report all
    of them at once: `attempt` runs a check and keeps the problem it raises, `note` keeps one
    without stopping, and `settle` stops a part once something in it was wrong.
    """

    def __init__(
        self,
        path: tuple,
        report: Callable[[tuple, str], Problem],
        languages=(),
        locate: Callable[[tuple], str] | None = None,
        problems: list | None = None,
    ):
        self.path = path
        self.report = report
        self.languages = tuple(languages)
        self.locate = locate
        self.problems = [] if problems is None else problems

    def __truediv__(self, key) -> "Here":
        return Here((*self.path, key), self.report, self.languages, self.locate, self.problems)

    def speaking(self, languages) -> "Here":
        """The same place, where texts must be given in `languages`."""
        return Here(self.path, self.report, languages, self.locate, self.problems)

    def where(self) -> str:
        """ "file:line" of this place (or its path when the file is not known)."""
        return self.locate(self.path) if self.locate else ".".join(map(str, self.path))

    def fail(self, message: str) -> NoReturn:
        raise self.report(self.path, message)

    def note(self, message: str) -> None:
        """Keep a problem at this place and go on checking."""
        self.problems.append(self.report(self.path, message))

    def attempt(self, check: Callable, *args, **kwargs):
        """`check(*args, **kwargs)`, or None when it found a problem (kept in `problems`)."""
        try:
            return check(*args, **kwargs)
        except Problem as problem:
            self.problems.append(problem)
        except Incomplete:
            pass
        return None

    def each(self, items: list, check: Callable) -> list:
        """`check(item, here / index)` for every item; those with problems are left out."""
        results = [self.attempt(check, item, self / index) for index, item in enumerate(items)]
        return [result for result in results if result is not None]

    def settle(self, mark: int) -> None:
        """Stop this part (Incomplete) if problems were kept since `len(problems)` was `mark`."""
        if len(self.problems) > mark:
            raise Incomplete


def check_string(value, here: Here, *, max_length: int = MAX_TEXT, blank: bool = True) -> str:
    if not isinstance(value, str):
        here.fail(_("must be text, not %(type)s") % {"type": type_name(value)})
    if "\x00" in value:
        here.fail(_("must not contain a NUL character"))
    if len(value) > max_length:
        here.fail(_("is longer than %(max)d characters") % {"max": max_length})
    if not blank and not value.strip():
        here.fail(_("must not be empty"))
    return value


def check_slug(value, here: Here) -> str:
    value = check_string(value, here, max_length=80)
    if not SLUG.match(value):
        here.fail(
            _("'%(value)s' is not a slug (lower-case letters, digits and hyphens)")
            % {"value": value[:80]}
        )
    return value


def check_slug_list(value, here: Here) -> list[str]:
    if not isinstance(value, list):
        here.fail(_("must be a list, not %(type)s") % {"type": type_name(value)})
    slugs = [check_slug(item, here / index) for index, item in enumerate(value)]
    for index, slug in enumerate(slugs):
        if slug in slugs[:index]:
            (here / index).fail(_("'%(slug)s' is listed twice") % {"slug": slug})
    return slugs


def type_name(value) -> str:
    names = {
        type(None): _("nothing"),
        bool: _("true/false"),
        int: _("a number"),
        float: _("a number"),
        str: _("text"),
        list: _("a list"),
        dict: _("a mapping"),
    }
    return str(names.get(type(value), type(value).__name__))


def check_mapping(value, here: Here, keys: dict[str, "Spec"], *, extra: tuple = ()) -> dict:
    """A mapping with only the known keys (or `extra` ones), every required key present."""
    if not isinstance(value, dict):
        here.fail(_("must be a mapping, not %(type)s") % {"type": type_name(value)})
    mark = len(here.problems)
    for key in value:
        if not isinstance(key, str) or (key not in keys and key not in extra):
            (here / str(key)).note(
                _("unknown key '%(key)s' (expected one of: %(keys)s)")
                % {"key": key, "keys": ", ".join([*keys, *extra])}
            )
    cleaned = {}
    for key, spec in keys.items():
        if key in value:
            cleaned[key] = here.attempt(spec.load, value[key], here / key)
        elif spec.required:
            here.note(_("the key '%(key)s' is missing") % {"key": key})
        else:
            cleaned[key] = spec.default_value()
    here.settle(mark)
    return cleaned


class Spec:
    """One key of a mapping: `load` checks a value, `apply` sets it, `dump` writes it back."""

    def __init__(self, key: str, *, attr: str | None = None, required=False, default=None):
        self.key = key
        self.attr = attr or key
        self.required = required
        self.default = default

    def default_value(self):
        return self.default() if callable(self.default) else self.default

    def load(self, value, here: Here):  # pragma: no cover - every spec overrides
        raise NotImplementedError

    def apply(self, obj, value) -> None:
        setattr(obj, self.attr, value)

    def dump(self, obj):
        return getattr(obj, self.attr)

    def schema(self) -> dict:  # pragma: no cover
        raise NotImplementedError


class Text(Spec):
    """A human text: a string (the same in every language) or a mapping {en: ..., nl: ...}."""

    def __init__(self, key: str, *, max_length: int = MAX_TEXT, required=False):
        super().__init__(key, required=required, default=lambda: {"en": "", "nl": ""})
        self.max_length = max_length

    def load(self, value, here: Here) -> dict[str, str]:
        if isinstance(value, str):
            text = check_string(value, here, max_length=self.max_length)
            if self.required and not text.strip():
                here.fail(_("must not be empty"))
            return {"en": text, "nl": ""}
        if not isinstance(value, dict):
            here.fail(
                _(
                    "must be text or a mapping of language to text ({en: ..., nl: ...}), not %(type)s"
                )
                % {"type": type_name(value)}
            )
        for language in value:
            if language not in LANGUAGES:
                (here / str(language)).fail(
                    _("unknown language '%(language)s' (use %(languages)s)")
                    % {"language": language, "languages": ", ".join(LANGUAGES)}
                )
        for language in ("en", *here.languages):
            if language not in value:
                here.fail(_("the %(language)s text is missing") % {"language": language})
        result = {
            language: check_string(
                value.get(language, ""), here / language, max_length=self.max_length
            )
            for language in LANGUAGES
        }
        if self.required and not result["en"].strip():
            (here / "en").fail(_("must not be empty"))
        return result

    def apply(self, obj, value) -> None:
        for language in LANGUAGES:
            setattr(obj, f"{self.attr}_{language}", value[language])

    def dump(self, obj):
        values = texts(obj, self.attr)
        if not any(values[language] for language in LANGUAGES[1:]):
            return values["en"]
        return dict(values)

    def schema(self) -> dict:
        return {"$ref": "#/$defs/text"}


class Integer(Spec):
    def __init__(self, key: str, *, minimum: int, maximum: int, nullable=False, **kwargs):
        super().__init__(key, **kwargs)
        self.minimum, self.maximum, self.nullable = minimum, maximum, nullable

    def load(self, value, here: Here) -> int | None:
        if value is None and self.nullable:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not self.minimum <= value <= self.maximum
        ):
            message = _("must be a whole number from %(min)d to %(max)d") % {
                "min": self.minimum,
                "max": self.maximum,
            }
            if self.nullable:
                message += _(", or empty (null)")
            here.fail(message)
        return value

    def schema(self) -> dict:
        number = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        return {"oneOf": [number, {"type": "null"}]} if self.nullable else number


class Boolean(Spec):
    def load(self, value, here: Here) -> bool:
        if not isinstance(value, bool):
            here.fail(_("must be true or false"))
        return value

    def schema(self) -> dict:
        return {"type": "boolean"}


class Choice(Spec):
    def __init__(self, key: str, *, choices: tuple[str, ...], **kwargs):
        super().__init__(key, **kwargs)
        self.choices = choices

    def load(self, value, here: Here) -> str:
        if value not in self.choices:
            here.fail(
                _("must be one of: %(choices)s")
                % {"choices": ", ".join(str(c) for c in self.choices)}
            )
        return value

    def schema(self) -> dict:
        return {"enum": list(self.choices)}


class Slug(Spec):
    def load(self, value, here: Here) -> str:
        return check_slug(value, here)

    def schema(self) -> dict:
        return {"$ref": "#/$defs/slug"}


class SlugList(Spec):
    def __init__(self, key: str, *, choices: tuple[str, ...] | None = None, **kwargs):
        super().__init__(key, default=list, **kwargs)
        self.choices = choices

    def load(self, value, here: Here) -> list[str]:
        slugs = check_slug_list(value, here)
        for index, slug in enumerate(slugs):
            if self.choices is not None and slug not in self.choices:
                (here / index).fail(
                    _("must be one of: %(choices)s") % {"choices": ", ".join(self.choices)}
                )
        return slugs

    def dump(self, obj):
        return list(getattr(obj, self.attr))

    def schema(self) -> dict:
        items = {"enum": list(self.choices)} if self.choices else {"$ref": "#/$defs/slug"}
        return {"type": "array", "items": items, "uniqueItems": True}


def allowed_embed_hosts() -> list[str]:
    return [host.lower() for host in getattr(settings, "ACADEMY_VIDEO_EMBED_HOSTS", [])]


def embed_url_problem(url: str) -> str | None:
    """Why a video embed URL is refused (https and a host on the allow-list), or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    hosts = allowed_embed_hosts()
    if parts.scheme != "https" or not host:
        return _("must be an https:// address")
    if not any(host == allowed or host.endswith(f".{allowed}") for allowed in hosts):
        return _("the host %(host)s is not on the video allow-list (%(hosts)s)") % {
            "host": host,
            "hosts": ", ".join(hosts) or _("empty"),
        }
    return None


class EmbedUrl(Spec):
    def __init__(self, key: str, **kwargs):
        super().__init__(key, default="", **kwargs)

    def load(self, value, here: Here) -> str:
        url = check_string(value, here, max_length=500)
        if url:
            problem = embed_url_problem(url)
            if problem:
                here.fail(problem)
        return url

    def schema(self) -> dict:
        return {"type": "string", "maxLength": 500, "pattern": "^(https://.*)?$"}


class StoredFile(Spec):
    """The name of a file already in the public media storage (uploaded in the admin)."""

    def __init__(self, key: str, **kwargs):
        super().__init__(key, default="", **kwargs)

    def load(self, value, here: Here) -> str:
        from core.storage import public_storage

        name = check_string(value, here, max_length=255)
        if name and (".." in name.split("/") or name.startswith("/")):
            here.fail(_("must be a file name inside the media folder"))
        if name and not public_storage().exists(name):
            here.fail(_("there is no uploaded file %(name)s") % {"name": name})
        return name

    def dump(self, obj):
        return getattr(obj, self.attr).name or ""

    def schema(self) -> dict:
        return {"type": "string", "maxLength": 255}


def dump_mapping(obj, specs: dict[str, Spec]) -> dict[str, Any]:
    return {key: spec.dump(obj) for key, spec in specs.items()}


def apply_mapping(obj, specs: dict[str, Spec], cleaned: dict) -> None:
    for key, spec in specs.items():
        spec.apply(obj, cleaned[key])


def specs(*items: Spec) -> dict[str, Spec]:
    return {spec.key: spec for spec in items}


def stored_state(obj) -> dict:
    """The stored values of a model instance, to tell whether an import changed it."""
    return {f.attname: _comparable(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def _comparable(value):
    return value.name if hasattr(value, "name") and hasattr(value, "storage") else value


def spec_schema(spec: Spec) -> dict:
    """The JSON Schema of one key (texts point at the shared `text` definitions)."""
    if isinstance(spec, Text):
        return {"$ref": "#/$defs/requiredText" if spec.required else "#/$defs/text"}
    return spec.schema()


def object_schema(keys: dict[str, Spec], *, extra: dict | None = None, required_extra=()) -> dict:
    """The JSON Schema of a mapping with these keys (and `extra` ones, already in schema form)."""
    properties = {key: spec_schema(spec) for key, spec in keys.items()}
    properties.update(extra or {})
    required = [key for key, spec in keys.items() if spec.required] + list(required_extra)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
