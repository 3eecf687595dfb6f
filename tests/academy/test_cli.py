"""A command-line failure is one clear line on stderr and exit code 1, never a traceback."""

import subprocess
import sys

import pytest
from django.db import IntegrityError, OperationalError

from academy.cli import problem_line

ACADEMY = [sys.executable, "-c", "from academy.cli import main; main()"]


def run(*args, tmp_path, **env):
    environment = {"ACADEMY_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [*ACADEMY, *args], env=environment, capture_output=True, text=True, cwd=tmp_path
    )


def test_an_unreachable_database_is_one_line_and_exit_1(tmp_path):
    roster = tmp_path / "people.csv"
    roster.write_text("email,first_name,last_name,unit,role,manager_email,language\n")
    result = run(
        "import-people",
        str(roster),
        tmp_path=tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere",
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("academy: error: the database cannot be reached")
    assert "Traceback" not in result.stderr


def test_traceback_is_still_there_for_whoever_asks(tmp_path):
    result = run(
        "migrate",
        "--traceback",
        tmp_path=tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere",
    )
    assert result.returncode == 1 and "Traceback" in result.stderr


@pytest.mark.parametrize(
    ("error", "start"),
    [
        (IntegrityError("duplicate key value\nDETAIL: ..."), "another command or person changed"),
        (OperationalError("database is locked"), "the database cannot be reached or is busy"),
        (ValueError("A string literal cannot contain NUL (0x00) characters."), "ValueError: A"),
    ],
)
def test_each_failure_is_described_in_one_line(error, start):
    line = problem_line(error)
    assert line.startswith(start) and "\n" not in line
