"""Pages a learner opens run the same number of queries however many credentials there are."""

import pytest
from django.urls import reverse

from certification import services
from tests.queries import queries_for

from .factories import DefinitionFactory


def give(person, count):
    for _ in range(count):
        services.issue(person=person, definition=DefinitionFactory(signature_title_en="Pro"))


@pytest.mark.parametrize("url", [reverse("my_credentials"), reverse("learner_home")])
def test_query_count_stays_constant_as_credentials_grow(client, learner, url):
    client.force_login(learner)
    give(learner, 1)
    small = queries_for(client, url)
    give(learner, 6)
    assert queries_for(client, url) == small


def test_verification_page_query_count_is_small(client, issued):
    url = reverse("credential_verify", args=[issued.code])
    assert queries_for(client, url) <= 2


@pytest.mark.parametrize("url_name", ["credential_achievement"])
def test_achievement_page_query_count_does_not_grow_with_its_modules(client, db, url_name):
    from certification.models import ModulesCompletedRule
    from tests.courses.factories import ModuleFactory

    counts = []
    for size in (5, 50):
        definition = DefinitionFactory(slug=f"badge-{size}")
        modules = [ModuleFactory(slug=f"m{size}-{i}") for i in range(size)]
        ModulesCompletedRule.objects.create(
            definition=definition, modules=[m.slug for m in modules], at_least=3
        )
        url = reverse(url_name, args=[definition.slug])
        queries_for(client, url)  # warm the per-process caches (content types)
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1]


def test_verification_page_query_count_does_not_grow_with_the_holders_credentials(client, learner):
    give(learner, 5)
    credential = learner.credentials.first()
    url = reverse("credential_verify", args=[credential.code])
    small = queries_for(client, url)
    give(learner, 45)
    assert queries_for(client, url) == small
