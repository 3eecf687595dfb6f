"""Policy steps: acknowledging the current social media policy (through the policies app)."""

import pytest
from django.utils import timezone

from courses import services
from courses.models import StepCompletion
from courses.steps.policy import policy_state

from .factories import LessonFactory, ModuleFactory, PolicyStepFactory

policies = pytest.importorskip("policies.services")
pytestmark = pytest.mark.django_db


@pytest.fixture
def policy_step(learner):
    step = PolicyStepFactory(lesson=LessonFactory(module=ModuleFactory()))
    services.enrol(person=learner, module=step.lesson.module)
    return step


@pytest.fixture
def published(programme):
    """Version 1.0 of the policy, published through the policies app's own services."""
    draft = policies.create_draft(
        by=programme,
        kind=policies.MAJOR,
        body_en="Always say that you work here.",
        body_nl="Zeg altijd dat je hier werkt.",
        effective_on=timezone.localdate(),
    )
    return policies.publish(version=draft, by=programme)


def test_acknowledging_the_policy_step_acknowledges_the_policy_and_completes_it(
    learner, policy_step, published
):
    services.acknowledge_policy_step(person=learner, step=policy_step)
    assert StepCompletion.objects.get().step_id == policy_step.pk
    state = policy_state(learner, policy_step)
    assert state.acknowledged and state.version == published
    assert policy_step.completion_met(learner)


def test_acknowledging_twice_changes_nothing(learner, policy_step, published):
    services.acknowledge_policy_step(person=learner, step=policy_step)
    services.acknowledge_policy_step(person=learner, step=policy_step)
    assert StepCompletion.objects.count() == 1


def test_without_a_published_policy_the_step_stays_open(learner, policy_step):
    with pytest.raises(services.CourseError, match="no published social media policy"):
        services.acknowledge_policy_step(person=learner, step=policy_step)
    assert not StepCompletion.objects.exists()


def test_acknowledging_on_the_policy_page_completes_the_policy_steps_too(
    learner, policy_step, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        policies.acknowledge(person=learner, language="en")
    assert StepCompletion.objects.get().step_id == policy_step.pk
