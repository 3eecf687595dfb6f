"""Factories for the courses app: a catalogue to learn from, with every kind of step."""

import datetime
import itertools

import factory
from django.utils import timezone

from courses.models import (
    AssignmentStep,
    Choice,
    Lesson,
    Module,
    PolicyStep,
    Programme,
    Question,
    QuizStep,
    Session,
    SessionStep,
    TextStep,
    VideoStep,
)

# A link handed in for an assignment (a LinkedIn post).
ASSIGNMENT_LINK = "https://www.linkedin.com/posts/first"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"programme-{n}")
    title_en = factory.Sequence(lambda n: f"Programme {n}")
    title_nl = factory.Sequence(lambda n: f"Programma {n}")
    status = "published"  # tests of the lifecycle make drafts themselves


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"module-{n}")
    status = "published"
    position = factory.Sequence(lambda n: n)
    title_en = factory.Sequence(lambda n: f"Module {n}")
    title_nl = factory.Sequence(lambda n: f"Module {n} (nl)")
    summary_en = "What this module teaches."
    minutes = 120

    @factory.post_generation
    def requires(self, create, modules, **kwargs):
        if create and modules:
            self.requires.set(modules)

    @factory.post_generation
    def units(self, create, units, **kwargs):
        if create and units:
            self.audience_units.set(units)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    position = factory.Sequence(lambda n: n)
    title_en = factory.Sequence(lambda n: f"Lesson {n}")


# One counter for every kind of step: each subclass factory would otherwise count on its own,
# and a text step and a session step in the same lesson could both become "step-3".
_STEP_NUMBERS = itertools.count()


class StepFactory(factory.django.DjangoModelFactory):
    lesson = factory.SubFactory(LessonFactory)
    slug = factory.LazyFunction(lambda: f"step-{next(_STEP_NUMBERS)}")
    position = factory.Sequence(lambda n: n)
    title_en = factory.Sequence(lambda n: f"Step {n}")
    title_nl = factory.Sequence(lambda n: f"Stap {n}")


class TextStepFactory(StepFactory):
    class Meta:
        model = TextStep

    body_en = "## Hello\n\nSome **markdown**."
    body_nl = "## Hallo\n\nWat **markdown**."


class VideoStepFactory(StepFactory):
    class Meta:
        model = VideoStep

    embed_url = "https://www.youtube-nocookie.com/embed/abc123"
    transcript_en = "What is said in the video."


class QuizStepFactory(StepFactory):
    class Meta:
        model = QuizStep
        skip_postgeneration_save = True

    pass_mark = 100
    max_attempts = 2

    @factory.post_generation
    def questions(self, create, questions, **kwargs):
        """questions=[(multiple, [correct flags])]; default: one single and one multiple choice."""
        if not create:
            return
        for position, (multiple, flags) in enumerate(
            questions or [(False, [True, False, False]), (True, [True, True, False])]
        ):
            question = Question.objects.create(
                quiz=self,
                position=position,
                prompt_en=f"Question {position + 1}?",
                multiple=multiple,
            )
            for index, correct in enumerate(flags):
                Choice.objects.create(
                    question=question,
                    position=index,
                    text_en=f"Answer {index + 1}",
                    correct=correct,
                    feedback_en="Right." if correct else "Not quite.",
                )


class AssignmentStepFactory(StepFactory):
    class Meta:
        model = AssignmentStep

    instructions_en = "Write your first post."
    submission_kind = AssignmentStep.Submission.TEXT


class PolicyStepFactory(StepFactory):
    class Meta:
        model = PolicyStep

    body_en = "Read the policy."


class SessionStepFactory(StepFactory):
    class Meta:
        model = SessionStep

    body_en = "A workshop."
    minutes = 90


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    step = factory.SubFactory(SessionStepFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))
    place = "Amsterdam, room 4.12"
    capacity = 2
    language = "en"


def right_answers(quiz) -> dict[int, list[int]]:
    return {
        q.pk: [c.pk for c in q.choices.all() if c.correct]
        for q in quiz.questions.prefetch_related("choices")
    }


def wrong_answers(quiz) -> dict[int, list[int]]:
    return {
        q.pk: [next(c.pk for c in q.choices.all() if not c.correct)]
        for q in quiz.questions.prefetch_related("choices")
    }
