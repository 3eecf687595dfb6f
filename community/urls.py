from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("champions/", views.champions, name="champions"),
    path("champions/nominate/", views.nominate, name="nominate"),
    path("champions/<int:pk>/decide/", views.decide, name="decide"),
    path("champions/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("champions/stuck/", views.stuck_learners, name="stuck"),
    path("champions/colleagues/", views.colleagues, name="colleagues"),
    path("champions/nudge/<int:person_id>/", views.send_nudge, name="nudge"),
    path("awareness/", views.sessions, name="sessions"),
    path("awareness/new/", views.record_session, name="record_session"),
    path("awareness/reach/", views.reach, name="reach"),
    path("kudos/", views.kudos_wall, name="kudos"),
    path("kudos/give/", views.give_kudos, name="give_kudos"),
    path("kudos/<int:pk>/hide/", views.moderate_kudos, {"action": "hide"}, name="hide_kudos"),
    path(
        "kudos/<int:pk>/restore/", views.moderate_kudos, {"action": "restore"}, name="restore_kudos"
    ),
    path("kudos/moderation/", views.kudos_moderation, name="kudos_moderation"),
    path("kudos/featured/", views.feature, name="feature"),
    path("colleagues/<int:pk>/", views.colleague, name="colleague"),
    path("survey/", views.survey, name="survey"),
    path("survey/results/", views.survey_results, name="survey_results"),
    path("topics/", views.topics, name="topics"),
    path("topics/new/", views.topic_form, name="new_topic"),
    path("topics/<int:pk>/edit/", views.topic_form, name="edit_topic"),
    path("topics/calendar.ics", views.calendar_feed, name="calendar"),
    path("worksheet/", views.worksheet, name="worksheet"),
    path("worksheet/print/", views.worksheet_print, name="worksheet_print"),
]
