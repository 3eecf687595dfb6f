"""A credential rule kind added from this one module: the holder works in the named unit
(exactly that unit, to keep the example small).

The class holds the rule's field, its check against a person's facts, its description and its
course-as-code form; course-as-code, the admin and the evaluation find it as a `Rule` kind.
"""

from django.db import models

from certification.models import Rule
from courses import dataspec


class InUnitRule(Rule):
    """Works in the named unit."""

    kind = "in_unit"
    unit = models.SlugField("unit slug", max_length=80)

    class Meta:
        verbose_name = "rule: works in a unit"

    def is_satisfied_by(self, facts) -> bool:
        return facts.person.unit is not None and facts.person.unit.slug == self.unit

    def describe(self, language=None) -> str:
        return f"Work in the unit {self.unit}"

    @classmethod
    def from_data(cls, data: dict, here, *, credentials: set[str]) -> dict:
        return dataspec.check_mapping(
            data, here, dataspec.specs(dataspec.Slug("unit", required=True)), extra=("kind",)
        )

    def to_data(self) -> dict:
        return {"kind": self.kind, "unit": self.unit}
