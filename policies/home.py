"""Home-page sections of the policies app (registered in academy/home.py under "all").

The banner asks a signed-in person to acknowledge the current policy until they have; the
programme team and unit leads also get a short card with coverage. Constant queries.
"""

from core.home import Section

from . import permissions, selectors


def policy_section(request) -> list[Section]:
    sections: list[Section] = []
    # The coverage cards belong on the programme and lead homes, not on every home of theirs.
    home = getattr(request.resolver_match, "url_name", "")
    standing = selectors.standing_of(request.user)
    if standing.version is not None and not standing.acknowledged:
        sections.append(Section("policies/home_banner.html", {"standing": standing}, order=0))
    if home == "programme_home" and permissions.can_manage_policy(request.user):
        context = {
            "manage": True,
            "version": standing.version,
            "totals": selectors.organisation_coverage(),
            "draft": selectors.draft(),
        }
        sections.append(Section("policies/home_card.html", context, order=48))
    elif home == "lead_home" and permissions.can_see_coverage(request.user):
        rows = selectors.coverage_by_unit(permissions.coverage_unit_ids(request.user))
        context = {"version": standing.version, "totals": selectors.coverage_totals(rows)}
        sections.append(Section("policies/home_card.html", context, order=58))
    return sections
