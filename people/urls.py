from django.urls import path, re_path

from . import views

urlpatterns = [
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
    re_path(r"^scim/v2(?P<path>/.*)?$", views.scim_service, name="scim"),
]
