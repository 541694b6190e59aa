"""The filters of the visits' lists, for pages and the API alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.states.models import MemberState

from .enums import ConsentStatus, VisitStatus


def _blank(choices):
    return [("", _("Any")), *choices]


class VisitFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search reference, State or purpose"), max_length=200, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_blank(VisitStatus.choices), required=False
    )
    consent = forms.ChoiceField(
        label=_("State's consent"), choices=_blank(ConsentStatus.choices), required=False
    )
    state = forms.CharField(label=_("State (ISO code)"), max_length=3, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    joint = forms.ChoiceField(
        label=_("Joint visits"),
        choices=[("", _("Any")), ("yes", _("Joint only")), ("no", _("CTED only"))],
        required=False,
    )
    mine = forms.BooleanField(label=_("Only my visits"), required=False)

    def clean_state(self):
        code = self.cleaned_data["state"].strip().upper()
        if not code:
            return None
        state = (
            MemberState.objects.filter(iso3=code).first()
            or MemberState.objects.filter(iso2=code).first()
        )
        if state is None:
            raise forms.ValidationError(_("No member state has this code."))
        return state

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data["q"].strip(),
            "status": data["status"],
            "consent": data["consent"],
            "state": data["state"],
            "year": data["year"],
            "joint": {"yes": True, "no": False}.get(data["joint"]),
            "mine": data["mine"],
        }
