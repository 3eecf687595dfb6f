"""Fuzzed imports (hypothesis): a mutated demo programme either imports, or fails with a
`file:line:` message and writes nothing. Nothing else is ever raised."""

import copy
import functools
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses import coursecode
from courses.coursecode import CourseCodeError
from courses.models import Choice, Lesson, Module, Programme, Question, Step

DEMO = Path(__file__).resolve().parents[2] / "courses" / "demo" / "social-media-certified.yaml"
WHERE = re.compile(r"^fuzz\.yaml:\d+: \S")
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["", "text", "quiz", "video", "getting-started", "en", "nl", "\x00", "https://x"]
    ),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(
        st.sampled_from(["en", "nl", "de", "slug", "kind"]), st.text(max_size=8), max_size=3
    ),
)


@functools.cache
def _demo_cut() -> dict:
    data = yaml.safe_load(DEMO.read_text())
    data["modules"] = data["modules"][:2]
    return data


def document() -> dict:
    """The demo programme, cut to two modules so that each example runs fast (read once)."""
    return copy.deepcopy(_demo_cut())


def snapshot() -> list:
    tables = [Programme, Module, Lesson, Step, Question, Choice]
    rows = [list(model.objects.order_by("pk").values()) for model in tables]
    rows.append(list(Module.requires.through.objects.values_list("from_module_id", "to_module_id")))
    return rows


def containers(data, path=()):
    """Every mapping and list in the document, with its path."""
    yield path, data
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if isinstance(value, dict | list):
            yield from containers(value, (*path, key))


@st.composite
def mutated(draw):
    data = document()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = list(containers(data))
        _path, target = draw(st.sampled_from(places))
        # A mapping cannot hold a key twice: duplicate keys are fuzzed in the YAML text below.
        actions = ["replace", "delete", "add"] + (["duplicate"] if isinstance(target, list) else [])
        action = draw(st.sampled_from(actions))
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        if action == "add" or not keys:
            if isinstance(target, dict):
                target[draw(st.sampled_from(["extra", "slug", "kind", "title", "minutes"]))] = draw(
                    values
                )
            else:
                target.append(draw(values))
            continue
        key = draw(st.sampled_from(keys))
        if action == "replace":
            target[key] = draw(values)
        elif action == "delete":
            del target[key]
        else:
            target.append(target[key])
    return data


def one_line_keys(text: str) -> list[tuple[int, int]]:
    """(line, column) of every mapping key whose value is on the key's own line."""
    found, pending = [], [yaml.compose(text)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.ScalarNode):
                    if value.end_mark.line == key.start_mark.line:
                        found.append((key.start_mark.line, key.start_mark.column))
                else:
                    pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return sorted(found)


def dump(data) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)


def import_or_refuse(text: str) -> None:
    before = snapshot()
    try:
        coursecode.import_documents([coursecode.parse_text(text, label="fuzz.yaml")])
    except CourseCodeError as error:
        assert WHERE.match(str(error)), str(error)
        assert snapshot() == before, f"partial write after: {error}"


@pytest.fixture
def imported(db):
    coursecode.import_documents([coursecode.parse_text(dump(document()), label="x")])


@FUZZ
@given(data=mutated())
def test_a_mutated_programme_imports_or_fails_with_file_and_line(imported, data):
    import_or_refuse(dump(data))


@FUZZ
@given(
    position=st.integers(min_value=0, max_value=20_000),
    junk=st.text(
        alphabet=st.sampled_from(list(":-[]{}!&*#|>'\"\n\t %@`,?x")), min_size=1, max_size=6
    ),
)
def test_broken_yaml_text_fails_with_file_and_line(imported, position, junk):
    text = dump(document())
    position = position % len(text)
    import_or_refuse(text[:position] + junk + text[position:])


@FUZZ
@given(choice=st.integers(min_value=0))
def test_a_key_written_twice_is_refused_at_its_second_line(imported, choice):
    text = dump(document())
    keys = one_line_keys(text)
    line, column = keys[choice % len(keys)]
    lines = text.splitlines(keepends=True)
    # The key again on the next line, at its own indentation: the same mapping holds it twice.
    lines.insert(line + 1, " " * column + lines[line][column:])
    before = snapshot()
    with pytest.raises(CourseCodeError) as error:
        coursecode.import_documents([coursecode.parse_text("".join(lines), label="fuzz.yaml")])
    assert str(error.value).startswith(f"fuzz.yaml:{line + 2}: "), str(error.value)
    assert "appears twice" in str(error.value)
    assert snapshot() == before
