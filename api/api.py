"""The REST API at /api/v1/: one django-ninja API made of a router per resource group.

Everything the API does goes through the apps' selectors and services, like the pages do;
this package only reads requests, checks roles and scopes, and shapes answers.
"""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from ninja import NinjaAPI

from . import catalogue, credentials, me, staff
from .auth import AUTH
from .problems import HANDLERS, MEDIA_TYPE

DESCRIPTION = """The Social Media Academy's REST API: the catalogue, your own learning and
credentials and, for the programme team and unit leads, people, units, credentials and adoption
figures.

Authenticate with a personal access token (`Authorization: Bearer sma_...`, made on your API
tokens page or with `academy api-token`) or with the browser's session (writes need the CSRF
token). Lists are paged with cursors (`cursor`, `limit`) and carry an `ETag`; errors are RFC 9457
problem details (`application/problem+json`)."""


class AcademyAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        patch_vary_headers(response, ["Authorization", "Cookie", "Accept-Language"])
        response["Cache-Control"] = "private, no-cache"
        if request.method in {"GET", "HEAD"} and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            wanted = parse_etags(request.headers.get("If-None-Match", ""))
            if etag in wanted or "*" in wanted:
                not_modified = HttpResponseNotModified()
                for header in ("ETag", "Vary", "Cache-Control"):
                    not_modified[header] = response[header]
                return not_modified
        return response

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # Errors are problem details: say so, so clients and checkers expect the right type.
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {MEDIA_TYPE: content["application/json"]}
        return schema


api = AcademyAPI(
    title="Social Media Academy API",
    version="1",
    description=DESCRIPTION,
    auth=AUTH,
    urls_namespace="api",
    docs_url=None,
)
for exception, handler in HANDLERS:
    api.add_exception_handler(exception, handler)
api.add_router("", catalogue.router)
api.add_router("", me.router)
api.add_router("", staff.router)
api.add_router("", credentials.router)
