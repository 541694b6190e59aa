from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .forms import NotificationModeForm


def _list_page(request, form, status=200):
    page = selectors.notification_page(user=request.user, number=request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "form": form}, status=status)


@login_required
@require_GET
def notification_list(request):
    form = NotificationModeForm(initial={"notification_mode": request.user.notification_mode})
    return _list_page(request, form)


@login_required
@require_GET
def notification_open(request, pk):
    """Marks the notification read and goes where it leads, in the page's language."""
    notification = selectors.notification_get(user=request.user, pk=pk)
    services.notification_read(notification=notification, by=request.user)
    url = notification.url_in(get_language())
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(url)


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(by=request.user)
    messages.success(
        request,
        ngettext(
            "{n} notification marked as read.", "{n} notifications marked as read.", count
        ).format(n=count),
    )
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mode_set(request):
    form = NotificationModeForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    services.notification_mode_set(
        user=request.user, mode=form.cleaned_data["notification_mode"], by=request.user
    )
    messages.success(request, _("Your e-mail preference is saved."))
    return redirect("notifications:list")
