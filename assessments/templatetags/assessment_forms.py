"""Tags that tie a failed form's errors to its fields (see assessments.form_errors)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ..form_errors import FormErrors

register = template.Library()


def _of(errors) -> FormErrors | None:
    """The errors, or None when the page has none (a missing variable renders as "")."""
    return errors if isinstance(errors, FormErrors) else None


def _id(parts) -> str:
    return "".join(str(part) for part in parts)


@register.simple_tag
def form_errors(errors, *parts):
    """{% form_errors errors "answer-" pk as ferr %}: the errors if they are this form's."""
    errors = _of(errors)
    return errors if errors is not None and errors.form == _id(parts) else None


@register.simple_tag
def invalid(errors, *parts):
    """aria-invalid and aria-describedby for a field with errors, nothing otherwise."""
    target, errors = _id(parts), _of(errors)
    if errors is None or not errors.for_target(target):
        return ""
    return format_html(' aria-invalid="true" aria-describedby="{}_error"', target)


@register.simple_tag
def field_error(errors, *parts):
    """The errors of one field, next to it, under the id its aria-describedby names."""
    target, errors = _id(parts), _of(errors)
    messages = errors.for_target(target) if errors is not None else []
    if not messages:
        return ""
    return format_html(
        '<p class="field-error" id="{}_error">{}</p>',
        target,
        format_html_join(
            "",
            '<span class="error-message"><span class="visually-hidden">{}</span> {}</span>',
            ((_("Error:"), message) for message in messages),
        ),
    )


@register.inclusion_tag("assessments/_error_summary.html")
def error_summary(errors, level=2):
    """The GOV.UK error summary at the top of a form; editor.js moves the focus to it."""
    return {"errors": _of(errors), "level": level}
