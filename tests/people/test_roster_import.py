"""The HR roster import: upsert by email, all or nothing, errors with line numbers."""

import pytest
from django.core.management import CommandError, call_command

from people.models import Person
from people.services import RosterError, import_roster
from tests.cli import academy
from tests.queries import count_queries

HEADER = "email,first_name,last_name,unit,role,manager_email,language\n"
GOOD = HEADER + (
    "anna@example.com,Anna,de Wit,advisory,lead,,nl\n"
    "bob@example.com,Bob,Smith,Advisory,learner,anna@example.com,en\n"
    "chris@example.com,Chris,Ünal,audit,trainer;lead,anna@example.com,nl\n"
)


@pytest.fixture
def units(unit, other_unit):
    return unit, other_unit


def snapshot():
    return sorted(
        Person.objects.values_list(
            "email",
            "first_name",
            "last_name",
            "unit__slug",
            "manager__email",
            "language",
            "is_trainer",
            "is_staff",
        )
    )


def test_good_file_creates_people_with_units_managers_and_roles(units):
    result = import_roster(data=GOOD.encode())
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (3, 0, 0)
    bob = Person.objects.get(email="bob@example.com")
    assert (
        bob.unit.slug == "advisory"
        and bob.manager.email == "anna@example.com"
        and bob.language == "en"
    )
    chris = Person.objects.get(email="chris@example.com")
    assert chris.is_trainer and list(chris.led_units.values_list("slug", flat=True)) == ["audit"]
    assert not chris.has_usable_password()


def test_rerun_changes_nothing_and_says_so(units):
    import_roster(data=GOOD.encode())
    before = snapshot()
    result = import_roster(data=GOOD.encode())
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (0, 0, 3)
    assert snapshot() == before


def test_changed_row_updates_only_that_person(units):
    import_roster(data=GOOD.encode())
    result = import_roster(data=GOOD.replace("Bob,Smith,Advisory", "Bob,Smith,audit").encode())
    assert result.updated == ["bob@example.com"]
    assert Person.objects.get(email="bob@example.com").unit.slug == "audit"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (GOOD + "dora@example.com,Dora,Dee,sales,learner,,en\n", "line 5: unknown unit 'sales'"),
        (
            GOOD + "bob@example.com,Bob,Again,audit,learner,,en\n",
            "line 5: bob@example.com already appears on line 3",
        ),
        (
            GOOD + "not-an-email,Dora,Dee,audit,learner,,en\n",
            "line 5: 'not-an-email' is not a valid email address",
        ),
        (GOOD + "dora@example.com,Dora,Dee,audit\n", "line 5: expected 7 fields, found 4"),
        (GOOD + "dora@example.com,Dora,Dee,audit,wizard,,en\n", "line 5: unknown role 'wizard'"),
        (GOOD + "dora@example.com,Dora,Dee,audit,learner,,fr\n", "line 5: unknown language 'fr'"),
        (
            GOOD + "dora@example.com,Dora,Dee,audit,learner,zed@example.com,en\n",
            "line 5: manager zed@example.com",
        ),
        (GOOD + 'dora@example.com,"Dora,Dee,audit,learner,,en\n', "line 5"),
        ("name,unit\nDora,audit\n", "line 1: expected the columns"),
        ("", "line 1: the file is empty"),
    ],
)
def test_bad_file_writes_nothing_and_names_the_line(units, content, message):
    with pytest.raises(RosterError) as error:
        import_roster(data=content.encode())
    assert message in str(error.value)
    assert Person.objects.count() == 0


def test_wrong_encoding_names_the_line(units):
    data = GOOD.encode() + "dora@example.com,Dörte,Dee,audit,learner,,nl\n".encode("latin-1")
    with pytest.raises(RosterError, match="line 5: the file is not UTF-8"):
        import_roster(data=data)
    assert Person.objects.count() == 0


def test_excel_bom_is_accepted(units):
    assert len(import_roster(data=b"\xef\xbb\xbf" + GOOD.encode()).created) == 3


def test_manager_circle_is_refused_and_nothing_written(units):
    circle = HEADER + (
        "anna@example.com,Anna,de Wit,advisory,,bob@example.com,nl\n"
        "bob@example.com,Bob,Smith,advisory,,anna@example.com,en\n"
    )
    with pytest.raises(RosterError, match="circle"):
        import_roster(data=circle.encode())
    assert Person.objects.count() == 0


def test_command_prints_summary(units, tmp_path, capsys):
    roster = tmp_path / "people.csv"
    roster.write_text(GOOD, encoding="utf-8")
    call_command("import_people", str(roster))
    assert "created 3, updated 0, unchanged 0, errors 0" in capsys.readouterr().out


def test_command_fails_with_line_number_and_writes_nothing(units, tmp_path):
    roster = tmp_path / "people.csv"
    roster.write_text(GOOD + "dora@example.com,Dora,Dee,sales,learner,,en\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"people.csv: line 5: unknown unit 'sales'"):
        call_command("import_people", str(roster))
    assert Person.objects.count() == 0


def test_console_script_exits_1_on_bad_file_and_2_on_bad_usage(db, tmp_path, capsys):
    roster = tmp_path / "people.csv"
    roster.write_text(HEADER + "dora@example.com,Dora,Dee,nowhere,learner,,en\n", encoding="utf-8")
    code, _out, err = academy(capsys, "import-people", str(roster))
    assert code == 1
    assert "line 2: unknown unit 'nowhere'" in err
    assert academy(capsys, "import-people")[0] == 2


class CountingManagers(dict):
    """A manager map that counts how often a manager is looked up."""

    lookups = 0

    def get(self, key, default=None):
        self.lookups += 1
        return super().get(key, default)


def test_the_circle_check_is_linear_in_the_length_of_the_chain():
    from people.services import first_in_circle

    depth = 20_000
    chain = CountingManagers({person: person + 1 for person in range(depth)})
    assert first_in_circle(chain, range(depth)) is None
    assert chain.lookups <= 2 * depth  # quadratic was depth * depth / 2 = 200,000,000


def test_a_circle_at_the_end_of_a_long_chain_is_found():
    from people.services import first_in_circle

    chain = {person: person + 1 for person in range(1000)}
    chain[1000] = 500
    assert first_in_circle(chain, [0]) == 0


def test_a_circle_with_people_already_in_the_academy_is_refused_before_any_write(units):
    import_roster(data=GOOD.encode())
    people = list(Person.objects.order_by("email"))
    top, below = people[0], people[1]
    Person.objects.filter(pk=below.pk).update(manager=top)
    before = sorted(Person.objects.values_list("email", "first_name", "manager__email"))
    circle = HEADER + (
        f"{top.email},Renamed,Person,advisory,,{below.email},nl\n"
        "new@example.com,New,Person,advisory,,,nl\n"
    )
    with pytest.raises(RosterError, match="circle"):
        import_roster(data=circle.encode())
    assert sorted(Person.objects.values_list("email", "first_name", "manager__email")) == before


@pytest.mark.parametrize(
    "name",
    ["Jan\x00", "Jan\u202eeknil", "\u2067Anna", "Bob\x1b[31m"],
    ids=["nul", "rlo", "rli", "esc"],
)
def test_control_and_text_direction_characters_in_names_are_refused(units, name):
    bad = HEADER + f"x@example.com,{name},Smith,advisory,,,en\n"
    with pytest.raises(RosterError, match="line 2: first_name contains"):
        import_roster(data=bad.encode())
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    "row",
    [
        "x@example.com,Jan,Smith,advis\x00ory,,,en",
        "x@example.com,Jan,Smith,advisory,,boss\x00@example.com,en",
        "x@example.com,Jan,Smith,advisory,,,e\x00n",
        "x\x00@example.com,Jan,Smith,advisory,,,en",
    ],
    ids=["unit", "manager", "language", "email"],
)
def test_a_nul_byte_in_any_column_is_refused_with_its_line_and_column(units, row):
    with pytest.raises(RosterError, match="line 2: [a-z_]+ contains a control character"):
        import_roster(data=(HEADER + row + "\n").encode())
    assert Person.objects.count() == 0


def test_each_new_person_costs_one_insert_and_no_constraint_queries(units):
    def import_queries(count: int, prefix: str) -> int:
        rows = "".join(f"{prefix}{i}@example.com,P,T,advisory,,,en\n" for i in range(count))
        return count_queries(lambda: import_roster(data=(HEADER + rows).encode()))

    assert import_queries(20, "b") - import_queries(10, "a") == 10


def test_a_large_file_is_written_in_short_batches(units, monkeypatch):
    from people import services

    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    rows = "".join(
        f"p{i}@example.com,P{i},Test,advisory,,{f'p{i - 1}@example.com' if i else ''},en\n"
        for i in range(7)
    )
    result = import_roster(data=(HEADER + rows).encode())
    assert len(result.created) == 7
    assert Person.objects.get(email="p6@example.com").manager.email == "p5@example.com"
    again = import_roster(data=(HEADER + rows).encode())
    assert len(again.unchanged) == 7
