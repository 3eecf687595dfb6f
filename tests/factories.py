import factory

from people.models import Person, Unit

PASSWORD = "correct horse battery"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")
    kind = Unit.Kind.UNIT
    parent = factory.LazyFunction(
        lambda: Unit.objects.get_or_create(
            slug="firm", defaults={"name": "Firm", "kind": Unit.Kind.FIRM}
        )[0]
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def leads(self, create, units, **kwargs):
        if create and units:
            self.led_units.set(units)
