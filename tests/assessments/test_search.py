import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import selectors, services
from ctc.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_search_finds_words_of_findings_and_sources(draft, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.2")
    services.answer_save(
        answer=answer,
        finding="<p>Hawala operators are not registered.</p>",
        status="partially",
        sources="Mutual evaluation report",
        revision=0,
        by=expert,
    )

    by_finding = selectors.assessment_list(user=expert, search="hawala")
    by_source = selectors.assessment_list(user=expert, search="evaluation")
    nothing = selectors.assessment_list(user=expert, search="extradition")

    assert list(by_finding) == [draft]
    assert list(by_source) == [draft]
    assert list(nothing) == []


def test_search_follows_saves_and_carry_over(draft, next_format, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = services.answer_save(
        answer=draft.answers.get(question__code="1.2"),
        finding="<p>Hawala operators are not registered.</p>",
        status="partially",
        sources="",
        revision=0,
        by=expert,
    )
    services.answer_save(
        answer=answer,
        finding="<p>Money transfer operators are registered.</p>",
        status="implemented",
        sources="",
        revision=1,
        by=expert,
    )

    later = services.assessment_create(state=draft.state, fmt=next_format, cycle=2013, by=expert)

    assert list(selectors.assessment_list(user=expert, search="hawala")) == []
    assert list(selectors.assessment_list(user=expert, search="transfer")) == [later, draft]


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="a PostgreSQL index; CI runs PostgreSQL")
def test_search_uses_the_gin_index_on_postgresql(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.2")
    services.answer_save(
        answer=answer,
        finding="<p>Financing of terrorism is an offence.</p>",
        status="implemented",
        sources="",
        revision=0,
        by=expert,
    )
    client.force_login(expert)
    # With a handful of rows any full scan is cheapest: with full scans of the table and of
    # its other indexes off, the plan shows whether this SQL can use the GIN index at all.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/assessments/", {"q": "financing"})
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    plans = [_explain(sql) for sql in searches]

    assert "1 assessment" in response.content.decode()
    # The paginator's count and the page itself, each matching the assessments' documents.
    assert len(searches) == 2
    assert all("assessments_answer" not in sql for sql in searches)
    assert all("Bitmap Index Scan on assessments_searchdocument_document" in p for p in plans)
