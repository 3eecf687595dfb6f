"""Running the `academy` console script's `main()` inside the test process, on the test
database: exit code, stdout and stderr as someone at a terminal sees them.

A subprocess would test the same code but start Python and migrate a database of its own
(seconds each); tests/academy/test_cli.py keeps the few tests that need a real process.
"""

from unittest import mock

from django.db import connections

from academy.cli import main


def academy(capsys, *args: str) -> tuple[int, str, str]:
    """`academy ARGS...`: (exit code, stdout, stderr)."""
    capsys.readouterr()  # what came before is not this command's output
    # A command run from the command line closes the database connections when it ends
    # (BaseCommand.run_from_argv); here that would end the test's own transaction.
    try:
        with mock.patch.object(connections, "close_all"):
            main(["academy", *args])
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err
