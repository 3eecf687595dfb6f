from django.conf import settings
from django.core.checks import Error, register


@register()
def password_login_needs_single_sign_on(app_configs, **kwargs):
    """With password login off and no single sign-on configured, nobody could sign in."""
    if settings.ACADEMY_PASSWORD_LOGIN or any(
        provider.get("APPS") for provider in settings.SOCIALACCOUNT_PROVIDERS.values()
    ):
        return []
    return [
        Error(
            "ACADEMY_PASSWORD_LOGIN is off but no single sign-on is configured: nobody can sign in.",
            hint="Set OIDC_SERVER_URL (or SAML_METADATA_URL), or turn password login back on.",
            id="people.E001",
        )
    ]
