"""The demo organisation: the firm Brightwater with a few units and about thirty people."""

from django.db import transaction

from .models import Person, Unit

DEMO_PASSWORD = "academy-demo"  # noqa: S105 - printed on the console for the demo logins
DOMAIN = "brightwater.example"

UNITS = [
    # slug, name, kind, parent slug
    ("brightwater", "Brightwater", Unit.Kind.FIRM, None),
    ("advisory", "Advisory", Unit.Kind.UNIT, "brightwater"),
    ("digital-strategy", "Digital Strategy", Unit.Kind.TEAM, "advisory"),
    ("risk-advisory", "Risk Advisory", Unit.Kind.TEAM, "advisory"),
    ("audit", "Audit", Unit.Kind.UNIT, "brightwater"),
    ("tax-legal", "Tax & Legal", Unit.Kind.UNIT, "brightwater"),
    ("operations", "Operations", Unit.Kind.UNIT, "brightwater"),
    ("communications", "Communications", Unit.Kind.TEAM, "operations"),
]

# email local part, first name, last name, unit slug, language, manager local part, roles
PEOPLE = [
    ("emma.clarke", "Emma", "Clarke", "communications", "en", None, {"programme"}),
    ("pieter.vandijk", "Pieter", "van Dijk", "advisory", "nl", None, {"lead"}),
    ("sophie.bakker", "Sophie", "Bakker", "digital-strategy", "nl", "pieter.vandijk", {"trainer"}),
    ("daan.jansen", "Daan", "Jansen", "digital-strategy", "nl", "sophie.bakker", set()),
    ("olivia.bennett", "Olivia", "Bennett", "digital-strategy", "en", "sophie.bakker", set()),
    ("lars.visser", "Lars", "Visser", "digital-strategy", "nl", "sophie.bakker", set()),
    ("fleur.smit", "Fleur", "Smit", "digital-strategy", "nl", "sophie.bakker", set()),
    ("james.oconnor", "James", "O'Connor", "risk-advisory", "en", "pieter.vandijk", {"trainer"}),
    ("anouk.mulder", "Anouk", "Mulder", "risk-advisory", "nl", "james.oconnor", set()),
    ("thomas.degroot", "Thomas", "de Groot", "risk-advisory", "nl", "james.oconnor", set()),
    ("grace.patel", "Grace", "Patel", "risk-advisory", "en", "james.oconnor", set()),
    ("willem.bos", "Willem", "Bos", "audit", "nl", None, {"lead"}),
    ("sanne.devries", "Sanne", "de Vries-Ünal", "audit", "nl", "willem.bos", set()),
    ("ruben.vos", "Ruben", "Vos", "audit", "nl", "willem.bos", set()),
    ("charlotte.hughes", "Charlotte", "Hughes", "audit", "en", "willem.bos", set()),
    ("bram.peters", "Bram", "Peters", "audit", "nl", "willem.bos", set()),
    ("julia.hendriks", "Julia", "Hendriks", "audit", "nl", "willem.bos", {"trainer"}),
    ("oliver.wright", "Oliver", "Wright", "audit", "en", "willem.bos", set()),
    ("marieke.vanleeuwen", "Marieke", "van Leeuwen", "tax-legal", "nl", None, {"lead"}),
    ("jesse.dekker", "Jesse", "Dekker", "tax-legal", "nl", "marieke.vanleeuwen", set()),
    ("amelia.turner", "Amelia", "Turner", "tax-legal", "en", "marieke.vanleeuwen", set()),
    ("noah.brouwer", "Noah", "Brouwer", "tax-legal", "nl", "marieke.vanleeuwen", set()),
    ("lotte.meijer", "Lotte", "Meijer", "tax-legal", "nl", "marieke.vanleeuwen", {"trainer"}),
    ("henry.walsh", "Henry", "Walsh", "operations", "en", None, {"lead"}),
    ("ingrid.kok", "Ingrid", "Kok", "operations", "nl", "henry.walsh", set()),
    ("fatima.elamrani", "Fatima", "El Amrani", "operations", "nl", "henry.walsh", set()),
    ("sophie.evans", "Sophie", "Evans", "operations", "en", "henry.walsh", set()),
    ("koen.vandenberg", "Koen", "van den Berg", "communications", "nl", "emma.clarke", set()),
    ("eva.dejong", "Eva", "de Jong", "communications", "nl", "emma.clarke", {"trainer"}),
    ("harry.cole", "Harry", "Cole", "communications", "en", "emma.clarke", set()),
]

LOGINS = {
    "learner": "daan.jansen",
    "trainer": "sophie.bakker",
    "lead": "pieter.vandijk",
    "programme": "emma.clarke",
}


def email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def login_emails() -> dict[str, str]:
    return {role: email(local) for role, local in LOGINS.items()}


@transaction.atomic
def load() -> list[str]:
    """Create the demo organisation where it is missing; return what was created."""
    created: list[str] = []
    units: dict[str, Unit] = {}
    for slug, name, kind, parent in UNITS:
        unit, made = Unit.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "parent": units.get(parent)}
        )
        units[slug] = unit
        if made:
            created.append(f"unit {name}")
    logins = set(LOGINS.values())
    people: dict[str, Person] = {}
    for local, first, last, unit, language, manager, roles in PEOPLE:
        person = Person.objects.filter(email=email(local)).first()
        if person is None:
            person = Person(
                email=email(local),
                first_name=first,
                last_name=last,
                unit=units[unit],
                language=language,
                manager=people.get(manager),
                is_trainer="trainer" in roles,
                is_staff="programme" in roles,
            )
            if local in logins:
                person.set_password(DEMO_PASSWORD)
            else:
                person.set_unusable_password()
            person.save()
            if "lead" in roles:
                person.led_units.add(units[unit])
            created.append(f"person {person.name}")
        people[local] = person
    return created
