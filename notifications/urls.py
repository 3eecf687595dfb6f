from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/", views.open_notification, name="open"),
    path("notifications/read", views.mark_all_read, name="mark_all_read"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("programme/emails/failed/", views.failed_emails, name="failed"),
    path("programme/emails/failed/<int:pk>/retry", views.retry_email, name="retry"),
]
