"""Course-as-code: import and export programmes as YAML (docs/course-as-code.schema.json)."""

import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses import coursecode, services
from courses.coursecode import CourseCodeError
from courses.models import Choice, Lesson, Module, Programme, Question, QuizStep, Step, TextStep
from tests.cli import academy

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "courses" / "demo"

SMALL = textwrap.dedent(
    """\
    slug: basics-programme
    title: {en: Basics, nl: Basis}
    modules:
      - slug: first-module
        title: {en: First, nl: Eerste}
        minutes: 60
        lessons:
          - slug: intro
            title: {en: Intro, nl: Intro}
            steps:
              - slug: read
                kind: text
                title: {en: Read, nl: Lees}
                body: {en: Hello, nl: Hallo}
              - slug: check
                kind: quiz
                title: {en: Check, nl: Check}
                pass_mark: 80
                questions:
                  - prompt: {en: "Ready?", nl: "Klaar?"}
                    choices:
                      - {text: {en: Right, nl: Goed}, correct: true}
                      - {text: {en: Wrong, nl: Fout}, correct: false}
    """
)


TEXT_STEP = (
    "            kind: text\n            title: {en: Read, nl: Lees}\n"
    "            body: {en: Hello, nl: Hallo}\n"
)
VIDEO_STEP = (
    "            kind: video\n            title: {en: Watch, nl: Kijk}\n            embed_url: "
)


def load(text: str, label: str = "small.yaml") -> coursecode.ImportResult:
    return coursecode.import_documents([coursecode.parse_text(text, label=label)])


def load_published(text: str) -> None:
    """Import and publish, so that learners can enrol."""
    for slug in load(text).programmes:
        services.publish_programme(programme=Programme.objects.get(slug=slug), actor=None)


def everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Programme, Module, Lesson, Step, Question, Choice)
    ] + [list(Module.requires.through.objects.values_list("from_module_id", "to_module_id"))]


def test_the_small_programme_imports_with_every_default(db):
    result = load(SMALL)
    assert result.created == [
        "programme basics-programme",
        "module first-module",
        "lesson first-module/intro",
        "step first-module/intro/read",
        "step first-module/intro/check",
    ]
    quiz = QuizStep.objects.get()
    assert (quiz.pass_mark, quiz.max_attempts, quiz.shuffle) == (80, None, False)
    assert Module.objects.get().languages == ["en", "nl"]
    assert TextStep.objects.get().body("nl") == "Hallo"
    # A new programme and its modules arrive as drafts: the programme team publishes them.
    assert Programme.objects.get().status == "draft"
    assert set(Module.objects.values_list("status", flat=True)) == {"draft"}


def test_importing_the_same_file_again_changes_nothing(db):
    load(SMALL)
    before = everything()
    result = load(SMALL)
    assert (result.created, result.updated, result.removed) == ([], [], [])
    assert result.unchanged == 5 and everything() == before


def test_a_changed_text_updates_the_step_in_place(db):
    load(SMALL)
    pk = TextStep.objects.get().pk
    result = load(SMALL.replace("{en: Hello, nl: Hallo}", "{en: Hi there, nl: Hoi}"))
    assert result.updated == ["step first-module/intro/read"]
    assert TextStep.objects.get(pk=pk).body_en == "Hi there"


def test_a_changed_answer_keeps_the_questions_ids(db):
    load(SMALL)
    ids = sorted(Choice.objects.values_list("pk", flat=True))
    result = load(SMALL.replace("{en: Wrong, nl: Fout}", "{en: Wrong!, nl: Fout!}"))
    assert result.updated == ["step first-module/intro/check"]
    assert sorted(Choice.objects.values_list("pk", flat=True)) == ids


def test_a_step_removed_from_the_file_is_removed(db):
    load(SMALL)
    text = SMALL.replace(
        "          - slug: read\n            kind: text\n            title: {en: Read, nl: Lees}\n"
        "            body: {en: Hello, nl: Hallo}\n",
        "",
    )
    result = load(text)
    assert result.removed == ["step first-module/intro/read"]
    assert list(Step.objects.values_list("slug", flat=True)) == ["check"]


def test_a_step_with_progress_is_not_removed_and_nothing_changes(learner):
    load_published(SMALL)
    module = Module.objects.get()
    services.enrol(person=learner, module=module)
    services.mark_step_done(person=learner, step=TextStep.objects.get())
    before = everything()
    text = SMALL.replace("title: {en: Basics, nl: Basis}", "title: {en: Renamed, nl: Basis}")
    text = text.replace("            kind: text\n", "            kind: policy\n")
    with pytest.raises(CourseCodeError, match=r"^small\.yaml:12: .*learners have progress"):
        load(text)
    assert everything() == before


def test_a_step_that_changes_kind_without_progress_is_replaced(db):
    load(SMALL)
    load(SMALL.replace("            kind: text\n", "            kind: policy\n"))
    assert Step.objects.get(slug="read").kind == "policy"


def test_a_module_with_enrolments_is_not_removed(learner):
    load_published(SMALL)
    services.enrol(person=learner, module=Module.objects.get())
    text = SMALL.replace("slug: first-module", "slug: renamed-module")
    with pytest.raises(CourseCodeError, match="'first-module' is no longer in the file, but 1"):
        load(text)
    assert Module.objects.get().slug == "first-module"


# Each case: what to change in SMALL, the line and the message the error must name.
ERRORS = [
    (
        "slug: basics-programme",
        "slug: Basics Programme",
        1,
        r"slug: 'Basics Programme' is not a slug",
    ),
    ("title: {en: Basics, nl: Basis}\n", "", 1, r"the key 'title' is missing"),
    ("title: {en: Basics, nl: Basis}", "title: {en: Basics}", 2, r"title: the nl text is missing"),
    (
        "title: {en: Basics, nl: Basis}",
        "title: {en: Basics, nl: Basis, de: B}",
        2,
        r"title\.de: unknown language 'de'",
    ),
    ("title: {en: Basics, nl: Basis}", "title: [Basics]", 2, r"must be text or a mapping"),
    (
        "    minutes: 60",
        "    minutes: sixty",
        6,
        r"modules\[0\]\.minutes: must be a whole number from 1 to 1440",
    ),
    ("    minutes: 60", "    minutes: 0", 6, r"must be a whole number"),
    ("    minutes: 60", "    minutes: true", 6, r"must be a whole number"),
    ("    minutes: 60\n", "", 4, r"modules\[0\]: the key 'minutes' is missing"),
    (
        "    minutes: 60",
        "    minutes: 60\n    colour: blue",
        7,
        r"unknown key 'colour' \(expected one of: slug, title",
    ),
    (
        "            kind: text",
        "            kind: poem",
        12,
        r"steps\[0\]\.kind: unknown step kind 'poem' \(use text, video, quiz",
    ),
    (
        "            pass_mark: 80",
        "            pass_mark: 101",
        18,
        r"pass_mark: must be a whole number from 1 to 100",
    ),
    (
        "            pass_mark: 80",
        "            pass_mark: 80\n            max_attempts: 0",
        19,
        r"max_attempts: must be a whole number from 1 to 100, or empty",
    ),
    ("correct: true}", "correct: false}", 21, r"choices: no choice is marked correct"),
    (
        "                  - {text: {en: Wrong, nl: Fout}, correct: false}\n",
        "",
        21,
        r"choices: must be a list of at least two",
    ),
    (
        "          - slug: check",
        "          - slug: read",
        15,
        r"steps\[1\]\.slug: the step slug 'read' is already used at modules\[0\]\.lessons\[0\]\.steps\[0\]",
    ),
    (
        "    lessons:",
        "    requires: [nowhere]\n    lessons:",
        7,
        r"requires\[0\]: unknown prerequisite 'nowhere'",
    ),
    (
        "    lessons:",
        "    requires: [first-module]\n    lessons:",
        7,
        r"a module cannot require itself",
    ),
    (
        "    lessons:",
        "    languages: [en, fr]\n    lessons:",
        7,
        r"languages\[1\]: must be one of: en, nl",
    ),
    (
        "    lessons:",
        "    audience: {units: [mars]}\n    lessons:",
        7,
        r"audience\.units\[0\]: unknown unit 'mars'",
    ),
    (
        "    lessons:",
        "    audience: {roles: [pilot]}\n    lessons:",
        7,
        r"audience\.roles\[0\]: must be one of: trainer, lead, programme",
    ),
    (
        "    lessons:",
        "    platforms: [LinkedIn]\n    lessons:",
        7,
        r"platforms\[0\]: 'LinkedIn' is not a slug",
    ),
    (
        "            body: {en: Hello, nl: Hallo}",
        '            body: {en: "", nl: Hallo}',
        14,
        r"body\.en: must not be empty",
    ),
    (
        "            kind: text\n",
        "            kind: video\n",
        14,
        r"steps\[0\]\.body: unknown key 'body' \(expected one of: embed_url, video_file, transcript",
    ),
    (
        TEXT_STEP,
        "            kind: video\n            title: {en: Watch, nl: Kijk}\n",
        11,
        r"steps\[0\]: a video needs an embed_url or a video_file",
    ),
    (
        TEXT_STEP,
        VIDEO_STEP + "https://evil.example.com/x\n",
        14,
        r"embed_url: the host evil\.example\.com is not on the video allow-list",
    ),
    (
        TEXT_STEP,
        VIDEO_STEP + "http://www.youtube-nocookie.com/embed/x\n",
        14,
        r"embed_url: must be an https:// address",
    ),
    (
        "    title: {en: First, nl: Eerste}",
        "    title: {en: First, nl: Eerste}\n    title: {en: Again}",
        6,
        r"the key 'title' appears twice",
    ),
    ("title: {en: Basics, nl: Basis}", "title: {en: Basics, nl: [unclosed}", 2, r"not valid YAML"),
    (
        "    minutes: 60",
        "    minutes: 60\n    summary: 2024-01-01",
        7,
        r"summary: must be text or a mapping",
    ),
    (
        "slug: basics-programme",
        "slug: basics-programme\nslogan: hi",
        2,
        r"^small\.yaml:2: slogan: unknown key 'slogan' \(expected one of: slug, title, description, requires_time_approval, position, modules",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "message"), ERRORS)
def test_a_bad_file_is_refused_with_file_line_and_what_is_wrong(db, old, new, line, message):
    assert old in SMALL
    with pytest.raises(CourseCodeError) as caught:
        load(SMALL.replace(old, new, 1))
    text = str(caught.value)
    assert text.startswith(f"small.yaml:{line}: "), text
    import re

    assert re.search(message, text), text
    assert not Programme.objects.exists()


def test_an_empty_or_non_utf8_file_is_refused(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(CourseCodeError, match=r"empty\.yaml:1: the file is empty"):
        coursecode.import_path(empty)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(SMALL.replace("Basis", "Bäsis").encode("latin-1"))
    with pytest.raises(CourseCodeError, match=r"latin\.yaml:2: the file is not UTF-8"):
        coursecode.import_path(latin)
    with pytest.raises(CourseCodeError, match=r"missing\.yaml:1: "):
        coursecode.import_path(tmp_path / "missing.yaml")


def test_a_prerequisite_cycle_is_refused(db):
    second = (
        "  - slug: second-module\n"
        "    title: {en: Second, nl: Tweede}\n"
        "    minutes: 30\n"
        "    requires: [first-module]\n"
        "    lessons:\n"
        "      - slug: only\n"
        "        title: {en: Only, nl: Enige}\n"
        "        steps:\n"
        "          - {slug: read, kind: text, title: {en: Read, nl: Lees}, body: Hi}\n"
    )
    text = SMALL.replace("    minutes: 60\n", "    minutes: 60\n    requires: [second-module]\n", 1)
    with pytest.raises(
        CourseCodeError,
        match=r"small\.yaml:7: modules\[0\]\.requires: the prerequisites form a cycle: "
        r"first-module -> second-module -> first-module",
    ):
        load(text + second)


def test_several_files_are_one_transaction(db):
    other = SMALL.replace("basics-programme", "second-programme").replace(
        "first-module", "other-module"
    )
    broken = other.replace("pass_mark: 80", "pass_mark: 0")
    with pytest.raises(CourseCodeError, match=r"^second\.yaml:18: "):
        coursecode.import_documents(
            [
                coursecode.parse_text(SMALL, label="first.yaml"),
                coursecode.parse_text(broken, label="second.yaml"),
            ]
        )
    assert not Programme.objects.exists()
    coursecode.import_documents(
        [
            coursecode.parse_text(
                other.replace("    lessons:", "    requires: [first-module]\n    lessons:"),
                label="second.yaml",
            ),
            coursecode.parse_text(SMALL, label="first.yaml"),
        ]
    )
    assert list(
        Module.objects.get(slug="other-module").requires.values_list("slug", flat=True)
    ) == ["first-module"]


def test_a_module_slug_is_unique_across_programmes(db):
    load(SMALL)
    other = SMALL.replace("basics-programme", "second-programme")
    with pytest.raises(
        CourseCodeError, match=r"small\.yaml:4: .*belongs to the programme 'basics-programme'"
    ):
        load(other)


def test_the_demo_programmes_import_together_and_round_trip_byte_for_byte(db):
    coursecode.import_paths(sorted(DEMO.glob("*.yaml")))
    slugs = list(Programme.objects.values_list("slug", flat=True))
    first = {slug: coursecode.export_text(slug) for slug in slugs}
    Programme.objects.all().delete()
    assert not Step.objects.exists()
    coursecode.import_documents(
        [coursecode.parse_text(text, label=f"{slug}.yaml") for slug, text in first.items()]
    )
    assert {slug: coursecode.export_text(slug) for slug in slugs} == first


def test_a_programme_round_trips_through_a_folder(db, tmp_path):
    coursecode.import_path(DEMO / "social-media-certified.yaml")
    written = coursecode.export_folder("social-media-certified", tmp_path / "a")
    assert [p.name for p in written][:2] == ["programme.yaml", "getting-started.yaml"]
    single = coursecode.export_text("social-media-certified")
    Programme.objects.all().delete()
    coursecode.import_path(tmp_path / "a")
    coursecode.export_folder("social-media-certified", tmp_path / "b")
    for path in (tmp_path / "a").iterdir():
        assert (tmp_path / "b" / path.name).read_bytes() == path.read_bytes()
    assert coursecode.export_text("social-media-certified") == single


def test_a_folder_error_names_the_module_file(db, tmp_path):
    coursecode.import_path(DEMO / "social-media-certified.yaml")
    coursecode.export_folder("social-media-certified", tmp_path)
    Programme.objects.all().delete()
    path = tmp_path / "linkedin.yaml"
    path.write_text(path.read_text().replace("minutes: 120", "minutes: -1"))
    with pytest.raises(CourseCodeError, match=rf"^{path}:\d+: modules\[4\]\.minutes: must be"):
        coursecode.import_path(tmp_path)
    assert not Programme.objects.exists()


def test_the_credentials_section_belongs_to_certification(db):
    from certification.models import CredentialDefinition

    text = SMALL + textwrap.dedent(
        """\
        credentials:
          - slug: basics-certified
            title: {en: Basics certified, nl: Basis gecertificeerd}
            rules:
              - {kind: modules_completed, modules: [first-module]}
        """
    )
    load(text)
    assert CredentialDefinition.objects.get().programme_slug == "basics-programme"
    exported = coursecode.export_text("basics-programme")
    assert "credentials:" in exported and "basics-certified" in exported
    with pytest.raises(CourseCodeError, match=r"small\.yaml:\d+: .*magic"):
        load(text.replace("modules_completed, modules: [first-module]", "magic"))


def test_export_of_an_unknown_programme_fails(db):
    with pytest.raises(CourseCodeError, match="no programme with the slug 'nope'"):
        coursecode.export_text("nope")


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_commands_import_and_export(db, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    assert "created 5, updated 0, removed 0, unchanged 0" in run("import_programme", str(path))
    assert "created 0, updated 0, removed 0, unchanged 5" in run("import_programme", str(path))
    exported = run("export_programme", "basics-programme")
    assert exported.startswith("# Course-as-code") and "slug: first-module" in exported
    run("export_programme", "basics-programme", "-o", str(tmp_path / "out.yaml"))
    assert (tmp_path / "out.yaml").read_text() == exported
    run("export_programme", "basics-programme", "-o", str(tmp_path / "folder") + "/")
    assert (tmp_path / "folder" / "first-module.yaml").exists()
    path.write_text(SMALL.replace("minutes: 60", "minutes: 0"))
    errors = StringIO()
    with pytest.raises(CommandError, match="^1 problem; nothing was imported"):
        call_command("import_programme", str(path), stdout=StringIO(), stderr=errors)
    assert errors.getvalue().startswith(f"{path}:6: modules[0].minutes: must be")
    with pytest.raises(CommandError, match="no programme"):
        run("export_programme", "nope")


def test_exit_codes_of_the_console_script(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text(SMALL)
    code, _out, err = academy(capsys, "import-programme", str(good))
    assert code == 0, err
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("pass_mark: 80", "pass_mark: many"))
    code, _out, err = academy(capsys, "import-programme", str(bad))
    assert code == 1
    problem, verdict = err.strip().splitlines()
    assert problem.startswith(f"{bad}:18: ") and "1 problem; nothing was imported" in verdict
    assert academy(capsys, "export-programme")[0] == 2
    code, out, err = academy(capsys, "export-programme", "basics-programme")
    assert code == 0 and "slug: basics-programme" in out, err


def test_a_module_may_move_to_another_programme_imported_with_it(db):
    other = SMALL.replace("basics-programme", "second-programme").replace(
        "first-module", "other-module"
    )
    load(SMALL)
    load(other, label="second.yaml")
    # first-module moves from the first programme to the second one, in one import.
    moved = other.replace("  - slug: other-module", "  - slug: first-module", 1)
    emptied = SMALL.replace("slug: first-module", "slug: kept-module")
    coursecode.import_documents(
        [
            coursecode.parse_text(moved, label="second.yaml"),
            coursecode.parse_text(emptied, label="small.yaml"),
        ]
    )
    assert Module.objects.get(slug="first-module").programme.slug == "second-programme"
    assert not Module.objects.filter(slug="other-module").exists()


def test_a_prerequisite_on_a_module_removed_by_the_same_import_is_unknown(db):
    load(SMALL)
    text = SMALL.replace("slug: first-module", "slug: renamed-module").replace(
        "    lessons:", "    requires: [first-module]\n    lessons:", 1
    )
    with pytest.raises(
        CourseCodeError, match=r"requires\[0\]: unknown prerequisite 'first-module'"
    ):
        load(text)


def test_a_programme_file_above_the_limit_is_refused_before_it_is_read(tmp_path):
    from courses import coursecode

    big = tmp_path / "programme.yaml"
    with big.open("wb") as handle:
        handle.truncate(coursecode.MAX_FILE_BYTES + 1)  # sparse: nothing to read in memory
    with pytest.raises(
        coursecode.CourseCodeError, match=r"programme.yaml:1: the file is larger than 8 MB"
    ):
        coursecode.parse_path(big)
    with pytest.raises(coursecode.CourseCodeError, match="larger than 8 MB"):
        coursecode.parse_text(" " * (coursecode.MAX_FILE_BYTES + 1))


def test_every_problem_of_a_file_is_reported_at_once(db):
    bad = (
        SMALL.replace("minutes: 60", "minutes: 0")
        .replace("kind: text", "kind: poem")
        .replace("pass_mark: 80", "pass_mark: many")
        .replace("{text: {en: Right, nl: Goed}, correct: true}", "{text: Right, correct: maybe}")
    )
    problems = [str(problem) for problem in coursecode.check(bad, label="bad.yaml")]
    assert [problem.split(": ")[0] for problem in problems] == [
        "bad.yaml:6",
        "bad.yaml:12",
        "bad.yaml:18",
        "bad.yaml:22",
    ]
    assert problems[1].startswith("bad.yaml:12: modules[0].lessons[0].steps[0].kind: unknown")
    assert not Programme.objects.exists()


def test_a_good_file_has_no_problems_and_a_preview_counts_each_kind_without_writing(db):
    assert coursecode.check(SMALL) == []
    assert coursecode.preview(SMALL).by_kind() == {
        "programme": {"created": 1, "updated": 0, "removed": 0, "unchanged": 0},
        "module": {"created": 1, "updated": 0, "removed": 0, "unchanged": 0},
        "lesson": {"created": 1, "updated": 0, "removed": 0, "unchanged": 0},
        "step": {"created": 2, "updated": 0, "removed": 0, "unchanged": 0},
    }
    assert not Programme.objects.exists()
    load(SMALL)
    changed = SMALL.replace("body: {en: Hello, nl: Hallo}", "body: {en: Hi, nl: Hoi}")
    assert coursecode.preview(changed).by_kind()["step"] == {
        "created": 0,
        "updated": 1,
        "removed": 0,
        "unchanged": 1,
    }
    assert TextStep.objects.get().body_en == "Hello"


def test_the_command_checks_without_writing(db, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    out = run("import_programme", str(path), "--check")
    assert "step: created 2, updated 0, removed 0, unchanged 0" in out
    assert "nothing was written" in out and not Programme.objects.exists()
