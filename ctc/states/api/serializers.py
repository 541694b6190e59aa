from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import MemberState, StateReport


class StateReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = StateReport
        fields = ["resolution", "received_on", "document_symbol"]


class MemberStateSerializer(serializers.ModelSerializer):
    """A state, named in the language of the request."""

    subcommittee = serializers.CharField(source="subcommittee.code")
    regional_group_display = serializers.CharField(source="get_regional_group_display")
    region = serializers.CharField(source="region.code", help_text=_("UN M49 code of the region."))
    region_display = serializers.CharField(source="region.name")
    subregion = serializers.CharField(
        source="subregion.code",
        help_text=_(
            "UN M49 code of the subregion; in Sub-Saharan Africa and Latin America and the"
            " Caribbean, of the intermediate region."
        ),
    )
    subregion_display = serializers.CharField(source="subregion.name")
    last_report_1373 = serializers.DateField(source="last_1373", allow_null=True)
    last_report_1624 = serializers.DateField(source="last_1624", allow_null=True)

    class Meta:
        model = MemberState
        fields = [
            "iso3",
            "iso2",
            "m49",
            "name",
            "regional_group",
            "regional_group_display",
            "region",
            "region_display",
            "subregion",
            "subregion_display",
            "admitted_on",
            "subcommittee",
            "official_language",
            "last_report_1373",
            "last_report_1624",
        ]


class MemberStateDetailSerializer(MemberStateSerializer):
    reports = StateReportSerializer(many=True)
    last_report_1373 = None
    last_report_1624 = None

    class Meta(MemberStateSerializer.Meta):
        fields = [
            f
            for f in MemberStateSerializer.Meta.fields
            if f not in ("last_report_1373", "last_report_1624")
        ] + ["reports"]


class StateProfileSerializer(MemberStateSerializer):
    """A state profile of the shared database: the state, its preferred language spelt out,
    and how many reports it has sent."""

    official_language_display = serializers.CharField(source="get_official_language_display")
    report_count = serializers.IntegerField()

    class Meta(MemberStateSerializer.Meta):
        fields = [*MemberStateSerializer.Meta.fields, "official_language_display", "report_count"]


class StateProfileDetailSerializer(MemberStateDetailSerializer):
    official_language_display = serializers.CharField(source="get_official_language_display")

    class Meta(MemberStateDetailSerializer.Meta):
        fields = [*MemberStateDetailSerializer.Meta.fields, "official_language_display"]
