"""The forms of the plan's pages: the plan itself and one step of its gates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.states.models import MemberState

from . import selectors
from .services import MAX_COMMENT, MAX_REFERENCE, MAX_TEXT


class DateInput(forms.DateInput):
    input_type = "date"


class TeamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class VisitForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=MemberState.objects.order_by("name"), to_field_name="iso3"
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    purpose = forms.CharField(
        label=_("Purpose"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    objectives = forms.CharField(
        label=_("Objectives"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    human_rights = forms.CharField(
        label=_("Human-rights considerations"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required before the plan goes to the Committee."),
    )
    experts = TeamChoiceField(
        label=_("CTED experts on the team"),
        queryset=selectors.team_candidate_list(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations joining the visit"),
        queryset=selectors.partner_candidate_list(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, visit=None, **kwargs):
        if visit is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "state": visit.state.iso3,
                "starts_on": visit.starts_on,
                "ends_on": visit.ends_on,
                "purpose": visit.purpose,
                "objectives": visit.objectives,
                "human_rights": visit.human_rights,
                "experts": list(visit.experts.all()),
                "partners": list(visit.partners.all()),
            }
        super().__init__(*args, **kwargs)
        for name in ("purpose", "objectives", "human_rights"):
            self.fields[name].max_length = MAX_TEXT
            self.fields[name].validators.append(forms.CharField(max_length=MAX_TEXT).validators[-1])

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "state": data["state"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "purpose": data["purpose"],
            "objectives": data["objectives"],
            "human_rights": data["human_rights"],
            "experts": list(data["experts"]),
            "partners": list(data["partners"]),
        }


class StepForm(forms.Form):
    """One step of the plan or the consent; which fields count depends on the action."""

    dated = forms.DateField(label=_("Date"), required=False, widget=DateInput)
    reference = forms.CharField(label=_("Reference"), max_length=MAX_REFERENCE, required=False)
    answer_due_on = forms.DateField(label=_("Answer expected by"), required=False, widget=DateInput)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
