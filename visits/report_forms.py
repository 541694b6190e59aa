"""Input shape of the report's forms; limits from constants, the checks in report_services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import MAX_REPORT_COMMENT, MAX_REPORT_SECTION
from .enums import VisitAction

REPORT_ACTIONS = [
    VisitAction.SUBMIT_REPORT,
    VisitAction.REPORT_TO_COMMITTEE,
    VisitAction.APPROVE_REPORT,
    VisitAction.RETURN_REPORT,
    VisitAction.TRANSMIT_REPORT,
]


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), required=False, strip=False, max_length=MAX_REPORT_SECTION * 2
    )
    revision = forms.IntegerField(min_value=0)


class SuggestionForm(forms.Form):
    section = forms.IntegerField(min_value=1)
    proposed_text = forms.CharField(label=_("Suggested wording"), strip=False)
    note = forms.CharField(label=_("Why (optional)"), required=False)
    revision = forms.IntegerField(min_value=0, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why is it rejected?"), max_length=MAX_REPORT_COMMENT)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a.value, a.label) for a in REPORT_ACTIONS],
        error_messages={"invalid_choice": _("Choose an action from the list.")},
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=MAX_REPORT_COMMENT)
