"""Pieces shared by every app's REST API."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import exception_handler as drf_exception_handler

from ctc.registry import site


def exception_handler(exc, context):
    """DRF's handler, plus Django validation errors raised by services answer 400."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail=detail)
    return drf_exception_handler(exc, context)


@extend_schema(responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    """The list endpoints of API v1, as registered by the apps."""
    links = {"token": reverse("api:token", request=request, format=format)}
    for routes in site.api.values():
        for label, url_name in routes.index.items():
            links[label] = reverse(f"api:{url_name}", request=request, format=format)
    return Response(links)
