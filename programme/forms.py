"""Input shape and validation of the work programme's pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .enums import Body, ItemAction, ItemStatus, Owner
from .models import Event, FundedActivity, ProgrammeItem

SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
OVERDUE_CHOICES = [("", _("All")), ("yes", _("Overdue only")), ("no", _("Not overdue"))]


class ItemFilterForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Body"), choices=[("", _("All")), *Body.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ItemStatus.choices], required=False
    )
    overdue = forms.ChoiceField(label=_("Overdue"), choices=OVERDUE_CHOICES, required=False)

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        overdue = {"yes": True, "no": False}.get(data["overdue"])
        return {"body": data["body"], "status": data["status"], "overdue": overdue}


class ItemForm(forms.Form):
    owner = forms.ChoiceField(label=_("Owner"), choices=Owner.choices)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_public = forms.BooleanField(label=_("Shown on the public site"), required=False)


class StatusForm(forms.Form):
    action = forms.ChoiceField(label=_("Change"), choices=ItemAction.choices)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)


class LinkForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=200)
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("A page of this site (e.g. /en/visits/12/) or an http(s) address."),
    )


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            *(f"title_{s}" for s in SUFFIXES),
            "kind",
            "date",
            "audience",
            "place",
            *(f"description_{s}" for s in SUFFIXES),
            "item",
            "is_public",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        self.fields["item"].queryset = ProgrammeItem.objects.order_by("position", "ref")
        for suffix in SUFFIXES:
            self.fields[f"description_{suffix}"].widget = forms.Textarea(attrs={"rows": 3})


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost (USD)"), max_digits=12, decimal_places=2, min_value=0
    )
    item = forms.ModelChoiceField(
        label=_("Work programme item"),
        queryset=ProgrammeItem.objects.order_by("position", "ref"),
        required=False,
    )
    event = forms.ModelChoiceField(
        label=_("Event"), queryset=Event.objects.order_by("-date"), required=False
    )


class ContributionForm(forms.Form):
    donor = forms.CharField(label=_("Donor"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (USD)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    received_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    activity = forms.ModelChoiceField(
        label=_("Earmarked for"),
        queryset=FundedActivity.objects.order_by("title"),
        required=False,
        empty_label=_("Not earmarked"),
    )
