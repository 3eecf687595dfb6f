"""Who is calling: a personal access token (Authorization: Bearer) or the browser's session.

A token acts as its person within its scope (read or write); a session acts with the person's
full rights and needs Django's CSRF token for writes, like every form in the academy. Both are
rate limited per token or person, counted in Django's cache, which every web process shares
once REDIS_URL is set.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from . import services
from .problems import RateLimited

WINDOW_SECONDS = 60


def _count_request(key: str) -> None:
    """Count one request in the current minute for `key`; refuse beyond the limit."""
    limit = settings.ACADEMY_API_RATE_LIMIT
    now = time.time()
    cache_key = f"api:rl:{key}:{int(now // WINDOW_SECONDS)}"
    if cache.add(cache_key, 1, WINDOW_SECONDS + 10):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, WINDOW_SECONDS + 10)
            count = 1
    if count > limit:
        raise RateLimited(retry_after=WINDOW_SECONDS - int(now) % WINDOW_SECONDS)


class TokenAuth(HttpBearer):
    """A personal access token; a wrong, expired or revoked one is refused outright."""

    def authenticate(self, request, token: str):
        api_token = services.use_token(secret=token.strip())
        if api_token is None:
            raise AuthenticationError()
        request.user = api_token.person
        request.api_token = api_token
        _count_request(f"token:{api_token.pk}")
        return api_token.person


class SessionAuth(NinjaSessionAuth):
    """The browser's session (CSRF checked on writes), for the academy's own pages and scripts."""

    def _get_key(self, request):
        # Without a session cookie there is nothing to check CSRF for: answer 401, not 403.
        if not request.COOKIES.get(self.param_name):
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if not (request.user.is_authenticated and request.user.is_active):
            return None
        request.api_token = None
        _count_request(f"person:{request.user.pk}")
        return request.user


AUTH = [TokenAuth(), SessionAuth()]


def writes(operation):
    """Mark an operation as a write: a read-only token is refused (403)."""

    @wraps(operation)
    def wrapped(request, *args, **kwargs):
        token = getattr(request, "api_token", None)
        if token is not None and not token.can_write:
            raise PermissionDenied(_("This token may only read; make one with the write scope."))
        return operation(request, *args, **kwargs)

    return wrapped
