from . import permissions


def roles(request):
    """The signed-in person's roles, for navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"roles": []}
    return {"roles": permissions.roles_of(user)}
