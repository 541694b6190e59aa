"""The errors of the one form a request failed on, tied to the fields they are about.

Each error names the DOM id of its field (`target`), so the page can show it next to the
field (`<target>_error`, the id Django's own widgets name in aria-describedby) and list it
in an error summary at the top of the form, as a link to the field (GOV.UK pattern).
Errors about the form as a whole have no target: the summary, at the top of the form,
is their place.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

NON_FIELD = "__all__"


@dataclass
class FormErrors:
    form: str
    items: list[tuple[str, str]] = field(default_factory=list)
    values: dict = field(default_factory=dict)

    @classmethod
    def build(cls, form: str, errors, *, targets: dict[str, str], values=None) -> "FormErrors":
        """`errors`: a form's `errors`, a ValidationError or a list of messages;
        `targets`: field name → DOM id; a name without a target is about the whole form."""
        if isinstance(errors, ValidationError):
            errors = errors.message_dict if hasattr(errors, "error_dict") else errors.messages
        if not isinstance(errors, dict):
            errors = {NON_FIELD: list(errors)}
        items = []
        # Fields in the order of the form, then what is about the form as a whole.
        for name in [*targets, *errors]:
            if name in errors and not any(n == name for n, _m in items):
                items.extend((name, str(message)) for message in errors[name])
        resolved = [(targets.get(name, ""), message) for name, message in items]
        return cls(form=form, items=resolved, values=dict(values or {}))

    def for_target(self, target: str) -> list[str]:
        return [message for t, message in self.items if t == target]
