"""Models of the courses app (see the submodules): catalogue, steps, learning, sessions."""

from .catalogue import AUDIENCE_ROLES, PLATFORM_LABELS, Lesson, Lifecycle, Module, Programme
from .learning import (
    Enrolment,
    ProgrammeCompletion,
    QuizAttempt,
    StepCompletion,
    Submission,
    TimeApproval,
)
from .overrides import HelpRequest, Override
from .requirements import Requirement
from .sessions import Booking, Session
from .steps import (
    AssignmentStep,
    Choice,
    PolicyStep,
    Question,
    QuizStep,
    SessionStep,
    Step,
    TextStep,
    VideoStep,
)
from .text import LANGUAGES, in_language
from .uploads import ProgrammeUpload

__all__ = [
    "AUDIENCE_ROLES",
    "LANGUAGES",
    "PLATFORM_LABELS",
    "AssignmentStep",
    "Booking",
    "Choice",
    "Enrolment",
    "HelpRequest",
    "Lesson",
    "Lifecycle",
    "Module",
    "Override",
    "PolicyStep",
    "Programme",
    "ProgrammeCompletion",
    "ProgrammeUpload",
    "Question",
    "QuizAttempt",
    "QuizStep",
    "Requirement",
    "Session",
    "SessionStep",
    "Step",
    "StepCompletion",
    "Submission",
    "TextStep",
    "TimeApproval",
    "VideoStep",
    "in_language",
]
