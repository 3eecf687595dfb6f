"""Publishing and retiring programmes and modules (docs/decisions/0017-programme-lifecycle.md).

A programme or module is a draft (only the programme team sees it, as a preview), published
(in the catalogue of everyone it is aimed at) or retired (out of the catalogue; whoever is
enrolled keeps their place, progress and credentials). Each change is an explicit act of the
programme team, audited (`core.audit.log_action`: who, when, why).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import log_action

from ..models import Lifecycle, Module, Programme
from ..permissions import is_programme_team
from .errors import CourseError


def _check(actor) -> None:
    # None is the command line (`academy import-programme --publish`, the demo).
    if actor is not None and not is_programme_team(actor):
        raise PermissionDenied


def _change(subject, status: str, *, actor, reason: str, data: dict | None = None) -> bool:
    if subject.status == status:
        return False
    before = subject.status
    subject.status = status
    subject.save(update_fields=["status"])
    log_action(
        subject,
        f"courses.{subject._meta.model_name}.{status}",
        actor=actor,
        reason=reason.strip(),
        data={"from": before, "to": status, **(data or {})},
    )
    return True


@transaction.atomic
def publish_programme(*, programme: Programme, actor, reason: str = "") -> list[Module]:
    """Publish a draft or retired programme together with its draft modules; returns the
    modules this made visible. Publishing what is published changes nothing."""
    _check(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    drafts = list(programme.modules.filter(status=Lifecycle.DRAFT).order_by("position", "slug"))
    if (
        programme.status != Lifecycle.PUBLISHED
        and not programme.modules.exclude(status=Lifecycle.RETIRED).exists()
    ):
        raise CourseError(_("Add a module to the programme before publishing it."))
    for module in drafts:
        _change(module, Lifecycle.PUBLISHED, actor=actor, reason=reason)
    _change(
        programme,
        Lifecycle.PUBLISHED,
        actor=actor,
        reason=reason,
        data={"modules": [module.slug for module in drafts]},
    )
    return drafts


@transaction.atomic
def retire_programme(*, programme: Programme, actor, reason: str = "") -> bool:
    """Take a programme out of the catalogue; enrolments, progress and credentials stay."""
    _check(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status == Lifecycle.DRAFT:
        raise CourseError(_("A draft is not in the catalogue; there is nothing to retire."))
    return _change(programme, Lifecycle.RETIRED, actor=actor, reason=reason)


@transaction.atomic
def publish_module(*, module: Module, actor, reason: str = "") -> bool:
    """Publish one draft or retired module (it shows once its programme is published too)."""
    _check(actor)
    module = Module.objects.select_for_update().get(pk=module.pk)
    return _change(module, Lifecycle.PUBLISHED, actor=actor, reason=reason)


@transaction.atomic
def retire_module(*, module: Module, actor, reason: str = "") -> bool:
    """Take one module out of the catalogue; whoever is enrolled keeps it."""
    _check(actor)
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.status == Lifecycle.DRAFT:
        raise CourseError(_("A draft is not in the catalogue; there is nothing to retire."))
    return _change(module, Lifecycle.RETIRED, actor=actor, reason=reason)
