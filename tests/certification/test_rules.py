"""Each rule kind, checked against facts about a person (the sources are the other apps)."""

import pytest

from certification.models import (
    AssignmentApprovedRule,
    HoldsCredentialRule,
    ModulesCompletedRule,
    NominationApprovedRule,
    PolicyAcknowledgedRule,
)
from certification.selectors import Facts

from .factories import DefinitionFactory


def facts(person, **known):
    f = Facts(person)
    f.__dict__.update(known)  # cached_property values, as the sources would return them
    return f


@pytest.fixture
def definition(db):
    return DefinitionFactory(slug="some")


def test_all_of_modules_needs_every_module(definition, learner):
    rule = ModulesCompletedRule(definition=definition, modules=["a", "b"])
    assert not rule.is_satisfied_by(facts(learner, completed_modules={"a"}))
    assert rule.is_satisfied_by(facts(learner, completed_modules={"a", "b", "c"}))


def test_at_least_n_of_modules_needs_that_many(definition, learner):
    rule = ModulesCompletedRule(definition=definition, modules=["a", "b", "c"], at_least=2)
    assert not rule.is_satisfied_by(facts(learner, completed_modules={"a", "x"}))
    assert rule.is_satisfied_by(facts(learner, completed_modules={"a", "c"}))


def test_policy_rule_follows_acknowledgement_of_the_current_version(definition, learner):
    rule = PolicyAcknowledgedRule(definition=definition)
    assert not rule.is_satisfied_by(facts(learner, policy_acknowledged=False))
    assert rule.is_satisfied_by(facts(learner, policy_acknowledged=True))


def test_holds_credential_rule_needs_the_other_credential_valid(definition, learner):
    other = DefinitionFactory(slug="other")
    rule = HoldsCredentialRule(definition=definition, credential=other)
    assert not rule.is_satisfied_by(facts(learner, held=set()))
    assert rule.is_satisfied_by(facts(learner, held={other.pk}))


def test_assignment_rule_needs_that_step_approved(definition, learner):
    rule = AssignmentApprovedRule(definition=definition, step="m/l/s")
    assert not rule.is_satisfied_by(facts(learner, approved_steps={"m/l/other"}))
    assert rule.is_satisfied_by(facts(learner, approved_steps={"m/l/s"}))


def test_nomination_rule_needs_an_approved_nomination_for_this_credential(definition, learner):
    rule = NominationApprovedRule(definition=definition)
    assert not rule.is_satisfied_by(facts(learner, approved_nominations=set()))
    assert rule.is_satisfied_by(facts(learner, approved_nominations={definition.pk}))


def test_each_rule_describes_itself_in_both_languages(definition, learner):
    rule = ModulesCompletedRule(definition=definition, modules=["a"], at_least=1)
    assert "a" in rule.describe("en") and rule.describe("en") != rule.describe("nl")
