from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.numbers import parse_int


class RequestSizeLimitMiddleware:
    """Refuse a request body above the limit before anything reads it.

    Django streams uploaded files to disk before a form can check their size, so a 300 MB
    upload would be read in full before "at most 10 MB" is said. The declared length is checked
    first instead: 413 at once, nothing read. The admin, where the programme team uploads video
    files, has a larger limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        length = parse_int(declared)
        limit = (
            settings.ACADEMY_MAX_ADMIN_REQUEST_BYTES
            if request.path.startswith("/admin/")
            else settings.ACADEMY_MAX_REQUEST_BYTES
        )
        if length is None or length > limit:
            return HttpResponse(
                _("The request is too large: at most %(mb)d MB can be sent at once.")
                % {"mb": limit // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
