"""Pages of the document area: CTED's (docs/) and the recipients' secure area (secure/).

A document outside the user's scope answers 404, and the refusal is written to the access
log (services.access_refuse), whatever the route: page, file, acknowledgement.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.files.http import file_response, record_download
from ctc.form_flow import add_service_errors, form_submit
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from . import permissions, selectors, services
from .enums import AccessAction, ReceiptFilter
from .forms import (
    AccessLogFilterForm,
    DistributeForm,
    DocumentCreateForm,
    DocumentEditForm,
    DocumentFilterForm,
    FileForm,
    ReceiptFilterForm,
    ReplyForm,
    ReportForm,
    WithdrawForm,
)
from .models import Document, DocumentFile

PAGE_SIZE = 25
LOG_PAGE_SIZE = 50


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _refuse(request, pk, attempted: str):
    """Logs the refusal and answers 404, as for a document that does not exist."""
    services.access_refuse(
        by=request.user,
        attempted=attempted,
        requested_id=pk,
        ip=client_ip(request),
        path=request.path,
    )
    raise Http404


def _document(request, pk, attempted: str, *, workspace: bool) -> Document:
    """The document if it is in the user's scope (and, for docs/ pages, the user works there)."""
    if workspace and not permissions.workspace_is_possible(request.user):
        _refuse(request, pk, attempted)
    try:
        return selectors.document_get(user=request.user, pk=pk)
    except Document.DoesNotExist:
        _refuse(request, pk, attempted)


def _manage(request, pk, attempted=AccessAction.VIEW) -> Document:
    document = _document(request, pk, attempted, workspace=True)
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    return document


def _download(request, document: Document, stored: DocumentFile):
    if not permissions.can_download(request.user, document):
        _refuse(request, document.pk, AccessAction.DOWNLOAD)

    def record_access(request, stored):
        services.document_download_record(
            stored=stored, by=request.user, ip=client_ip(request), path=request.path
        )

    return file_response(request, stored, hooks=(record_download, record_access))


def _invalid_filters(request, template, form, extra=None):
    context = {"form": form, "page": None, "invalid": True, **(extra or {})}
    return render(request, template, context, status=400)


# --- CTED's pages ---------------------------------------------------------------------------


@login_required
@require_GET
def document_list(request):
    if not permissions.workspace_is_possible(request.user):
        raise Http404
    form = DocumentFilterForm(request.GET)
    if not form.is_valid():
        return _invalid_filters(request, "docs_tracker/list.html", form)
    documents = selectors.document_list(user=request.user, **form.selector_kwargs())
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_manage": permissions.can_manage(request.user),
        "can_read_access_log": permissions.can_read_access_log(request.user),
    }
    return render(request, "docs_tracker/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request):
    if not permissions.workspace_is_possible(request.user):
        raise Http404
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = DocumentCreateForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"dated": timezone.localdate()},
    )

    def save(data):
        document = services.document_create(
            kind=data["kind"],
            reference_symbol=data["reference"],
            titles=form.titles(),
            classification=data["classification"],
            state=data["state"],
            dated=data["dated"],
            files=form.files_by_language(),
            by=request.user,
        )
        return reverse("docs:detail", kwargs={"pk": document.pk})

    return form_submit(
        request,
        form,
        save,
        success=_("The document was created."),
        template="docs_tracker/form.html",
        context={"creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    document = _manage(request, pk)
    form = DocumentEditForm(request.POST if request.method == "POST" else None, document=document)

    def save(data):
        services.document_update(
            document=document,
            titles=form.titles(),
            classification=data["classification"],
            dated=data["dated"],
            state=data["state"],
            by=request.user,
        )
        return reverse("docs:detail", kwargs={"pk": document.pk})

    return form_submit(
        request,
        form,
        save,
        success=_("The document was saved."),
        template="docs_tracker/form.html",
        context={"document": document, "creating": False},
    )


def _detail(request, document, *, file_form=None, status=200):
    services.receipt_open(
        document=document, by=request.user, ip=client_ip(request), path=request.path
    )
    manage = permissions.can_manage(request.user)
    context = {
        "document": document,
        "files": selectors.file_list(document=document),
        "history": document.history.select_related("history_user").order_by("-history_date")[:20]
        if manage
        else [],
        "distributions": selectors.distribution_list(user=request.user, document=document),
        "replies": selectors.document_list(user=request.user).filter(in_reply_to=document),
        "can_manage": manage and not document.is_withdrawn,
        "can_confirm": permissions.can_confirm(request.user, document),
        "can_download": permissions.can_download(request.user, document),
        "file_form": file_form or FileForm(),
    }
    return render(request, "docs_tracker/detail.html", context, status=status)


@login_required
@require_GET
def document_detail(request, pk):
    return _detail(request, _document(request, pk, AccessAction.VIEW, workspace=True))


@login_required
@require_POST
def file_add(request, pk):
    document = _manage(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_file_add(
                document=document,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The file was added."))
            return redirect("docs:detail", pk=document.pk)
    return _detail(request, document, file_form=form, status=400)


@login_required
@require_GET
def file_download(request, pk, file_pk):
    document = _document(request, pk, AccessAction.DOWNLOAD, workspace=True)
    stored = DocumentFile.objects.filter(document=document, pk=file_pk).first()
    if stored is None:
        _refuse(request, pk, AccessAction.DOWNLOAD)
    return _download(request, document, stored)


@login_required
@require_http_methods(["GET", "POST"])
def distribute(request, pk):
    document = _manage(request, pk)
    posted = request.method == "POST"
    form = DistributeForm(request.POST if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            distributions = services.document_distribute(
                document=document,
                states=list(data["states"]),
                organisations=list(data["organisations"]),
                groups=data["groups"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            new = sum(d.new_receipts for d in distributions)
            text = ngettext(
                "Distributed: {count} new recipient.", "Distributed: {count} new recipients.", new
            )
            messages.success(request, text.format(count=new))
            return redirect("docs:tracking", pk=document.pk)
    context = {"document": document, "form": form}
    return render(request, "docs_tracker/distribute.html", context, status=400 if posted else 200)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    document = _manage(request, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)

    def save(data):
        services.document_withdraw(document=document, reason=data["reason"], by=request.user)
        return reverse("docs:detail", kwargs={"pk": document.pk})

    return form_submit(
        request,
        form,
        save,
        success=_("The document was withdrawn."),
        template="docs_tracker/withdraw.html",
        context={"document": document},
    )


@login_required
@require_POST
def report_confirm(request, pk):
    document = _manage(request, pk)
    try:
        services.state_report_confirm(document=document, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report was confirmed and entered in the State's history."))
    return redirect("docs:detail", pk=document.pk)


@login_required
@require_GET
def tracking(request, pk):
    document = _manage(request, pk)
    form = ReceiptFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    receipts = list(selectors.receipt_list(user=request.user, document=document, status=status))
    downloads = selectors.receipt_downloads(receipts=receipts)
    rows = [(r, downloads.get(r.pk, [])) for r in receipts]
    context = {
        "document": document,
        "form": form,
        "rows": rows,
        "overdue_since": selectors.overdue_since(),
        "filters": ReceiptFilter.choices,
        "status": status,
    }
    return render(
        request, "docs_tracker/tracking.html", context, status=200 if form.is_valid() else 400
    )


def _recipient(request, receipts, recipient):
    form = ReceiptFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    context = {
        "recipient": recipient,
        "form": form,
        "receipts": receipts(status),
        "overdue_since": selectors.overdue_since(),
        "status": status,
    }
    return render(
        request, "docs_tracker/recipient.html", context, status=200 if form.is_valid() else 400
    )


@login_required
@require_GET
def recipient_state(request, iso3):
    if not permissions.can_manage(request.user):
        raise Http404
    state = MemberState.objects.filter(iso3=iso3.upper()).first()
    if state is None:
        raise Http404
    return _recipient(
        request,
        lambda status: selectors.recipient_receipt_list(
            user=request.user, state=state, status=status
        ),
        state,
    )


@login_required
@require_GET
def recipient_organisation(request, code):
    if not permissions.can_manage(request.user):
        raise Http404
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise Http404
    return _recipient(
        request,
        lambda status: selectors.recipient_receipt_list(
            user=request.user, organisation=organisation, status=status
        ),
        organisation,
    )


def _access_events(request):
    if not permissions.can_read_access_log(request.user):
        raise Http404
    form = AccessLogFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, selectors.access_event_list(user=request.user, **form.cleaned_data)


@login_required
@require_GET
def access_log(request):
    form, events = _access_events(request)
    if events is None:
        return _invalid_filters(request, "docs_tracker/access_log.html", form)
    page = Paginator(events, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "docs_tracker/access_log.html", context)


class _Echo:
    def write(self, value):
        return value


@login_required
@require_GET
def access_log_csv(request):
    form, events = _access_events(request)
    if events is None:
        return _invalid_filters(request, "docs_tracker/access_log.html", form)
    writer = csv.writer(_Echo())
    header = [
        _("At"),
        _("Person"),
        _("Action"),
        _("Attempted action"),
        _("Document"),
        _("Requested document"),
        _("Language"),
        _("IP address"),
        _("Address"),
    ]

    def rows():
        yield writer.writerow(header)
        for event in events.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    event.at.isoformat(),
                    event.by.username if event.by else "",
                    event.action,
                    event.attempted,
                    event.document.reference if event.document else "",
                    event.requested_id,
                    event.language,
                    event.ip or "",
                    event.path,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-log.csv"'
    return response


# --- The recipients' secure area ---------------------------------------------------------------


def _secure(request, pk, attempted) -> Document:
    if not permissions.is_recipient(request.user):
        _refuse(request, pk, attempted)
    return _document(request, pk, attempted, workspace=False)


@login_required
@require_GET
def inbox(request):
    if not permissions.is_recipient(request.user):
        raise Http404
    receipts = selectors.inbox_list(user=request.user)
    page = Paginator(receipts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "submitted": selectors.submitted_list(user=request.user)[:PAGE_SIZE],
        "can_upload_report": permissions.can_upload_report(request.user),
        "unread": receipts.filter(first_opened_at__isnull=True).count(),
    }
    return render(request, "docs_tracker/secure_inbox.html", context)


def _secure_detail(request, document, *, reply_form=None, status=200):
    receipt = services.receipt_open(
        document=document, by=request.user, ip=client_ip(request), path=request.path
    )
    files = [f for f in selectors.file_list(document=document) if f.is_current]
    context = {
        "document": document,
        "receipt": receipt,
        "files": files,
        "can_download": permissions.can_download(request.user, document),
        "can_acknowledge": receipt is not None
        and permissions.can_acknowledge(request.user, document),
        "can_reply": receipt is not None and permissions.can_reply(request.user, document),
        "reply_form": reply_form or ReplyForm(initial={"language": request.LANGUAGE_CODE}),
        "replies": selectors.submitted_list(user=request.user).filter(in_reply_to=document),
    }
    return render(request, "docs_tracker/secure_detail.html", context, status=status)


@login_required
@require_GET
def secure_detail(request, pk):
    return _secure_detail(request, _secure(request, pk, AccessAction.VIEW))


@login_required
@require_GET
def secure_download(request, pk, language):
    document = _secure(request, pk, AccessAction.DOWNLOAD)
    try:
        stored = selectors.current_file_get(document=document, language=language)
    except DocumentFile.DoesNotExist:
        _refuse(request, pk, AccessAction.DOWNLOAD)
    return _download(request, document, stored)


@login_required
@require_POST
def secure_acknowledge(request, pk):
    document = _secure(request, pk, AccessAction.ACKNOWLEDGE)
    try:
        services.receipt_acknowledge(
            document=document, by=request.user, ip=client_ip(request), path=request.path
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: the receipt of this document is acknowledged."))
    return redirect("docs_secure:detail", pk=document.pk)


@login_required
@require_POST
def secure_reply(request, pk):
    document = _secure(request, pk, AccessAction.VIEW)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.document_reply_submit(
                document=document,
                title=data["title"],
                language=data["language"],
                upload=data["file"],
                by=request.user,
            )
        except PermissionDenied:
            _refuse(request, pk, AccessAction.VIEW)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your reply was received."))
            return redirect("docs_secure:detail", pk=document.pk)
    return _secure_detail(request, document, reply_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def secure_report(request):
    if not permissions.can_upload_report(request.user):
        raise Http404
    posted = request.method == "POST"
    form = ReportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"language": request.LANGUAGE_CODE, "dated": timezone.localdate()},
    )

    def save(data):
        services.state_report_submit(
            kind=data["kind"],
            symbol=data["symbol"],
            title=data["title"],
            dated=data["dated"],
            language=data["language"],
            upload=data["file"],
            by=request.user,
        )
        return "docs_secure:inbox"

    return form_submit(
        request,
        form,
        save,
        success=_("Your report was received. CTED will confirm it in your State's history."),
        template="docs_tracker/secure_report.html",
        context={},
    )
