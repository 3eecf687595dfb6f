"""Receivers of other libraries' signals; each calls one service of people."""

from . import services


def claims_of(extra_data: dict) -> dict:
    """The claims of a single sign-on: OIDC keeps the ID token and userinfo, SAML attributes."""
    if "userinfo" in extra_data or "id_token" in extra_data:
        return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}
    return extra_data


def map_sso_claims(sender, request, user, sociallogin=None, **kwargs) -> None:
    """After a single sign-on, set the person's unit and roles from the provider's claims."""
    if sociallogin is None:
        return
    services.apply_sso_claims(person=user, claims=claims_of(sociallogin.account.extra_data or {}))
