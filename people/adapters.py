from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """People arrive through the HR roster or single sign-on; open signup only when configured."""

    def is_open_for_signup(self, request) -> bool:
        return settings.ACADEMY_OPEN_SIGNUP
