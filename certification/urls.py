from django.urls import path

from . import views

urlpatterns = [
    path("verify/<str:code>/", views.verify_page, name="credential_verify"),
    path("verify/<str:code>/certificate.pdf", views.certificate_pdf, name="credential_pdf"),
    path("verify/<str:code>/credential.json", views.credential_json, name="credential_json"),
    path("verify/<str:code>/credential.jwt", views.credential_jwt, name="credential_jwt"),
    path("verify/<str:code>/badge.png", views.badge_png, name="credential_badge"),
    path("verify/<str:code>/signature.png", views.signature_png, name="credential_signature"),
    path(".well-known/did.json", views.did_json, name="did_json"),
    path(
        "credentials/status/<str:purpose>-<int:number>",
        views.status_list,
        name="credential_status_list",
    ),
    path("credentials/mine/", views.my_credentials, name="my_credentials"),
    path("credentials/nominate/", views.nominate, name="credential_nominate"),
    path("credentials/nominations/", views.nomination_queue, name="credential_nominations"),
    path(
        "credentials/nominations/<int:pk>/decide/",
        views.decide_nomination,
        name="credential_decide",
    ),
]
