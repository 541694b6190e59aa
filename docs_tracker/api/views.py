"""API of the document area: the same scope, records and refusals as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ctc.files.http import file_response, record_download
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from .. import permissions, selectors, services
from ..enums import AccessAction
from ..forms import DocumentFilterForm
from ..models import Distribution, Document, DocumentFile, Receipt
from .serializers import (
    DistributionRequestSerializer,
    DistributionSerializer,
    DocumentDetailSerializer,
    DocumentSerializer,
    ReceiptSerializer,
)


def _ip(request):
    return request.META.get("REMOTE_ADDR") or None


def _document(request, pk, attempted) -> Document:
    """The document in scope, or a logged refusal answering 404."""
    try:
        return selectors.document_get(user=request.user, pk=pk)
    except Document.DoesNotExist:
        services.access_refuse(
            by=request.user,
            attempted=attempted,
            requested_id=pk,
            ip=_ip(request),
            path=request.path,
        )
        raise NotFound from None


class DocumentListView(generics.ListAPIView):
    """The documents the user may see (the same scope as the pages), newest first.

    Filters: q, kind, classification, state (ISO code), language, receipts."""

    serializer_class = DocumentSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        form = DocumentFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return selectors.document_list(user=self.request.user, **form.selector_kwargs())


class DocumentDetailView(generics.RetrieveAPIView):
    """One document with its files (all languages, replaced ones too) and the receipts the
    user may see (CTED: all; a recipient: its own). Each read is logged as a view."""

    serializer_class = DocumentDetailSerializer
    permission_classes = [IsAuthenticated]
    queryset = Document.objects.none()

    def retrieve(self, request, *args, **kwargs):
        document = _document(request, kwargs["pk"], AccessAction.VIEW)
        services.receipt_open(
            document=document, by=request.user, ip=_ip(request), path=request.path
        )
        receipts = permissions.receipt_scope(
            Receipt.objects.filter(document=document), request.user
        )
        context = {
            **self.get_serializer_context(),
            "files": selectors.file_list(document=document),
            "receipts": receipts.select_related("state", "organisation").order_by("pk"),
        }
        return Response(self.get_serializer(document, context=context).data)


class DocumentFileView(APIView):
    """The current file of one language, checksum-verified; recorded as a download."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.BINARY})
    def get(self, request, pk, language):
        document = _document(request, pk, AccessAction.DOWNLOAD)
        stored = None
        if permissions.can_download(request.user, document):
            try:
                stored = selectors.current_file_get(document=document, language=language)
            except DocumentFile.DoesNotExist:
                stored = None
        if stored is None:
            services.access_refuse(
                by=request.user,
                attempted=AccessAction.DOWNLOAD,
                requested_id=pk,
                ip=_ip(request),
                path=request.path,
            )
            raise NotFound

        def record_access(request, stored):
            services.document_download_record(
                stored=stored, by=request.user, ip=_ip(request), path=request.path
            )

        return file_response(request, stored, hooks=(record_download, record_access))


class DocumentAcknowledgeView(APIView):
    """The recipient acknowledges receipt; idempotent (200 with the receipt each time)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ReceiptSerializer})
    def post(self, request, pk):
        document = _document(request, pk, AccessAction.ACKNOWLEDGE)
        receipt = services.receipt_acknowledge(
            document=document, by=request.user, ip=_ip(request), path=request.path
        )
        return Response(ReceiptSerializer(receipt).data)


class DistributionListView(generics.ListAPIView):
    """CTED: every distribution, newest first (GET), or a new one (POST: document id,
    States' ISO3 codes, organisations' codes, groups). Others: 403."""

    serializer_class = DistributionSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not permissions.can_manage(request.user):
            raise PermissionDenied

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Distribution.objects.none()
        return selectors.distribution_list(user=self.request.user)

    @extend_schema(
        request=DistributionRequestSerializer,
        responses={status.HTTP_201_CREATED: DistributionSerializer(many=True)},
    )
    def post(self, request):
        data = DistributionRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        document = _document(request, values["document"], AccessAction.VIEW)
        states = list(MemberState.objects.filter(iso3__in=[s.upper() for s in values["states"]]))
        organisations = list(Organisation.objects.filter(code__in=values["organisations"]))
        if len(states) != len(set(values["states"])) or len(organisations) != len(
            set(values["organisations"])
        ):
            raise ValidationError({"recipients": [_("Unknown State or organisation code.")]})
        distributions = services.document_distribute(
            document=document,
            states=states,
            organisations=organisations,
            groups=values["groups"],
            by=request.user,
        )
        return Response(
            DistributionSerializer(distributions, many=True).data, status=status.HTTP_201_CREATED
        )
