import pytest
from django.contrib.auth.models import AnonymousUser

from core.audit import history_of, log_action
from core.models import AuditEntry
from people.models import Unit

pytestmark = pytest.mark.django_db


def test_an_entry_says_who_did_what_to_which_object_and_why(unit, programme):
    entry = log_action(unit, "renamed", actor=programme, reason="merger", data={"old": "Tax"})
    entry.refresh_from_db()
    assert entry.subject == unit and entry.actor == programme
    assert (entry.action, entry.reason, entry.data) == ("renamed", "merger", {"old": "Tax"})


def test_an_anonymous_or_missing_actor_is_the_system(unit):
    assert log_action(unit, "renamed", actor=AnonymousUser()).actor is None
    assert log_action(unit, "renamed").actor is None


def test_history_holds_only_the_objects_own_entries_oldest_first(unit, other_unit, programme):
    log_action(unit, "created", actor=programme)
    log_action(other_unit, "created")
    log_action(unit, "renamed", reason="merger")
    assert [e.action for e in history_of(unit)] == ["created", "renamed"]


def test_entries_are_append_only(unit):
    entry = log_action(unit, "created")
    entry.reason = "rewritten"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.get().reason == ""


def test_reading_a_history_is_one_query(unit, programme, django_assert_num_queries):
    for number in range(5):
        log_action(unit, f"step {number}", actor=programme)
    history_of(Unit.objects.get(pk=unit.pk))  # warm the content type cache
    with django_assert_num_queries(1):
        assert [entry.actor.email for entry in history_of(unit)] == [programme.email] * 5
