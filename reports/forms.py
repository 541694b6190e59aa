from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .constants import COPY_COMMITTEE, COPY_STATE


class ReportForm(forms.Form):
    """The choices of a report; services.report_request_make checks them against the data."""

    kind = forms.ChoiceField(label=_("Report"))
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_(
            "Left empty, a State's documents are in its preferred language, others in English."
        ),
    )
    state = forms.CharField(
        label=_("Member State (three-letter code)"), required=False, max_length=3
    )
    period = forms.CharField(
        label=_("Half-year"), required=False, max_length=6, help_text=_("For example 2012H1.")
    )
    copy = forms.ChoiceField(
        label=_("Copy"),
        choices=[
            (COPY_COMMITTEE, _("The Committee's copy (with the cover note)")),
            (COPY_STATE, _("The State's copy")),
        ],
        initial=COPY_COMMITTEE,
        required=False,
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in kinds]
        self.fields["language"].choices = [("", _("Default")), *settings.LANGUAGES]
