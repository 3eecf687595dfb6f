"""Writes of the community app: champions, sessions, kudos, the survey, topics, worksheets."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.signals import send_after_commit
from people import permissions as people_permissions
from people import services as people_services
from people.models import Person, Unit

from . import permissions, selectors, signals
from .models import (
    AudienceWorksheet,
    AwarenessSession,
    Champion,
    FeaturedContributor,
    Kudos,
    KudosModeration,
    Nudge,
    Segment,
    SegmentResult,
    SurveyAnswer,
    Topic,
)

NUDGE_INTERVAL = datetime.timedelta(days=7)
REPEATED_KUDOS_WINDOW = datetime.timedelta(hours=1)


def _lock(person: Person) -> None:
    """Serialise this person's writes here until the transaction ends (two tabs, double posts)."""
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))


class CommunityError(Exception):
    """A request the community app refuses, with a message for the person who made it."""


# Champions -------------------------------------------------------------------------------------


@transaction.atomic
def nominate_champion(*, nominator: Person, person: Person, unit: Unit, motivation: str = ""):
    """Nominate someone (oneself, or as lead) as champion of a unit; idempotent while open."""
    if not permissions.can_nominate_person(nominator, person, unit):
        raise PermissionDenied
    if person.unit_id is None or person.unit_id not in selectors.descendant_unit_ids([unit.pk]):
        raise CommunityError(_("A champion must work in the unit they champion."))
    open_ = Champion.objects.filter(
        person=person, unit=unit, status__in=[Champion.Status.NOMINATED, Champion.Status.APPROVED]
    ).first()
    if open_ is not None:
        return open_
    try:
        with transaction.atomic():
            return Champion.objects.create(
                person=person, unit=unit, motivation=motivation.strip(), nominated_by=nominator
            )
    except IntegrityError:
        # A concurrent request nominated the same person a moment earlier.
        return Champion.objects.get(
            person=person,
            unit=unit,
            status__in=[Champion.Status.NOMINATED, Champion.Status.APPROVED],
        )


@transaction.atomic
def decide_champion(*, decider: Person, champion_id: int, approve: bool) -> Champion:
    """Approve or decline a nomination; approving makes the person a trainer/champion."""
    if not permissions.can_decide_champions(decider):
        raise PermissionDenied
    champion = Champion.objects.select_for_update().select_related("person").get(pk=champion_id)
    if champion.status != Champion.Status.NOMINATED:
        raise CommunityError(_("This nomination has already been decided."))
    champion.status = Champion.Status.APPROVED if approve else Champion.Status.DECLINED
    champion.decided_by = decider
    champion.decided_at = timezone.now()
    if approve and not champion.person.is_trainer:
        champion.granted_trainer = True
        people_services.set_trainer(person=champion.person, value=True)
    champion.save()
    return champion


@transaction.atomic
def revoke_champion(*, by: Person, champion_id: int) -> Champion:
    """End a championship. The trainer role goes too, unless the person holds it otherwise."""
    if not permissions.can_decide_champions(by):
        raise PermissionDenied
    champion = Champion.objects.select_for_update().select_related("person").get(pk=champion_id)
    if champion.status != Champion.Status.APPROVED:
        raise CommunityError(_("Only an approved champion can be revoked."))
    champion.status = Champion.Status.REVOKED
    champion.decided_by = by
    champion.decided_at = timezone.now()
    champion.save()
    others = (
        Champion.objects.filter(person=champion.person, status=Champion.Status.APPROVED)
        .exclude(pk=champion.pk)
        .exists()
    )
    if champion.granted_trainer and not others:
        people_services.set_trainer(person=champion.person, value=False)
    return champion


# Awareness sessions ----------------------------------------------------------------------------


@transaction.atomic
def record_session(
    *,
    champion: Person,
    unit: Unit,
    title: str,
    held_on: datetime.date,
    format: str,
    attendees: list[Person] | None = None,
    head_count: int | None = None,
) -> AwarenessSession:
    """Record an awareness session (past or planned) with named attendees or a head count."""
    if not permissions.can_record_session(champion, unit):
        raise PermissionDenied
    attendees = list(attendees or [])
    if head_count is None and not attendees and held_on <= timezone.localdate():
        raise CommunityError(_("Name the attendees or give a head count."))
    if attendees and head_count is not None and head_count < len(attendees):
        raise CommunityError(
            _("The head count cannot be lower than the number of named attendees.")
        )
    session = AwarenessSession(
        champion=champion,
        unit=unit,
        title=title.strip(),
        held_on=held_on,
        format=format,
        head_count=head_count,
    )
    session.full_clean()
    session.save()
    session.attendees.set(attendees)
    person_ids = [person.pk for person in attendees]
    send_after_commit(
        signals.awareness_session_recorded,
        sender=AwarenessSession,
        session=session,
        person_ids=person_ids,
    )
    return session


# Kudos -----------------------------------------------------------------------------------------


@transaction.atomic
def give_kudos(*, giver: Person, receiver: Person, category: str, message: str) -> Kudos:
    """A pat on the back for a colleague, shown on the wall at once; a repeated post is one kudos."""
    if giver.pk == receiver.pk:
        raise CommunityError(_("You cannot give kudos to yourself."))
    if not receiver.is_active:
        raise CommunityError(_("This colleague is no longer in the academy."))
    _lock(giver)
    # The same kudos posted again soon (a double click, a reload, a second tab) is the same kudos.
    repeated = Kudos.objects.filter(
        giver=giver,
        receiver=receiver,
        category=category,
        message=message.strip(),
        created_at__gte=timezone.now() - REPEATED_KUDOS_WINDOW,
    ).first()
    if repeated is not None:
        return repeated
    kudos = Kudos(giver=giver, receiver=receiver, category=category, message=message.strip())
    kudos.full_clean()
    kudos.save()
    return kudos


@transaction.atomic
def hide_kudos(*, moderator: Person, kudos_id: int, reason: str) -> Kudos:
    """Take a kudos off the wall, recording who did it and why."""
    return _moderate(moderator, kudos_id, reason, hide=True)


@transaction.atomic
def restore_kudos(*, moderator: Person, kudos_id: int, reason: str) -> Kudos:
    """Put a hidden kudos back on the wall, recording who did it and why."""
    return _moderate(moderator, kudos_id, reason, hide=False)


def _moderate(moderator: Person, kudos_id: int, reason: str, *, hide: bool) -> Kudos:
    if not permissions.can_moderate_kudos(moderator):
        raise PermissionDenied
    if not reason.strip():
        raise CommunityError(_("Give a reason; it is kept in the moderation log."))
    kudos = Kudos.objects.select_for_update().get(pk=kudos_id)
    if (kudos.hidden_at is not None) == hide:
        return kudos  # already in the wanted state: retrying changes nothing
    kudos.hidden_at = timezone.now() if hide else None
    kudos.save(update_fields=["hidden_at"])
    KudosModeration.objects.create(
        kudos=kudos,
        moderator=moderator,
        reason=reason.strip(),
        action=KudosModeration.Action.HIDDEN if hide else KudosModeration.Action.RESTORED,
    )
    return kudos


@transaction.atomic
def feature_contributor(
    *, chooser: Person, person: Person, month: datetime.date, reason: str
) -> FeaturedContributor:
    """Choose the featured contributor of a month (choosing again replaces the choice)."""
    if not permissions.can_moderate_kudos(chooser):
        raise PermissionDenied
    featured, _created = FeaturedContributor.objects.update_or_create(
        month=month.replace(day=1),
        defaults={"person": person, "reason": reason.strip(), "chosen_by": chooser},
    )
    return featured


# Intake survey ---------------------------------------------------------------------------------


def score_answers(answers: dict[int, int], weights: dict[int, int]) -> float:
    """Weighted agreement from -1 (all against) to 1 (all for)."""
    total = sum(abs(w) * 2 for q, w in weights.items() if q in answers)
    if not total:
        return 0.0
    return sum(w * (answers[q] - 3) for q, w in weights.items() if q in answers) / total


def segment_for(score: float) -> str:
    enthusiast_from, cynic_up_to = selectors.segment_thresholds()
    if score >= enthusiast_from:
        return Segment.ENTHUSIAST
    if score <= cynic_up_to:
        return Segment.CYNIC
    return Segment.WAIT_AND_SEE


@transaction.atomic
def submit_survey(*, person: Person, answers: dict[int, int]) -> SegmentResult:
    """Store a person's private answers and place them in a segment; answering again replaces."""
    questions = {q.pk: q.weight for q in selectors.survey_questions()}
    if not questions:
        raise CommunityError(_("The survey has no questions yet."))
    missing = set(questions) - set(answers)
    if missing:
        raise CommunityError(_("Please answer every statement."))
    if any(answers[q] not in range(1, 6) for q in questions):
        raise CommunityError(_("Answers go from 1 to 5."))
    _lock(person)
    SurveyAnswer.objects.filter(person=person).delete()
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(person=person, question_id=q, value=answers[q]) for q in questions]
    )
    score = score_answers({q: answers[q] for q in questions}, questions)
    result, _created = SegmentResult.objects.update_or_create(
        person=person,
        defaults={"segment": segment_for(score), "score": score, "answered_at": timezone.now()},
    )
    send_after_commit(signals.survey_submitted, sender=SegmentResult, person=person, result=result)
    return result


# Topic calendar --------------------------------------------------------------------------------


@transaction.atomic
def save_topic(*, by: Person, topic: Topic | None = None, **fields) -> Topic:
    """Plan a topic or change one."""
    if not permissions.can_plan_topics(by):
        raise PermissionDenied
    topic = topic or Topic(created_by=by)
    for name, value in fields.items():
        setattr(topic, name, value)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def delete_topic(*, by: Person, topic: Topic) -> None:
    """Take a topic off the calendar."""
    if not permissions.can_plan_topics(by):
        raise PermissionDenied
    topic.delete()


# Audience worksheet ----------------------------------------------------------------------------


@transaction.atomic
def save_worksheet(*, person: Person, **fields) -> AudienceWorksheet:
    """Save a person's MCMT worksheet (one per person, edited in place)."""
    worksheet, _created = AudienceWorksheet.objects.select_for_update().get_or_create(person=person)
    for name, value in fields.items():
        setattr(worksheet, name, value)
    worksheet.full_clean()
    worksheet.save()
    return worksheet


# Nudges ----------------------------------------------------------------------------------------


@transaction.atomic
def nudge(*, champion: Person, learner: Person) -> Nudge:
    """Email a stuck learner a friendly reminder; at most once a week per learner."""
    if not permissions.can_nudge(champion, learner):
        raise PermissionDenied
    sent = _remind_once_a_week(sender=champion, learner=learner)
    if sent is None:
        raise CommunityError(_("This colleague was reminded less than a week ago."))
    return sent


@transaction.atomic
def remind(*, by: Person, learner: Person) -> Nudge | None:
    """The same reminder from a unit lead or the programme team (bulk actions); None when the
    learner was reminded less than a week ago."""
    if not people_permissions.can_view_person(by, learner) or by.pk == learner.pk:
        raise PermissionDenied
    return _remind_once_a_week(sender=by, learner=learner)


def _remind_once_a_week(*, sender: Person, learner: Person) -> Nudge | None:
    from . import tasks

    # Lock the learner's row so two people clicking at once send one email, not two.
    Person.objects.select_for_update().filter(pk=learner.pk).first()
    since = timezone.now() - NUDGE_INTERVAL
    if Nudge.objects.filter(learner=learner, sent_at__gte=since).exists():
        return None
    sent = Nudge.objects.create(learner=learner, champion=sender)
    transaction.on_commit(lambda: tasks.send_nudge.enqueue(sent.pk))
    return sent
