from ctc.registry import site


def navigation(request):
    """The workspace areas the signed-in user's roles open, for the header (from the registry)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    return {"nav": site.nav_for(user)}
