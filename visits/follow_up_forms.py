"""Input of recommendations, follow-up actions and the outcome: shape and validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.accounts.enums import CTED_ROLES
from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.themes.models import ThematicArea

from .enums import FollowUpStatus, FollowUpStep, OwnerKind, Priority
from .models import Recommendation

UNKNOWN_PARTNER = _("Unknown partner: this organisation does not take part in the visit.")


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the recommendation.")},
    )
    thematic_area = forms.ModelChoiceField(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.order_by("position", "code"),
        error_messages={"required": _("Choose a thematic area.")},
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)


class FollowUpForm(forms.Form):
    recommendation = forms.ModelChoiceField(
        label=_("Recommendation"),
        queryset=Recommendation.objects.none(),
        error_messages={"required": _("Choose the recommendation.")},
    )
    description = forms.CharField(
        label=_("Action"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Describe the action.")},
    )
    owner_kind = forms.ChoiceField(label=_("Owner"), choices=OwnerKind.choices)
    owner_user = forms.ModelChoiceField(
        label=_("CTED expert"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("When a CTED expert owns the action."),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("When a partner organisation of the visit owns the action."),
        error_messages={"invalid_choice": UNKNOWN_PARTNER},
    )
    due_on = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give a due date.")},
    )

    def __init__(self, *args, visit, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["recommendation"].queryset = visit.recommendations.order_by("position")
        else:
            del self.fields["recommendation"]
        self.fields["owner_user"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=CTED_ROLES)
            .distinct()
            .order_by("last_name", "username")
        )
        self.fields["owner_organisation"].queryset = visit.partners.order_by("name")

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class StepForm(forms.Form):
    """One step of one action; the comment is the reason when dropping."""

    action = forms.ChoiceField(label=_("Step"), choices=FollowUpStep.choices)
    comment = forms.CharField(label=_("Comment or reason"), required=False, max_length=2000)


class BulkForm(forms.Form):
    """The same step on the ticked actions (their ids come from the page's checkboxes)."""

    actions = forms.TypedMultipleChoiceField(
        label=_("Actions"),
        coerce=int,
        choices=(),
        error_messages={"required": _("Choose at least one action.")},
    )
    action = forms.ChoiceField(label=_("Step"), choices=FollowUpStep.choices)
    reason = forms.CharField(
        label=_("Reason (when dropping)"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(),
    )

    def __init__(self, *args, ids=(), steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].choices = [(pk, pk) for pk in ids]
        if steps is not None:
            self.fields["action"].choices = [c for c in FollowUpStep.choices if c[0] in steps]


class EvaluationForm(forms.Form):
    what_changed = forms.CharField(
        label=_("What changed after the visit"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what changed after the visit.")},
    )


OWNER_FILTERS = [("", _("Anyone")), *OwnerKind.choices, ("me", _("Mine"))]
OVERDUE_FILTERS = [("", _("Either")), ("true", _("Overdue")), ("false", _("Not overdue"))]
SORT_CHOICES = [("due", _("Due date, earliest first")), ("-due", _("Due date, latest first"))]


class FollowUpFilterForm(forms.Form):
    """Filters of the follow-up lists (pages and API)."""

    state = forms.CharField(label=_("State (ISO code)"), required=False, max_length=3)
    owner = forms.ChoiceField(label=_("Owner"), choices=OWNER_FILTERS, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *FollowUpStatus.choices], required=False
    )
    overdue = forms.ChoiceField(label=_("Overdue"), choices=OVERDUE_FILTERS, required=False)
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        overdue = {"true": True, "false": False}.get(data.get("overdue") or "")
        return {
            "state": data.get("state") or "",
            "owner": data.get("owner") or "",
            "status": data.get("status") or "",
            "overdue": overdue,
            "sort": data.get("sort") or "due",
        }
