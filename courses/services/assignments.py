"""Assignments: learners hand in work in rounds; a trainer, champion or the programme team reviews."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action
from core.signals import send_after_commit

from .. import permissions, signals, tasks
from ..models import AssignmentStep, Submission
from .errors import CourseError
from .progress import complete, enrolment_for, lock_person, real_step, touch

MAX_TEXT = 20000
MAX_FILE_BYTES = 10 * 1024 * 1024


def _clean_text(text: str, _link: str, _file) -> dict:
    text = (text or "").strip()
    if not text:
        raise CourseError(_("Write your answer before you submit."))
    if len(text) > MAX_TEXT:
        raise CourseError(_("Keep your answer under %(max)d characters.") % {"max": MAX_TEXT})
    return {"text": text}


def _clean_link(text: str, link: str, _file) -> dict:
    link = (link or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        raise CourseError(_("Give the full web address, starting with https://.")) from None
    return {"link": link[:500], "text": (text or "").strip()[:MAX_TEXT]}


def _clean_file(text: str, _link: str, file) -> dict:
    if not file:
        raise CourseError(_("Choose a file to upload."))
    if file.size > MAX_FILE_BYTES:
        raise CourseError(_("The file is larger than 10 MB."))
    return {"file": file, "text": (text or "").strip()[:MAX_TEXT]}


# What a learner hands in, by the assignment's submission kind.
CLEANERS = {
    AssignmentStep.Submission.TEXT: _clean_text,
    AssignmentStep.Submission.LINK: _clean_link,
    AssignmentStep.Submission.FILE: _clean_file,
}


@transaction.atomic
def submit_assignment(
    *, person, step: AssignmentStep, text: str = "", link: str = "", file=None
) -> Submission:
    """Hand in work (text, link or file as the step asks); a round still waiting for review is updated, after changes a new round starts."""
    step = real_step(step)
    if not isinstance(step, AssignmentStep):
        raise CourseError(step.completion_hint())
    content = CLEANERS[step.submission_kind](text, link, file)
    lock_person(person)
    enrolment = enrolment_for(person, step)
    rounds = Submission.objects.filter(person=person, step=step)
    if rounds.filter(status=Submission.Status.APPROVED).exists():
        raise CourseError(_("This assignment is already approved."))
    now = timezone.now()
    submission = rounds.filter(status=Submission.Status.SUBMITTED).first()
    if submission is None:
        last = rounds.order_by("-round").values_list("round", flat=True).first() or 0
        submission = Submission(person=person, step=step, round=last + 1)
    submission.text = content.get("text", "")
    submission.link = content.get("link", "")
    replaced = submission.file.name if "file" in content and submission.file else ""
    if "file" in content:
        submission.file = content["file"]
    submission.submitted_at = now
    submission.full_clean(exclude=["person", "step", "file"])
    submission.save()
    if replaced and replaced != submission.file.name:
        # The file handed in before in this round is no longer anyone's: remove it once the
        # new one is stored for good.
        storage = submission.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    touch(enrolment, step)
    return submission


@transaction.atomic
def review_submission(
    *, submission: Submission, by, approve: bool, feedback: str = ""
) -> Submission:
    """Approve, or request changes with feedback, as a trainer/champion of the learner's unit or the programme team (never one's own)."""
    found = Submission.objects.select_related("person").get(pk=submission.pk)
    if not permissions.can_review(by, found):
        raise PermissionDenied(_("You may not review this submission."))
    feedback = (feedback or "").strip()
    if not approve and not feedback:
        raise CourseError(_("Say what to change, so the learner knows what to do next."))
    lock_person(found.person)  # before the submission: the same order as submit_assignment
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("person", "step")
        .get(pk=submission.pk)
    )
    target = Submission.Status.APPROVED if approve else Submission.Status.CHANGES_REQUESTED
    if submission.status == target:
        return submission  # a retried click
    if submission.status != Submission.Status.SUBMITTED:
        raise CourseError(_("This submission has already been reviewed."))
    submission.status = target
    submission.reviewer = by
    submission.reviewed_at = timezone.now()
    submission.feedback = feedback
    submission.save(update_fields=["status", "reviewer", "reviewed_at", "feedback"])
    log_action(
        submission,
        f"courses.review.{target.value}",
        actor=by,
        reason=feedback,
        data={
            "person": submission.person_id,
            "step": submission.step_id,
            "round": submission.round,
        },
    )
    if approve:
        enrolment = enrolment_for(submission.person, submission.step)
        complete(enrolment, submission.step)
        send_after_commit(
            signals.assignment_approved,
            sender=AssignmentStep,
            person=submission.person,
            step=submission.step,
        )
    transaction.on_commit(lambda: tasks.send_review_result.enqueue(submission.pk))
    return submission
