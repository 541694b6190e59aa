from ctc.accounts.enums import Role


def navigation(request):
    """Which workspace areas the signed-in user's roles open, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    from assessments.permissions import scope_is_possible

    return {
        "nav": {
            "assessments": scope_is_possible(user),
            "secure": Role.FOCAL_POINT in user.roles and bool(user.member_state_id),
        }
    }
