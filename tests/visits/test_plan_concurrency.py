"""Two coordinators propose visits to one State at the same moment: distinct references."""

import datetime
import threading

import pytest
from django.conf import settings
from django.db import connection

from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from visits import services
from visits.models import Visit

pytestmark = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="row locking needs PostgreSQL; CI runs PostgreSQL"
)


def test_simultaneous_proposals_get_consecutive_references(reference_data, personas):
    kenya = MemberState.objects.get(iso3="KEN")
    barrier = threading.Barrier(3)
    errors = []

    def propose():
        try:
            barrier.wait()
            services.visit_create(
                state=kenya,
                purpose="Assess resolution 1373.",
                objectives="Meet the border police.",
                human_rights="",
                starts_on=datetime.date(2012, 5, 14),
                ends_on=datetime.date(2012, 5, 18),
                experts=[],
                partners=[],
                by=personas[Role.CTED_COORDINATOR],
            )
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=propose) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(Visit.objects.values_list("reference", flat=True)) == [
        "VIS/KEN/2012/1",
        "VIS/KEN/2012/2",
        "VIS/KEN/2012/3",
    ]
