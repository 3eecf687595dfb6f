import factory

from certification.models import CredentialDefinition


class DefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CredentialDefinition
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"credential-{n}")
    title_en = factory.Sequence(lambda n: f"Credential {n}")
    title_nl = factory.Sequence(lambda n: f"Certificaat {n}")
    criteria_en = "Completed the modules."
    criteria_nl = "Heeft de modules afgerond."
    valid_for_days = 730
