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
