"""Reads of the api app: a person's personal access tokens."""

from django.db.models import QuerySet

from .models import ApiToken


def tokens_of(person) -> QuerySet[ApiToken]:
    """A person's tokens, newest first, revoked and expired ones included (for the record)."""
    return ApiToken.objects.filter(person=person).order_by("-created_at", "-id")


def token_of(person, token_id: int) -> ApiToken | None:
    """One of the person's own tokens; None for anyone else's (it is not theirs to see)."""
    return ApiToken.objects.filter(person=person, pk=token_id).first()
