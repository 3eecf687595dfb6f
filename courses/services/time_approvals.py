"""Approval of training time: a learner asks, their unit lead (or the programme team) decides."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.signals import send_after_commit

from .. import permissions, signals
from ..models import Module, Programme, TimeApproval
from .errors import CourseError
from .progress import lock_person


@transaction.atomic
def request_time_approval(*, person, programme: Programme) -> TimeApproval:
    """Ask the unit lead to free the programme's training time (the sum of its modules' minutes); idempotent."""
    if not programme.requires_time_approval:
        raise CourseError(_("This programme needs no approval of training time."))
    lock_person(person)
    existing = (
        TimeApproval.objects.filter(
            person=person,
            programme=programme,
            status__in=[TimeApproval.Status.REQUESTED, TimeApproval.Status.APPROVED],
        )
        .order_by("-requested_at")
        .first()
    )
    if existing is not None:
        return existing
    minutes = Module.objects.filter(programme=programme).aggregate(total=Sum("minutes"))["total"]
    if not minutes:
        raise CourseError(_("This programme has no modules yet."))
    approval = TimeApproval.objects.create(
        person=person, programme=programme, minutes=minutes, requested_at=timezone.now()
    )
    from .. import tasks

    transaction.on_commit(lambda: tasks.send_time_approval_request.enqueue(approval.pk))
    send_after_commit(signals.time_approval_requested, sender=TimeApproval, approval=approval)
    return approval


@transaction.atomic
def decide_time_approval(
    *, approval: TimeApproval, by, approve: bool, reason: str = ""
) -> TimeApproval:
    """Approve or decline (with a reason) as a lead of the learner's unit or the programme team; idempotent."""
    approval = (
        TimeApproval.objects.select_for_update(of=("self",))
        .select_related("person", "programme")
        .get(pk=approval.pk)
    )
    if not permissions.can_decide_time_approval(by, approval):
        raise PermissionDenied(_("Only a lead of the learner's unit or the programme team decide."))
    target = TimeApproval.Status.APPROVED if approve else TimeApproval.Status.DECLINED
    if approval.status == target:
        return approval
    if approval.status != TimeApproval.Status.REQUESTED:
        raise CourseError(_("This request has already been decided."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise CourseError(_("Give a reason when you decline, so the learner knows why."))
    approval.status = target
    approval.decided_by = by
    approval.decided_at = timezone.now()
    approval.reason = reason
    approval.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    send_after_commit(signals.time_approval_decided, sender=TimeApproval, approval=approval)
    from .. import tasks

    transaction.on_commit(lambda: tasks.send_time_approval_decision.enqueue(approval.pk))
    return approval
