"""A small cache-based rate limit for the public verification endpoints (per client address).

With REDIS_URL set the counts are shared by every web process; otherwise they are per process.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        limit = getattr(settings, "ACADEMY_VERIFY_RATE_LIMIT", 60)
        window = int(time.time() // 60)
        key = f"certification:rl:{client_address(request)}:{window}"
        if cache.add(key, 1, 70):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:
                cache.set(key, 1, 70)
                count = 1
        if count > limit:
            response = render(request, "certification/rate_limited.html", status=429)
            response["Retry-After"] = str(60 - int(time.time()) % 60)
            return response
        return view(request, *args, **kwargs)

    return wrapped
