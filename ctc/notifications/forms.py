from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.accounts.enums import NotificationMode


class NotificationModeForm(forms.Form):
    notification_mode = forms.ChoiceField(
        label=_("E-mail me"),
        choices=NotificationMode.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how to receive e-mails."),
            "invalid_choice": _("Choose how to receive e-mails."),
        },
    )
