"""Step kinds: one module per kind, each registering a `StepKind` (see `registry`).

Importing this package registers the built-in kinds. They register in the order course-as-code
has always listed them (the order of the schema and of error messages), hence no sorting here.
"""

# isort: off
from . import text, video, quiz, assignment, policy, session  # noqa: F401 - each registers its kind

# isort: on
from .registry import StepKind, kind_named, kind_of, kinds, register

__all__ = ["StepKind", "kind_named", "kind_of", "kinds", "register"]
