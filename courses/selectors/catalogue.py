"""The catalogue: published programmes and modules, each module with the person's state."""

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce

from people.models import Unit

from .. import permissions
from ..models import (
    Enrolment,
    Lifecycle,
    Module,
    Programme,
    TimeApproval,
)
from ..models.catalogue import find_cycle
from .progress import percent, step_count


def _latest_approvals(person) -> dict[int, TimeApproval]:
    latest: dict[int, TimeApproval] = {}
    for approval in TimeApproval.objects.filter(person=person).order_by("requested_at", "id"):
        latest[approval.programme_id] = approval
    return latest


def catalogue_for(
    person, *, language: str | None = None, platform: str | None = None, query: str | None = None
) -> list[Module]:
    """Published modules aimed at `person` (audience), optionally only those in `language`, on
    `platform`, or matching `query`; each annotated with the person's state:

    `enrolment` (or None), `state` ("available", "in_progress", "completed", "locked"),
    `progress_percent`, `missing_requirements` (modules to complete first), `time_approval`
    (the latest request for its programme, or None), `needs_time_approval` (True while the
    programme wants an approval the person does not have) and `offered_in_my_language`.
    """
    modules = (
        Module.objects.offered()
        .select_related("programme")
        .prefetch_related(
            Prefetch("audience_units", queryset=Unit.objects.only("id")),
            Prefetch(
                "requires",
                queryset=Module.objects.only("id", "slug", "title_en", "title_nl", "programme_id"),
            ),
        )
        .annotate(step_count=step_count())
        .order_by("programme__position", "programme__slug", "position", "slug")
    )
    if query:
        words = query.strip()[:100]
        modules = modules.filter(
            Q(title_en__icontains=words)
            | Q(title_nl__icontains=words)
            | Q(summary_en__icontains=words)
            | Q(summary_nl__icontains=words)
            | Q(programme__title_en__icontains=words)
            | Q(programme__title_nl__icontains=words)
        )
    enrolments = {e.module_id: e for e in Enrolment.objects.filter(person=person)}
    completed = {module_id for module_id, e in enrolments.items() if e.completed_at}
    approvals = _latest_approvals(person)
    ancestors, roles = permissions.audience_facts(person)
    found = []
    for module in modules:
        if not permissions.is_in_audience(person, module, ancestor_unit_ids=ancestors, roles=roles):
            continue
        if language and language not in module.languages:
            continue
        if platform and platform not in module.platforms:
            continue
        _annotate(module, person, enrolments.get(module.pk), completed, approvals)
        found.append(module)
    return found


def _annotate(module, person, enrolment, completed: set[int], approvals: dict) -> None:
    module.enrolment = enrolment
    module.missing_requirements = [m for m in module.requires.all() if m.pk not in completed]
    module.time_approval = approvals.get(module.programme_id)
    module.needs_time_approval = module.programme.requires_time_approval and (
        module.time_approval is None or module.time_approval.status != TimeApproval.Status.APPROVED
    )
    module.offered_in_my_language = not module.languages or person.language in module.languages
    if enrolment is not None:
        module.progress_percent = (
            100 if enrolment.completed_at else percent(enrolment.steps_completed, module.step_count)
        )
        module.state = "completed" if enrolment.completed_at else "in_progress"
    else:
        module.progress_percent = 0
        locked = module.missing_requirements or module.needs_time_approval
        module.state = "locked" if locked else "available"


def catalogue_platforms() -> list[str]:
    """The platform tags used by published modules, for the catalogue's filter (one query)."""
    tags = set()
    for platforms in Module.objects.offered().values_list("platforms", flat=True):
        tags.update(platforms or [])
    return sorted(tags)


def module_by_slug(slug: str, viewer=None) -> Module | None:
    """A module `viewer` may open, with its programme: one in the catalogue; a retired one
    they are enrolled in; any, as a preview, for the programme team (one or two queries)."""
    module = Module.objects.filter(slug=slug).select_related("programme").first()
    if module is None or module.is_offered:
        return module
    if viewer is None or not viewer.is_authenticated:
        return None
    if permissions.is_programme_team(viewer):
        return module
    retired = Lifecycle.DRAFT not in (module.status, module.programme.status)
    if retired and Enrolment.objects.filter(person=viewer, module=module).exists():
        return module
    return None


def is_preview(module: Module, viewer) -> bool:
    """The programme team looks at a module learners do not see (a draft or retired one)."""
    return not module.is_offered and permissions.is_programme_team(viewer)


def programme_by_slug(slug: str) -> Programme | None:
    """A published programme (one query)."""
    return Programme.objects.published().filter(slug=slug).first()


def programmes() -> QuerySet[Programme]:
    """Published programmes in catalogue order, with their module count and total minutes."""
    return (
        Programme.objects.published()
        .annotate(
            module_count=Count("modules", filter=Q(modules__status=Lifecycle.PUBLISHED)),
            total_minutes=Coalesce(
                Sum("modules__minutes", filter=Q(modules__status=Lifecycle.PUBLISHED)), 0
            ),
        )
        .order_by("position", "slug")
    )


def prerequisite_cycle(module: Module, requires) -> list[str] | None:
    """The cycle (slugs) that giving `module` these prerequisites would make, or None."""
    slugs = dict(Module.objects.values_list("id", "slug"))
    edges: dict[str, list[str]] = {}
    for from_id, to_id in Module.requires.through.objects.values_list(
        "from_module_id", "to_module_id"
    ):
        edges.setdefault(slugs[from_id], []).append(slugs[to_id])
    edges[module.slug] = [required.slug for required in requires]
    return find_cycle(module.slug, edges)
