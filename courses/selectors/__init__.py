"""Reads of the courses app for pages, the API and the higher apps (docs/apis.md), one module
per concern: `catalogue`, `outline` (a module's page), `learning` (the learner's own),
`progress` (what people have done, for other apps too), `requirements` (required training),
`reviews`, `sessions`, `time_approvals` and `help` (help and overrides).

Each function runs a constant number of queries, whatever the number of modules, steps,
learners or attempts (tests/courses/test_queries*.py hold them to it). Callers import this
package (`from courses import selectors`); the modules are its sections.
"""

from .catalogue import (
    catalogue_for,
    catalogue_platforms,
    module_by_slug,
    prerequisite_cycle,
    programme_by_slug,
    programmes,
)
from .help import (
    LearnerOnStep,
    help_queue,
    helpers_of,
    learner_on_step,
    learner_step_overrides,
    open_help_request,
)
from .learning import LearningItem, my_learning, returned_work
from .outline import (
    ModulePage,
    Outline,
    OutlineLesson,
    OutlineStep,
    enrolment_in,
    module_outline,
    module_page,
    step_for,
)
from .progress import (
    approved_assignment_step_ids,
    completed_module_slugs,
    stuck_enrolments,
    stuck_person_ids,
)
from .requirements import (
    Obligation,
    RequiredItem,
    can_manage,
    managed_requirements,
    open_obligations,
    programmes_to_require,
    required_training,
    units_to_require_for,
)
from .reviews import (
    review_backlog,
    review_modules,
    review_queue,
    review_units,
    submission_file_for,
    submission_for_review,
)
from .sessions import (
    booking_of,
    bookings_of,
    session_roster,
    session_to_run,
    sessions_for,
    sessions_run_by,
    trainer_sessions,
)
from .time_approvals import (
    decided_time_approvals_for_lead,
    time_approval_for,
    time_approval_to_decide,
    time_approvals_for_lead,
    time_approvals_of,
    time_approvals_waiting,
    time_approvals_waiting_count,
)

__all__ = [
    "LearnerOnStep",
    "LearningItem",
    "ModulePage",
    "Obligation",
    "Outline",
    "OutlineLesson",
    "OutlineStep",
    "RequiredItem",
    "approved_assignment_step_ids",
    "booking_of",
    "bookings_of",
    "can_manage",
    "catalogue_for",
    "catalogue_platforms",
    "completed_module_slugs",
    "decided_time_approvals_for_lead",
    "enrolment_in",
    "help_queue",
    "helpers_of",
    "learner_on_step",
    "learner_step_overrides",
    "managed_requirements",
    "module_by_slug",
    "module_outline",
    "module_page",
    "my_learning",
    "open_help_request",
    "open_obligations",
    "prerequisite_cycle",
    "programme_by_slug",
    "programmes",
    "programmes_to_require",
    "required_training",
    "returned_work",
    "review_backlog",
    "review_modules",
    "review_queue",
    "review_units",
    "session_roster",
    "session_to_run",
    "sessions_for",
    "sessions_run_by",
    "step_for",
    "stuck_enrolments",
    "stuck_person_ids",
    "submission_file_for",
    "submission_for_review",
    "time_approval_for",
    "time_approval_to_decide",
    "time_approvals_for_lead",
    "time_approvals_of",
    "time_approvals_waiting",
    "time_approvals_waiting_count",
    "trainer_sessions",
    "units_to_require_for",
]
