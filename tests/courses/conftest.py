import datetime

import pytest
from django.utils import timezone

from courses import services
from courses.models import AssignmentStep

from .factories import (
    ASSIGNMENT_LINK,
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    QuizStepFactory,
    SessionFactory,
    SessionStepFactory,
    TextStepFactory,
    VideoStepFactory,
)


@pytest.fixture
def course(db):
    """A programme with one module holding a step of each kind that needs no other app."""
    programme = ProgrammeFactory(slug="certified", title_en="Certified")
    module = ModuleFactory(programme=programme, slug="basics", title_en="Basics", minutes=90)
    read = LessonFactory(module=module, slug="read", position=0)
    check = LessonFactory(module=module, slug="check", position=1)
    practice = LessonFactory(module=module, slug="practice", position=2)
    steps = {
        "text": TextStepFactory(lesson=read, slug="intro", position=0),
        "video": VideoStepFactory(lesson=read, slug="watch", position=1),
        "quiz": QuizStepFactory(lesson=check, slug="check", position=0),
        "assignment": AssignmentStepFactory(
            lesson=practice,
            slug="post",
            position=0,
            submission_kind=AssignmentStep.Submission.LINK,
        ),
        "session": SessionStepFactory(lesson=practice, slug="workshop", position=1),
    }
    return {"programme": programme, "module": module, "steps": steps}


@pytest.fixture
def module(course):
    return course["module"]


@pytest.fixture
def steps(course):
    return course["steps"]


@pytest.fixture
def enrolled(learner, module):
    return services.enrol(person=learner, module=module)


@pytest.fixture
def session(steps, trainer):
    return SessionFactory(step=steps["session"], trainer=trainer, capacity=2)


@pytest.fixture
def past_session(steps, trainer):
    starts = timezone.now() - datetime.timedelta(days=1)
    return SessionFactory(
        step=steps["session"],
        trainer=trainer,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


@pytest.fixture
def signals_sent():
    """Every courses signal sent during the test, as (name, kwargs) in order."""
    from courses import signals

    sent = []
    names = [
        "enrolled",
        "step_completed",
        "module_completed",
        "programme_completed",
        "assignment_approved",
        "time_approval_requested",
        "time_approval_decided",
        "attendance_recorded",
    ]
    receivers = {}
    for name in names:

        def receiver(sender, name=name, **kwargs):
            kwargs.pop("signal", None)
            sent.append((name, kwargs))

        receivers[name] = receiver
        getattr(signals, name).connect(receiver, dispatch_uid=f"test:{name}")
    yield sent
    for name in names:
        getattr(signals, name).disconnect(dispatch_uid=f"test:{name}")


@pytest.fixture
def submission(learner, enrolled, steps):
    """The learner's first round of the assignment step: a link, waiting for review."""
    return services.submit_assignment(
        person=learner, step=steps["assignment"], link=ASSIGNMENT_LINK
    )


@pytest.fixture
def paid_programme(course):
    """The course's programme, asking the lead to approve the training time."""
    programme = course["programme"]
    programme.requires_time_approval = True
    programme.save()
    return programme


@pytest.fixture
def time_request(learner, paid_programme):
    return services.request_time_approval(person=learner, programme=paid_programme)
