"""Input and output shapes of the needs' and offers' API. Codes come in as given: the
services check them and answer with a message per field."""

from rest_framework import serializers

from ..constants import MAX_CONTACT, MAX_DESCRIPTION, MAX_REFERENCE, MAX_TITLE
from ..models import Need, Offer


class NeedSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    thematic_area = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Need
        fields = [
            "id",
            "state",
            "thematic_area",
            "description",
            "priority",
            "source",
            "wanted_from",
            "wanted_until",
            "shared_with_donors",
            "consent_recorded_on",
            "consent_reference",
            "status",
            "status_changed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class NeedWriteSerializer(serializers.Serializer):
    """A need: the State by its ISO code, the thematic area by its code."""

    state = serializers.CharField(max_length=3)
    thematic_area = serializers.CharField(max_length=60)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, allow_blank=True)
    priority = serializers.CharField(max_length=10, required=False, default="medium")
    source = serializers.CharField(max_length=24, required=False, default="state_request")
    wanted_from = serializers.DateField(required=False, allow_null=True, default=None)
    wanted_until = serializers.DateField(required=False, allow_null=True, default=None)


class NeedConsentSerializer(serializers.Serializer):
    """The State's answer on sharing the need with donors, dated, with its note's reference."""

    shared = serializers.BooleanField()
    dated = serializers.DateField()
    reference = serializers.CharField(max_length=MAX_REFERENCE, required=False, default="")


class OfferSerializer(serializers.ModelSerializer):
    provider = serializers.SlugRelatedField(slug_field="code", read_only=True)
    thematic_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    states = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    regions = serializers.ListField(child=serializers.CharField(), read_only=True)
    subregions = serializers.ListField(child=serializers.CharField(), read_only=True)
    delivery_modes = serializers.ListField(child=serializers.CharField(), read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "provider",
            "title",
            "description",
            "thematic_areas",
            "is_global",
            "regions",
            "subregions",
            "states",
            "starts_on",
            "ends_on",
            "budget_band",
            "delivery_modes",
            "languages",
            "contact_name",
            "contact_email",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def _codes(**kwargs):
    return serializers.ListField(child=serializers.CharField(max_length=60), **kwargs)


class OfferWriteSerializer(serializers.Serializer):
    """A programme: the provider by its code (a donor's own when left out), thematic areas
    by their codes, States by ISO code, regions and subregions by UN M49 code; budget band,
    delivery modes and languages by their codes."""

    provider = serializers.CharField(max_length=60, required=False)
    title = serializers.CharField(max_length=MAX_TITLE, allow_blank=True)
    description = serializers.CharField(
        max_length=MAX_DESCRIPTION, required=False, allow_blank=True, default=""
    )
    thematic_areas = _codes()
    is_global = serializers.BooleanField(required=False, default=False)
    regions = _codes(required=False, default=list)
    subregions = _codes(required=False, default=list)
    states = _codes(required=False, default=list)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    budget_band = serializers.CharField(max_length=20)
    delivery_modes = _codes()
    languages = _codes()
    contact_name = serializers.CharField(
        max_length=MAX_CONTACT, required=False, allow_blank=True, default=""
    )
    contact_email = serializers.CharField(
        max_length=254, required=False, allow_blank=True, default=""
    )
