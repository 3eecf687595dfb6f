import pytest
from django.core.management import call_command
from django.urls import reverse

from people import demo
from people.models import Person, Unit


def run_demo(capsys) -> str:
    call_command("demo", no_serve=True)
    return capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_demo_loads_an_organisation_and_prints_one_login_per_role(capsys):
    out = run_demo(capsys)
    assert "Loaded the demo academy" in out
    for role, email in demo.login_emails().items():
        assert f"{role:<10} {email}" in out
    assert Unit.objects.filter(kind="firm").count() == 1
    assert Person.objects.count() >= 30
    assert (
        Person.objects.filter(language="nl").exists()
        and Person.objects.filter(language="en").exists()
    )


@pytest.mark.django_db(transaction=True)
def test_second_demo_run_changes_nothing_and_says_so(capsys):
    run_demo(capsys)
    before = sorted(Person.objects.values_list("email", "password", "unit_id", "manager_id"))
    out = run_demo(capsys)
    assert "already loaded: nothing changed" in out
    assert (
        sorted(Person.objects.values_list("email", "password", "unit_id", "manager_id")) == before
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("learner", "learner_home"),
        ("trainer", "trainer_home"),
        ("lead", "lead_home"),
        ("programme", "programme_home"),
    ],
)
def test_each_printed_demo_login_lands_on_its_role_home(capsys, client, role, home):
    run_demo(capsys)
    response = client.post(
        reverse("account_login"),
        {"login": demo.login_emails()[role], "password": demo.DEMO_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(home)
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_demo_links_to_where_it_serves_and_prints_that_address(capsys, monkeypatch):
    from certification.models import IssuedCredential

    monkeypatch.delenv("ACADEMY_BASE_URL", raising=False)
    call_command("demo", no_serve=True, port=8311)
    out = capsys.readouterr().out
    assert "Demo academy: http://localhost:8311/" in out
    snapshots = [c.snapshot for c in IssuedCredential.objects.all()]
    assert snapshots and all(s.get("base_url") == "http://localhost:8311" for s in snapshots)
    assert ":8000" not in str(snapshots)
