"""Reads for the programme team's programme pages: every programme whatever its status, its
modules with what is in them and who follows them, uploads and the history of both.

Each function runs a constant number of queries however many programmes, modules or people.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from core.models import AuditEntry

from ..models import Lifecycle, Module, Programme, ProgrammeUpload
from .history import LABELS

HISTORY_LENGTH = 50

_STATUS_ORDER = Case(
    When(status=Lifecycle.DRAFT, then=Value(0)),
    When(status=Lifecycle.PUBLISHED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def programmes_to_author() -> QuerySet[Programme]:
    """Every programme, drafts first, with how many modules it has in each status."""
    return Programme.objects.annotate(
        status_order=_STATUS_ORDER,
        module_count=Count("modules", distinct=True),
        draft_modules=Count("modules", filter=Q(modules__status=Lifecycle.DRAFT), distinct=True),
        enrolled=Count("modules__enrolments__person", distinct=True),
    ).order_by("status_order", "position", "slug")


def programme_status_counts() -> dict[str, int]:
    """How many programmes are drafts, published and retired (one query)."""
    counts = dict.fromkeys(Lifecycle.values, 0)
    for row in Programme.objects.values("status").annotate(count=Count("id")).order_by():
        counts[row["status"]] = row["count"]
    return counts


def programme_to_author(slug: str) -> Programme | None:
    return Programme.objects.filter(slug=slug).prefetch_related("modules").first()


def modules_to_author(programme: Programme) -> list[Module]:
    """The programme's modules in order, with their lessons, steps and enrolments counted."""
    return list(
        Module.objects.filter(programme=programme)
        .annotate(
            lesson_count=Count("lessons", distinct=True),
            step_count=Count("lessons__steps", distinct=True),
            enrolled=Count("enrolments", distinct=True),
        )
        .order_by("position", "slug")
    )


def authoring_history(programme: Programme) -> list[AuditEntry]:
    """The newest entries of the audit log about the programme and its modules, each with a
    `label` and, for a module's, the module's `subject_title`."""
    types = ContentType.objects.get_for_models(Programme, Module)
    modules = {module.pk: module for module in programme.modules.all()}
    entries = list(
        AuditEntry.objects.filter(
            Q(content_type=types[Programme], object_id=programme.pk)
            | Q(content_type=types[Module], object_id__in=list(modules))
        )
        .select_related("actor")
        .order_by("-at", "-pk")[:HISTORY_LENGTH]
    )
    for entry in entries:
        entry.label = LABELS.get(entry.action, entry.action)
        module = modules.get(entry.object_id) if entry.content_type_id == types[Module].pk else None
        entry.subject_title = module.title() if module else ""
    return entries


def upload_of(person, pk) -> ProgrammeUpload | None:
    """An upload its uploader may open (anyone else: None, a 404)."""
    return ProgrammeUpload.objects.filter(pk=pk, uploaded_by=person).first()


def programmes_by_slug(slugs: list[str]) -> dict[str, Programme]:
    return {p.slug: p for p in Programme.objects.filter(slug__in=slugs)}
