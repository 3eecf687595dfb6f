"""Errors that Django answers before the API's own handlers run (a method the path does not
allow, a path that does not exist) are problem details too, like every other API error."""

from .problems import MEDIA_TYPE, problem

PREFIX = "/api/v1/"


class ProblemDetailsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(PREFIX)
            and response.status_code in (404, 405)
            and not response.get("Content-Type", "").startswith(MEDIA_TYPE)
            and not request.path.startswith(PREFIX + "reference/")
        ):
            allow = response.get("Allow")
            response = problem(response.status_code, headers={"Allow": allow} if allow else None)
        return response
