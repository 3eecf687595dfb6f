"""The caller's own learning: profile, enrolments and progress, required training, policy
acknowledgement and credentials."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from certification import selectors as certification
from courses import selectors as courses
from courses import services as course_services
from policies import selectors as policies
from policies import services as policy_services

from .auth import writes
from .language import language_of
from .pagination import PageParams, page_of, paginate_list, paginate_queryset
from .problems import ERRORS, not_found
from .schemas import (
    AcknowledgeIn,
    AcknowledgementOut,
    CredentialOut,
    EnrolIn,
    EnrolmentOut,
    LanguageParams,
    MeOut,
    RequiredTrainingOut,
    credential_out,
    enrolment_out,
    me_out,
    module_out,
    module_ref,
    standing_out,
)

router = Router(tags=["me"])


@router.get("/me", response={200: MeOut, **ERRORS})
def get_me(request: HttpRequest):
    """Who you are to the academy: your unit and roles."""
    return me_out(request.user, request.api_token)


@router.get("/me/enrolments", response={200: page_of(EnrolmentOut), **ERRORS})
def list_my_enrolments(
    request: HttpRequest, page: Query[PageParams], options: Query[LanguageParams]
):
    """Your enrolments with progress and the step to resume at, oldest enrolment first."""
    language = language_of(request, options.language)
    found = paginate_list(courses.my_learning(request.user), page, key=lambda i: (i.enrolment.pk,))
    return {
        "items": [enrolment_out(item, language) for item in found.items],
        "next_cursor": found.next_cursor,
    }


@router.post("/me/enrolments", response={200: EnrolmentOut, 201: EnrolmentOut, **ERRORS})
@writes
def enrol(request: HttpRequest, payload: EnrolIn, options: Query[LanguageParams]):
    """Enrol in a module (201), or get the enrolment you already have (200)."""
    module = courses.module_by_slug(payload.module, request.user)
    if module is None:
        raise not_found()
    existed = courses.enrolment_in(request.user, module) is not None
    enrolment = course_services.enrol(person=request.user, module=module, language=payload.language)
    item = next(i for i in courses.my_learning(request.user) if i.enrolment.pk == enrolment.pk)
    return Status(
        200 if existed else 201, enrolment_out(item, language_of(request, options.language))
    )


@router.post(
    "/me/enrolments/{module}/lessons/{lesson}/steps/{step}/done",
    response={200: EnrolmentOut, **ERRORS},
)
@writes
def complete_step(
    request: HttpRequest, module: str, lesson: str, step: str, options: Query[LanguageParams]
):
    """Mark a step done that learners complete themselves (text, video; idempotent). Other
    kinds are done by what happens on their page: a quiz passed, an assignment approved, a
    session attended, the policy acknowledged."""
    found = courses.module_by_slug(module, request.user)
    target = courses.step_for(found, lesson_slug=lesson, step_slug=step) if found else None
    if target is None:
        raise not_found()
    enrolment = course_services.mark_step_done(person=request.user, step=target)
    item = next(i for i in courses.my_learning(request.user) if i.enrolment.pk == enrolment.pk)
    return enrolment_out(item, language_of(request, options.language))


@router.get("/me/required-training", response={200: RequiredTrainingOut, **ERRORS})
def get_my_required_training(request: HttpRequest, options: Query[LanguageParams]):
    """What the academy asks of you: the current policy, the foundation modules, and the
    training required of you with its due dates."""
    language = language_of(request, options.language)
    foundation = [
        module
        for module in courses.catalogue_for(request.user)
        if module.is_foundation and module.state != "completed"
    ]
    return {
        "policy": standing_out(policies.standing_of(request.user)),
        "foundation": [module_out(module, language) for module in foundation],
        "assigned": [
            {
                "module": module_ref(item.module, language),
                "due_on": item.due,
                "overdue": item.is_overdue,
                "progress_percent": item.percent,
            }
            for item in courses.required_training(request.user)
        ],
    }


@router.post(
    "/me/policy-acknowledgements",
    response={200: AcknowledgementOut, 201: AcknowledgementOut, **ERRORS},
)
@writes
def acknowledge_policy(request: HttpRequest, payload: AcknowledgeIn):
    """Acknowledge the social media policy (201), or get the acknowledgement you made (200)."""
    if payload.version:
        version = policies.published_version(payload.version)
        if version is None:
            raise not_found()
    else:
        version = policies.current_version()
    existed = version is not None and policies.acknowledgement_of(request.user, version) is not None
    acknowledgement = policy_services.acknowledge(
        person=request.user, version=version, language=payload.language
    )
    return Status(
        200 if existed else 201,
        {
            "version": acknowledgement.version.number,
            "language": acknowledgement.language,
            "acknowledged_at": acknowledgement.acknowledged_at,
        },
    )


@router.get("/me/credentials", response={200: page_of(CredentialOut), **ERRORS})
def list_my_credentials(
    request: HttpRequest, page: Query[PageParams], options: Query[LanguageParams]
):
    """Your credentials, newest first, with their status now."""
    language = language_of(request, options.language)
    found = paginate_queryset(
        certification.credentials_of(request.user), page, ordering=("-issued_at", "-id")
    )
    return {
        "items": [credential_out(c, language) for c in found.items],
        "next_cursor": found.next_cursor,
    }
