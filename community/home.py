"""Home-page sections of the community app (registered in academy/home.py).

Each runs a fixed number of queries whatever the size of the organisation.
"""

from core.home import Section

from . import permissions, selectors
from .models import Segment


def everyone_section(request) -> list[Section]:
    """The featured contributor, this week's topics and, until answered, the intake survey."""
    context = {
        "featured": selectors.featured_contributor(),
        "topics": list(selectors.this_weeks_topics()[:5]),
        "surveyed": selectors.segment_of(request.user) is not None,
    }
    return [Section("community/home_everyone.html", context, order=30)]


RECENT_KUDOS = 3


def recognition_section(request) -> list[Section]:
    """The learner's recent recognition: the last kudos colleagues gave them (one query)."""
    kudos = list(selectors.kudos_received(request.user).order_by("-created_at")[:RECENT_KUDOS])
    return [Section("community/home_recognition.html", {"kudos": kudos}, order=25)]


def champion_section(request) -> list[Section]:
    """A champion's stuck learners and a way to record an awareness session."""
    if not selectors.is_champion(request.user):
        return []
    from . import stuck

    context = stuck.section_context(request.user)
    return [Section("community/home_champion.html", context, order=20)]


def insight_section(request) -> list[Section]:
    """Segments (above the anonymity threshold) and awareness reach for a lead or the programme."""
    if not permissions.can_see_segments(request.user):
        return []
    unit_ids = permissions.segment_unit_ids(request.user)
    rows = selectors.reach_per_unit(unit_ids)
    headcount = sum(r["headcount"] for r in rows)
    reached = sum(r["reached"] for r in rows)
    counts = selectors.segment_counts(unit_ids)
    context = {
        "segments": counts,
        "labels": [
            (label, (counts["counts"] or {}).get(code, 0)) for code, label in Segment.choices
        ],
        "headcount": headcount,
        "reached": reached,
        "share": round(100 * reached / headcount) if headcount else 0,
        "min_group": selectors.MIN_GROUP,
    }
    return [Section("community/home_insight.html", context, order=55)]


def nominations_section(request) -> list[Section]:
    if not permissions.can_decide_champions(request.user):
        return []
    context = {"pending": selectors.pending_nomination_count()}
    return [Section("community/home_nominations.html", context, order=46)]
