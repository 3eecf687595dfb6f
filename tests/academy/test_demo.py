"""`academy demo`: one run loads an organisation and prints a login per role that lands on its
home, links to where it serves; a second run changes nothing and says so.

One test, since each run of the demo takes seconds: it follows what someone trying the demo
does, in order.
"""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from certification.models import IssuedCredential
from people import demo
from people.models import Person, Unit

HOMES = {
    "learner": "learner_home",
    "trainer": "trainer_home",
    "lead": "lead_home",
    "programme": "programme_home",
}


@pytest.mark.django_db(transaction=True)
def test_the_demo_loads_prints_logins_that_work_and_changes_nothing_the_second_time(
    capsys, monkeypatch
):
    monkeypatch.delenv("ACADEMY_BASE_URL", raising=False)
    call_command("demo", no_serve=True, port=8311)
    out = capsys.readouterr().out

    # An organisation, in both languages, and one login per role.
    assert "Loaded the demo academy" in out
    for role, email in demo.login_emails().items():
        assert f"{role:<10} {email}" in out
    assert Unit.objects.filter(kind="firm").count() == 1
    assert Person.objects.count() >= 30
    assert set(Person.objects.values_list("language", flat=True)) >= {"nl", "en"}

    # It links to where it serves: the address it prints, in every credential it signs.
    assert "Demo academy: http://localhost:8311/" in out
    snapshots = [c.snapshot for c in IssuedCredential.objects.all()]
    assert snapshots and all(s.get("base_url") == "http://localhost:8311" for s in snapshots)
    assert ":8000" not in str(snapshots)

    # Each printed login lands on its role's home.
    assert set(HOMES) == set(demo.login_emails())
    for role, home in HOMES.items():
        response = Client().post(
            reverse("account_login"),
            {"login": demo.login_emails()[role], "password": demo.DEMO_PASSWORD},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == reverse(home), role
        assert response.status_code == 200, role

    # A second run changes nothing and says so.
    before = sorted(Person.objects.values_list("email", "password", "unit_id", "manager_id"))
    call_command("demo", no_serve=True, port=8311)
    assert "already loaded: nothing changed" in capsys.readouterr().out
    after = sorted(Person.objects.values_list("email", "password", "unit_id", "manager_id"))
    assert after == before
