"""The filters of the needs' and offers' lists, for pages and the API alike: they validate
and document the query parameters; the selectors filter."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.filters import SelectorFilterSet
from ctc.states.models import MemberState, Region, Subregion
from ctc.themes.models import ThematicArea

from .enums import NeedSource, NeedStatus, OfferStatus, Priority
from .models import Need, Offer


def _state(code: str):
    code = (code or "").strip().upper()
    if not code:
        return None
    state = (
        MemberState.objects.filter(iso3=code).first()
        or MemberState.objects.filter(iso2=code).first()
    )
    if state is None:
        raise forms.ValidationError(_("No member state has this code."))
    return state


class _Filter(SelectorFilterSet):
    def _clean_state(self, data) -> None:
        try:
            data["state"] = _state(data.get("state"))
        except forms.ValidationError as exc:
            self.form.add_error("state", exc)

    def is_valid(self):
        valid = super().is_valid()
        if valid and "state" in self.form.fields:
            self._clean_state(self.form.cleaned_data)
            valid = not self.form.errors
        return valid


class NeedFilter(_Filter):
    q = django_filters.CharFilter(label=_("Search"), max_length=200, method="_noop")
    state = django_filters.CharFilter(label=_("State (ISO code)"), max_length=3, method="_noop")
    thematic_area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.order_by("position", "code"),
        to_field_name="code",
        method="_noop",
        empty_label=_("All"),
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Priority.choices, method="_noop", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NeedStatus.choices, method="_noop", empty_label=_("All")
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=NeedSource.choices, method="_noop", empty_label=_("All")
    )
    shared = django_filters.ChoiceFilter(
        label=_("Shared with donors"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        method="_noop",
        empty_label=_("All"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.order_by("position", "code"),
        to_field_name="code",
        method="_noop",
        empty_label=_("All"),
    )
    subregion = django_filters.ModelChoiceFilter(
        label=_("Subregion"),
        queryset=Subregion.objects.order_by("position", "code"),
        to_field_name="code",
        method="_noop",
        empty_label=_("All"),
    )

    class Meta:
        model = Need
        fields = []

    def selector_kwargs(self) -> dict:
        data = self.form.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "state": data.get("state"),
            "thematic_area": data.get("thematic_area"),
            "priority": data.get("priority") or "",
            "status": data.get("status") or "",
            "source": data.get("source") or "",
            "shared": {"true": True, "false": False}.get(data.get("shared") or ""),
            "region": data.get("region"),
            "subregion": data.get("subregion"),
        }


class OfferFilter(_Filter):
    q = django_filters.CharFilter(label=_("Search"), max_length=200, method="_noop")
    state = django_filters.CharFilter(
        label=_("Covers the State (ISO code)"), max_length=3, method="_noop"
    )
    thematic_area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.order_by("position", "code"),
        to_field_name="code",
        method="_noop",
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OfferStatus.choices, method="_noop", empty_label=_("All")
    )

    class Meta:
        model = Offer
        fields = []

    def selector_kwargs(self) -> dict:
        data = self.form.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "state": data.get("state"),
            "thematic_area": data.get("thematic_area"),
            "status": data.get("status") or "",
        }
