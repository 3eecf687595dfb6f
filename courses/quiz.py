"""Quiz mechanics with no database access: the order shown, the score, feedback per answer."""

import random
from dataclasses import dataclass, field


def attempt_order(
    questions, *, shuffle: bool, person_id: int, step_id: int, number: int
) -> list[list]:
    """[[question id, [choice ids]], ...] for one attempt; shuffled orders stay the same on reload.

    The shuffle is seeded by person, quiz and attempt number, so reloading the page (or a second
    tab) shows the same order, and the next attempt a new one.
    """
    order = [[q.pk, [c.pk for c in q.choices.all()]] for q in questions]
    if shuffle:
        rng = random.Random(f"{person_id}:{step_id}:{number}")  # noqa: S311 - not security
        rng.shuffle(order)
        for _question, choices in order:
            rng.shuffle(choices)
    return order


@dataclass
class QuestionResult:
    question: object
    chosen: list = field(default_factory=list)
    correct: bool = False
    # Right choices the learner did not pick (how many, not which: the quiz may be retried).
    missed: int = 0


def score(questions, answers: dict[int, set[int]]) -> tuple[int, list[QuestionResult]]:
    """Percentage of questions answered exactly right (every right choice and no wrong one)."""
    results = []
    for question in questions:
        choices = list(question.choices.all())
        right = {c.pk for c in choices if c.correct}
        chosen_ids = answers.get(question.pk, set())
        results.append(
            QuestionResult(
                question=question,
                chosen=[c for c in choices if c.pk in chosen_ids],
                correct=chosen_ids == right,
                missed=len(right - chosen_ids),
            )
        )
    if not results:
        return 0, results
    percent = round(100 * sum(r.correct for r in results) / len(results))
    return percent, results
