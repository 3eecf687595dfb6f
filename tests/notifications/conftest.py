import datetime

import pytest
from django.utils import timezone

from courses import services as courses
from notifications import services
from tests.courses.factories import (
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    TextStepFactory,
)

DUE = datetime.date(2030, 6, 15)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """A moment on `day` in the academy's time zone (the fake clock of the pass)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def days_before(days: int) -> datetime.datetime:
    return at(DUE - datetime.timedelta(days=days))


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.ACADEMY_BASE_URL = "http://testserver"


@pytest.fixture
def basics(db):
    programme = ProgrammeFactory(slug="certified", title_en="Certified", title_nl="Gecertificeerd")
    module = ModuleFactory(programme=programme, slug="basics", title_en="Basics", title_nl="Basis")
    lesson = LessonFactory(module=module, slug="intro")
    TextStepFactory(lesson=lesson, slug="why", position=0)
    TextStepFactory(lesson=lesson, slug="how", position=1)
    return module


@pytest.fixture
def required(programme, basics, unit):
    return courses.set_requirement(by=programme, module=basics, units=[unit], roles=[], due_on=DUE)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the pass at a moment, emails and all; returns the counts of what was sent."""

    def run_at(now: datetime.datetime) -> dict[str, int]:
        with django_capture_on_commit_callbacks(execute=True):
            return services.run_due(now=now)

    return run_at
