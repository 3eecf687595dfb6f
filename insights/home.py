"""Home-page sections of insights (registered in academy/home.py): headline figures and a link."""

from django.db.models import Count, Q

from core.home import Section
from people import selectors as people_selectors

from .permissions import can_see_insights
from .selectors import allowed_unit_ids


def summary_section(request) -> list[Section]:
    """Leads and the programme team: how many of their people enrolled and hold a credential."""
    if not can_see_insights(request.user):
        return []
    unit_ids = allowed_unit_ids(request.user)
    figures = people_selectors.staff(unit_ids).aggregate(
        headcount=Count("id"),
        enrolled=Count("id", filter=Q(insight_fact__enrolled_at__isnull=False)),
        credentialed=Count("id", filter=Q(insight_fact__credential_levels__gt=0)),
    )
    headcount = figures["headcount"]
    for key in ("enrolled", "credentialed"):
        figures[f"{key}_percent"] = round(100 * figures[key] / headcount) if headcount else 0
    return [Section("insights/home_summary.html", figures, order=20)]
