"""The report's version list and page run a fixed number of SQL queries, whatever their size."""

import pytest
from django.urls import reverse

from ctc.accounts.enums import Role
from visits.enums import ReportSectionKey

from .report_helpers import report_at, write

pytestmark = pytest.mark.django_db

# Session, user and roles (3), the header's unread notifications, then the visit and its
# versions with who saved them.
VERSION_LIST_QUERIES = 6
# The same four, the visit, its sections, their suggestions, the report's steps, and the
# documents filed for it.
REPORT_PAGE_QUERIES = 9


def _saves(visit, count, personas):
    """`count` more versions, saved in turn by the expert and the coordinator."""
    people = [personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]]
    for n in range(count):
        write(visit, ReportSectionKey.FINDINGS, f"<p>Finding number {n}.</p>", people[n % 2])


def test_version_list_query_count_is_the_same_for_3_and_12_versions(
    client, personas, django_assert_num_queries
):
    small, large = report_at(personas), report_at(personas)
    _saves(small, 1, personas)
    _saves(large, 10, personas)
    client.force_login(personas[Role.CTED_EXPERT])

    with django_assert_num_queries(VERSION_LIST_QUERIES):
        few = client.get(reverse("visits:report_versions", args=[small.pk]))
    with django_assert_num_queries(VERSION_LIST_QUERIES):
        many = client.get(reverse("visits:report_versions", args=[large.pk]))

    assert (few.status_code, many.status_code) == (200, 200)
    assert "3 versions" in few.content.decode()
    assert "12 versions" in many.content.decode()
    assert many.content.decode().count('name="a"') == 12


def test_report_page_query_count_is_the_same_with_few_and_many_suggestions(
    client, personas, django_assert_num_queries
):
    from visits import report_services

    small, large = report_at(personas), report_at(personas)
    for visit, count in ((small, 1), (large, 6)):
        for n in range(count):
            section = visit.report_sections.get(key=ReportSectionKey.SUMMARY)
            report_services.report_suggestion_make(
                section=section,
                proposed_text=f"<p>Suggestion {n}.</p>",
                by=personas[Role.CTED_COORDINATOR],
            )
    client.force_login(personas[Role.CTED_EXPERT])

    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        few = client.get(reverse("visits:report", args=[small.pk]))
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        many = client.get(reverse("visits:report", args=[large.pk]))

    assert few.content.decode().count('class="suggestion-meta"') == 1
    assert many.content.decode().count('class="suggestion-meta"') == 6
