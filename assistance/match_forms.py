"""The forms of the match pages: the list's filters (pages and API alike), proposing a
match by hand, one step of the lifecycle, and the regional matrix's level."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea

from . import match_selectors
from .enums import MatchStatus
from .match_constants import MAX_COMMENT, MAX_OUTCOME


def _blank(choices):
    return [("", _("Any")), *choices]


class MatchFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=_blank(MatchStatus.choices), required=False
    )
    thematic_area = forms.ModelChoiceField(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.order_by("position", "pk"),
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
    )
    state = forms.CharField(label=_("State (ISO code)"), max_length=3, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the providers of the offers in the user's scope: a donor sees no other.
        self.fields["provider"].queryset = match_selectors.provider_choice_list(user=user)
        self.fields["thematic_area"].error_messages["invalid_choice"] = _(
            "No thematic area has this code."
        )
        self.fields["provider"].error_messages["invalid_choice"] = _(
            "No provider in your scope has this code."
        )

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
            "status": data["status"],
            "thematic_area": data["thematic_area"],
            "provider": data["provider"],
            "state": data["state"],
        }


class NeedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.state.name} — {obj.thematic_area.name} ({obj.get_priority_display()})"


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.provider.name}"


class MatchProposeForm(forms.Form):
    need = NeedChoiceField(label=_("Need"), queryset=None)
    offer = OfferChoiceField(label=_("Programme"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = match_selectors.need_candidate_list(user=user)
        self.fields["offer"].queryset = match_selectors.offer_candidate_list(user=user)
        self.fields["need"].error_messages.update(
            required=_("Choose a need."), invalid_choice=_("Choose a need from the list.")
        )
        self.fields["offer"].error_messages.update(
            required=_("Choose a programme."),
            invalid_choice=_("Choose a programme from the list."),
        )


class StepForm(forms.Form):
    """One step of a match; the outcome and need_met count for the evaluation only."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=MAX_OUTCOME,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    need_met = forms.TypedChoiceField(
        label=_("Is the need met?"),
        choices=[("", _("Choose")), ("yes", _("Yes, the need is met")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )


class MatrixForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Columns"),
        choices=[(level, label) for level, label in match_selectors.LEVEL_LABELS.items()],
        required=False,
        error_messages={"invalid_choice": _("Choose the columns from the list.")},
    )

    def clean_level(self):
        return self.cleaned_data["level"] or match_selectors.LEVELS[0]
