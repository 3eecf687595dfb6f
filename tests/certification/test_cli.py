"""`academy award`, `revoke`, `suspend`, `reinstate`: exit codes and audit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from certification.models import IssuedCredential
from tests.cli import academy


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_award_prints_serial_and_verification_url_and_is_safe_to_repeat(learner, certified):
    output = run("award", "certified", learner.email, "--evidence", "Keynote at Web Summit")
    credential = IssuedCredential.objects.get()
    assert output.strip() == f"{credential.serial} http://testserver/verify/{credential.code}/"
    assert credential.history.get().reason.endswith("Keynote at Web Summit")
    assert "nothing changed" in run("award", "certified", learner.email)
    assert IssuedCredential.objects.count() == 1


def test_award_unknown_credential_or_person_fails(learner, certified):
    with pytest.raises(CommandError, match="no credential"):
        run("award", "nope", learner.email)
    with pytest.raises(CommandError, match="nobody"):
        run("award", "certified", "nobody@example.com")


def test_revoke_suspend_reinstate_change_the_status_with_audit(issued):
    run("suspend", issued.serial, "--reason", "Review")
    run("reinstate", issued.serial)
    run("revoke", issued.serial, "--reason", "Fraud")
    assert "nothing changed" in run("revoke", issued.serial, "--reason", "Fraud")
    issued.refresh_from_db()
    assert issued.status == "revoked"
    assert list(issued.history.values_list("action", flat=True)) == [
        "issued",
        "suspended",
        "reinstated",
        "revoked",
    ]


def test_reinstating_a_revoked_credential_fails(issued):
    run("revoke", issued.serial, "--reason", "Fraud")
    with pytest.raises(CommandError, match="Only a suspended"):
        run("reinstate", issued.serial)


def test_exit_codes_of_the_console_script(db, capsys):
    assert academy(capsys, "revoke", "SMA-1")[0] == 2  # --reason missing
    code, _out, err = academy(capsys, "revoke", "SMA-1", "--reason", "x")
    assert code == 1
    assert err.strip().endswith("no credential with serial 'SMA-1'")
