from django.urls import path  # noqa: F401 - used by both blocks below

from .views import learning, programmes, staff  # noqa: F401

app_name = "courses"

# -- learner pages (courses/views/learning.py) ---------------------------------------------------
learning_urls: list = [
    path("learn/catalogue/", learning.catalogue, name="catalogue"),
    path("learn/modules/<slug:slug>/", learning.module, name="module"),
    path("learn/modules/<slug:slug>/enrol", learning.enrol, name="enrol"),
    path(
        "learn/programmes/<slug:slug>/time-approval",
        learning.request_time_approval,
        name="request_time_approval",
    ),
    path("learn/modules/<slug:slug>/<slug:lesson>/<slug:step>/", learning.step, name="step"),
    path(
        "learn/modules/<slug:slug>/<slug:lesson>/<slug:step>/done",
        learning.step_done,
        name="step_done",
    ),
    path(
        "learn/modules/<slug:slug>/<slug:lesson>/<slug:step>/help",
        learning.ask_for_help,
        name="ask_for_help",
    ),
    path("learn/bookings/", learning.bookings, name="bookings"),
    path("learn/covers/<str:kind>/<slug:slug>", learning.cover, name="cover"),
    path("learn/bookings/<int:pk>/cancel", learning.cancel_booking, name="cancel_booking"),
    path("learn/bookings/<int:pk>.ics", learning.booking_ics, name="booking_ics"),
    path("learn/submissions/<int:pk>/file", learning.submission_file, name="submission_file"),
]

# -- staff pages (courses/views/staff.py) ---------------------------------------------------------
staff_urls: list = [
    path("trainer/reviews/", staff.review_queue, name="review_queue"),
    path("trainer/reviews/<int:pk>/", staff.review, name="review"),
    path("trainer/reviews/<int:pk>/file", staff.review_file, name="review_file"),
    path("trainer/help/", staff.help_queue, name="help_queue"),
    path(
        "trainer/help/<int:person>/<int:step>/",
        staff.learner_on_step,
        name="learner_on_step",
    ),
    path("trainer/sessions/", staff.my_sessions, name="my_sessions"),
    path("trainer/sessions/<int:pk>/", staff.session_roster, name="session_roster"),
    path("lead/time-approvals/", staff.time_approvals, name="time_approvals"),
    path(
        "lead/time-approvals/<int:pk>/decide",
        staff.decide_time_approval,
        name="decide_time_approval",
    ),
    path("lead/required-training/", staff.requirements, name="requirements"),
    path(
        "lead/required-training/<int:pk>/remove",
        staff.remove_requirement,
        name="remove_requirement",
    ),
]

# -- the programme team's programmes (courses/views/programmes.py) --------------------------------
programme_urls: list = [
    path("programme/programmes/", programmes.programmes, name="programmes"),
    path("programme/programmes/<slug:slug>/", programmes.programme, name="programme"),
    path("programme/programmes/<slug:slug>/publish", programmes.publish, name="publish"),
    path("programme/programmes/<slug:slug>/retire", programmes.retire, name="retire"),
    path("programme/programmes/<slug:slug>/export", programmes.export, name="export"),
    path(
        "programme/programmes/<slug:slug>/modules/<slug:module>/publish",
        programmes.publish_module,
        name="publish_module",
    ),
    path(
        "programme/programmes/<slug:slug>/modules/<slug:module>/retire",
        programmes.retire_module,
        name="retire_module",
    ),
    path("programme/import/", programmes.import_programme, name="import_programme"),
    path("programme/import/<uuid:pk>/", programmes.import_review, name="import_review"),
]

urlpatterns = learning_urls + staff_urls + programme_urls
