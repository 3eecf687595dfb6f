"""A small organisation with known answers, built through the real services.

    Firm
    ├── Advisory (lead: Lotte)   people: Ann (nl), Bob (en)
    │   └── Strategy             people: Cas (nl), Dee (en), Eve (nl)
    └── Audit                    people: Fay (en), Gus (nl)

Programme "Certified" has two foundation modules (60 min each, one step each); programme "Roles"
needs time approval and has one module (30 min). Credentials: Certified (level 1, valid 730 days)
and Professional (level 2, valid 365 days).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from certification import services as certification
from community import services as community
from courses import services as courses
from insights import services
from tests.certification.factories import DefinitionFactory
from tests.community.factories import ChampionFactory
from tests.courses.factories import LessonFactory, ModuleFactory, ProgrammeFactory, TextStepFactory
from tests.factories import PersonFactory, UnitFactory


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.ACADEMY_BASE_URL = "http://testserver"


def _module(programme, slug, minutes, *, foundation=False):
    module = ModuleFactory(
        programme=programme, slug=slug, minutes=minutes, is_foundation=foundation
    )
    lesson = LessonFactory(module=module, slug="only")
    step = TextStepFactory(lesson=lesson, slug="read")
    return SimpleNamespace(module=module, step=step)


@pytest.fixture
def org(firm, django_capture_on_commit_callbacks):
    advisory = UnitFactory(name="Advisory", slug="advisory", parent=firm)
    strategy = UnitFactory(name="Strategy", slug="strategy", parent=advisory, kind="team")
    audit = UnitFactory(name="Audit", slug="audit", parent=firm)

    def person(name, unit, language="en", **extra):
        return PersonFactory(
            email=f"{name.lower()}@example.com",
            first_name=name,
            last_name="Test",
            unit=unit,
            language=language,
            **extra,
        )

    people = SimpleNamespace(
        ann=person("Ann", advisory, "nl"),
        bob=person("Bob", advisory),
        cas=person("Cas", strategy, "nl"),
        dee=person("Dee", strategy),
        eve=person("Eve", strategy, "nl"),
        fay=person("Fay", audit),
        gus=person("Gus", audit, "nl"),
    )
    lotte = person("Lotte", advisory, leads=[advisory])
    staff = person("Pat", audit, is_staff=True)
    certified_programme = ProgrammeFactory(slug="certified", title_en="Certified")
    roles = ProgrammeFactory(slug="roles", title_en="Roles", requires_time_approval=True)
    basics = _module(certified_programme, "basics", 60, foundation=True)
    care = _module(certified_programme, "care", 60, foundation=True)
    selling = _module(roles, "selling", 30)
    certified = DefinitionFactory(slug="certified", title_en="Certified", level=1)
    professional = DefinitionFactory(
        slug="professional", title_en="Professional", level=2, valid_for_days=365
    )

    def learn(who, *parts):
        for part in parts:
            courses.enrol(person=who, module=part.module)
            courses.mark_step_done(person=who, step=part.step)

    with django_capture_on_commit_callbacks(execute=True):
        # Ann and Cas complete the foundation; Bob completes one module; Dee only enrols.
        learn(people.ann, basics, care)
        learn(people.cas, basics, care)
        learn(people.bob, basics)
        courses.enrol(person=people.dee, module=basics.module)
        # Fay completes the foundation in Audit.
        learn(people.fay, basics, care)
        # Ann's training time for Roles is approved and she completes it; Eve waits.
        approval = courses.request_time_approval(person=people.ann, programme=roles)
        courses.decide_time_approval(approval=approval, by=lotte, approve=True)
        learn(people.ann, selling)
        courses.request_time_approval(person=people.eve, programme=roles)
        # Credentials: Ann and Cas Certified, Ann also Professional (expiring in 20 days);
        # Fay Certified but revoked.
        certification.issue(person=people.ann, definition=certified)
        certification.issue(person=people.cas, definition=certified)
        certification.issue(
            person=people.ann,
            definition=professional,
            issued_at=timezone.now() - datetime.timedelta(days=345),
        )
        revoked = certification.issue(person=people.fay, definition=certified)
        certification.revoke(credential=revoked, reason="Issued in error")
        # Cas, a champion, runs an awareness session for Strategy.
        ChampionFactory(person=people.cas, unit=strategy)
        community.record_session(
            champion=people.cas,
            unit=strategy,
            title="Why online",
            held_on=timezone.localdate(),
            format="online",
            attendees=[people.cas, people.dee, people.eve],
        )
    return SimpleNamespace(
        units=SimpleNamespace(firm=firm, advisory=advisory, strategy=strategy, audit=audit),
        people=people,
        lotte=lotte,
        staff=staff,
        programmes=SimpleNamespace(certified=certified_programme, roles=roles),
        modules=SimpleNamespace(basics=basics, care=care, selling=selling),
        definitions=SimpleNamespace(certified=certified, professional=professional),
    )


@pytest.fixture
def rebuilt(org):
    services.rebuild()
    return org
