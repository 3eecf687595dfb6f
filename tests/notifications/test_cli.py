"""`academy run-due [--now ISO-DATETIME]`: one pass, counts per kind, nothing twice."""

import io
import subprocess
import sys

import pytest
from django.core.management import call_command

from academy import scheduled

from .conftest import DUE

pytestmark = pytest.mark.django_db


def run_due(*args) -> dict[str, int]:
    out = io.StringIO()
    call_command("run_due", *args, stdout=out)
    return {
        name: int(count)
        for name, count in (line.rsplit(": ", 1) for line in out.getvalue().splitlines())
    }


def test_run_due_prints_counts_and_a_second_run_sends_nothing(learner, required):
    first = run_due("--now", f"{DUE.isoformat()}T09:00")
    second = run_due("--now", f"{DUE.isoformat()}T09:30")
    assert first["training_due"] >= 1
    assert second["training_due"] == 0
    assert set(first) >= {"training_due", "credential_expiring", "lead_digest"}


def test_a_date_alone_is_a_moment_too(learner, required):
    assert run_due("--now", DUE.isoformat())["training_due"] >= 1


def test_a_bad_moment_is_bad_usage_exit_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from academy.cli import main; main()", "run-due", "--now", "soon"],
        env={"ACADEMY_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "not an ISO date and time" in result.stderr


def test_the_scheduled_pass_sends_what_is_due(
    learner, required, django_capture_on_commit_callbacks
):
    import datetime

    from notifications.models import Notification

    from .conftest import at

    done = scheduled.run(at(DUE - datetime.timedelta(days=3)))
    assert done["notifications sent or retried"] >= 1
    assert Notification.objects.filter(recipient=learner).exists()
