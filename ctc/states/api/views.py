from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated

from ctc.organisations.enums import GrantScope
from ctc.organisations.http import grant_check_or_404

from .. import selectors
from ..filters import MemberStateFilter
from ..models import MemberState
from .serializers import (
    MemberStateDetailSerializer,
    MemberStateSerializer,
    StateProfileDetailSerializer,
    StateProfileSerializer,
)


class MemberStateListView(generics.ListAPIView):
    """The 193 member states, named in the request's language (Accept-Language)."""

    serializer_class = MemberStateSerializer
    # Declared for the OpenAPI schema; filtering itself happens in the selector.
    filter_backends = [DjangoFilterBackend]
    filterset_class = MemberStateFilter

    def get_queryset(self):
        return MemberState.objects.none()

    def filter_queryset(self, queryset):
        filterset = MemberStateFilter(self.request.query_params)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return selectors.state_list(**filterset.selector_kwargs())


class MemberStateDetailView(generics.RetrieveAPIView):
    serializer_class = MemberStateDetailSerializer
    lookup_field = "iso3"

    def get_object(self):
        try:
            return selectors.state_get(iso3=self.kwargs["iso3"])
        except MemberState.DoesNotExist as exc:
            raise Http404 from exc


class StateProfileListView(MemberStateListView):
    """State profiles of the shared database: for partners whose organisation holds the
    state_profiles grant in force, and for CTED staff; 404 for anyone else (E-20)."""

    serializer_class = StateProfileSerializer
    permission_classes = [IsAuthenticated]

    def filter_queryset(self, queryset):
        grant_check_or_404(self.request.user, GrantScope.STATE_PROFILES)
        return super().filter_queryset(queryset)


class StateProfileDetailView(MemberStateDetailView):
    """One state profile with its reporting history; 404 without the state_profiles grant."""

    serializer_class = StateProfileDetailSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        grant_check_or_404(self.request.user, GrantScope.STATE_PROFILES)
        return super().get_object()
