"""Earning credentials through the real courses and policies apps: the last requirement met
anywhere issues the credential once."""

import pytest
from django.db import connection

from certification import services
from certification.models import (
    AssignmentApprovedRule,
    HoldsCredentialRule,
    IssuedCredential,
    ModulesCompletedRule,
    PolicyAcknowledgedRule,
)
from courses import services as courses
from policies import services as policies
from tests.concurrency import at_once
from tests.courses.factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    TextStepFactory,
)
from tests.policies.factories import version

from .factories import DefinitionFactory


@pytest.fixture
def basics(db):
    lesson = LessonFactory(module=ModuleFactory(slug="basics"), slug="why")
    return {
        "module": lesson.module,
        "first": TextStepFactory(lesson=lesson, slug="read", position=0),
        "last": TextStepFactory(lesson=lesson, slug="reflect", position=1),
    }


@pytest.fixture
def rules(certified):
    """Certified (conftest): modules basics and care, and the current policy. Here: basics."""
    ModulesCompletedRule.objects.filter(definition=certified).update(modules=["basics"])
    return certified


def held(person):
    return set(
        IssuedCredential.objects.filter(person=person, status="valid").values_list(
            "definition__slug", flat=True
        )
    )


def test_completing_the_last_step_issues_the_credential(
    learner, rules, basics, django_capture_on_commit_callbacks
):
    version("1.0")
    with django_capture_on_commit_callbacks(execute=True):
        policies.acknowledge(person=learner, language="en")
        courses.enrol(person=learner, module=basics["module"])
        courses.mark_step_done(person=learner, step=basics["first"])
    assert held(learner) == set()
    with django_capture_on_commit_callbacks(execute=True):
        courses.mark_step_done(person=learner, step=basics["last"])
    assert held(learner) == {"certified"}


def test_acknowledging_the_policy_last_issues_the_credential(
    learner, rules, basics, django_capture_on_commit_callbacks
):
    version("1.0")
    with django_capture_on_commit_callbacks(execute=True):
        courses.enrol(person=learner, module=basics["module"])
        for step in (basics["first"], basics["last"]):
            courses.mark_step_done(person=learner, step=step)
    assert held(learner) == set()
    with django_capture_on_commit_callbacks(execute=True):
        policies.acknowledge(person=learner, language="nl")
    assert held(learner) == {"certified"}


def test_a_champion_approving_the_article_issues_the_higher_credential(
    learner, trainer, rules, basics, django_capture_on_commit_callbacks
):
    professional = DefinitionFactory(slug="professional", level=2)
    HoldsCredentialRule.objects.create(definition=professional, credential=rules)
    article = AssignmentStepFactory(
        lesson=LessonFactory(module=ModuleFactory(slug="linkedin"), slug="stories"),
        slug="first-article",
    )
    AssignmentApprovedRule.objects.create(
        definition=professional, step="linkedin/stories/first-article", position=1
    )
    PolicyAcknowledgedRule.objects.create(definition=professional, position=2)
    version("1.0")
    with django_capture_on_commit_callbacks(execute=True):
        policies.acknowledge(person=learner, language="en")
        courses.enrol(person=learner, module=basics["module"])
        courses.enrol(person=learner, module=article.lesson.module)
        for step in (basics["first"], basics["last"]):
            courses.mark_step_done(person=learner, step=step)
        submission = courses.submit_assignment(
            person=learner, step=article, text="https://www.linkedin.com/pulse/my-first"
        )
    assert held(learner) == {"certified"}
    with django_capture_on_commit_callbacks(execute=True):
        courses.review_submission(submission=submission, by=trainer, approve=True)
    assert held(learner) == {"certified", "professional"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_completions_of_the_last_step_give_one_credential(
    learner, rules, basics
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    version("1.0")
    policies.acknowledge(person=learner, language="en")
    courses.enrol(person=learner, module=basics["module"])
    courses.mark_step_done(person=learner, step=basics["first"])

    def complete(_index):
        courses.mark_step_done(person=learner, step=basics["last"])
        services.evaluate(person=learner)  # as if every tab's receiver ran at once

    _results, errors = at_once(complete, 50)
    assert errors == []
    credential = IssuedCredential.objects.get()
    assert credential.definition == rules and credential.history.count() == 1
