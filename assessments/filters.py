import django_filters
from django.utils.translation import gettext_lazy as _

from ctc.filters import SelectorFilterSet
from ctc.states.enums import RegionalGroup

from .enums import AssessmentStatus
from .models import Assessment


class AssessmentFilter(SelectorFilterSet):
    """Input shape of the assessment list, shared by the page and the API."""

    q = django_filters.CharFilter(label=_("Search findings"), max_length=200, method="_noop")
    state = django_filters.CharFilter(label=_("State (ISO code)"), max_length=3, method="_noop")
    region = django_filters.ChoiceFilter(
        label=_("Regional group"),
        choices=RegionalGroup.choices,
        method="_noop",
        empty_label=_("All"),
    )
    subcommittee = django_filters.ChoiceFilter(
        label=_("Subcommittee"),
        choices=[("A", "A"), ("B", "B"), ("C", "C")],
        method="_noop",
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AssessmentStatus.choices, method="_noop", empty_label=_("All")
    )
    format = django_filters.CharFilter(label=_("Format"), max_length=40, method="_noop")
    assignee = django_filters.CharFilter(label=_("Assigned expert"), max_length=150, method="_noop")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="_noop")

    class Meta:
        model = Assessment
        fields = []

    def selector_kwargs(self) -> dict:
        data = self.form.cleaned_data
        return {
            "search": data.get("q") or "",
            "state": data.get("state") or "",
            "region": data.get("region") or "",
            "subcommittee": data.get("subcommittee") or "",
            "status": data.get("status") or "",
            "fmt": data.get("format") or "",
            "assignee": data.get("assignee") or "",
            "overdue": data.get("overdue"),
        }
