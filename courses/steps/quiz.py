"""Quiz steps: questions with single or multiple choice; a passing attempt completes the step.

The scoring and the shuffled order are `courses/quiz.py` (no database); the attempt is the
service `courses.services.submit_quiz`.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import dataspec, quiz, services
from ..admin_base import AuthoredAdmin, AuthoredInline
from ..forms import StepAnswerForm
from ..models import Choice, Override, Question, QuizAttempt, QuizStep
from .registry import StepKind, register

# --------------------------------------------------------------------------- the learner's page


@dataclass
class QuizState:
    step: QuizStep
    questions: list  # in the order of the next attempt (choices in `question.ordered_choices`)
    attempts: list[QuizAttempt]
    passed: bool
    attempts_left: int | None  # None: unlimited
    last_results: list = field(default_factory=list)  # the last attempt, per question

    @property
    def can_attempt(self) -> bool:
        return not self.passed and (self.attempts_left is None or self.attempts_left > 0)

    @property
    def last_attempt(self) -> QuizAttempt | None:
        return self.attempts[-1] if self.attempts else None


def quiz_state(person, step: QuizStep) -> QuizState:
    """A quiz for `person`: questions in the next attempt's order, attempts so far, feedback on the last."""
    questions = list(step.questions.prefetch_related("choices"))
    allowance = Override.objects.quiz_allowance(person, step)  # extra attempts, resets
    every = list(QuizAttempt.objects.filter(person=person, step=step).order_by("number"))
    attempts = [attempt for attempt in every if attempt.number > allowance.after_attempt]
    passed = any(attempt.passed for attempt in attempts)
    number = len(every) + 1
    order = quiz.attempt_order(
        questions, shuffle=step.shuffle, person_id=person.pk, step_id=step.pk, number=number
    )
    by_id = {question.pk: question for question in questions}
    ordered = []
    for question_id, choice_ids in order:
        question = by_id[question_id]
        choices = {choice.pk: choice for choice in question.choices.all()}
        question.ordered_choices = [choices[pk] for pk in choice_ids]
        ordered.append(question)
    last_results = []
    if attempts:
        last = attempts[-1]
        _score, last_results = quiz.score(questions, {q.pk: last.chosen(q.pk) for q in questions})
    limit = allowance.limit(step)
    left = None if limit is None else max(limit - len(attempts), 0)
    return QuizState(
        step=step,
        questions=ordered,
        attempts=attempts,
        passed=passed,
        attempts_left=left,
        last_results=last_results,
    )


class QuizForm(StepAnswerForm):
    """One question per field, in the order of `questions` (from `quiz_state`)."""

    def __init__(self, *args, step, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        for number, question in enumerate(questions, start=1):
            choices = [
                (choice.pk, choice.text())
                for choice in getattr(question, "ordered_choices", question.choices.all())
            ]
            label = _("Question %(number)d: %(prompt)s") % {
                "number": number,
                "prompt": question.prompt(),
            }
            if question.multiple:
                field = forms.TypedMultipleChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Select every right answer."),
                    error_messages={"required": _("Choose at least one answer.")},
                )
            else:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer.")},
                )
            self.fields[f"question_{question.pk}"] = field

    def service_kwargs(self) -> dict:
        answers = {}
        for name, value in self.cleaned_data.items():
            answers[int(name.removeprefix("question_"))] = (
                list(value) if isinstance(value, list) else [value]
            )
        return {"step": self.step, "answers": answers}

    @classmethod
    def state_kwargs(cls, state) -> dict:
        return {"questions": state.questions}

    def outcome(self, attempt) -> tuple[int, str]:
        if attempt.passed:
            return messages.SUCCESS, _("You passed the quiz with %(score)d%%.") % {
                "score": attempt.score
            }
        return messages.WARNING, _(
            "You scored %(score)d%%; you need %(mark)d%% to pass. See the feedback below."
        ) % {"score": attempt.score, "mark": self.step.pass_mark}


# --------------------------------------------------------------------------- course-as-code

QUESTION_SPEC = dataspec.specs(
    dataspec.Text("prompt", required=True, max_length=2000),
    dataspec.Boolean("multiple", default=False),
)
CHOICE_SPEC = dataspec.specs(
    dataspec.Text("text", required=True, max_length=500),
    dataspec.Boolean("correct", required=True),
    dataspec.Text("feedback", max_length=2000),
)


def read_questions(value, here) -> list[dict]:
    if not isinstance(value, list) or not value:
        here.fail(_("must be a list of at least one question"))
    mark = len(here.problems)
    questions = here.each(value, _read_question)
    here.settle(mark)
    return questions


def _read_question(item, here) -> dict:
    mark = len(here.problems)
    values = here.attempt(dataspec.check_mapping, item, here, QUESTION_SPEC, extra=("choices",))
    if not isinstance(item, dict):
        here.settle(mark)
    if "choices" not in item:
        here.fail(_("the key 'choices' is missing"))
    values_choices = here.attempt(read_choices, item["choices"], here / "choices")
    here.settle(mark)
    values["choices"] = values_choices
    right = sum(1 for choice in values["choices"] if choice["correct"])
    if right == 0:
        (here / "choices").fail(_("no choice is marked correct: true"))
    if right > 1 and not values["multiple"]:
        (here / "choices").fail(
            _("%(count)d choices are correct; set multiple: true or mark one") % {"count": right}
        )
    return values


def read_choices(value, here) -> list[dict]:
    if not isinstance(value, list) or len(value) < 2:
        here.fail(_("must be a list of at least two choices"))
    mark = len(here.problems)
    choices = here.each(value, lambda item, at: dataspec.check_mapping(item, at, CHOICE_SPEC))
    here.settle(mark)
    return choices


def write_questions(step: QuizStep, questions: list[dict]) -> None:
    # Matched by position so that stored attempts keep pointing at the same question.
    _write_by_position(
        {question.position: question for question in step.questions.all()},
        questions,
        lambda position: Question(quiz=step, position=position),
        QUESTION_SPEC,
        parent="quiz",
        then=lambda question, values: write_choices(question, values["choices"]),
    )


def write_choices(question: Question, choices: list[dict]) -> None:
    _write_by_position(
        {choice.position: choice for choice in question.choices.all()},
        choices,
        lambda position: Choice(question=question, position=position),
        CHOICE_SPEC,
        parent="question",
    )


def _write_by_position(existing: dict, items: list[dict], new, spec, *, parent: str, then=None):
    """Update the rows at the items' positions, add the missing ones, delete the rest."""
    for position, values in enumerate(items):
        row = existing.pop(position, None) or new(position)
        dataspec.apply_mapping(row, spec, values)
        row.full_clean(exclude=[parent])
        row.save()
        if then is not None:
            then(row, values)
    for row in existing.values():
        row.delete()


def dump_question(question: Question) -> dict:
    data = dataspec.dump_mapping(question, QUESTION_SPEC)
    data["choices"] = [dataspec.dump_mapping(c, CHOICE_SPEC) for c in question.choices.all()]
    return data


# --------------------------------------------------------------------------- the admin


class ChoiceFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        right = sum(1 for data in kept if data.get("correct"))
        if len(kept) < 2:
            raise forms.ValidationError(gettext_lazy("Give at least two choices."))
        if right == 0:
            raise forms.ValidationError(gettext_lazy("Mark at least one choice as correct."))
        if right > 1 and not self.instance.multiple:
            raise forms.ValidationError(
                gettext_lazy(
                    "Only one choice can be correct unless the question takes multiple answers."
                )
            )


class ChoiceInline(AuthoredInline, admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    fields = ["position", "text_en", "text_nl", "correct", "feedback_en", "feedback_nl"]
    extra = 0
    ordering = ["position"]


class QuestionAdmin(AuthoredAdmin):
    list_display = ["__str__", "quiz", "position", "multiple"]
    search_fields = ["prompt_en", "prompt_nl"]
    inlines = [ChoiceInline]

    def has_module_permission(self, request):
        return False  # reached from its quiz


class QuestionInline(AuthoredInline, admin.TabularInline):
    model = Question
    fields = ["position", "prompt_en", "prompt_nl", "multiple"]
    extra = 0
    show_change_link = True
    ordering = ["position"]


# --------------------------------------------------------------------------- the kind


class QuizKind(StepKind):
    name = "quiz"
    model = QuizStep
    template_name = "courses/steps/quiz.html"
    form_class = QuizForm
    admin_inlines = (QuestionInline,)
    admin_models = {Question: QuestionAdmin}
    spec = dataspec.specs(
        dataspec.Integer("pass_mark", minimum=1, maximum=100, default=80),
        dataspec.Integer("max_attempts", minimum=1, maximum=100, nullable=True, default=None),
        dataspec.Boolean("shuffle", default=False),
    )
    own_keys = ("questions",)

    def state(self, person, step):
        return quiz_state(person, step)

    def answer(self, *, person, form):
        return services.submit_quiz(person=person, **form.service_kwargs())

    def read(self, data: dict, here, *, extra: tuple = ()) -> dict:
        mark = len(here.problems)
        values = here.attempt(super().read, data, here, extra=extra)
        if "questions" not in data:
            here.fail(_("the key 'questions' is missing"))
        questions = here.attempt(read_questions, data["questions"], here / "questions")
        here.settle(mark)
        return {**values, "questions": questions}

    def write_related(self, step, values: dict) -> None:
        write_questions(step, values["questions"])

    def related_state(self, step) -> list:
        return [
            (dataspec.stored_state(q), [dataspec.stored_state(c) for c in q.choices.all()])
            for q in step.questions.prefetch_related("choices")
        ]

    def dump(self, step) -> dict:
        data = super().dump(step)
        data["questions"] = [dump_question(question) for question in step.questions.all()]
        return data

    def schema(self) -> dict:
        questions = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}}
        return {
            "properties": {"questions": questions},
            "required": ["questions"],
            "$defs": {
                "question": dataspec.object_schema(
                    QUESTION_SPEC,
                    extra={
                        "choices": {
                            "type": "array",
                            "minItems": 2,
                            "items": {"$ref": "#/$defs/choice"},
                        }
                    },
                    required_extra=["choices"],
                ),
                "choice": dataspec.object_schema(CHOICE_SPEC),
            },
        }


register(QuizKind())
