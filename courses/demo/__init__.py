"""Demo content of this app, loaded by `academy demo` (idempotent).

Every programme file in this folder (course-as-code, in name order, imported together so that
prerequisites may cross files), a few instructor-led sessions, and realistic progress for the
demo staff, made through the services so that signals fire and the counts stay right.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from .. import coursecode, permissions, services
from ..models import (
    AssignmentStep,
    Booking,
    Enrolment,
    Module,
    PolicyStep,
    Programme,
    QuizStep,
    Session,
    SessionStep,
    Step,
    Submission,
)

FOLDER = Path(__file__).resolve().parent

# People who finished the foundation (and a platform module), so certification can evaluate them.
# They are among those the policies demo has acknowledge policy 2.0, so their stories agree.
FOUNDATION = [
    "getting-started",
    "speaking-as-employee",
    "topic-calendar",
    "complaints-and-questions",
]
COMPLETERS = {
    "anouk.mulder": [*FOUNDATION, "linkedin"],
    "charlotte.hughes": [*FOUNDATION, "twitter"],
    "koen.vandenberg": [*FOUNDATION, "linkedin"],
    "sanne.devries": [*FOUNDATION, "twitter"],
}
# People who finished getting started and took a seat at the filming workshop.
FILMING = [
    "olivia.bennett",
    "lars.visser",
    "anouk.mulder",
    "jesse.dekker",
    "bram.peters",
    "noah.brouwer",
    "koen.vandenberg",
    "ingrid.kok",
    "harry.cole",
]
STUCK = "fleur.smit"  # enrolled weeks ago, then nothing: a champion sees her as stuck
CHANGES = "thomas.degroot"  # his worksheet came back with changes requested
LEARNER = "daan.jansen"


def load() -> list[str]:
    """Create what is missing; return a line for each thing created."""
    created: list[str] = []
    with transaction.atomic():
        result = coursecode.import_paths(sorted(FOLDER.glob("*.yaml")))
        created += result.created
        for programme in Programme.objects.filter(slug__in=result.programmes):
            services.publish_programme(programme=programme, actor=None)
        created += _sessions()
        created += _requirements()
    # The demo's history is not news: its emails (reviews, promotions) are not sent.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        created += _progress()
    return created


# Required training: the programme team requires the first foundation module of everyone and
# the next one of newcomers; Advisory's lead requires LinkedIn of Advisory.
REQUIRED = [
    # module, set by, units (slugs; empty: everyone), days from today, days after joining
    ("getting-started", "emma.clarke", [], 21, None),
    ("speaking-as-employee", "emma.clarke", [], None, 60),
    ("linkedin", "pieter.vandijk", ["advisory"], 10, None),
]


def _requirements() -> list[str]:
    from people.models import Unit

    from ..models import Requirement

    people = _people()
    created = []
    for slug, by, units, days, after_joining in REQUIRED:
        module = Module.objects.filter(slug=slug).first()
        if module is None or Requirement.objects.filter(module=module).exists():
            continue
        services.set_requirement(
            by=people[by],
            module=module,
            units=list(Unit.objects.filter(slug__in=units)),
            roles=[],
            due_on=timezone.localdate() + datetime.timedelta(days=days) if days else None,
            due_after_days=after_joining,
        )
        created.append(f"required training {slug}")
    return created


def _people() -> dict:
    from people.demo import PEOPLE, email
    from people.models import Person

    emails = {email(local): local for local, *_rest in PEOPLE}
    return {emails[p.email]: p for p in Person.objects.filter(email__in=emails)}


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _step(module: str, lesson: str, slug: str):
    return Step.objects.filter(lesson__module__slug=module, lesson__slug=lesson, slug=slug).first()


# step, days from today, start hour, place, online link, capacity, language, trainer
SESSIONS = [
    (
        ("complaints-and-questions", "role-play", "role-play-workshop"),
        -21,
        14,
        "Brightwater Amsterdam, Zuidas, room 4.12",
        "",
        12,
        "nl",
        "sophie.bakker",
    ),
    (
        ("complaints-and-questions", "role-play", "role-play-workshop"),
        12,
        14,
        "Brightwater Rotterdam, Wilhelminakade, room 2.03",
        "https://meet.brightwater.example/role-play",
        12,
        "en",
        "julia.hendriks",
    ),
    (
        ("video", "consent-and-workshop", "filming-workshop"),
        9,
        10,
        "Brightwater Amsterdam, Zuidas, studio (ground floor)",
        "",
        10,
        "nl",
        "eva.dejong",
    ),
]


def _sessions() -> list[str]:
    created = []
    people = _people()
    now = timezone.now()
    for (module, lesson, slug), days, hour, place, link, capacity, language, trainer in SESSIONS:
        step = _step(module, lesson, slug)
        if not isinstance(step, SessionStep):
            continue
        # One past and one upcoming session per step and language; a later run adds none.
        when = {"starts_at__lt": now} if days < 0 else {"starts_at__gte": now}
        if Session.objects.filter(step=step, language=language, **when).exists():
            continue
        starts = _at(days, hour)
        Session.objects.create(
            step=step,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=step.minutes),
            place=place,
            online_url=link,
            capacity=capacity,
            language=language,
            trainer=people.get(trainer),
        )
        created.append(f"session {step.slug} on {starts:%Y-%m-%d}")
    return created


class _Journey:
    """Moves one demo person through modules with the services, as they would have done it."""

    def __init__(self, person, people: dict):
        self.person = person
        self.people = people

    def reviewer(self):
        for candidate in self.people.values():
            scope = permissions.review_unit_ids(candidate)
            mine = scope and self.person.unit_id in scope and candidate.pk != self.person.pk
            if candidate.is_trainer and mine:
                return candidate
        return next(p for p in self.people.values() if p.is_staff)

    def complete(self, module_slug: str, *, until: str | None = None, fail_quiz_once=False):
        """Do every step of the module in order (or up to the step `until`)."""
        module = Module.objects.get(slug=module_slug)
        services.enrol(person=self.person, module=module)
        steps = Step.objects.filter(lesson__module=module).order_by("lesson__position", "position")
        for step in steps:
            if step.slug == until:
                return
            action = ACTIONS[step.kind]
            action(self, step, fail_quiz_once=fail_quiz_once)

    def mark_done(self, step, **options):
        services.mark_step_done(person=self.person, step=step)

    def pass_quiz(self, step: QuizStep, *, fail_quiz_once=False, **options):
        questions = list(step.questions.prefetch_related("choices"))
        if fail_quiz_once:
            wrong = {
                q.pk: [next(c.pk for c in q.choices.all() if not c.correct)] for q in questions
            }
            services.submit_quiz(person=self.person, step=step, answers=wrong)
        right = {q.pk: [c.pk for c in q.choices.all() if c.correct] for q in questions}
        services.submit_quiz(person=self.person, step=step, answers=right)

    def hand_in(self, step: AssignmentStep, **options):
        submission = self.submit(step)
        services.review_submission(
            submission=submission,
            by=self.reviewer(),
            approve=True,
            feedback=FEEDBACK.get(step.submission_kind, ""),
        )

    def submit(self, step: AssignmentStep):
        content = SUBMISSIONS[step.submission_kind](self.person, step)
        return services.submit_assignment(person=self.person, step=step, **content)

    def ask_time(self, *, decided_by=None, approve=True, reason="") -> None:
        """Ask for the training time of the programme that needs approval; a lead may decide."""
        programme = (
            Programme.objects.filter(requires_time_approval=True)
            .order_by("position", "slug")
            .first()
        )
        if programme is None:
            return
        approval = services.request_time_approval(person=self.person, programme=programme)
        if decided_by is not None:
            services.decide_time_approval(
                approval=approval, by=self.people[decided_by], approve=approve, reason=reason
            )
        if approve and decided_by is not None:
            first = programme.modules.order_by("position").first()
            self.complete(first.slug, until=_third_step(first))

    def acknowledge(self, step: PolicyStep, **options):
        services.acknowledge_policy_step(person=self.person, step=step)

    def attend(self, step: SessionStep, **options):
        session = Session.objects.filter(step=step, starts_at__lt=timezone.now()).first()
        if session is None:
            raise services.CourseError("no past session to attend")
        # A session in the past: the booking is history, written as it was made then.
        booking, _made = Booking.objects.get_or_create(
            session=session,
            person=self.person,
            status=Booking.Status.BOOKED,
            defaults={
                "step": step,
                "created_at": session.starts_at - datetime.timedelta(days=10),
                "status_changed_at": session.starts_at - datetime.timedelta(days=10),
            },
        )
        services.record_attendance(booking=booking, by=session.trainer, attended=True)


def _third_step(module) -> str | None:
    slugs = list(
        Step.objects.filter(lesson__module=module)
        .order_by("lesson__position", "position")
        .values_list("slug", flat=True)[:3]
    )
    return slugs[-1] if len(slugs) == 3 else None


ACTIONS = {
    "text": _Journey.mark_done,
    "video": _Journey.mark_done,
    "quiz": _Journey.pass_quiz,
    "assignment": _Journey.hand_in,
    "policy": _Journey.acknowledge,
    "session": _Journey.attend,
}

SUBMISSIONS = {
    "text": lambda person, step: {
        "text": (
            f"People: finance directors of mid-sized Dutch companies, busy with the new reporting "
            f"rules, on LinkedIn early in the morning.\n\nContent: the three questions they ask me "
            f"most, and a one-page checklist.\n\nMeans: LinkedIn only.\n\nTime: Tuesday 8:30-9:00 "
            f"and one hour on Friday afternoon.\n\n— {person.first_name}"
        )
    },
    "link": lambda person, step: {
        "link": f"https://www.linkedin.com/in/{person.first_name.lower()}-{person.last_name.lower().replace(' ', '')}-brightwater"
    },
    "file": lambda person, step: {"text": "See the attached file."},
}
FEEDBACK = {
    "text": "Clear and specific: a good plan. Start with the checklist post next Tuesday.",
    "link": "Your headline now says what you do for whom. Well done.",
}


def _progress() -> list[str]:
    people = _people()
    if not people or Enrolment.objects.filter(person__in=people.values()).exists():
        return []  # progress was made on an earlier run
    created: list[str] = []

    def journey(local: str, *parts) -> None:
        """Run each part (a function of the journey); one that cannot be done is skipped."""
        person = people.get(local)
        if person is None:
            return
        for part in parts:
            try:
                part(_Journey(person, people))
            except services.CourseError:
                continue  # e.g. no published policy yet: the rest of the journey goes on
        for enrolment in Enrolment.objects.filter(person=person).select_related("module"):
            state = "completed" if enrolment.completed_at else "in progress"
            created.append(f"enrolment {person.name} in {enrolment.module.slug} ({state})")

    for local, modules in COMPLETERS.items():
        journey(local, *[lambda j, slug=slug: j.complete(slug) for slug in modules])
    for local in FILMING:
        if local not in COMPLETERS:
            journey(local, lambda j: j.complete("getting-started"))
    _book_filming(people)
    # Training time for the role modules: one approved (and started), one declined.
    journey("anouk.mulder", lambda j: j.ask_time(decided_by="pieter.vandijk"))
    journey(
        "charlotte.hughes",
        lambda j: j.ask_time(
            decided_by="willem.bos",
            approve=False,
            reason="Year-end closing keeps the whole unit busy until February; ask me again then.",
        ),
    )

    journey(
        LEARNER,
        lambda j: j.complete("getting-started", fail_quiz_once=True),
        lambda j: j.complete("speaking-as-employee", until="personal-and-business"),
        lambda j: j.complete("linkedin", until="first-article"),
        lambda j: j.submit(_step("linkedin", "recruiting-stories", "first-article")),
        lambda j: j.ask_time(),  # waits for the unit lead, Pieter van Dijk
    )
    journey(STUCK, lambda j: j.complete("getting-started", until="means-and-time"))

    def changes(j: _Journey) -> None:
        j.complete("getting-started", until="audience-worksheet")
        submission = j.submit(_step("getting-started", "the-mcmt-model", "audience-worksheet"))
        services.review_submission(
            submission=submission,
            by=j.reviewer(),
            approve=False,
            feedback=(
                "Good start. Under People, be more specific: which sector and what size? "
                "And under Time, name a day and a time, not 'when I can'."
            ),
        )

    journey(CHANGES, changes)
    _age(people)
    return created


def _book_filming(people: dict) -> None:
    step = _step("video", "consent-and-workshop", "filming-workshop")
    session = Session.objects.filter(step=step, starts_at__gt=timezone.now()).first()
    if session is None:
        return
    for local in FILMING:
        person = people.get(local)
        if person is None:
            continue
        try:
            services.enrol(person=person, module=step.lesson.module)
            services.book_session(person=person, session=session)
        except services.CourseError:
            continue


def _age(people: dict) -> None:
    """Spread the demo's history over the past weeks, as if people learned at their own pace."""
    ages = {local: 45 - 4 * index for index, local in enumerate(COMPLETERS)}
    ages.update({local: 30 for local in FILMING if local not in ages})
    ages.update({STUCK: 26, CHANGES: 6, LEARNER: 0})
    for local, days in ages.items():
        person = people.get(local)
        if person is None or not days:
            continue
        shift = datetime.timedelta(days=days)
        enrolments = Enrolment.objects.filter(person=person)
        if local not in (STUCK, CHANGES):
            enrolments = enrolments.filter(completed_at__isnull=False)  # keep what is going on
        for enrolment in enrolments:
            enrolment.enrolled_at -= shift
            enrolment.last_activity_at -= shift
            if enrolment.completed_at:
                enrolment.completed_at -= shift
            enrolment.save(update_fields=["enrolled_at", "last_activity_at", "completed_at"])
        Submission.objects.filter(person=person, status=Submission.Status.SUBMITTED).update(
            submitted_at=timezone.now() - shift
        )
