from django.urls import path

from . import views

urlpatterns = [
    path("trainer/", views.trainer_home, name="trainer_home"),
    path("lead/", views.lead_home, name="lead_home"),
    path("programme/", views.programme_home, name="programme_home"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
]
