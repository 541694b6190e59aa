from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.registry import site

from .models import DialogueEntry


class DialogueForm(forms.ModelForm):
    """One exchange with a State, logged from its timeline page."""

    link = DialogueEntry._meta.get_field("link").formfield(assume_scheme="https")

    class Meta:
        model = DialogueEntry
        fields = ["held_on", "kind", "participants", "summary", "link"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }


class TimelineFilterForm(forms.Form):
    """Which kinds of event a State's timeline shows (none ticked: every kind)."""

    kind = forms.MultipleChoiceField(
        label=_("Show"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(s.key, s.label) for s in site.timeline_kinds()]

    def kinds(self) -> set[str] | None:
        return set(self.cleaned_data["kind"]) or None
