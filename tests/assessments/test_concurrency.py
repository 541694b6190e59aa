"""Two saves of one finding at the same moment, on real PostgreSQL row locks."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from assessments import services
from ctc.accounts.enums import Role
from ctc.revisions import EditConflict

pytestmark = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="row locking needs PostgreSQL; CI runs PostgreSQL"
)


def test_simultaneous_saves_one_wins_the_other_conflicts(reference_data, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(name, user):
        try:
            barrier.wait()
            services.answer_save(
                answer=answer,
                finding=f"<p>{name}</p>",
                status="",
                sources="",
                revision=0,
                by=user,
            )
            outcomes[name] = "saved"
        except EditConflict:
            outcomes[name] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("first", personas[Role.CTED_EXPERT])),
        threading.Thread(target=save, args=("second", personas[Role.CTED_COORDINATOR])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    answer.refresh_from_db()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert (answer.finding, answer.revision) == (f"<p>{winner}</p>", 1)
    assert list(draft.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
