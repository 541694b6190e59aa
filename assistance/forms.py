"""The input shape of the needs' and offers' pages; the services validate what they mean."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.states.enums import OfficialLanguage
from ctc.states.models import MemberState, Region, Subregion
from ctc.themes.models import ThematicArea

from . import selectors
from .constants import MAX_CONTACT, MAX_DESCRIPTION, MAX_REFERENCE, MAX_TITLE
from .enums import BudgetBand, DeliveryMode, NeedSource, Priority


class DateInput(forms.DateInput):
    input_type = "date"


def _states():
    return MemberState.objects.order_by("name")


def _areas():
    return ThematicArea.objects.order_by("position", "code")


class NeedForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=_states(), to_field_name="iso3")
    thematic_area = forms.ModelChoiceField(label=_("Thematic area"), queryset=_areas())
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    source = forms.ChoiceField(label=_("Source"), choices=NeedSource.choices)
    wanted_from = forms.DateField(label=_("Wanted from"), required=False, widget=DateInput)
    wanted_until = forms.DateField(label=_("Wanted until"), required=False, widget=DateInput)

    def __init__(self, *args, need=None, **kwargs):
        # A need recorded by hand is most often the State's own request.
        kwargs.setdefault(
            "initial", {"priority": Priority.MEDIUM, "source": NeedSource.STATE_REQUEST}
        )
        if need is not None:
            kwargs["initial"] = {
                "state": need.state.iso3,
                "thematic_area": need.thematic_area_id,
                "description": need.description,
                "priority": need.priority,
                "source": need.source,
                "wanted_from": need.wanted_from,
                "wanted_until": need.wanted_until,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("wanted_from"), data.get("wanted_until")
        if start and end and end < start:
            self.add_error("wanted_until", _("“Wanted until” cannot be before “wanted from”."))
        return data


class ConsentForm(forms.Form):
    shared = forms.TypedChoiceField(
        label=_("The State's answer"),
        choices=[
            ("yes", _("The State agrees to share the need with donors")),
            ("no", _("The State does not agree, or withdraws its agreement")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    dated = forms.DateField(label=_("Date of the State's answer"), widget=DateInput)
    reference = forms.CharField(
        label=_("Reference of the note"), max_length=MAX_REFERENCE, required=False
    )


class _CodeChoiceField(forms.ModelMultipleChoiceField):
    """Regions or subregions chosen by name, handed on as their UN M49 codes."""

    def clean(self, value):
        return [item.code for item in super().clean(value)]


class OfferForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    thematic_areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=_areas(),
        widget=forms.CheckboxSelectMultiple,
    )
    is_global = forms.BooleanField(label=_("Global programme"), required=False)
    regions = _CodeChoiceField(
        label=_("Regions"),
        queryset=Region.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subregions = _CodeChoiceField(
        label=_("Subregions"),
        queryset=Subregion.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    states = forms.ModelMultipleChoiceField(
        label=_("States"),
        queryset=_states(),
        to_field_name="iso3",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    budget_band = forms.ChoiceField(label=_("Budget"), choices=BudgetBand.choices)
    delivery_modes = forms.MultipleChoiceField(
        label=_("Delivery modes"),
        choices=DeliveryMode.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of delivery"),
        choices=OfficialLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=MAX_CONTACT, required=False
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args, user, offer=None, **kwargs):
        if offer is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "provider": offer.provider_id,
                "title": offer.title,
                "description": offer.description,
                "thematic_areas": list(offer.thematic_areas.all()),
                "is_global": offer.is_global,
                "regions": offer.regions,
                "subregions": offer.subregions,
                "states": list(offer.states.all()),
                "starts_on": offer.starts_on,
                "ends_on": offer.ends_on,
                "budget_band": offer.budget_band,
                "delivery_modes": offer.delivery_modes,
                "languages": offer.languages,
                "contact_name": offer.contact_name,
                "contact_email": offer.contact_email,
            }
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = selectors.provider_list(user=user)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The programme cannot end before it starts."))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["thematic_areas"] = list(data["thematic_areas"])
        data["states"] = list(data["states"])
        return data
