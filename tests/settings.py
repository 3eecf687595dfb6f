"""The academy's settings for the test suite, plus an app that only tests install.

`tests.stepkinds` adds a step kind from one module, as a new kind would be added, to show that
the step page, the admin and course-as-code take it without any other change.
"""

from academy.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.stepkinds"]  # noqa: F405
