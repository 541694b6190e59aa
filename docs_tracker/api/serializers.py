from rest_framework import serializers
from rest_framework.reverse import reverse

from ctc import reference

from ..enums import RecipientGroup
from ..models import Distribution, Document, DocumentFile, Receipt


class DocumentFileSerializer(serializers.ModelSerializer):
    current = serializers.BooleanField(source="is_current")
    download = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = [
            "id",
            "language",
            "filename",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "current",
            "replaced_at",
            "download",
        ]

    def get_download(self, obj) -> str | None:
        if not obj.is_current:
            return None
        return reverse(
            "api:document-file",
            kwargs={"pk": obj.document_id, "language": obj.language},
            request=self.context.get("request"),
        )


class ReceiptSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Receipt
        fields = [
            "id",
            "state",
            "organisation",
            "made_available_at",
            "first_opened_at",
            "acknowledged_at",
            "reminded_at",
            "reminders",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    titles = serializers.SerializerMethodField()
    withdrawn = serializers.BooleanField(source="is_withdrawn")

    class Meta:
        model = Document
        fields = [
            "id",
            "reference",
            "kind",
            "title",
            "titles",
            "classification",
            "state",
            "dated",
            "created_at",
            "report_status",
            "in_reply_to",
            "committee_only",
            "withdrawn",
            "withdrawn_at",
        ]

    def get_titles(self, obj) -> dict:
        return {
            code: getattr(obj, f"title_{suffix}") or ""
            for code, suffix in reference.LANGUAGE_SUFFIXES.items()
        }


class DocumentDetailSerializer(DocumentSerializer):
    files = serializers.SerializerMethodField()
    receipts = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "withdrawal_reason", "files", "receipts"]

    def get_files(self, obj) -> list:
        return DocumentFileSerializer(self.context["files"], many=True, context=self.context).data

    def get_receipts(self, obj) -> list:
        return ReceiptSerializer(self.context["receipts"], many=True).data


class DistributionSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reference = serializers.CharField(source="document.reference", read_only=True)

    class Meta:
        model = Distribution
        fields = [
            "id",
            "document",
            "reference",
            "target",
            "state",
            "organisation",
            "group",
            "by",
            "at",
        ]
        fields += ["new_receipts"]


class DistributionRequestSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    states = serializers.ListField(
        child=serializers.CharField(max_length=3), required=False, default=list
    )
    organisations = serializers.ListField(
        child=serializers.SlugField(max_length=40), required=False, default=list
    )
    groups = serializers.ListField(
        child=serializers.ChoiceField(choices=RecipientGroup.choices), required=False, default=list
    )
