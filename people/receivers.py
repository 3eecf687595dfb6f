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


def keep_programme_team_group(sender, instance, created, raw=False, **kwargs) -> None:
    """After a person is saved, their membership of the programme team's group follows is_staff."""
    update_fields = kwargs.get("update_fields")
    if raw or (update_fields is not None and "is_staff" not in update_fields):
        return  # a login only writes last_login
    services.sync_programme_team_membership(person=instance)


def grant_programme_team_permissions(sender, app_config, using="default", **kwargs) -> None:
    """After the migrations of an app, its model permissions of the programme team are in place."""
    services.sync_programme_team_permissions(app_label=app_config.label, using=using)
