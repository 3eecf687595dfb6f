"""Assignment review: the queue of a trainer or champion and the submissions they may open."""

from django.db.models import (
    Count,
    Min,
    QuerySet,
)

from people.models import Unit
from people.selectors import unit_tree

from .. import permissions
from ..models import (
    Module,
    Submission,
)
from .history import with_history


def review_queue(reviewer, *, unit_ids=None, module_id: int | None = None) -> QuerySet[Submission]:
    """Submissions waiting for review that `reviewer` may review (trainers/champions: their units; programme team: all), oldest first; `unit_ids` and `module_id` narrow further."""
    scope = permissions.review_unit_ids(reviewer)
    if scope is not None and not scope:
        return Submission.objects.none()
    submissions = (
        Submission.objects.filter(status=Submission.Status.SUBMITTED)
        .exclude(person=reviewer)
        .select_related("person__unit", "step__lesson__module")
        .order_by("submitted_at", "id")
    )
    if scope is not None:
        submissions = submissions.filter(person__unit_id__in=scope)
    if unit_ids is not None:
        submissions = submissions.filter(person__unit_id__in=list(unit_ids))
    if module_id is not None:
        submissions = submissions.filter(step__lesson__module_id=module_id)
    return submissions


def review_backlog(reviewer) -> dict:
    """How many submissions wait in `reviewer`'s queue and since when the oldest waits (one query)."""
    return (
        review_queue(reviewer).order_by().aggregate(count=Count("id"), oldest=Min("submitted_at"))
    )


def review_units(reviewer) -> list[tuple[Unit, int]]:
    """The units whose learners `reviewer` may review, in tree order with their depth (one query)."""
    scope = permissions.review_unit_ids(reviewer)
    if scope is not None and not scope:
        return []
    return unit_tree(scope)


def review_modules(reviewer) -> list[Module]:
    """The modules with submissions waiting in `reviewer`'s queue, in catalogue order (one query)."""
    waiting = review_queue(reviewer).order_by().values("step__lesson__module_id")
    return list(
        Module.objects.filter(pk__in=waiting)
        .select_related("programme")
        .order_by("programme__position", "programme__slug", "position", "slug")
    )


def submission_for_review(reviewer, submission_id: int) -> Submission | None:
    """One submission with its earlier rounds (`earlier_rounds`) and each round's `history`
    (audit entries), if `reviewer` may review it."""
    submission = (
        Submission.objects.select_related("person__unit", "step__lesson__module", "reviewer")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not permissions.can_review(reviewer, submission):
        return None
    submission.earlier_rounds = list(
        Submission.objects.filter(
            person_id=submission.person_id, step_id=submission.step_id, round__lt=submission.round
        )
        .select_related("reviewer")
        .order_by("round")
    )
    with_history([submission, *submission.earlier_rounds])
    return submission


def submission_file_for(person, submission_id: int) -> Submission | None:
    """A submission with a file that `person` may open: their own, or one they may review."""
    submission = (
        Submission.objects.filter(pk=submission_id)
        .exclude(file="")
        .select_related("person")
        .first()
    )
    if submission is None:
        return None
    if submission.person_id == person.pk or permissions.can_review(person, submission):
        return submission
    return None
