"""Facts certification reads from the courses app, through its selectors (apis.md)."""

from courses import selectors
from courses.models import Step


def step_path(step) -> str:
    """`module/lesson/step`, the name course-as-code gives an assignment step."""
    lesson = step.lesson
    lesson_key = getattr(lesson, "slug", "") or str(getattr(lesson, "position", lesson.pk))
    return f"{lesson.module.slug}/{lesson_key}/{step.slug}"


def approved_step_paths(person) -> set[str]:
    ids = selectors.approved_assignment_step_ids(person)
    if not ids:
        return set()
    steps = Step.objects.filter(pk__in=ids).select_related("lesson__module")
    return {step_path(step) for step in steps}
