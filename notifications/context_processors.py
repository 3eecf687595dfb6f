from functools import cache

from . import selectors


def unread(request):
    """The header's unread count, counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:
        return selectors.unread_count(user)

    return {"unread_notifications": count}
