import logging

import pytest
from django.db import transaction
from django.dispatch import Signal

from core.signals import send_after_commit

pytestmark = pytest.mark.django_db


@pytest.fixture
def happened():
    signal = Signal()
    heard = []

    def broken(sender, **kwargs):
        raise RuntimeError("receiver bug")

    def listening(sender, **kwargs):
        heard.append(kwargs)

    signal.connect(broken, weak=False)
    signal.connect(listening, weak=False)
    return signal, heard


def test_the_signal_waits_for_the_commit(happened, django_capture_on_commit_callbacks):
    signal, heard = happened
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_after_commit(signal, sender=object, what="enrolled")
    assert heard == [] and len(callbacks) == 1


def test_a_rolled_back_action_tells_nobody(happened, django_capture_on_commit_callbacks):
    signal, heard = happened
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_after_commit(signal, sender=object, what="enrolled")
                raise ValueError("the action failed")
        except ValueError:
            pass
    assert heard == []


def test_a_failing_receiver_is_logged_and_the_others_still_hear(
    happened, django_capture_on_commit_callbacks, caplog
):
    signal, heard = happened
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        send_after_commit(signal, sender=object, what="enrolled")
    assert heard == [{"signal": signal, "what": "enrolled"}]
    failure = next(record for record in caplog.records if record.exc_info)
    assert "broken" in failure.getMessage() and "receiver bug" in str(failure.exc_info[1])
