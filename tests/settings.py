"""The academy's settings for the test suite, plus apps that only tests install.

`tests.stepkinds` adds a step kind and `tests.rulekinds` a credential rule kind, each from one
module as a new kind would be added, to show that the pages, the admin, course-as-code and the
evaluation of credentials take them without any other change.
"""

from academy.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.stepkinds", "tests.rulekinds"]  # noqa: F405
