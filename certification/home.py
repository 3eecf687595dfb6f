"""Home-page sections of certification (registered in academy/home.py)."""

from core.home import Section

from . import selectors
from .permissions import can_decide_nominations


def learner_section(request) -> list[Section]:
    credentials = list(selectors.credentials_of(request.user)[:10])
    new = [c for c in credentials if c.seen_at is None]
    active = [c for c in credentials if c.status in ("valid", "suspended")]
    return [
        Section(
            "certification/home_learner.html",
            {"credentials": active, "new": new},
            order=10 if new else 40,
        )
    ]


def programme_section(request) -> list[Section]:
    if not can_decide_nominations(request.user):
        return []
    return [
        Section(
            "certification/home_programme.html",
            {"pending": selectors.pending_nomination_count()},
            order=45,
        )
    ]


def nominate_section(request) -> list[Section]:
    """Champions and leads: a way to nominate a colleague for an invitation-only credential."""
    definitions = list(selectors.nominable_definitions())
    if not definitions:
        return []
    return [Section("certification/home_nominate.html", {"definitions": definitions}, order=60)]
