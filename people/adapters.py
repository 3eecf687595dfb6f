from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """People arrive through the HR roster or single sign-on; open signup only when configured."""

    def is_open_for_signup(self, request) -> bool:
        return settings.ACADEMY_OPEN_SIGNUP


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on through the company's identity provider, the one every provider here is.

    Its email addresses are taken as verified, so a first sign-in links the person with that
    address; someone it vouches for but the academy does not know yet is created.
    """

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def authenticate_by_email(self, sociallogin):
        for address in sociallogin.email_addresses:
            address.email = address.email.strip().lower()
            address.verified = True
        return super().authenticate_by_email(sociallogin)

    def populate_user(self, request, sociallogin, data):
        person = super().populate_user(request, sociallogin, data)
        person.email = (person.email or "").strip().lower()
        return person
