"""Role home pages are composed of sections that each app contributes.

An app registers its section functions in its `AppConfig.ready()`:
`home.register("learner", learner_section)`. A function takes the request and returns a list of
`Section`s (possibly empty); the page shows the sections of the role and of "all", sorted by
`order`. Each must run a constant number of queries whatever the data size (the home pages
have query-count tests).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("all", "learner", "trainer", "lead", "programme")


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


SectionFunction = Callable[..., list[Section]]

_registry: dict[str, list[SectionFunction]] = {role: [] for role in ROLES}


def register(role: str, *functions: SectionFunction) -> None:
    """Show what `functions` return on the home of `role` ("all": every signed-in home)."""
    if role not in _registry:
        raise ValueError(f"Unknown home role {role!r}; expected one of {', '.join(ROLES)}.")
    for function in functions:
        if function not in _registry[role]:
            _registry[role].append(function)


def sections_for(role: str, request) -> list[Section]:
    sections: list[Section] = []
    for function in _registry["all"] + _registry[role]:
        sections.extend(function(request))
    return sorted(sections, key=lambda section: section.order)
