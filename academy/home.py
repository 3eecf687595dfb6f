"""Role home pages are composed of sections that each app contributes from its own `home.py`.

An app adds a dotted path below; the function takes the request and returns a list of
`Section`s (possibly empty). Sections are sorted by `order`. Each must run a constant number of
queries whatever the data size (the home pages have query-count tests).
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


HOME_SECTIONS: dict[str, list[str]] = {
    "learner": [
        "courses.home.learner_section",
        "community.home.recognition_section",
        "certification.home.learner_section",
    ],
    "trainer": [
        "certification.home.nominate_section",
        "community.home.champion_section",
        "courses.staff_home.trainer_section",
    ],
    "lead": [
        "certification.home.nominate_section",
        "community.home.insight_section",
        "insights.home.summary_section",
        "courses.staff_home.lead_section",
    ],
    "programme": [
        "certification.home.programme_section",
        "courses.staff_home.programme_section",
        "community.home.nominations_section",
        "community.home.insight_section",
        "insights.home.summary_section",
    ],
    # Shown at the top of every signed-in home (e.g. a banner asking to acknowledge the policy).
    "all": ["policies.home.policy_section", "community.home.everyone_section"],
}


def sections_for(role: str, request) -> list[Section]:
    sections: list[Section] = []
    for path in HOME_SECTIONS["all"] + HOME_SECTIONS[role]:
        sections.extend(import_string(path)(request))
    return sorted(sections, key=lambda section: section.order)
