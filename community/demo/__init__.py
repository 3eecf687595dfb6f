"""Demo content of this app, loaded by `academy demo` (idempotent)."""

import datetime

from django.db import transaction
from django.utils import timezone

from people.demo import email
from people.models import Person, Unit

from ..models import (
    AudienceWorksheet,
    AwarenessSession,
    Champion,
    FeaturedContributor,
    Kudos,
    SegmentResult,
    SurveyAnswer,
    SurveyQuestion,
    Topic,
)
from ..services import score_answers, segment_for

# person, unit slug
CHAMPIONS = [
    ("sophie.bakker", "digital-strategy"),
    ("james.oconnor", "risk-advisory"),
    ("julia.hendriks", "audit"),
    ("lotte.meijer", "tax-legal"),
    ("eva.dejong", "communications"),
]
NOMINATED = [("fatima.elamrani", "operations", "fatima.elamrani")]

# title, unit slug, champion, days from today, format, attendees (or a head count)
SESSIONS = [
    (
        "Why we are on LinkedIn",
        "digital-strategy",
        "sophie.bakker",
        -40,
        "in_person",
        ["daan.jansen", "olivia.bennett", "lars.visser", "fleur.smit"],
    ),
    ("Lunch talk: your profile in 20 minutes", "audit", "julia.hendriks", -25, "lunch", 18),
    (
        "Answering clients where they ask",
        "risk-advisory",
        "james.oconnor",
        -12,
        "online",
        ["anouk.mulder", "grace.patel"],
    ),
    ("Social media for secretaries", "tax-legal", "lotte.meijer", 9, "hybrid", None),
    ("What is in it for me?", "communications", "eva.dejong", 16, "in_person", None),
]

QUESTIONS = [
    (
        "Social media can help me in my work with clients.",
        "Social media kan me helpen in mijn werk met klanten.",
        3,
    ),
    (
        "I would like to share my expertise online.",
        "Ik zou mijn expertise graag online delen.",
        2,
    ),
    (
        "Social media is a waste of working time.",
        "Social media is zonde van de werktijd.",
        -3,
    ),
    (
        "I know what I may and may not say about the firm online.",
        "Ik weet wat ik online wel en niet over het bedrijf mag zeggen.",
        1,
    ),
    (
        "Colleagues who post about their work inspire me.",
        "Collega's die over hun werk posten, inspireren me.",
        2,
    ),
    (
        "I worry about making mistakes in public.",
        "Ik ben bang om in het openbaar fouten te maken.",
        -1,
    ),
]

# Answers per person, in question order: six people in Digital Strategy (shown), three in Audit
# (below the anonymity threshold, so not shown).
ANSWERS = {
    "sophie.bakker": [5, 5, 1, 5, 5, 2],
    "daan.jansen": [4, 4, 2, 4, 4, 3],
    "olivia.bennett": [3, 3, 3, 4, 3, 4],
    "lars.visser": [2, 2, 4, 3, 2, 4],
    "fleur.smit": [3, 4, 2, 3, 4, 3],
    "pieter.vandijk": [4, 3, 3, 4, 3, 3],
    "ruben.vos": [2, 1, 5, 2, 2, 5],
    "charlotte.hughes": [4, 4, 2, 4, 5, 2],
    "bram.peters": [3, 3, 3, 3, 3, 3],
}

# giver, receiver, category, message, days ago
KUDOS = [
    (
        "daan.jansen",
        "sophie.bakker",
        "helped_me",
        "Sophie rewrote my LinkedIn headline with me in ten minutes. It finally says what I do.",
        1,
    ),
    (
        "olivia.bennett",
        "daan.jansen",
        "great_post",
        "Daan's post on the digital maturity scan got three client questions in a day.",
        2,
    ),
    (
        "pieter.vandijk",
        "grace.patel",
        "answered_client",
        "Grace answered a prospect's question on X within the hour, friendly and precise.",
        3,
    ),
    (
        "anouk.mulder",
        "james.oconnor",
        "shared_knowledge",
        "James's session on answering clients online was the most useful hour of my week.",
        4,
    ),
    (
        "lars.visser",
        "fleur.smit",
        "brave_first",
        "Fleur published her first blog post. Proud of you!",
        5,
    ),
    (
        "ruben.vos",
        "julia.hendriks",
        "helped_me",
        "Julia explained the policy so that I am no longer afraid to post.",
        6,
    ),
    (
        "charlotte.hughes",
        "oliver.wright",
        "great_post",
        "Oliver's video on audit myths is brilliant.",
        8,
    ),
    (
        "jesse.dekker",
        "lotte.meijer",
        "shared_knowledge",
        "Lotte's checklist for posting about tax changes saves me time.",
        9,
    ),
    (
        "koen.vandenberg",
        "eva.dejong",
        "helped_me",
        "Eva helped me set up my first Yammer group.",
        11,
    ),
    (
        "harry.cole",
        "koen.vandenberg",
        "great_post",
        "Koen's recruitment story brought in two applicants.",
        13,
    ),
    (
        "sophie.evans",
        "ingrid.kok",
        "answered_client",
        "Ingrid turned a complaint on Facebook into a thank-you.",
        15,
    ),
    (
        "grace.patel",
        "anouk.mulder",
        "brave_first",
        "Anouk asked her 'stupid question' in the community. It wasn't stupid at all.",
        18,
    ),
    (
        "emma.clarke",
        "sophie.bakker",
        "shared_knowledge",
        "Sophie's champion hour is now a fixture in Digital Strategy.",
        20,
    ),
    (
        "fleur.smit",
        "olivia.bennett",
        "helped_me",
        "Olivia proofread my post before I dared to publish it.",
        24,
    ),
    (
        "thomas.degroot",
        "grace.patel",
        "great_post",
        "Grace's thread on the new risk rules is shared all over.",
        28,
    ),
]

# days from this week's Monday, length in days, cadence, en, nl, messages en, messages nl, hashtags
TOPICS = [
    (
        0,
        7,
        "week",
        "Our sustainability report",
        "Ons duurzaamheidsverslag",
        "We halved travel emissions since 2019.\nShare what it means in your own work.",
        "We halveerden de reisuitstoot sinds 2019.\nVertel wat het in je eigen werk betekent.",
        "#sustainability #brightwater",
    ),
    (
        0,
        7,
        "week",
        "Graduate recruitment opens",
        "Werving starters gaat open",
        "Tell your own story: why you joined and what you learnt in your first year.",
        "Vertel je eigen verhaal: waarom je koos voor ons en wat je in je eerste jaar leerde.",
        "#werkenbij #graduates",
    ),
    (
        7,
        7,
        "week",
        "Client event: the digital boardroom",
        "Klantevent: de digitale bestuurskamer",
        "Invite clients personally; share the programme, never the guest list.",
        "Nodig klanten persoonlijk uit; deel het programma, nooit de gastenlijst.",
        "#digitalboardroom",
    ),
    (
        14,
        7,
        "week",
        "New tax rules explained",
        "Nieuwe belastingregels uitgelegd",
        "Link to our explainer; answer questions in public, take client specifics offline.",
        "Verwijs naar onze uitleg; beantwoord vragen openbaar, klantzaken offline.",
        "#tax #belasting",
    ),
    (
        0,
        30,
        "month",
        "Month of knowledge sharing",
        "Maand van het kennisdelen",
        "One useful post a week: an insight, a lesson, a question.",
        "Eén nuttige post per week: een inzicht, een les, een vraag.",
        "#kennisdelen",
    ),
]


def _people() -> dict[str, Person]:
    emails = {
        email(local)
        for local in [c[0] for c in CHAMPIONS]
        + [k[0] for k in KUDOS]
        + [k[1] for k in KUDOS]
        + list(ANSWERS)
        + [a for s in SESSIONS if isinstance(s[5], list) for a in s[5]]
        + [n[0] for n in NOMINATED]
        + ["emma.clarke"]
    }
    return {p.email.split("@")[0]: p for p in Person.objects.filter(email__in=emails)}


@transaction.atomic
def load() -> list[str]:
    """Create what is missing; return a line for each thing created."""
    people = _people()
    if "emma.clarke" not in people:
        return []  # the demo organisation is not loaded
    units = {u.slug: u for u in Unit.objects.all()}
    programme = people["emma.clarke"]
    today = timezone.localdate()
    now = timezone.now()
    created: list[str] = []

    for local, unit in CHAMPIONS:
        _champion, made = Champion.objects.get_or_create(
            person=people[local],
            unit=units[unit],
            defaults={
                "status": Champion.Status.APPROVED,
                "nominated_by": people[local],
                "decided_by": programme,
                "decided_at": now,
            },
        )
        if made:
            created.append(f"champion {people[local].name} ({units[unit]})")
    for local, unit, by in NOMINATED:
        _champion, made = Champion.objects.get_or_create(
            person=people[local],
            unit=units[unit],
            defaults={"nominated_by": people[by], "motivation": "I run our team's intranet page."},
        )
        if made:
            created.append(f"champion nomination {people[local].name}")

    for title, unit, champion, days, format_, who in SESSIONS:
        if AwarenessSession.objects.filter(title=title, unit=units[unit]).exists():
            continue
        session = AwarenessSession.objects.create(
            title=title,
            unit=units[unit],
            champion=people[champion],
            held_on=today + datetime.timedelta(days=days),
            format=format_,
            head_count=who if isinstance(who, int) else None,
        )
        if isinstance(who, list):
            session.attendees.set([people[a] for a in who])
        created.append(f"awareness session {title}")

    if not Kudos.objects.exists():
        Kudos.objects.bulk_create(
            Kudos(
                giver=people[giver],
                receiver=people[receiver],
                category=category,
                message=message,
                created_at=now - datetime.timedelta(days=days, hours=2),
            )
            for giver, receiver, category, message, days in KUDOS
        )
        created.append(f"{len(KUDOS)} kudos")

    _featured, made = FeaturedContributor.objects.get_or_create(
        month=today.replace(day=1),
        defaults={
            "person": people["sophie.bakker"],
            "reason": "Sophie's weekly champion hour got half of Digital Strategy posting.",
            "chosen_by": programme,
        },
    )
    if made:
        created.append("featured contributor of the month")

    if not SurveyQuestion.objects.exists():
        SurveyQuestion.objects.bulk_create(
            SurveyQuestion(position=i, text_en=en, text_nl=nl, weight=weight)
            for i, (en, nl, weight) in enumerate(QUESTIONS, start=1)
        )
        created.append(f"{len(QUESTIONS)} survey questions")
    questions = list(SurveyQuestion.objects.order_by("position", "id")[: len(QUESTIONS)])
    weights = {q.pk: q.weight for q in questions}
    answered = set(SegmentResult.objects.values_list("person_id", flat=True))
    for local, values in ANSWERS.items():
        person = people[local]
        if person.pk in answered:
            continue
        answers = {q.pk: v for q, v in zip(questions, values, strict=True)}
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(person=person, question_id=q, value=v) for q, v in answers.items()
        )
        score = score_answers(answers, weights)
        SegmentResult.objects.create(person=person, segment=segment_for(score), score=score)
        created.append(f"survey answers of {person.name}")

    monday = today - datetime.timedelta(days=today.weekday())
    for offset, length, cadence, en, nl, msg_en, msg_nl, tags in TOPICS:
        starts = monday + datetime.timedelta(days=offset)
        if cadence == "month":
            starts = today.replace(day=1)
            next_month = (starts + datetime.timedelta(days=32)).replace(day=1)
            ends = next_month - datetime.timedelta(days=1)
        else:
            ends = starts + datetime.timedelta(days=length - 1)
        _topic, made = Topic.objects.get_or_create(
            title_en=en,
            defaults={
                "starts_on": starts,
                "ends_on": ends,
                "cadence": cadence,
                "title_nl": nl,
                "messages_en": msg_en,
                "messages_nl": msg_nl,
                "hashtags": tags,
                "links": "https://brightwater.example/news",
                "created_by": programme,
            },
        )
        if made:
            created.append(f"topic {en}")

    _sheet, made = AudienceWorksheet.objects.get_or_create(
        person=people["daan.jansen"],
        defaults={
            "who": "CIOs and digital leads of mid-sized retailers",
            "concerns": "Legacy systems, omnichannel, budgets under pressure",
            "where_online": "LinkedIn, a few retail newsletters",
            "why": "I have led six digital maturity scans in retail",
            "when": "Tuesday and Thursday mornings",
            "content": "Short lessons from scans, anonymised",
            "means": "LinkedIn posts, one blog a month",
            "minutes_per_week": 60,
        },
    )
    if made:
        created.append("audience worksheet of Daan Jansen")
    return created
