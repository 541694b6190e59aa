"""Input shape of the document area's pages; the rules themselves are in services."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ctc import reference
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from .constants import DOCUMENT_POLICY, MAX_REASON, MAX_REPORT_SYMBOL, MAX_TITLE
from .enums import (
    STATE_REPORT_KINDS,
    AccessAction,
    Classification,
    DocumentKind,
    ReceiptFilter,
    RecipientGroup,
)
from .models import Document

LANGUAGE_NAMES = dict(settings.LANGUAGES)
FILE_HELP = _("Accepted: {types}. Maximum size: {size}.")


def _file_field(label, required=False):
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(DOCUMENT_POLICY.types))}),
        help_text=FILE_HELP,
    )


def _file_help(form):
    text = str(FILE_HELP).format(
        types=", ".join(sorted(DOCUMENT_POLICY.types)),
        size=filesizeformat(DOCUMENT_POLICY.max_bytes),
    )
    for field in form.fields.values():
        if isinstance(field, forms.FileField):
            field.help_text = text


class TitlesMixin:
    """Six title fields, English required, the others falling back to English visibly."""

    def add_titles(self, document: Document | None = None):
        for code, suffix in reference.LANGUAGE_SUFFIXES.items():
            name = f"title_{suffix}"
            self.fields[name] = forms.CharField(
                label=_("Title in {language}").format(language=LANGUAGE_NAMES[code]),
                max_length=MAX_TITLE,
                required=code == "en",
                help_text="" if code == "en" else _("Empty: readers see the English title."),
                initial=getattr(document, name, "") if document else "",
            )

    def titles(self) -> dict:
        return {
            code: self.cleaned_data.get(f"title_{suffix}", "")
            for code, suffix in reference.LANGUAGE_SUFFIXES.items()
        }


class DocumentCreateForm(TitlesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    reference = forms.CharField(label=_("Symbol"), max_length=80)
    classification = forms.ChoiceField(
        label=_("Classification"), choices=Classification.choices, initial="restricted"
    )
    state = forms.ModelChoiceField(
        label=_("State"), queryset=MemberState.objects.order_by("name"), required=False
    )
    dated = forms.DateField(
        label=_("Document date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_titles()
        for code, suffix in reference.LANGUAGE_SUFFIXES.items():
            self.fields[f"file_{suffix}"] = _file_field(
                _("File in {language}").format(language=LANGUAGE_NAMES[code])
            )
        _file_help(self)

    def files_by_language(self) -> dict:
        return {
            code: self.cleaned_data[f"file_{suffix}"]
            for code, suffix in reference.LANGUAGE_SUFFIXES.items()
            if self.cleaned_data.get(f"file_{suffix}")
        }


class DocumentEditForm(TitlesMixin, forms.Form):
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    state = forms.ModelChoiceField(
        label=_("State"), queryset=MemberState.objects.order_by("name"), required=False
    )
    dated = forms.DateField(
        label=_("Document date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, document: Document, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "classification": document.classification,
                "state": document.state,
                "dated": document.dated,
            },
        )
        super().__init__(*args, **kwargs)
        self.add_titles(document)


class FileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = _file_field(_("File"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _file_help(self)


class DistributeForm(forms.Form):
    states = forms.ModelMultipleChoiceField(
        label=_("Member states"),
        queryset=MemberState.objects.order_by("name"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), queryset=Organisation.objects.order_by("name"), required=False
    )
    groups = forms.MultipleChoiceField(
        label=_("Groups"),
        choices=RecipientGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that recipients will see the document as withdrawn."),
        required=True,
    )


class ReplyForm(forms.Form):
    title = forms.CharField(label=_("Title of the reply"), max_length=MAX_TITLE, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = _file_field(_("File"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _file_help(self)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report on"),
        choices=[(k, DocumentKind(k).label) for k in STATE_REPORT_KINDS],
    )
    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=MAX_REPORT_SYMBOL,
        required=False,
        help_text=_("For example S/2002/1234. Empty: one is given."),
    )
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    dated = forms.DateField(
        label=_("Date of the report"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = _file_field(_("File"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _file_help(self)


def _blank(choices):
    return [("", _("All")), *choices]


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search symbol or title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(DocumentKind.choices), required=False)
    classification = forms.ChoiceField(
        label=_("Classification"), choices=_blank(Classification.choices), required=False
    )
    state = forms.CharField(label=_("State (ISO code)"), max_length=3, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=_blank(settings.LANGUAGES), required=False
    )
    receipts = forms.ChoiceField(
        label=_("Recipients"), choices=_blank(ReceiptFilter.choices), required=False
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
            "search": data["q"],
            "kind": data["kind"],
            "classification": data["classification"],
            "state": data["state"],
            "language": data["language"],
            "receipts": data["receipts"],
        }


class ReceiptFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"), choices=_blank(ReceiptFilter.choices), required=False
    )


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(label=_("Person"), max_length=150, required=False)
    document = forms.CharField(label=_("Document symbol"), max_length=80, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=_blank(AccessAction.choices), required=False
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
