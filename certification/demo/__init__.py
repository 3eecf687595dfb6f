"""Demo content of this app, loaded by `academy demo` (idempotent).

The three credentials of the academy (unless course-as-code defined them already), the issuer
key, and a few demo people holding each, one of them revoked and one expired.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

DEFINITIONS = [
    {
        "slug": "certified",
        "title": {"en": "Social Media Certified", "nl": "Social Media Gecertificeerd"},
        "description": {
            "en": "Knows how to speak as an employee online, within the firm's social media policy.",
            "nl": "Weet hoe je online als medewerker spreekt, binnen het socialemediabeleid van het kantoor.",
        },
        "criteria": {
            "en": "Completed the four foundation modules and one platform module, and acknowledged the social media policy.",
            "nl": "Heeft de vier basismodules en één platformmodule afgerond en het socialemediabeleid bevestigd.",
        },
        "valid_for_days": 730,
        "renew_with": ["refresher"],
        "rules": [
            {
                "kind": "modules_completed",
                "modules": [
                    "getting-started",
                    "speaking-as-employee",
                    "topic-calendar",
                    "complaints-and-questions",
                ],
            },
            {"kind": "modules_completed", "of": ["linkedin", "twitter", "video"], "at_least": 1},
            {"kind": "policy_acknowledged", "version": "current"},
        ],
    },
    {
        "slug": "professional",
        "title": {"en": "Social Media Professional", "nl": "Social Media Professional"},
        "description": {
            "en": "Builds a professional presence and shares the firm's expertise with care.",
            "nl": "Bouwt een professionele aanwezigheid op en deelt de expertise van het kantoor met zorg.",
        },
        "criteria": {
            "en": "Holds Social Media Certified, completed a module for their role, and published a LinkedIn article a champion approved.",
            "nl": "Heeft Social Media Gecertificeerd, rondde een module voor de eigen rol af en publiceerde een LinkedIn-artikel dat een ambassadeur goedkeurde.",
        },
        "signature_title": {"en": "Social Media Professional", "nl": "Social Media Professional"},
        "valid_for_days": 730,
        "renew_with": ["refresher"],
        "rules": [
            {"kind": "holds_credential", "credential": "certified"},
            {
                "kind": "modules_completed",
                "of": ["creating-business", "working-smarter", "supporting-colleagues"],
                "at_least": 1,
            },
            {"kind": "assignment_approved", "step": "linkedin/recruiting-stories/first-article"},
            {"kind": "policy_acknowledged", "version": "current"},
        ],
    },
    {
        "slug": "spokesperson",
        "title": {"en": "Spokesperson", "nl": "Woordvoerder"},
        "description": {
            "en": "Speaks for the firm in public, by invitation of the programme team.",
            "nl": "Spreekt namens het kantoor in het openbaar, op uitnodiging van het programmateam.",
        },
        "criteria": {
            "en": "Holds Social Media Professional, nominated by a champion or lead and approved by the programme team.",
            "nl": "Heeft Social Media Professional, voorgedragen door een ambassadeur of leidinggevende en goedgekeurd door het programmateam.",
        },
        "valid_for_days": 365,
        "rules": [
            {"kind": "holds_credential", "credential": "professional"},
            {"kind": "nominated"},
        ],
    },
]

# local part of a demo person -> credentials they hold (awarded by hand in the demo)
HOLDERS = {
    "sophie.bakker": ["certified", "professional"],
    "james.oconnor": ["certified", "professional", "spokesperson"],
    "sanne.devries": ["certified"],
    "emma.clarke": ["certified", "professional", "spokesperson"],
    "eva.dejong": ["certified", "professional"],
    "olivia.bennett": ["certified"],
}
REVOKED = ("ruben.vos", "certified")
EXPIRED = ("grace.patel", "certified")


def load() -> list[str]:
    """Create what is missing; return a line for each thing created."""
    from people.demo import DOMAIN, email
    from people.models import Person

    from .. import services, signing
    from ..definitions import upsert_definitions
    from ..models import CredentialDefinition, IssuedCredential

    created: list[str] = []
    created += [f"issuer key {path}" for path in signing.ensure_issuer_keys()]
    # An installation upgraded from an older signed format: sign its credentials again.
    for credential in IssuedCredential.objects.filter(
        signed_format__lt=signing.SIGNED_FORMAT, signed_at__isnull=False
    ):
        if services.upgrade_signed_forms(credential=credential):
            created.append(f"credential {credential.serial} signed again in the current format")
    with transaction.atomic():
        missing = [
            d
            for d in DEFINITIONS
            if not CredentialDefinition.objects.filter(slug=d["slug"]).exists()
        ]
        if missing:
            # Definitions from course-as-code win; only what is absent is created here.
            upsert_definitions(missing, prefix="demo_credentials")
            created += [f"credential {d['slug']}" for d in missing]
        definitions = {d.slug: d for d in CredentialDefinition.objects.all()}
        people = {
            p.email.split("@")[0]: p
            for p in Person.objects.filter(
                email__in=[email(local) for local in [*HOLDERS, REVOKED[0], EXPIRED[0]]]
            )
        }
        held = set(
            IssuedCredential.objects.filter(person__in=people.values()).values_list(
                "person__email", "definition__slug"
            )
        )

        def give(local, slug, **kwargs):
            person = people.get(local)
            if person is None or slug not in definitions or (person.email, slug) in held:
                return None
            credential = services.issue(
                person=person,
                definition=definitions[slug],
                by_hand=True,
                reason="demo",
                **kwargs,
            )
            created.append(f"credential {credential.serial} for {person.name}")
            return credential

        for local, slugs in HOLDERS.items():
            for slug in slugs:
                give(local, slug)
        revoked = give(*REVOKED)
        if revoked is not None:
            services.revoke(
                credential=revoked,
                reason="Issued in error (demo)",
                publish_reason=True,
            )
        give(*EXPIRED, issued_at=timezone.now() - timedelta(days=800))
        services.expire_due()
        # Whoever the demo's learning already qualifies earns a credential the way everyone
        # does: by its rules.
        for person in Person.objects.filter(email__endswith="@" + DOMAIN).order_by("id"):
            for credential in services.evaluate(person=person):
                created.append(f"credential {credential.serial} for {person.name} (earned)")
    return created
