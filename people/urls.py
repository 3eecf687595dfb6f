from django.urls import path

from . import views

urlpatterns = [
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
]
