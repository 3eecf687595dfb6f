from django.urls import path, register_converter

from . import views


class VersionNumber:
    """A version number in a URL: major.minor, e.g. 2.0."""

    regex = r"[0-9]{1,4}\.[0-9]{1,4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(VersionNumber, "policy_version")

app_name = "policies"

urlpatterns = [
    path("policy/", views.current, name="current"),
    path("policy/history/", views.history, name="history"),
    path("policy/compare/", views.compare, name="compare"),
    path("policy/acknowledge/", views.acknowledge, name="acknowledge"),
    path("policy/coverage/", views.coverage, name="coverage"),
    path("policy/manage/", views.manage, name="manage"),
    path("policy/manage/new/", views.new_draft, name="new_draft"),
    path("policy/manage/<int:pk>/", views.preview, name="preview"),
    path("policy/manage/<int:pk>/edit/", views.edit_draft, name="edit_draft"),
    path("policy/manage/<int:pk>/publish/", views.publish, name="publish"),
    path("policy/manage/<int:pk>/discard/", views.discard, name="discard"),
    path("policy/<policy_version:number>/", views.version_detail, name="version"),
    path("policy/<policy_version:number>/policy.pdf", views.version_pdf, name="pdf"),
]
