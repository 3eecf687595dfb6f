from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("insights/", views.dashboard, name="dashboard"),
    path("insights/people/", views.people, name="people"),
    path("insights/people/bulk", views.bulk_action, name="bulk_action"),
    path("insights/bulk/<int:pk>/", views.bulk_status, name="bulk_status"),
    path("insights/export/<str:table>.<str:fmt>", views.export, name="export"),
    path("insights/exports/<int:pk>/", views.export_status, name="export_status"),
    path("insights/exports/<int:pk>/download", views.export_download, name="export_download"),
    path("insights/exports/<int:pk>/retry", views.export_retry, name="export_retry"),
]
