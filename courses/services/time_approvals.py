"""Approval of training time: a learner asks, their unit lead (or the programme team) decides.

The request and the decision each write an audit entry (`core.audit.log_action`) in their
transaction: who, when, what and why.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action
from core.signals import send_after_commit

from .. import permissions, signals, tasks
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
    log_action(
        approval,
        "courses.time_approval.requested",
        actor=person,
        data={"programme": programme.slug, "minutes": minutes},
        at=approval.requested_at,
    )
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
    log_action(
        approval,
        f"courses.time_approval.{target.value}",
        actor=by,
        reason=reason,
        data={"person": approval.person_id, "programme": approval.programme.slug},
        at=approval.decided_at,
    )
    send_after_commit(signals.time_approval_decided, sender=TimeApproval, approval=approval)
    transaction.on_commit(lambda: tasks.send_time_approval_decision.enqueue(approval.pk))
    return approval
