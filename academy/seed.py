"""A large synthetic organisation for development and benchmarks (`academy seed`).

A development tool of the project, not part of any app: it writes every app's tables directly
(in bulk), which no app may do to another.

Everything is written in bulk: PostgreSQL gets COPY, SQLite multi-row inserts, with explicit
ids so that related rows can be written without reading anything back. The people fall into
the three segments of the intake survey (enthusiasts, a wait-and-see middle, cynics),
and their learning, credentials, policy acknowledgements, survey answers and kudos follow from
that, spread over the last year. The rollups are rebuilt at the end.
"""

import datetime
import json
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils import timezone

from certification.models import STATUS_LIST_SIZE, CredentialDefinition, IssuedCredential
from community.models import (
    AwarenessSession,
    Kudos,
    SegmentResult,
    SurveyAnswer,
    SurveyQuestion,
)
from courses.models import (
    AssignmentStep,
    Enrolment,
    Module,
    Programme,
    Step,
    StepCompletion,
    Submission,
    TimeApproval,
)
from insights import services
from insights.bulk import BulkWriter
from people.models import Person, Unit
from policies.models import Acknowledgement, PolicyVersion

DOMAIN = "seed.example"
STAFF_DOMAIN = "staff.seed.example"  # not counted among the seeded employees
UNIT_PREFIX = "seed-"
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Charlotte",
    "Daan",
    "Emma",
    "Finn",
    "Fleur",
    "Gijs",
    "Hanna",
    "Isa",
    "Jesse",
    "Julia",
    "Koen",
    "Lars",
    "Lotte",
    "Luuk",
    "Maud",
    "Milan",
    "Noah",
    "Noor",
    "Olivia",
    "Pieter",
    "Roos",
    "Ruben",
    "Sanne",
    "Sem",
    "Sophie",
    "Thijs",
    "Tess",
    "Vera",
    "Wouter",
    "Yara",
    "Amelia",
    "Grace",
    "Harry",
    "Henry",
    "Jack",
    "James",
    "Oliver",
    "Oscar",
    "Poppy",
    "Thomas",
    "Fatima",
    "Mohammed",
    "Ayşe",
    "Zoë",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Clarke",
    "Patel",
    "O'Connor",
    "El Amrani",
    "Yılmaz",
]
UNIT_NAMES = [
    "Advisory",
    "Audit",
    "Tax & Legal",
    "Risk",
    "Consulting",
    "Deals",
    "Technology",
    "Operations",
    "Finance",
    "People",
    "Marketing",
    "Sales",
    "Legal",
    "Real Estate",
    "Public Sector",
    "Healthcare",
    "Energy",
    "Retail",
    "Industry",
    "Banking",
    "Insurance",
    "Transport",
    "Media",
    "Education",
    "Agriculture",
    "Water",
    "Defence",
    "Logistics",
    "Hospitality",
    "Culture",
]
TEAM_NAMES = [
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Coast",
    "Digital",
    "Growth",
    "Client Service",
    "Projects",
]
# (share of staff, share of modules enrolled in, chance to complete an enrolled module)
GROUPS = {
    "enthusiast": (0.52, 1.0, 0.92),
    "wait_and_see": (0.36, 0.8, 0.7),
    "cynic": (0.12, 0.2, 0.25),
}
SEGMENT_OF_GROUP = {"enthusiast": "enthusiast", "wait_and_see": "wait_and_see", "cynic": "cynic"}


class SeedError(Exception):
    """The organisation cannot be seeded; the message says why."""


# -- bulk writing --------------------------------------------------------------------------------


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("id"))["top"] or 0) + 1


# -- what is generated ---------------------------------------------------------------------------


@dataclass
class Catalogue:
    programmes: list[Programme]
    modules: list[Module]  # in programme order
    steps: dict[int, list[int]]  # module id -> step ids in order
    foundation: list[Module]
    platform: list[Module]
    other: list[Module]
    definitions: list[CredentialDefinition]
    assignments: set[int]
    policy: PolicyVersion | None
    questions: list[SurveyQuestion]


@dataclass
class Counts:
    units: int = 0
    people: int = 0
    enrolments: int = 0
    progress: int = 0
    credentials: int = 0
    acknowledgements: int = 0
    survey_answers: int = 0
    awareness_sessions: int = 0
    kudos: int = 0
    submissions: int = 0
    time_approvals: int = 0

    def lines(self) -> list[str]:
        return [
            f"{self.units:,} units",
            f"{self.people:,} employees",
            f"{self.enrolments:,} enrolments",
            f"{self.progress:,} completed steps (progress rows)",
            f"{self.credentials:,} credentials",
            f"{self.acknowledgements:,} policy acknowledgements",
            f"{self.survey_answers:,} survey answers",
            f"{self.awareness_sessions:,} awareness sessions",
            f"{self.kudos:,} kudos",
            f"{self.submissions:,} assignments waiting for review",
            f"{self.time_approvals:,} time approvals",
        ]


def _catalogue() -> Catalogue:
    """The programmes, credentials, policy and survey to seed against (demo ones if absent)."""
    if not Programme.objects.exists():
        from courses import coursecode
        from courses.demo import FOLDER

        coursecode.import_paths(sorted(FOLDER.glob("*.yaml")))
    if not CredentialDefinition.objects.exists():
        from certification.definitions import upsert_definitions
        from certification.demo import DEFINITIONS

        upsert_definitions(DEFINITIONS, prefix="demo_credentials")
    if not PolicyVersion.objects.filter(published_at__isnull=False).exists():
        from policies.demo import load as load_policy

        # The demo policy is published by someone of the programme team.
        if not Person.objects.filter(is_staff=True, is_active=True).exists():
            Person.objects.create_user(f"programme-team@{STAFF_DOMAIN}", is_staff=True)
        load_policy()
    if not SurveyQuestion.objects.exists():
        from community.demo import QUESTIONS

        SurveyQuestion.objects.bulk_create(
            SurveyQuestion(position=i, text_en=en, text_nl=nl, weight=weight)
            for i, (en, nl, weight) in enumerate(QUESTIONS, start=1)
        )
    programmes = list(Programme.objects.order_by("position", "slug"))
    modules = list(
        Module.objects.select_related("programme").order_by(
            "programme__position", "programme__slug", "position"
        )
    )
    steps: dict[int, list[int]] = {m.id: [] for m in modules}
    for step_id, module_id in Step.objects.order_by(
        "lesson__position", "position", "id"
    ).values_list("id", "lesson__module_id"):
        steps[module_id].append(step_id)
    foundation = [m for m in modules if m.is_foundation]
    platform = [
        m
        for m in modules
        if not m.is_foundation and m.platforms and m.programme_id == modules[0].programme_id
    ]
    other = [m for m in modules if m not in foundation and m not in platform]
    from policies import selectors as policy_selectors

    return Catalogue(
        programmes=programmes,
        modules=modules,
        steps=steps,
        foundation=foundation,
        platform=platform,
        other=other,
        assignments=set(AssignmentStep.objects.values_list("id", flat=True)),
        definitions=list(CredentialDefinition.objects.order_by("level", "slug")),
        policy=policy_selectors.current_version(),
        questions=list(SurveyQuestion.objects.filter(active=True).order_by("position")),
    )


def seeded_count() -> int:
    return Person.objects.filter(email__endswith="@" + DOMAIN).count()


def remove() -> None:
    """Delete an earlier seed (its people, their records, and its units)."""
    people = Person.objects.filter(email__endswith="@" + DOMAIN)
    ids = list(people.values_list("id", flat=True))
    for chunk in range(0, len(ids), 5000):
        part = ids[chunk : chunk + 5000]
        StepCompletion.objects.filter(enrolment__person_id__in=part).delete()
        Submission.objects.filter(person_id__in=part).delete()
        Enrolment.objects.filter(person_id__in=part).delete()
        IssuedCredential.objects.filter(person_id__in=part).delete()
        Kudos.objects.filter(models.Q(giver_id__in=part) | models.Q(receiver_id__in=part)).delete()
    AwarenessSession.objects.filter(unit__slug__startswith=UNIT_PREFIX).delete()
    people.update(manager=None)
    people.delete()
    units = Unit.objects.filter(slug__startswith=UNIT_PREFIX)
    while units.exists():
        units.filter(children__isnull=True).delete()


def generate(
    *, employees: int, seed: int = 1, progress: Callable[[str, int, int], None] | None = None
) -> Counts:
    """Create `employees` people in a new firm-wide tree of units, with a year of activity."""
    if employees < 1:
        raise SeedError("--employees must be at least 1.")
    rng = random.Random(seed)
    now = timezone.now()
    report = progress or (lambda stage, done, total: None)
    counts = Counts()
    writer = BulkWriter()
    with transaction.atomic():
        catalogue = _catalogue()
        if not catalogue.modules:
            raise SeedError("There are no modules to learn; import a programme first.")
        firm = Unit.objects.filter(kind=Unit.Kind.FIRM).order_by("id").first()
        if firm is None:
            firm = Unit.objects.create(
                name="Brightwater", slug=f"{UNIT_PREFIX}firm", kind=Unit.Kind.FIRM
            )
        teams, units = _units(writer, rng, firm, employees, counts)
        report("units", counts.units, counts.units)
        people = _people(writer, rng, teams, units, employees, now, counts, report)
        _learning(writer, rng, catalogue, people, now, counts, report)
        _credentials(writer, rng, catalogue, people, now, counts, report)
        _community(writer, rng, catalogue, people, teams, now, counts, report)
        writer.reset_sequences()
        report("rollups", 0, counts.people)
        services.rebuild(progress=lambda done, total: report("rollups", done, total))
    analyze()
    return counts


def analyze() -> None:
    """Refresh the planner's statistics: right after a bulk load they describe empty tables,
    and the first queries would scan sequentially."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@dataclass
class Seeded:
    id: int
    unit_id: int
    group: str
    language: str
    completed: dict[int, datetime.datetime] = field(default_factory=dict)  # module id -> when


def _unit_names(firm, wanted: int) -> list[str]:
    """Names for new units under the firm, leaving out those it already has (the demo's)."""
    taken = set(Unit.objects.filter(parent=firm).values_list("name", flat=True))
    free = [name for name in UNIT_NAMES if name not in taken]
    extra = (f"{UNIT_NAMES[i % len(UNIT_NAMES)]} {i // len(UNIT_NAMES) + 2}" for i in range(10**6))
    while len(free) < wanted:
        name = next(extra)
        if name not in taken:
            free.append(name)
    return free[:wanted]


def _units(writer, rng, firm, employees, counts):
    n_units = max(2, min(len(UNIT_NAMES), employees // 5000 + 2))
    names = _unit_names(firm, n_units)
    next_id = _next_id(Unit)
    unit_rows, team_rows = [], []
    units, teams = [], []
    for i in range(n_units):
        unit_id = next_id
        next_id += 1
        unit_rows.append((unit_id, names[i], f"{UNIT_PREFIX}{i + 1}", Unit.Kind.UNIT, firm.id))
        units.append(unit_id)
        for j in range(rng.randint(3, 8) if employees >= 1000 else 2):
            teams.append((next_id, unit_id))
            team_rows.append(
                (
                    next_id,
                    TEAM_NAMES[j % len(TEAM_NAMES)] + ("" if j < len(TEAM_NAMES) else f" {j}"),
                    f"{UNIT_PREFIX}{i + 1}-{j + 1}",
                    Unit.Kind.TEAM,
                    unit_id,
                )
            )
            next_id += 1
    columns = ["id", "name", "slug", "kind", "parent_id"]
    writer.write(Unit, columns, unit_rows)
    writer.write(Unit, columns, team_rows)
    counts.units = len(unit_rows) + len(team_rows)
    return teams, units


def _people(writer, rng, teams, units, employees, now, counts, report) -> list[Seeded]:
    next_id = _next_id(Person)
    people: list[Seeded] = []
    leads: dict[int, int] = {}  # unit -> its lead, the first person placed in one of its teams
    groups = list(GROUPS)
    weights = [GROUPS[g][0] for g in groups]

    def rows():
        for n in range(employees):
            person_id = next_id + n
            team_id, unit_id = teams[n % len(teams)]
            is_lead = unit_id not in leads
            if is_lead:
                leads[unit_id] = person_id
            # A lead sits in the unit they lead, everyone else in a team, managed by the lead.
            home = unit_id if is_lead else team_id
            language = "nl" if rng.random() < 0.6 else "en"
            people.append(Seeded(person_id, home, rng.choices(groups, weights)[0], language))
            joined = now - datetime.timedelta(days=rng.randint(30, 3000))
            yield (
                person_id,
                "!seed",
                None,
                False,
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                False,
                True,
                joined,
                f"person{person_id}@{DOMAIN}",
                "",
                language,
                home,
                None if is_lead else leads[unit_id],
                n % 100 == 1,
            )
            if n % 10000 == 0:
                report("employees", n, employees)

    columns = [
        "id",
        "password",
        "last_login",
        "is_superuser",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "date_joined",
        "email",
        "display_name",
        "language",
        "unit_id",
        "manager_id",
        "is_trainer",
    ]
    counts.people = writer.write(Person, columns, rows())
    through = Person.led_units.through
    writer.write(through, ["person_id", "unit_id"], [(p, u) for u, p in leads.items()])
    report("employees", employees, employees)
    return people


def _spread(rng, now, days_back: int) -> datetime.datetime:
    return now - datetime.timedelta(days=rng.random() * days_back, minutes=rng.randint(0, 600))


def _learning(writer, rng, catalogue, people, now, counts, report):
    enrolment_id = _next_id(Enrolment)
    approval_programmes = {p.id for p in catalogue.programmes if p.requires_time_approval}
    minutes_of = {p.id: 0 for p in catalogue.programmes}
    for module in catalogue.modules:
        minutes_of[module.programme_id] += module.minutes
    enrolments, completions, approvals, submissions = [], [], [], []
    for index, person in enumerate(people):
        _share, enrol_share, finish = GROUPS[person.group]
        chosen = list(catalogue.foundation)
        if catalogue.platform:
            chosen += rng.sample(catalogue.platform, k=rng.randint(1, len(catalogue.platform)))
        chosen += [m for m in catalogue.other if rng.random() < enrol_share]
        chosen = [m for m in chosen if rng.random() < enrol_share or m in catalogue.foundation[:1]]
        if person.group == "cynic" and rng.random() < 0.6:
            chosen = []
        start = _spread(rng, now, 360)
        approved = set()
        for programme_id in {m.programme_id for m in chosen} & approval_programmes:
            waiting = rng.random() < 0.1
            approvals.append(
                (
                    person.id,
                    programme_id,
                    minutes_of[programme_id],
                    TimeApproval.Status.REQUESTED if waiting else TimeApproval.Status.APPROVED,
                    start,
                    None if waiting else start + datetime.timedelta(days=2),
                )
            )
            if not waiting:
                approved.add(programme_id)
        moment = start
        for module in chosen:
            if module.programme_id in approval_programmes and module.programme_id not in approved:
                continue
            steps = catalogue.steps.get(module.id, [])
            enrolled_at = moment
            done_steps = (
                len(steps) if rng.random() < finish else rng.randint(0, max(0, len(steps) - 1))
            )
            last = enrolled_at
            for step_id in steps[:done_steps]:
                last = min(now, last + datetime.timedelta(minutes=rng.randint(3, 40)))
                completions.append((enrolment_id, step_id, last))
            stopped_at_assignment = (
                done_steps < len(steps) and steps[done_steps] in catalogue.assignments
            )
            if stopped_at_assignment and rng.random() < 0.5:  # handed in, waiting for a champion
                submissions.append(
                    (
                        person.id,
                        steps[done_steps],
                        1,
                        "My answer to the assignment.",
                        "",
                        "",
                        Submission.Status.SUBMITTED,
                        last,
                        "",
                    )
                )
            completed_at = last if steps and done_steps == len(steps) else None
            if completed_at:
                person.completed[module.id] = completed_at
            enrolments.append(
                (
                    enrolment_id,
                    person.id,
                    module.id,
                    person.language,
                    enrolled_at,
                    completed_at,
                    last,
                    done_steps,
                )
            )
            enrolment_id += 1
            moment = min(now, last + datetime.timedelta(days=rng.randint(1, 20)))
        if index % 10000 == 0:
            report("learning", index, len(people))
        if len(completions) > 200_000:
            counts.progress += _flush_learning(writer, enrolments, completions)
            counts.enrolments += len(enrolments)
            enrolments, completions = [], []
    counts.progress += _flush_learning(writer, enrolments, completions)
    counts.enrolments += len(enrolments)
    counts.submissions = writer.write(
        Submission,
        [
            "person_id",
            "step_id",
            "round",
            "text",
            "link",
            "file",
            "status",
            "submitted_at",
            "feedback",
        ],
        submissions,
    )
    counts.time_approvals = writer.write(
        TimeApproval,
        ["person_id", "programme_id", "minutes", "status", "requested_at", "decided_at", "reason"],
        [(*row, "") for row in approvals],
    )
    report("learning", len(people), len(people))


def _flush_learning(writer, enrolments, completions) -> int:
    writer.write(
        Enrolment,
        [
            "id",
            "person_id",
            "module_id",
            "language",
            "enrolled_at",
            "completed_at",
            "last_activity_at",
            "steps_completed",
        ],
        enrolments,
    )
    return writer.write(StepCompletion, ["enrolment_id", "step_id", "completed_at"], completions)


def _credentials(writer, rng, catalogue, people, now, counts, report):
    """Credentials for those whose learning meets the demo rules, a few revoked, some expiring."""
    by_level = {d.level: d for d in catalogue.definitions}
    foundation = {m.id for m in catalogue.foundation}
    platform = {m.id for m in catalogue.platform}
    other = {m.id for m in catalogue.other}
    next_id = _next_id(IssuedCredential)
    taken: set[int] = set(
        IssuedCredential.objects.filter(status_list=0).values_list("status_index", flat=True)
    )
    acknowledgements, rows = [], []
    for person in people:
        done = set(person.completed)
        certified = foundation <= done and bool(done & platform)
        # Everyone certified acknowledged the policy; of the others, about a third.
        if catalogue.policy is not None and (certified or rng.random() < 0.3):
            acknowledgements.append(
                (person.id, catalogue.policy.id, _spread(rng, now, 60), person.language)
            )
        levels = []
        if certified:
            levels.append(1)
            if done & other and rng.random() < 0.6:
                levels.append(2)
                if rng.random() < 0.05:
                    levels.append(3)
        for level in levels:
            definition = by_level.get(level)
            if definition is None:
                continue
            issued_at = max(person.completed.values()) if person.completed else now
            if rng.random() < 0.08:  # issued long ago: some now expire soon
                issued_at = now - datetime.timedelta(days=rng.randint(600, 729))
            expires_at = (
                issued_at + datetime.timedelta(days=definition.valid_for_days)
                if definition.valid_for_days
                else None
            )
            index = rng.randrange(STATUS_LIST_SIZE)
            while index in taken:
                index = rng.randrange(STATUS_LIST_SIZE)
            taken.add(index)
            status = (
                IssuedCredential.Status.REVOKED
                if rng.random() < 0.005
                else IssuedCredential.Status.VALID
            )
            snapshot = json.dumps(
                {
                    "definition": definition.slug,
                    "title": {"en": definition.title("en"), "nl": definition.title("nl")},
                    "criteria": {"en": definition.criteria("en"), "nl": definition.criteria("nl")},
                    "issuer_name": "Seeded Social Media Academy",
                }
            )
            revoked = status == IssuedCredential.Status.REVOKED
            rows.append(
                (
                    next_id,
                    definition.id,
                    person.id,
                    f"SMA-{issued_at:%Y}-{next_id:06d}",
                    secrets.token_urlsafe(24),
                    issued_at,
                    expires_at,
                    status,
                    now if revoked else None,
                    "Issued in error (seed)" if revoked else "",
                    False,
                    "",
                    "",
                    False,
                    None,
                    person.language,
                    snapshot,
                    0,
                    index,
                    "",
                    "",
                    None,
                    issued_at,
                    f"Seeded person {person.id}",
                )
            )
            next_id += 1
            if len(taken) >= STATUS_LIST_SIZE - 1:
                raise SeedError(
                    "More credentials than one status list holds; seed fewer employees."
                )
    columns = [
        "id",
        "definition_id",
        "person_id",
        "serial",
        "code",
        "issued_at",
        "expires_at",
        "status",
        "status_changed_at",
        "status_reason",
        "publish_reason",
        "suspension",
        "evidence",
        "awarded_by_hand",
        "replaced_by_id",
        "language",
        "snapshot",
        "status_list",
        "status_index",
        "signed_json",
        "signed_jwt",
        "signed_at",
        "seen_at",
        "holder_name",
    ]
    counts.credentials = writer.write(IssuedCredential, columns, rows)
    counts.acknowledgements = writer.write(
        Acknowledgement,
        ["person_id", "version_id", "acknowledged_at", "language"],
        acknowledgements,
    )
    report("credentials", counts.credentials, counts.credentials)


def _community(writer, rng, catalogue, people, teams, now, counts, report):
    if catalogue.questions:
        answers, results = [], []
        for person in people:
            if rng.random() > 0.6:
                continue
            segment = SEGMENT_OF_GROUP[person.group]
            answered_at = _spread(rng, now, 300)
            base = {"enthusiast": 4.5, "wait_and_see": 3.0, "cynic": 1.6}[segment]
            score = 0.0
            for question in catalogue.questions:
                value = max(1, min(5, round(base + rng.uniform(-1, 1))))
                if question.weight < 0:
                    value = 6 - value
                answers.append((person.id, question.id, value))
                score += question.weight * (value - 3)
            results.append((person.id, segment, round(score, 2), answered_at))
        counts.survey_answers = writer.write(
            SurveyAnswer, ["person_id", "question_id", "value"], answers
        )
        writer.write(SegmentResult, ["person_id", "segment", "score", "answered_at"], results)
    by_team: dict[int, list[Seeded]] = {}
    for person in people:
        by_team.setdefault(person.unit_id, []).append(person)
    session_id = _next_id(AwarenessSession)
    sessions, attendees = [], []
    for team_id, members in by_team.items():
        for _n in range(rng.randint(0, 2)):
            champion = rng.choice(members)
            held_on = timezone.localdate(_spread(rng, now, 330))
            sessions.append(
                (
                    session_id,
                    "Why social media matters for our clients",
                    team_id,
                    held_on,
                    rng.choice(["in_person", "online", "hybrid"]),
                    champion.id,
                    None,
                    now,
                )
            )
            for member in rng.sample(members, k=min(len(members), rng.randint(5, 40))):
                attendees.append((session_id, member.id))
            session_id += 1
    counts.awareness_sessions = writer.write(
        AwarenessSession,
        ["id", "title", "unit_id", "held_on", "format", "champion_id", "head_count", "created_at"],
        sessions,
    )
    writer.write(
        AwarenessSession.attendees.through,
        ["awarenesssession_id", "person_id"],
        list(dict.fromkeys(attendees)),
    )
    categories = [c for c, _label in Kudos.Category.choices]
    kudos = []
    for _n in range(max(1, len(people) // 5)):
        giver, receiver = rng.sample(people, 2) if len(people) > 1 else (people[0], people[0])
        if giver.id == receiver.id:
            continue
        kudos.append(
            (
                giver.id,
                receiver.id,
                rng.choice(categories),
                "Thanks for your help with my first post!",
                _spread(rng, now, 360),
            )
        )
    counts.kudos = writer.write(
        Kudos, ["giver_id", "receiver_id", "category", "message", "created_at"], kudos
    )
    report("community", counts.kudos, counts.kudos)
