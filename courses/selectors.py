"""Reads of the courses app for pages, the API and the higher apps (docs/apis.md).

Each function runs a constant number of queries, whatever the number of modules, steps,
learners or attempts (tests/courses/test_queries.py holds them to it).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from people.models import Unit
from people.selectors import ancestor_unit_ids, unit_tree

from . import permissions
from .models import (
    Lifecycle,
    Booking,
    Enrolment,
    HelpRequest,
    Lesson,
    Module,
    Override,
    Programme,
    QuizAttempt,
    QuizStep,
    Session,
    SessionStep,
    Step,
    StepCompletion,
    Submission,
    TimeApproval,
)
from .models.catalogue import find_cycle

# --------------------------------------------------------------------------- for other apps


def completed_module_slugs(person) -> set[str]:
    """Slugs of the modules `person` completed (one query)."""
    return set(
        Enrolment.objects.filter(person=person, completed_at__isnull=False).values_list(
            "module__slug", flat=True
        )
    )


def approved_assignment_step_ids(person) -> set[int]:
    """Ids of the assignment steps of which `person` has an approved submission (one query)."""
    return set(
        Submission.objects.filter(person=person, status=Submission.Status.APPROVED).values_list(
            "step_id", flat=True
        )
    )


def stuck_enrolments(*, unit_ids, idle_days: int) -> QuerySet[Enrolment]:
    """Enrolments of people in `unit_ids`, not completed, with no activity for `idle_days`."""
    since = timezone.now() - datetime.timedelta(days=idle_days)
    return (
        Enrolment.objects.filter(
            person__unit_id__in=list(unit_ids),
            person__is_active=True,
            completed_at__isnull=True,
            last_activity_at__lt=since,
        )
        .select_related("person", "module")
        .order_by("last_activity_at", "id")
    )


def stuck_person_ids(*, idle_days: int) -> QuerySet:
    """Ids of people stuck on a step: an unfinished module idle for `idle_days`, or an open
    request for help (for use as a subquery)."""
    since = timezone.now() - datetime.timedelta(days=idle_days)
    idle = Enrolment.objects.filter(completed_at__isnull=True, last_activity_at__lt=since)
    asking = HelpRequest.objects.filter(answered_at__isnull=True)
    return (
        get_user_model()
        .objects.filter(Q(pk__in=idle.values("person_id")) | Q(pk__in=asking.values("person_id")))
        .values("pk")
    )


# --------------------------------------------------------------------------- catalogue


def _step_count() -> Coalesce:
    counts = (
        Step.objects.filter(lesson__module=OuterRef("pk"))
        .order_by()
        .values("lesson__module")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def _percent(done: int, total: int) -> int:
    return 100 if total == 0 and done else (round(100 * min(done, total) / total) if total else 0)


def _latest_approvals(person) -> dict[int, TimeApproval]:
    latest: dict[int, TimeApproval] = {}
    for approval in TimeApproval.objects.filter(person=person).order_by("requested_at", "id"):
        latest[approval.programme_id] = approval
    return latest


def catalogue_for(
    person, *, language: str | None = None, platform: str | None = None, query: str | None = None
) -> list[Module]:
    """Published modules aimed at `person` (audience), optionally only those in `language`, on
    `platform`, or matching `query`; each annotated with the person's state:

    `enrolment` (or None), `state` ("available", "in_progress", "completed", "locked"),
    `progress_percent`, `missing_requirements` (modules to complete first), `time_approval`
    (the latest request for its programme, or None), `needs_time_approval` (True while the
    programme wants an approval the person does not have) and `offered_in_my_language`.
    """
    modules = (
        Module.objects.offered()
        .select_related("programme")
        .prefetch_related(
            Prefetch("audience_units", queryset=Unit.objects.only("id")),
            Prefetch(
                "requires",
                queryset=Module.objects.only("id", "slug", "title_en", "title_nl", "programme_id"),
            ),
        )
        .annotate(step_count=_step_count())
        .order_by("programme__position", "programme__slug", "position", "slug")
    )
    if query:
        words = query.strip()[:100]
        modules = modules.filter(
            Q(title_en__icontains=words)
            | Q(title_nl__icontains=words)
            | Q(summary_en__icontains=words)
            | Q(summary_nl__icontains=words)
            | Q(programme__title_en__icontains=words)
            | Q(programme__title_nl__icontains=words)
        )
    enrolments = {e.module_id: e for e in Enrolment.objects.filter(person=person)}
    completed = {module_id for module_id, e in enrolments.items() if e.completed_at}
    approvals = _latest_approvals(person)
    ancestors, roles = permissions.audience_facts(person)
    found = []
    for module in modules:
        if not permissions.is_in_audience(person, module, ancestor_unit_ids=ancestors, roles=roles):
            continue
        if language and language not in module.languages:
            continue
        if platform and platform not in module.platforms:
            continue
        _annotate(module, person, enrolments.get(module.pk), completed, approvals)
        found.append(module)
    return found


def _annotate(module, person, enrolment, completed: set[int], approvals: dict) -> None:
    module.enrolment = enrolment
    module.missing_requirements = [m for m in module.requires.all() if m.pk not in completed]
    module.time_approval = approvals.get(module.programme_id)
    module.needs_time_approval = module.programme.requires_time_approval and (
        module.time_approval is None or module.time_approval.status != TimeApproval.Status.APPROVED
    )
    module.offered_in_my_language = not module.languages or person.language in module.languages
    if enrolment is not None:
        module.progress_percent = (
            100
            if enrolment.completed_at
            else _percent(enrolment.steps_completed, module.step_count)
        )
        module.state = "completed" if enrolment.completed_at else "in_progress"
    else:
        module.progress_percent = 0
        locked = module.missing_requirements or module.needs_time_approval
        module.state = "locked" if locked else "available"


def catalogue_platforms() -> list[str]:
    """The platform tags used by published modules, for the catalogue's filter (one query)."""
    tags = set()
    for platforms in Module.objects.offered().values_list("platforms", flat=True):
        tags.update(platforms or [])
    return sorted(tags)


def module_by_slug(slug: str, viewer=None) -> Module | None:
    """A module `viewer` may open, with its programme: one in the catalogue; a retired one
    they are enrolled in; any, as a preview, for the programme team (one or two queries)."""
    module = Module.objects.filter(slug=slug).select_related("programme").first()
    if module is None or module.is_offered:
        return module
    if viewer is None or not viewer.is_authenticated:
        return None
    if permissions.is_programme_team(viewer):
        return module
    retired = Lifecycle.DRAFT not in (module.status, module.programme.status)
    if retired and Enrolment.objects.filter(person=viewer, module=module).exists():
        return module
    return None


def is_preview(module: Module, viewer) -> bool:
    """The programme team looks at a module learners do not see (a draft or retired one)."""
    return not module.is_offered and permissions.is_programme_team(viewer)


def programmes() -> QuerySet[Programme]:
    """Published programmes in catalogue order, with their module count and total minutes."""
    from django.db.models import Sum

    return (
        Programme.objects.published()
        .annotate(
            module_count=Count("modules", filter=Q(modules__status=Lifecycle.PUBLISHED)),
            total_minutes=Coalesce(
                Sum("modules__minutes", filter=Q(modules__status=Lifecycle.PUBLISHED)), 0
            ),
        )
        .order_by("position", "slug")
    )


# --------------------------------------------------------------------------- module outline


def _kind_by_ctype() -> dict[int, type[Step]]:
    kinds = [model for model in apps.get_models() if issubclass(model, Step) and model is not Step]
    return {ctype.pk: model for model, ctype in ContentType.objects.get_for_models(*kinds).items()}


@dataclass
class OutlineStep:
    step: Step  # the base row (title, slug, position); load the kind with `step_for`
    kind: str
    kind_label: str
    done: bool
    is_next: bool = False


@dataclass
class OutlineLesson:
    lesson: Lesson
    steps: list[OutlineStep] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.steps) and all(item.done for item in self.steps)


@dataclass
class Outline:
    module: Module
    enrolment: Enrolment | None
    lessons: list[OutlineLesson]
    missing_requirements: list[Module]
    next_step: Step | None  # where to resume (None when everything is done)

    @property
    def steps(self) -> list[OutlineStep]:
        return [item for lesson in self.lessons for item in lesson.steps]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.steps)

    @property
    def percent(self) -> int:
        if self.enrolment is not None and self.enrolment.completed_at:
            return 100
        return _percent(self.done_count, self.total)

    @property
    def is_complete(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    def neighbours(self, step) -> tuple[Step | None, Step | None]:
        """The steps before and after `step` in the module, for previous/next links."""
        order = [item.step for item in self.steps]
        ids = [s.pk for s in order]
        if step.pk not in ids:
            return None, None
        index = ids.index(step.pk)
        return (
            order[index - 1] if index > 0 else None,
            order[index + 1] if index + 1 < len(order) else None,
        )


def _resume_at(steps: list[Step], done: set[int], last_step_id: int | None) -> Step | None:
    """The first step not done at or after the last one visited, else the first not done."""
    ids = [step.pk for step in steps]
    start = ids.index(last_step_id) if last_step_id in ids else 0
    for step in steps[start:] + steps[:start]:
        if step.pk not in done:
            return step
    return None


def module_outline(module: Module, person) -> Outline:
    """Lessons and steps of `module` with what `person` has done and the step to resume at."""
    kinds = _kind_by_ctype()
    lessons = list(Lesson.objects.filter(module=module).order_by("position", "id"))
    steps = list(
        Step.objects.non_polymorphic()
        .filter(lesson__module=module)
        .only("id", "lesson_id", "slug", "position", "title_en", "title_nl", "polymorphic_ctype_id")
        .order_by("lesson__position", "lesson_id", "position", "id")
    )
    enrolment = Enrolment.objects.filter(person=person, module=module).first()
    done = (
        set(StepCompletion.objects.filter(enrolment=enrolment).values_list("step_id", flat=True))
        if enrolment
        else set()
    )
    requires = list(module.requires.only("id", "slug", "title_en", "title_nl"))
    completed = (
        set(
            Enrolment.objects.filter(
                person=person, module__in=requires, completed_at__isnull=False
            ).values_list("module_id", flat=True)
        )
        if requires
        else set()
    )
    by_lesson = {lesson.pk: OutlineLesson(lesson=lesson) for lesson in lessons}
    lesson_of = {lesson.pk: lesson for lesson in lessons}
    next_step = _resume_at(steps, done, enrolment.last_step_id) if enrolment is not None else None
    for step in steps:
        step.lesson = lesson_of[step.lesson_id]
        kind = kinds.get(step.polymorphic_ctype_id, Step)
        by_lesson[step.lesson_id].steps.append(
            OutlineStep(
                step=step,
                kind=kind.kind,
                kind_label=str(kind._meta.verbose_name),
                done=step.pk in done,
                is_next=next_step is not None and step.pk == next_step.pk,
            )
        )
    return Outline(
        module=module,
        enrolment=enrolment,
        lessons=list(by_lesson.values()),
        missing_requirements=[m for m in requires if m.pk not in completed],
        next_step=next_step,
    )


def prerequisite_cycle(module: Module, requires) -> list[str] | None:
    """The cycle (slugs) that giving `module` these prerequisites would make, or None."""
    slugs = dict(Module.objects.values_list("id", "slug"))
    edges: dict[str, list[str]] = {}
    for from_id, to_id in Module.requires.through.objects.values_list(
        "from_module_id", "to_module_id"
    ):
        edges.setdefault(slugs[from_id], []).append(slugs[to_id])
    edges[module.slug] = [required.slug for required in requires]
    return find_cycle(module.slug, edges)


def step_for(module: Module, *, lesson_slug: str, step_slug: str) -> Step | None:
    """The step (as its own kind) at module/lesson/step, with lesson and module loaded."""
    step = (
        Step.objects.filter(lesson__module=module, lesson__slug=lesson_slug, slug=step_slug)
        .select_related("lesson__module__programme")
        .first()
    )
    return step


# --------------------------------------------------------------------------- my learning


@dataclass
class LearningItem:
    enrolment: Enrolment
    module: Module
    percent: int
    next_step: Step | None

    @property
    def is_complete(self) -> bool:
        return self.enrolment.completed_at is not None


def my_learning(person) -> list[LearningItem]:
    """The person's enrolments, unfinished first (latest activity first), with progress and the step to resume at."""
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("module__programme")
        .annotate(step_count=_step_count_for_enrolment())
        .order_by(F("completed_at").desc(nulls_first=True), "-last_activity_at", "id")
    )
    if not enrolments:
        return []
    module_ids = [e.module_id for e in enrolments]
    steps_by_module: dict[int, list[Step]] = {}
    for step in (
        Step.objects.non_polymorphic()
        .filter(lesson__module_id__in=module_ids)
        .select_related("lesson")
        .only(
            "id",
            "slug",
            "position",
            "title_en",
            "title_nl",
            "lesson__id",
            "lesson__slug",
            "lesson__position",
            "lesson__module_id",
        )
        .order_by("lesson__position", "lesson_id", "position", "id")
    ):
        steps_by_module.setdefault(step.lesson.module_id, []).append(step)
    done: dict[int, set[int]] = {}
    for enrolment_id, step_id in StepCompletion.objects.filter(
        enrolment__person=person
    ).values_list("enrolment_id", "step_id"):
        done.setdefault(enrolment_id, set()).add(step_id)
    items = []
    for enrolment in enrolments:
        steps = steps_by_module.get(enrolment.module_id, [])
        finished = enrolment.completed_at is not None
        items.append(
            LearningItem(
                enrolment=enrolment,
                module=enrolment.module,
                percent=100
                if finished
                else _percent(enrolment.steps_completed, enrolment.step_count),
                next_step=None
                if finished
                else _resume_at(steps, done.get(enrolment.pk, set()), enrolment.last_step_id),
            )
        )
    return items


def returned_work(person, limit: int = 5) -> list[Submission]:
    """Assignments a reviewer sent back with "changes requested" that the person has not
    handed in again yet, most recently reviewed first (one query)."""
    later_round = Submission.objects.filter(
        person=OuterRef("person"), step=OuterRef("step"), round__gt=OuterRef("round")
    )
    return list(
        Submission.objects.filter(person=person, status=Submission.Status.CHANGES_REQUESTED)
        .exclude(Exists(later_round))
        .select_related("step__lesson__module", "reviewer")
        .order_by("-reviewed_at", "-id")[:limit]
    )


def required_training(person) -> list:
    """Modules the person must complete and has not yet, with due dates, most urgent first
    (courses/requirements.py)."""
    from .requirements import required_training as required

    return required(person)


def _step_count_for_enrolment() -> Coalesce:
    counts = (
        Step.objects.filter(lesson__module=OuterRef("module_id"))
        .order_by()
        .values("lesson__module")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def time_approval_for(person, programme: Programme) -> TimeApproval | None:
    """The person's latest request for training time for `programme`, if any."""
    return (
        TimeApproval.objects.filter(person=person, programme=programme)
        .select_related("decided_by")
        .order_by("-requested_at", "-id")
        .first()
    )


# --------------------------------------------------------------------------- assignments


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
    """One submission with its earlier rounds (`earlier_rounds`), if `reviewer` may review it."""
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
    return submission


# --------------------------------------------------------------------------- sessions


def _sessions() -> QuerySet[Session]:
    return (
        Session.objects.select_related("trainer", "step__lesson__module")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)),
            waitlisted=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
        )
        .order_by("starts_at", "id")
    )


def _with_seats(sessions) -> list[Session]:
    sessions = list(sessions)
    for session in sessions:
        session.seats_left = max(session.capacity - session.booked, 0)
        session.is_full = session.seats_left == 0
    return sessions


def sessions_for(step: SessionStep, *, person=None, upcoming: bool = True) -> list[Session]:
    """Sessions of a session step with `booked`, `waitlisted`, `seats_left`, `is_full`, and
    `my_booking` (the person's active booking, or None) when a person is given."""
    sessions = _sessions().filter(step=step)
    if upcoming:
        sessions = sessions.filter(starts_at__gt=timezone.now())
    if person is not None:
        sessions = sessions.prefetch_related(
            Prefetch(
                "bookings",
                queryset=Booking.objects.filter(person=person, status__in=Booking.ACTIVE),
                to_attr="my_bookings",
            )
        )
    result = _with_seats(sessions)
    for session in result:
        bookings = getattr(session, "my_bookings", [])
        session.my_booking = bookings[0] if bookings else None
    return result


def sessions_run_by(person, *, since=None) -> list[Session]:
    """Sessions a trainer runs (the programme team: all), from `since` (default: a week ago)."""
    since = since or timezone.now() - datetime.timedelta(days=7)
    sessions = _sessions().filter(ends_at__gte=since)
    if not permissions.is_programme_team(person):
        sessions = sessions.filter(trainer=person)
    return _with_seats(sessions)


def trainer_sessions(person, *, upcoming: bool) -> QuerySet[Session]:
    """Sessions `person` runs (the programme team: all) with `booked`, `waitlisted` and
    `attended` counts: those not ended yet soonest first, or (`upcoming=False`) those ended,
    latest first."""
    now = timezone.now()
    sessions = _sessions().annotate(
        attended_count=Count("bookings", filter=Q(bookings__attended=True))
    )
    if not permissions.is_programme_team(person):
        sessions = sessions.filter(trainer=person)
    if upcoming:
        return sessions.filter(ends_at__gte=now)
    return sessions.filter(ends_at__lt=now).order_by("-starts_at", "-id")


def session_to_run(person, session_id: int) -> Session | None:
    """One session with its counts (as `trainer_sessions`), if `person` runs it or is on the
    programme team; else None."""
    session = (
        _sessions()
        .annotate(attended_count=Count("bookings", filter=Q(bookings__attended=True)))
        .filter(pk=session_id)
        .first()
    )
    if session is None or not permissions.can_run_session(person, session):
        return None
    return session


def session_roster(session: Session) -> QuerySet[Booking]:
    """Everyone booked or waitlisted for a session (booked first, in order of booking)."""
    return (
        Booking.objects.filter(session=session, status__in=Booking.ACTIVE)
        .select_related("person__unit")
        .order_by("status", "created_at", "id")  # "booked" sorts before "waitlisted"
    )


def bookings_of(person) -> QuerySet[Booking]:
    """The person's active bookings of sessions that have not ended, soonest first."""
    return (
        Booking.objects.filter(
            person=person, status__in=Booking.ACTIVE, session__ends_at__gte=timezone.now()
        )
        .select_related("session__step__lesson__module", "session__trainer")
        .order_by("session__starts_at")
    )


# --------------------------------------------------------------------------- time approval


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


# --------------------------------------------------------------------------- learner pages


def programme_by_slug(slug: str) -> Programme | None:
    """A published programme (one query)."""
    return Programme.objects.published().filter(slug=slug).first()


def enrolment_in(person, module: Module) -> Enrolment | None:
    """The person's enrolment in `module`, if any (one query)."""
    return Enrolment.objects.filter(person=person, module=module).first()


@dataclass
class ModulePage:
    outline: Outline
    in_audience: bool
    time_approval: TimeApproval | None  # the latest request, when the programme asks for one
    programme_modules: int
    programme_minutes: int
    programme_completed_at: datetime.datetime | None

    @property
    def module(self) -> Module:
        return self.outline.module

    @property
    def programme_hours(self) -> float:
        return round(self.programme_minutes / 60, 1)

    @property
    def needs_time_approval(self) -> bool:
        """The programme wants the lead to approve the training time and has not yet."""
        return self.module.programme.requires_time_approval and (
            self.time_approval is None or self.time_approval.status != TimeApproval.Status.APPROVED
        )

    @property
    def can_enrol(self) -> bool:
        return (
            self.outline.enrolment is None
            and self.module.is_offered
            and self.in_audience
            and not self.outline.missing_requirements
            and not self.needs_time_approval
        )


def module_page(module: Module, person) -> ModulePage:
    """What the module page shows `person`: the outline with progress, whether the module is
    aimed at them, the time approval of its programme and whether they completed that."""
    from django.db.models import Sum

    from .models import ProgrammeCompletion

    programme = module.programme
    ancestors, roles = permissions.audience_facts(person)
    # Learners count the modules they can see; a preview counts what publishing would show.
    siblings = Module.objects.filter(programme=programme)
    siblings = (
        siblings.filter(status=Lifecycle.PUBLISHED)
        if module.is_offered
        else siblings.exclude(status=Lifecycle.RETIRED)
    )
    totals = siblings.aggregate(
        count=Count("id"), minutes=Coalesce(Sum("minutes"), 0)
    )
    completion = (
        ProgrammeCompletion.objects.filter(person=person, programme=programme)
        .values_list("completed_at", flat=True)
        .first()
    )
    return ModulePage(
        outline=module_outline(module, person),
        in_audience=permissions.is_in_audience(
            person, module, ancestor_unit_ids=ancestors, roles=roles
        ),
        time_approval=time_approval_for(person, programme)
        if programme.requires_time_approval
        else None,
        programme_modules=totals["count"],
        programme_minutes=totals["minutes"],
        programme_completed_at=completion,
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


def booking_of(person, booking_id: int) -> Booking | None:
    """One of the person's own bookings (any status) with its session, step and module."""
    return (
        Booking.objects.filter(pk=booking_id, person=person)
        .select_related("person", "session__trainer", "session__step__lesson__module")
        .first()
    )


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


def time_approvals_waiting_count(*, unit_ids) -> int:
    """How many requests for training time of people in `unit_ids` wait for a decision."""
    return TimeApproval.objects.filter(
        status=TimeApproval.Status.REQUESTED, person__unit_id__in=list(unit_ids)
    ).count()


# --------------------------------------------------------------------------- help and overrides


def help_queue(helper) -> QuerySet:
    """Open requests for help that `helper` may answer (their units; programme team: all), oldest first."""
    scope = permissions.review_unit_ids(helper)
    if scope is not None and not scope:
        return HelpRequest.objects.none()
    requests = (
        HelpRequest.objects.filter(answered_at__isnull=True)
        .exclude(person=helper)
        .select_related("person__unit", "step__lesson__module")
        .order_by("created_at", "id")
    )
    if scope is not None:
        requests = requests.filter(person__unit_id__in=scope)
    return requests


def helpers_of(person, *, limit: int = 5) -> list:
    """Trainers and champions who can help `person`: those of their unit and the units above it."""
    if person.unit_id is None:
        return []
    above = ancestor_unit_ids(person.unit_id)
    return list(
        get_user_model()
        .objects.filter(is_trainer=True, is_active=True, unit_id__in=above)
        .exclude(pk=person.pk)
        .order_by("last_name", "first_name", "email")[:limit]
    )


def learner_step_overrides(person, step: Step) -> list[Override]:
    """The overrides made for `person` on `step`, oldest first, with who granted them."""
    return list(
        Override.objects.filter(person=person, step_id=step.pk).select_related("granted_by")
    )


def open_help_request(person, step: Step) -> HelpRequest | None:
    return HelpRequest.objects.filter(person=person, step_id=step.pk, answered_at=None).first()


@dataclass
class LearnerOnStep:
    """What a helper sees of one learner on one step before making an override."""

    person: object
    step: Step
    enrolment: Enrolment
    overrides: list
    attempts: list
    done: bool
    help_request: HelpRequest | None

    @property
    def is_quiz(self) -> bool:
        return isinstance(self.step, QuizStep)


def learner_on_step(helper, person_id: int, step_id: int) -> LearnerOnStep | None:
    """A learner's state on one step, if `helper` may make overrides for them (else None)."""
    person = get_user_model().objects.select_related("unit").filter(pk=person_id).first()
    step = Step.objects.select_related("lesson__module").filter(pk=step_id).first()
    if person is None or step is None or not permissions.can_override(helper, person):
        return None
    enrolment = Enrolment.objects.filter(person=person, module_id=step.lesson.module_id).first()
    if enrolment is None:
        return None
    return LearnerOnStep(
        person=person,
        step=step,
        enrolment=enrolment,
        overrides=learner_step_overrides(person, step),
        attempts=list(QuizAttempt.objects.filter(person=person, step_id=step.pk)),
        done=StepCompletion.objects.filter(enrolment=enrolment, step_id=step.pk).exists(),
        help_request=open_help_request(person, step),
    )
