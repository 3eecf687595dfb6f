"""Demo content of this app, loaded by `academy demo` (idempotent).

Brightwater's social media policy in two published versions, English and Dutch: 1.0 took effect
a year ago, 2.0 (a major version) two weeks ago, so its grace period is still running. Some
demo people acknowledged 2.0, others only 1.0 (the demo learner among them, so that the banner
shows), some nothing at all.
"""

from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

HERE = Path(__file__).resolve().parent

VERSIONS = [
    {
        "number": "1.0",
        "published_days_ago": 380,
        "effective_days_ago": 365,
        "changes_en": "The first social media policy of Brightwater.",
        "changes_nl": "Het eerste socialemediabeleid van Brightwater.",
    },
    {
        "number": "2.0",
        "published_days_ago": 20,
        "effective_days_ago": 14,
        "changes_en": (
            "- **Internal network:** client matters are not discussed in communities open to "
            "the whole firm either.\n"
            "- **Colleagues:** ask before you post a photo of a colleague or tag them; their "
            "health, pay and performance are never discussed.\n"
            "- **Complaints:** a clear route: to Client Care within four working hours; threats, "
            "legal claims and the press to Communications at once.\n"
            "- **New section 6** on personal and business accounts.\n"
            "- Social Media Certified colleagues may answer questions about our services in their "
            "own field."
        ),
        "changes_nl": (
            "- **Intern netwerk:** klantzaken bespreek je ook niet in community's die voor het "
            "hele kantoor open staan.\n"
            "- **Collega's:** vraag toestemming voordat je een foto van een collega plaatst of "
            "iemand tagt; gezondheid, salaris en beoordeling van collega's bespreek je nooit.\n"
            "- **Klachten:** een duidelijke route: binnen vier werkuren naar Klantenservice; "
            "dreigementen, juridische claims en de pers meteen naar Communicatie.\n"
            "- **Nieuw artikel 6** over persoonlijke en zakelijke accounts.\n"
            "- Collega's die Social Media Gecertificeerd zijn, mogen vragen over onze diensten in "
            "hun eigen vakgebied beantwoorden."
        ),
    },
]

# Demo people (local part of their email) by the latest version they acknowledged.
ACKNOWLEDGED_2 = [
    "emma.clarke",
    "pieter.vandijk",
    "sophie.bakker",
    "james.oconnor",
    "eva.dejong",
    "sanne.devries",
    "lotte.meijer",
    "julia.hendriks",
    "willem.bos",
    "marieke.vanleeuwen",
    "henry.walsh",
    "koen.vandenberg",
    "anouk.mulder",
    "charlotte.hughes",
]
# The demo learner (daan.jansen) acknowledged 1.0 only, so the banner asks them for 2.0.
ACKNOWLEDGED_1_ONLY = [
    "daan.jansen",
    "olivia.bennett",
    "lars.visser",
    "thomas.degroot",
    "grace.patel",
    "ruben.vos",
    "bram.peters",
    "jesse.dekker",
    "ingrid.kok",
]
# Everyone else in people.demo acknowledged nothing yet.


def _text(number: str, language: str) -> str:
    return (HERE / f"policy-{number}.{language}.md").read_text(encoding="utf-8").strip()


def _publish_versions(author) -> list[str]:
    from .. import services

    created = []
    now = timezone.now()
    for spec in VERSIONS:
        published_at = now - timedelta(days=spec["published_days_ago"])
        effective_on = timezone.localdate(now - timedelta(days=spec["effective_days_ago"]))
        draft = services.create_draft(
            by=author,
            kind=services.MAJOR,
            body_en=_text(spec["number"], "en"),
            body_nl=_text(spec["number"], "nl"),
            changes_en=spec["changes_en"],
            changes_nl=spec["changes_nl"],
            effective_on=effective_on,
        )
        version = services.publish(version=draft, by=author, now=published_at)
        created.append(f"policy version {version.number}")
    return created


def _acknowledge(versions: dict) -> list[str]:
    from people.demo import email
    from people.models import Person

    from .. import services
    from ..models import Acknowledgement

    wanted: list[tuple[str, str, int]] = []
    for index, local in enumerate(ACKNOWLEDGED_2 + ACKNOWLEDGED_1_ONLY):
        wanted.append((local, "1.0", 360 - 9 * index))
    for index, local in enumerate(ACKNOWLEDGED_2):
        wanted.append((local, "2.0", 13 - index % 12))
    people = {
        p.email.split("@")[0]: p
        for p in Person.objects.filter(email__in={email(local) for local, _n, _d in wanted})
    }
    done = set(
        Acknowledgement.objects.filter(person__in=people.values()).values_list(
            "person__email", "version__major", "version__minor"
        )
    )
    created = []
    now = timezone.now()
    for local, number, days_ago in wanted:
        person, version = people.get(local), versions.get(number)
        if person is None or version is None:
            continue
        if (person.email, version.major, version.minor) in done:
            continue
        services.acknowledge(
            person=person,
            version=version,
            language=person.language,
            now=now - timedelta(days=days_ago, hours=index_hours(local)),
        )
        created.append(f"acknowledgement of policy {number} by {person.name}")
    return created


def index_hours(local: str) -> int:
    """A stable spread over the working day, so the demo's times do not all look alike."""
    return sum(map(ord, local)) % 8


@transaction.atomic
def load() -> list[str]:
    """Create what is missing; return a line for each thing created."""
    from people.models import Person

    from .. import selectors
    from ..models import PolicyVersion

    created: list[str] = []
    if not PolicyVersion.objects.exists():
        author = (
            Person.objects.filter(is_staff=True, email__startswith="emma.clarke@").first()
            or Person.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        )
        if author is None:
            return created
        created += _publish_versions(author)
    versions = {number: selectors.published_version(number) for number in ("1.0", "2.0")}
    created += _acknowledge({k: v for k, v in versions.items() if v is not None})
    return created
