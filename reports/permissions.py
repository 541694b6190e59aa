"""Who may generate reports and who may see their runs. Every read of runs goes through
run_scope().

CTED (experts, coordinators, administrators) generate every kind and see every run. The
Committee (members and the Chair) considers CTED's reports: it sees the runs of the reports
addressed to it, read-only, and opens the filed documents through the document area, whose
own scope decides. Nobody else sees the reports page (404).
"""

from django.db.models import QuerySet

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES

from .constants import COMMITTEE_KINDS


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_generate(user) -> bool:
    return _active(user) and bool(user.roles & CTED_ROLES)


def reads_reports(user) -> bool:
    return can_generate(user) or (_active(user) and bool(user.roles & COMMITTEE_ROLES))


def run_scope(queryset: QuerySet, user) -> QuerySet:
    """Report jobs the user may see: all for CTED; for the Committee, those of the kinds
    addressed to it (COMMITTEE_KINDS)."""
    if can_generate(user):
        return queryset
    if reads_reports(user):
        return queryset.filter(params__kind__in=COMMITTEE_KINDS)
    return queryset.none()
