from django.conf import settings
from django.utils import translation


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
