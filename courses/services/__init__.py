"""Writes of the courses app; every change of learning state goes through these functions.

Each is atomic, idempotent where a learner may retry, raises `CourseError` (a translated
message for the page) or `PermissionDenied`, and sends its domain signals after commit.
"""

from .assignments import review_submission, submit_assignment
from .errors import CourseError
from .imports import UploadProblems, check_upload, import_upload, preview_upload
from .learning import (
    acknowledge_policy_step,
    complete_acknowledged_policy_steps,
    complete_step,
    enrol,
    mark_step_done,
    visit_step,
)
from .lifecycle import publish_module, publish_programme, retire_module, retire_programme
from .overrides import (
    extend_deadline,
    grant_quiz_attempts,
    mark_step_complete,
    request_help,
    reset_step,
)
from .quizzes import submit_quiz
from .requirements import remove_requirement, set_requirement
from .sessions import book_session, cancel_booking, fill_from_waitlist, record_attendance
from .time_approvals import decide_time_approval, request_time_approval

__all__ = [
    "CourseError",
    "UploadProblems",
    "check_upload",
    "acknowledge_policy_step",
    "book_session",
    "cancel_booking",
    "complete_acknowledged_policy_steps",
    "complete_step",
    "decide_time_approval",
    "enrol",
    "extend_deadline",
    "fill_from_waitlist",
    "grant_quiz_attempts",
    "import_upload",
    "mark_step_complete",
    "mark_step_done",
    "preview_upload",
    "publish_module",
    "publish_programme",
    "record_attendance",
    "remove_requirement",
    "request_help",
    "request_time_approval",
    "reset_step",
    "retire_module",
    "retire_programme",
    "review_submission",
    "set_requirement",
    "submit_assignment",
    "submit_quiz",
    "visit_step",
]
