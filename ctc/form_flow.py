"""The one form sequence of the site's pages: valid input goes to the service, the service's
refusal comes back on the form (400), success is said and redirects to what was saved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's error on its field when the form has it, on the form otherwise."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_submit(request, form, save, *, success: str, template: str, context: dict):
    """`save(cleaned_data)` on a valid POST, then a redirect to what it returns; otherwise
    the page with the form (400 after a refused POST)."""
    posted = request.method == "POST"
    if posted and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(saved)
    return render(request, template, {**context, "form": form}, status=400 if posted else 200)
