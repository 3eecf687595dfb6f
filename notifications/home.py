"""The programme home's section of the notifications app: emails that could not be sent."""

from core.home import Section

from . import selectors

SHOWN = 5


def failed_emails_section(request) -> list[Section]:
    failed = selectors.failed_emails()
    shown = list(failed[:SHOWN])
    if not shown:
        return []
    context = {"failed": shown, "total": failed.count()}
    return [Section("notifications/home_failed.html", context, order=40)]
