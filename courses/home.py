"""The learner's home section of the courses app (registered in academy/home.py)."""

from core.home import Section

from . import selectors
from .models import TimeApproval

MAX_CURRENT = 8
SUGGESTIONS = 3


def learner_section(request) -> list[Section]:
    """My learning: modules in progress with a resume link, completed ones, training time
    waiting for a decision, the next booked session; an invitation to the catalogue when there
    is none of that, and nothing at all when the catalogue has nothing for the person either."""
    person = request.user
    items = selectors.my_learning(person)
    approvals = [
        approval
        for approval in selectors.time_approvals_of(person)
        if approval.status != TimeApproval.Status.APPROVED
    ]
    next_booking = selectors.bookings_of(person).first()
    current = [item for item in items if not item.is_complete][:MAX_CURRENT]
    context = {
        # The module touched last, with its next step one click away; the rest below it.
        "focus": current[0] if current else None,
        "current": current[1:],
        "returned": selectors.returned_work(person),
        "required": selectors.required_training(person, learning=items),
        "completed": [item for item in items if item.is_complete],
        "approvals": approvals,
        "next_booking": next_booking,
        "suggestions": [],
    }
    if not (items or approvals or next_booking or context["returned"]):
        modules = selectors.catalogue_for(person)
        if not modules:
            return []
        available = [module for module in modules if module.state == "available"]
        # The foundation first, as the academy intends (a stable sort keeps catalogue order).
        available.sort(key=lambda module: not module.is_foundation)
        context["suggestions"] = available[:SUGGESTIONS]
    return [Section("courses/learn/home_learning.html", context, order=5)]
