from django.urls import path

from . import views

urlpatterns = [
    path("verify/<str:code>/", views.verify_page, name="credential_verify"),
    path("verify/<str:code>/certificate.pdf", views.certificate_pdf, name="credential_pdf"),
    path("verify/<str:code>/credential.json", views.credential_json, name="credential_json"),
    path("verify/<str:code>/credential.jwt", views.credential_jwt, name="credential_jwt"),
    path(
        "verify/<str:code>/credential.eddsa.jwt",
        views.credential_jwt_eddsa,
        name="credential_jwt_eddsa",
    ),
    path("verify/<str:code>/badge.png", views.badge_png, name="credential_badge"),
    path("verify/<str:code>/signature.png", views.signature_png, name="credential_signature"),
    # did:web: the .well-known document for a bare host, did.json under a sub-path.
    path(".well-known/did.json", views.did_json, name="did_json"),
    path("did.json", views.did_json, name="did_json_path"),
    path(
        "credentials/status/<str:purpose>-<int:number>",
        views.status_list,
        name="credential_status_list",
    ),
    path("credentials/issuer.json", views.issuer_profile, name="credential_issuer"),
    # Wallets: OpenID for Verifiable Credential Issuance, pre-authorised code flow.
    path(
        ".well-known/openid-credential-issuer",
        views.credential_issuer_metadata,
        name="wallet_issuer_metadata",
    ),
    path(
        ".well-known/oauth-authorization-server",
        views.authorization_server_metadata,
        name="wallet_authorization_server",
    ),
    path("credentials/wallet/token", views.wallet_token, name="wallet_token"),
    path("credentials/wallet/nonce", views.wallet_nonce, name="wallet_nonce"),
    path("credentials/wallet/credential", views.wallet_credential, name="wallet_credential"),
    path("credentials/mine/<str:code>/wallet/", views.wallet_offer, name="wallet_offer"),
    path("credentials/mine/", views.my_credentials, name="my_credentials"),
    path("credentials/mine/clr.json", views.learner_record, name="learner_record"),
    path("credentials/nominate/", views.nominate, name="credential_nominate"),
    path("credentials/nominations/", views.nomination_queue, name="credential_nominations"),
    path(
        "credentials/nominations/<int:pk>/decide/",
        views.decide_nomination,
        name="credential_decide",
    ),
    path("credentials/export/", views.export_list, name="credential_export"),
    path("credentials/export/<int:pk>/", views.export_detail, name="credential_export_detail"),
    path(
        "credentials/export/<int:pk>/download",
        views.export_download,
        name="credential_export_download",
    ),
    # Last: any other /credentials/<slug>/ is an achievement page (models.RESERVED_SLUGS).
    path("credentials/<slug:slug>/", views.achievement_page, name="credential_achievement"),
    path("credentials/<slug:slug>/badge.png", views.achievement_image, name="credential_image"),
]
