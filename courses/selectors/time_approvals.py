"""Training time: the learner's requests and the lead's list of requests to decide."""

from django.db.models import (
    Count,
    Min,
    QuerySet,
)

from .. import permissions
from ..models import (
    Lifecycle,
    Programme,
    TimeApproval,
)


def time_approval_for(person, programme: Programme) -> TimeApproval | None:
    """The person's latest request for training time for `programme`, if any."""
    return (
        TimeApproval.objects.filter(person=person, programme=programme)
        .select_related("decided_by")
        .order_by("-requested_at", "-id")
        .first()
    )


def time_approvals_of(person) -> list[TimeApproval]:
    """The person's latest request for training time per programme, newest first, with the
    programme and who decided (one query)."""
    latest: dict[int, TimeApproval] = {}
    for approval in (
        TimeApproval.objects.exclude(programme__status=Lifecycle.DRAFT)
        .filter(person=person)
        .select_related("programme", "decided_by")
        .order_by("requested_at", "id")
    ):
        latest[approval.programme_id] = approval
    return sorted(latest.values(), key=lambda a: (a.requested_at, a.pk), reverse=True)


def time_approvals_for_lead(lead, *, status: str | None = TimeApproval.Status.REQUESTED):
    """Requests of people in the units `lead` leads (the programme team: all), oldest first; `status=None` for every state."""
    approvals = (
        TimeApproval.objects.exclude(person=lead)
        .select_related("person__unit", "programme", "decided_by")
        .order_by("requested_at", "id")
    )
    if not permissions.is_programme_team(lead):
        units = permissions.led_unit_ids(lead)
        if not units:
            return TimeApproval.objects.none()
        approvals = approvals.filter(person__unit_id__in=units)
    if status is not None:
        approvals = approvals.filter(status=status)
    return approvals


def time_approvals_waiting(lead) -> dict:
    """How many requests wait for `lead`'s decision and since when the oldest waits (one query)."""
    return (
        time_approvals_for_lead(lead)
        .order_by()
        .aggregate(count=Count("id"), oldest=Min("requested_at"))
    )


def decided_time_approvals_for_lead(lead) -> QuerySet[TimeApproval]:
    """Approved and declined requests of people in the units `lead` leads (the programme team:
    all), latest decision first, with who decided."""
    return (
        time_approvals_for_lead(lead, status=None)
        .exclude(status=TimeApproval.Status.REQUESTED)
        .order_by("-decided_at", "-id")
    )


def time_approval_to_decide(person, approval_id: int) -> TimeApproval | None:
    """One request `person` may decide (a lead of the learner's unit or above, or the programme
    team; never their own), else None."""
    approval = (
        TimeApproval.objects.select_related("person__unit", "programme", "decided_by")
        .filter(pk=approval_id)
        .first()
    )
    if approval is None or not permissions.can_decide_time_approval(person, approval):
        return None
    return approval


def time_approvals_waiting_count(*, unit_ids) -> int:
    """How many requests for training time of people in `unit_ids` wait for a decision."""
    return TimeApproval.objects.filter(
        status=TimeApproval.Status.REQUESTED, person__unit_id__in=list(unit_ids)
    ).count()
