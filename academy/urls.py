from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from people import views as people_views

from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("learn/", views.learner_home, name="learner_home"),
    path("trainer/", views.trainer_home, name="trainer_home"),
    path("lead/", views.lead_home, name="lead_home"),
    path("programme/", views.programme_home, name="programme_home"),
    path("healthz", views.healthz, name="healthz"),
    path("status/", views.status_page, name="status"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("design/", views.design, name="design"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/login/", people_views.admin_login),
    path("admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("policies.urls")),
    path("", include("courses.urls")),
    path("", include("community.urls")),
    path("", include("certification.urls")),
    path("", include("notifications.urls")),
    path("", include("insights.urls")),
    path("", include("api.urls")),
]

if settings.TASK_BACKEND == "rq":
    # The queues, running and failed jobs (with their tracebacks, to requeue or delete), for
    # the programme team (django-rq's views admit staff only).
    urlpatterns.append(path("programme/queue/", include("django_rq.urls")))

# Public media in every mode (a proxy in front may serve the folder itself); private files have
# no URL here, only permission-checked views.
urlpatterns.append(path("media/<path:path>", views.public_media, name="public_media"))
