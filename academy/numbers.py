"""Strict reading of whole numbers from outside input (query strings, forms, files, headers).

Python's `int()` and `str.isdigit()` accept far more than the digits 0-9: superscripts
(`"²".isdigit()` is true, `int("²")` fails), digits of other scripts (`int("٣")` is 3) and
numbers with thousands of digits. Outside input goes through `parse_int` instead, so that a
crafted value is simply "not a number" (a 404, a form error or the default) and never a 500.
"""

import re

# ASCII digits only, at most 18 of them: always fits a 64-bit database integer.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def parse_int(value, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    """The whole number written in `value` (ASCII digits only), or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        number = int(value)
    else:
        return None
    if number < minimum or (maximum is not None and number > maximum):
        return None
    return number


def parse_version(value) -> tuple[int, int] | None:
    """(major, minor) from a version number such as "2.0", or None for anything else."""
    if not isinstance(value, str):
        return None
    major, dot, minor = value.partition(".")
    numbers = parse_int(major), parse_int(minor)
    if not dot or None in numbers:
        return None
    return numbers
