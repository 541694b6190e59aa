import pytest
from django.conf import settings
from django.db import connection

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


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="a PostgreSQL index; CI runs PostgreSQL")
def test_search_uses_the_gin_index_on_postgresql(draft, personas):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from assessments.models import Answer

    query = Answer.objects.annotate(
        document=SearchVector("finding", "sources", config="simple")
    ).filter(document=SearchQuery("hawala", config="simple", search_type="websearch"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.order_by().explain()

    assert "assessments_answer_search" in plan
