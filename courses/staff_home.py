"""Home-page sections of the courses app for trainers, champions, leads and the programme team
(registered in academy/home.py); each runs a constant number of queries."""

from core.home import Section

from . import permissions, selectors

NEXT_SESSIONS = 3


def trainer_section(request) -> list[Section]:
    """Assignments waiting for the trainer's review and the next sessions they run."""
    if not permissions.is_trainer(request.user):
        return []
    context = {
        "backlog": selectors.review_backlog(request.user),
        "help_waiting": selectors.help_queue(request.user).count(),
        "sessions": list(selectors.trainer_sessions(request.user, upcoming=True)[:NEXT_SESSIONS]),
    }
    return [Section("courses/staff/home_trainer.html", context, order=15)]


def lead_section(request) -> list[Section]:
    """Requests for training time waiting for the lead's decision."""
    if not permissions.is_unit_lead(request.user):
        return []
    context = {"waiting": selectors.time_approvals_waiting(request.user)}
    return [Section("courses/staff/home_lead.html", context, order=15)]


def programme_section(request) -> list[Section]:
    """The programmes by status (drafts waiting to be published) and the review backlog of
    the whole academy."""
    if not permissions.is_programme_team(request.user):
        return []
    context = {"backlog": selectors.review_backlog(request.user)}
    return [
        Section(
            "courses/staff/home_programmes.html",
            {"statuses": selectors.programme_status_counts()},
            order=46,
        ),
        Section("courses/staff/home_programme.html", context, order=47),
    ]
