"""Running the academy from the web, in Chromium: the programme team imports a programme from a
file with two errors (both shown), fixes it, previews the draft and publishes it; a learner
then finds it, runs out of quiz attempts and asks for help; a champion grants one attempt and
the learner passes. axe checks every page on the way."""

import pytest

from courses.models import Lifecycle, Programme
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAMME = """\
slug: video-basics
title: {en: Video basics, nl: Video basis}
modules:
  - slug: first-video
    title: {en: Your first video, nl: Je eerste video}
    minutes: 45
    lessons:
      - slug: plan
        title: {en: Plan it, nl: Plan het}
        steps:
          - slug: check
            kind: quiz
            title: {en: Ready to film?, nl: Klaar om te filmen?}
            pass_mark: 100
            max_attempts: 1
            questions:
              - prompt: {en: "How long is a good first video?", nl: "Hoe lang is een goede eerste video?"}
                choices:
                  - {text: {en: Under two minutes, nl: Korter dan twee minuten}, correct: true}
                  - {text: {en: Half an hour, nl: Een half uur}, correct: false}
"""
BROKEN = PROGRAMME.replace("minutes: 45", "minutes: forty-five").replace(
    "pass_mark: 100", "pass_mark: 150"
)


@pytest.fixture(autouse=True)
def _academy(settings, tmp_path, live_server):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ACADEMY_BASE_URL = live_server.url


def test_import_preview_publish_then_a_stuck_learner_is_helped_and_passes(
    new_page, tmp_path, learner, trainer, programme, assert_accessible
):
    broken, fixed = tmp_path / "video.yaml", tmp_path / "video-fixed.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    fixed.write_text(PROGRAMME, encoding="utf-8")

    # The programme team imports a file with two errors and sees both at once.
    team = new_page()
    sign_in(team, programme.email, PASSWORD)
    team.wait_for_url("**/programme/")
    team.get_by_role("link", name="Programmes", exact=True).first.click()
    team.get_by_role("link", name="Import a programme").click()
    assert_accessible(team)
    team.get_by_label("Programme file").set_input_files(str(broken))
    team.get_by_role("button", name="Check the file").click()
    assert team.get_by_role("heading", name="The file has 2 problems; nothing was imported")
    assert team.get_by_text("video.yaml:6: modules[0].minutes").is_visible()
    assert team.get_by_text("video.yaml:14: modules[0].lessons[0].steps[0].pass_mark").is_visible()
    assert_accessible(team)
    assert not Programme.objects.exists()

    # Fixed, it shows what it would create; confirmed, it arrives as a draft.
    team.get_by_label("Programme file").set_input_files(str(fixed))
    team.get_by_role("button", name="Check the file").click()
    assert team.get_by_text("is a new programme: it arrives as a draft").is_visible()
    assert_accessible(team)
    team.get_by_role("button", name="Import", exact=True).click()
    team.wait_for_url("**/programme/programmes/video-basics/")
    assert Programme.objects.get().status == Lifecycle.DRAFT
    assert_accessible(team)

    # The learner does not see the draft; the team previews it as a learner would.
    student = new_page()
    sign_in(student, learner.email, PASSWORD)
    student.goto("/learn/catalogue/")
    assert student.get_by_text("Your first video").count() == 0
    team.get_by_role("link", name="Preview Your first video").click()
    assert team.get_by_text("Draft preview: learners do not see this module yet.").is_visible()
    assert_accessible(team)
    team.get_by_role("link", name="Ready to film?").click()
    assert team.get_by_text("How long is a good first video?").is_visible()
    assert_accessible(team)

    # Published, the learner finds it, fails the one attempt and asks for help.
    team.get_by_role("link", name="Publish or retire on the programme's page").click()
    team.get_by_label("Reason (optional, kept in the history)").fill("Checked with the video team")
    team.get_by_role("button", name="Publish the programme").click()
    assert team.get_by_text("is published: everyone it is meant for sees it").is_visible()
    assert team.get_by_text("Checked with the video team").first.is_visible()

    student.goto("/learn/catalogue/")
    student.get_by_role("link", name="Your first video").first.click()
    student.get_by_role("button", name="Enrol").click()
    student.get_by_role("link", name="Ready to film?").click()
    student.get_by_label("Half an hour").check()
    student.get_by_role("button", name="Submit my answers").click()
    assert student.get_by_role("heading", name="Out of attempts").is_visible()
    assert student.get_by_role("link", name=trainer.name).is_visible()  # who can help
    assert_accessible(student)
    student.get_by_role("button", name="Ask for help").click()
    assert student.get_by_text("You asked for help on").is_visible()

    # The champion of the learner's unit grants one more attempt, with a reason.
    champion = new_page()
    sign_in(champion, trainer.email, PASSWORD)
    champion.goto("/trainer/help/")
    assert_accessible(champion)
    champion.get_by_role("link", name=f"Help {learner.name}: Ready to film?").click()
    champion.get_by_label("Grant extra attempts").check()
    champion.get_by_role("spinbutton", name="Extra attempts").fill("1")
    champion.get_by_label("Reason (the learner sees it)").fill("Read the lesson again first.")
    champion.get_by_role("button", name="Save").click()
    assert_accessible(champion)

    # The learner sees the exception and passes.
    student.reload()
    assert student.get_by_text("Read the lesson again first.").is_visible()
    student.get_by_label("Under two minutes").check()
    student.get_by_role("button", name="Submit my answers").click()
    # Passing the quiz completes the module: its page says so.
    student.wait_for_url("**/learn/modules/first-video/")
    assert student.get_by_text(
        "Well done: you completed the module “Your first video”."
    ).is_visible()
    assert_accessible(student)
