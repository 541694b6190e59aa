"""The regional matrix as CSV (E-10, E-12): the same scopes as the page, so a donor's file
counts only the needs States agreed to share and only its own programmes."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import match_selectors
from .match_forms import MatrixForm


def matrix_rows(matrix: match_selectors.Matrix) -> list[list]:
    """The header, then one line per thematic area and column, in the active language."""
    rows = [
        [
            _("Thematic area"),
            match_selectors.LEVEL_LABELS[matrix.level],
            _("Open needs"),
            _("Programmes"),
            _("Agreed matches"),
            _("Open needs no programme reaches"),
        ]
    ]
    for row in matrix.rows:
        for column, cell in row.cells:
            rows.append(
                [row.area.name, column.name, cell.needs, cell.offers, cell.agreed, cell.unreached]
            )
    return rows


@login_required
@require_GET
def matrix_export(request):
    if not match_selectors.reads_matrix(request.user):
        raise Http404
    form = MatrixForm(request.GET)
    if not form.is_valid():
        message = " ".join(form.errors["level"])
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    level = form.cleaned_data["level"]
    matrix = match_selectors.regional_matrix(user=request.user, level=level)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"assistance-matrix-{level}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # A byte-order mark so spreadsheet programs read the six languages' names as UTF-8.
    response.write("\ufeff")
    csv.writer(response).writerows(matrix_rows(matrix))
    return response
