from ctc.registry import site


def navigation(request):
    """The header's links, from the registry: the public site's for everyone, and the
    workspace areas the signed-in user's roles open."""
    user = getattr(request, "user", None)
    public_nav = site.public_nav_for(user)
    if user is None or not user.is_authenticated:
        return {"nav": [], "public_nav": public_nav}
    return {"nav": site.nav_for(user), "public_nav": public_nav}
