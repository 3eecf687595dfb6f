from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's language choice per request, reset once the response is complete.

    Django leaves the language a request activated active in its thread, so the next piece of
    work on that thread (a request without a language of its own, a task, a test) would run in
    it. A streamed response is produced after this returns: it is produced in its language.
    """

    def __call__(self, request):
        try:
            response = super().__call__(request)
            if response.streaming:
                response.streaming_content = _in_language(
                    response.streaming_content, translation.get_language()
                )
            return response
        finally:
            translation.deactivate()


def _in_language(chunks, language):
    with translation.override(language):
        yield from chunks


class PreferredLanguageMiddleware:
    """Show a signed-in person the academy in their preferred language.

    An explicit choice in the language switch (the cookie) wins; it also updates the preference.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
