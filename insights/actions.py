"""Bulk actions on the people lists: remind, enrol, approve waiting training time, award or
revoke a credential, for everyone the list shows with its filters.

Each person's change goes through the owning app's service (which checks and audits it), and
every person handled gets one audit entry `insights.bulk.<kind>` naming the bulk action. The
same action for the same people is one `BulkAction` (a unique key), and every per-person step
is idempotent, so asking twice changes nothing more. Over `INLINE_PEOPLE` people it runs as a
background task whose progress the page shows.
"""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import selectors as certification_selectors
from certification import services as certification
from community import services as community
from core.audit import log_actions
from courses import selectors as courses_selectors
from courses import services as courses
from people import permissions
from people import selectors as people_selectors

from .models import BulkAction

INLINE_PEOPLE = 200
PROGRESS_EVERY = 50


class BulkActionError(Exception):
    """A bulk action that cannot be started; the message says why."""


def _key(kind: str, params: dict, reason: str, person_ids: list[int]) -> str:
    text = json.dumps([kind, params, reason, sorted(person_ids)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _check(*, actor, kind: str, params: dict, reason: str) -> None:
    if kind in (BulkAction.Kind.AWARD, BulkAction.Kind.REVOKE):
        if not permissions.is_programme_team(actor):
            raise PermissionDenied
        if not reason.strip():
            raise BulkActionError(_("Give a reason for awarding or revoking."))
        if certification_selectors.definition_by_id(params.get("definition")) is None:
            raise BulkActionError(_("Choose a credential."))
    if (
        kind == BulkAction.Kind.ENROL
        and courses_selectors.module_by_id(params.get("module")) is None
    ):
        raise BulkActionError(_("Choose a module."))


@transaction.atomic
def request_bulk_action(
    *, actor, kind: str, person_ids: list[int], params: dict | None = None, reason: str = ""
) -> BulkAction:
    """Start (or find, when asked before) a bulk action for these people, whom the caller read
    from a list scoped to `actor`; small ones run now, large ones in the background."""
    from . import tasks

    params = params or {}
    reason = reason.strip()
    if kind not in BulkAction.Kind.values:
        raise BulkActionError(_("Choose an action."))
    if not person_ids:
        raise BulkActionError(_("The list is empty: nobody to act on."))
    _check(actor=actor, kind=kind, params=params, reason=reason)
    ids = sorted(set(person_ids))
    action, created = BulkAction.objects.get_or_create(
        key=_key(kind, params, reason, ids),
        defaults={
            "requested_by": actor,
            "kind": kind,
            "params": params,
            "reason": reason,
            "person_ids": ids,
            "total": len(ids),
        },
    )
    if not created:
        return action
    if len(ids) <= INLINE_PEOPLE:
        run(action)
    else:
        transaction.on_commit(lambda: tasks.run_bulk_action.enqueue(action.pk))
    return action


def run(action: BulkAction) -> None:
    """Apply the action to each person in turn, recording progress; each person's change is audited."""
    claimed = BulkAction.objects.filter(pk=action.pk, status=BulkAction.Status.QUEUED).update(
        status=BulkAction.Status.RUNNING
    )
    if not claimed:
        return
    actor = action.requested_by
    ids = action.person_ids
    changed = 0
    for start in range(0, len(ids), PROGRESS_EVERY):
        chunk = ids[start : start + PROGRESS_EVERY]
        with transaction.atomic():
            # The actor's view is checked again: people they may no longer see are skipped.
            people = [p for p in people_selectors.people_by_ids(chunk) if _may_act_on(actor, p)]
            changed += _apply(action, actor, people)
            log_actions(
                get_user_model(),
                [p.pk for p in people],
                f"insights.bulk.{action.kind}",
                actor=actor,
                reason=action.reason,
                data={"bulk_action": action.pk, **action.params},
            )
            BulkAction.objects.filter(pk=action.pk).update(done=start + len(chunk), changed=changed)
    BulkAction.objects.filter(pk=action.pk).update(
        status=BulkAction.Status.DONE, finished_at=timezone.now()
    )
    action.refresh_from_db()


def _may_act_on(actor, person) -> bool:
    return person.is_active and person.pk != actor.pk and permissions.can_view_person(actor, person)


def _apply(action: BulkAction, actor, people: list) -> int:
    """Apply the action to these people; how many of them it changed."""
    kind = action.kind
    if kind == BulkAction.Kind.AWARD:
        definition = certification_selectors.definition_by_id(action.params["definition"])
        award = certification.award_in_bulk(
            definition=definition, people=people, actor=actor, reason=action.reason
        )
        return len(award.issued)
    changed = 0
    if kind == BulkAction.Kind.REVOKE:
        for credential in certification_selectors.active_credentials_of(
            action.params["definition"], people
        ):
            certification.revoke(credential=credential, actor=actor, reason=action.reason)
            changed += 1
    elif kind == BulkAction.Kind.APPROVE_TIME:
        for approval in courses_selectors.waiting_time_approvals_of(people):
            courses.decide_time_approval(approval=approval, by=actor, approve=True)
            changed += 1
    elif kind == BulkAction.Kind.ENROL:
        module = courses_selectors.module_by_id(action.params["module"])
        for person in people:
            try:
                with transaction.atomic():
                    before = courses_selectors.enrolment_in(person, module)
                    courses.enrol(person=person, module=module)
            except courses.CourseError:
                continue  # not in the audience, prerequisites missing: left as they are
            changed += before is None
    elif kind == BulkAction.Kind.REMIND:
        for person in people:
            changed += community.remind(by=actor, learner=person) is not None
    return changed
