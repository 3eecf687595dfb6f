"""Pages of the api app: a person's API tokens, and the API reference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import reference as api_reference
from . import selectors, services
from .forms import TokenForm


@login_required
def tokens(request):
    """Your personal access tokens: make one (shown once), see when each was used, revoke."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(
                person=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_in_days=form.cleaned_data["expires_in_days"] or None,
                by=request.user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": selectors.tokens_of(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke(request, pk: int):
    token = selectors.token_of(request.user, pk)
    if token is None:
        raise Http404
    services.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token %(name)s no longer works.") % {"name": token.name})
    return redirect("api_tokens")


def reference(request):
    """The API's operations, read from its OpenAPI document (no scripts, no outside assets)."""
    return render(request, "api/reference.html", {"reference": api_reference.build()})
