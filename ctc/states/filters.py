import django_filters
from django.utils.translation import gettext_lazy as _

from ctc.filters import SelectorFilterSet

from .enums import RegionalGroup, ReportingFilter
from .models import MemberState


class MemberStateFilter(SelectorFilterSet):
    """Input shape of the states list, shared by the page and the API."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="_noop")
    region = django_filters.ChoiceFilter(
        label=_("Regional group"),
        choices=RegionalGroup.choices,
        method="_noop",
        empty_label=_("All"),
    )
    subcommittee = django_filters.ChoiceFilter(
        label=_("Subcommittee"),
        choices=[("A", "A"), ("B", "B"), ("C", "C")],
        empty_label=_("All"),
        method="_noop",
    )
    reporting = django_filters.ChoiceFilter(
        label=_("Reporting"),
        choices=ReportingFilter.choices,
        method="_noop",
        empty_label=_("All"),
    )

    class Meta:
        model = MemberState
        fields = []

    def selector_kwargs(self) -> dict[str, str]:
        data = self.form.cleaned_data
        return {
            "search": data.get("q") or "",
            "region": data.get("region") or "",
            "subcommittee": data.get("subcommittee") or "",
            "reporting": data.get("reporting") or "",
        }
