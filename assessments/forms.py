from django import forms
from django.utils.translation import gettext_lazy as _

from ctc.accounts.selectors import expert_list
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea

from .enums import AnswerStatus, CommentVisibility, SuggestionPart, TransitionAction
from .models import AssessmentFormat
from .services import MAX_COMMENT, MAX_FINDING, MAX_NOTE, MAX_SOURCES


class AnswerForm(forms.Form):
    finding = forms.CharField(
        label=_("Finding"), required=False, max_length=MAX_FINDING * 2, widget=forms.Textarea
    )
    status = forms.ChoiceField(
        label=_("Implementation status"),
        choices=[("", _("Not assessed yet"))] + AnswerStatus.choices,
        required=False,
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        max_length=MAX_SOURCES,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(required=False, max_length=MAX_NOTE * 2, widget=forms.Textarea)
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class RecommendationsForm(forms.Form):
    """Up to N lines: text_1..text_N with area_1..area_N; empty lines are dropped."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, rows: int = 8, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ThematicArea.objects.all()
        for i in range(1, rows + 1):
            self.fields[f"text_{i}"] = forms.CharField(
                label=_("Recommendation {n}").format(n=i),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"area_{i}"] = forms.ModelChoiceField(
                label=_("Thematic area"), queryset=areas, required=False
            )
        self.rows = rows

    def clean(self):
        cleaned = super().clean()
        for i in range(1, self.rows + 1):
            if (cleaned.get(f"text_{i}") or "").strip() and not cleaned.get(f"area_{i}"):
                self.add_error(f"area_{i}", _("Choose the thematic area of this recommendation."))
        return cleaned

    def items(self):
        return [
            (self.cleaned_data[f"text_{i}"], self.cleaned_data[f"area_{i}"])
            for i in range(1, self.rows + 1)
            if (self.cleaned_data.get(f"text_{i}") or "").strip()
        ]


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=TransitionAction.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=MAX_COMMENT, widget=forms.Textarea
    )
    file = forms.FileField(label=_("The State's reply"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=MAX_COMMENT)
    # Without it, a step that needs confirming answers with its confirmation page.
    confirm = forms.BooleanField(required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=MAX_COMMENT, widget=forms.Textarea)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=CommentVisibility.choices)
    question = forms.IntegerField(required=False, widget=forms.HiddenInput)
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ExpertChoiceField(forms.ModelChoiceField):
    """The active CTED experts, by full name (the user name where there is none)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=expert_list(), **kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class AssignForm(forms.Form):
    assignee = ExpertChoiceField(label=_("Assigned expert"), required=False)
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AssessmentCreateForm(AssignForm):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=MemberState.objects.order_by("name"), to_field_name="iso3"
    )
    cycle = forms.IntegerField(label=_("Cycle (year)"), min_value=2001, max_value=2100)
    format = forms.ModelChoiceField(
        label=_("Format"),
        queryset=AssessmentFormat.objects.filter(status="published"),
        to_field_name="code",
    )
    field_order = ["state", "cycle", "format", "assignee", "due_on"]


class SuggestionForm(forms.Form):
    """A reviewer's wording for a finding (`answer`), the cover note or the letter."""

    part = forms.ChoiceField(choices=SuggestionPart.choices, widget=forms.HiddenInput)
    answer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    proposed_text = forms.CharField(
        label=_("Suggested wording"), max_length=MAX_NOTE * 2, widget=forms.Textarea
    )
    note = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=MAX_COMMENT, widget=forms.Textarea
    )
    revision = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class SuggestionRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it rejected? (required)"), max_length=MAX_COMMENT, widget=forms.Textarea
    )
