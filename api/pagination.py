"""Cursor pagination with a stable order: each page ends at a key, the next starts after it.

A cursor is the ordering key of the last item on a page, encoded (base64 of JSON). Items added
or removed between two requests never make a page repeat or skip an item that stayed, which
offsets cannot promise. Every list orders by fields that end in a unique one.
"""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import create_model

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


class PageParams(Schema):
    cursor: str | None = Field(
        None, description="Where the previous page ended (its `next_cursor`); empty: the start."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


@dataclass
class Page:
    items: list
    next_cursor: str | None


_page_schemas: dict[type, type] = {}


def page_of(item: type[Schema]) -> type[Schema]:
    """The response schema of a list of `item`: the items and the cursor of the next page."""
    if item not in _page_schemas:
        _page_schemas[item] = create_model(
            f"{item.__name__}Page",
            __base__=Schema,
            items=(list[item], ...),
            next_cursor=(str | None, Field(None, description="Pass as `cursor` for more.")),
        )
    return _page_schemas[item]


def _invalid_cursor():
    return ValidationError(
        [{"loc": ("query", "cursor"), "msg": _("This cursor is not one this list gave out.")}]
    )


def _encode(values: Sequence[Any]) -> str:
    data = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values])
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def _decode(cursor: str, length: int) -> list:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise _invalid_cursor() from error
    if (
        not isinstance(values, list)
        or len(values) != length
        or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    ):
        raise _invalid_cursor()
    return values


def _after(ordering: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows that come after `values` in `ordering` (each field ascending, or descending with -)."""
    condition = Q(pk__in=[])
    for index, field in enumerate(ordering):
        name = field.lstrip("-")
        step = Q(**{f"{name}__{'lt' if field.startswith('-') else 'gt'}": values[index]})
        for earlier, value in zip(ordering[:index], values[:index], strict=False):
            step &= Q(**{earlier.lstrip("-"): value})
        condition |= step
    return condition


def paginate_queryset(queryset: QuerySet, params: PageParams, *, ordering: Sequence[str]) -> Page:
    """One page of `queryset` in `ordering` (whose last field is unique and none is null)."""
    queryset = queryset.order_by(*ordering)
    if params.cursor:
        values = _decode(params.cursor, len(ordering))
        try:
            queryset = queryset.filter(_after(ordering, values))
            rows = list(queryset[: params.limit + 1])
        except (DjangoValidationError, ValueError, TypeError) as error:
            raise _invalid_cursor() from error
    else:
        rows = list(queryset[: params.limit + 1])
    getters = [attrgetter(field.lstrip("-").replace("__", ".")) for field in ordering]
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    return Page(
        items=rows,
        next_cursor=_encode([get(rows[-1]) for get in getters]) if more else None,
    )


def paginate_list(items: list, params: PageParams, *, key: Callable[[Any], tuple]) -> Page:
    """One page of a list a selector made, ordered by `key` (a unique tuple of text/numbers)."""
    ordered = sorted(items, key=key)
    if params.cursor:
        if not ordered:
            return Page(items=[], next_cursor=None)
        after = tuple(_decode(params.cursor, len(key(ordered[0]))))
        try:
            ordered = [item for item in ordered if key(item) > after]
        except TypeError as error:
            raise _invalid_cursor() from error
    more = len(ordered) > params.limit
    page = ordered[: params.limit]
    return Page(items=page, next_cursor=_encode(key(page[-1])) if more else None)
