import functools

from . import selectors


def notifications(request):
    """The signed-in user's unread count for the header: one query, made only when a
    template shows it (htmx fragments do not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def unread() -> int:
        return selectors.unread_count(user=user)

    return {"notifications_unread": unread}
