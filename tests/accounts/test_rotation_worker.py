"""The quarterly rotation on a real Celery worker, killed with SIGKILL halfway and restarted:
every account is rotated and notified exactly once, the ones done before the kill untouched.

The worker is another process: it writes its mail to files (CTC_TEST_EMAIL_FILE_PATH) and
waits CTC_ROTATION_ACCOUNT_DELAY seconds between changing an account and notifying it, so
the test can kill it in the middle of the run.
"""

import os
import signal
import time
from collections import Counter

import pytest
from django.conf import settings

from ctc.accounts.enums import AccountRotationStatus, Role, RotationStatus
from ctc.accounts.models import AccountRotation, CredentialRotation, User
from ctc.accounts.tasks import credential_rotation_start_task
from ctc.celery import app
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.conftest import WORKER_PROCESSES, celery_worker
from tests.factories import UserFactory
from tests.notifications.conftest import mail_files

pytestmark = pytest.mark.celery_worker

STATES = ["KEN", "IDN", "COL"]


@pytest.fixture
def secure_people(reference_data):
    people = []
    for iso3 in STATES:
        state = MemberState.objects.get(iso3=iso3)
        for n in range(3):
            people.append(
                UserFactory(
                    username=f"{iso3.lower()}{n}", roles=[Role.FOCAL_POINT], member_state=state
                )
            )
    partner = Organisation.objects.get(code="1267-monitoring-team")
    people.append(
        UserFactory(username="analyst", roles=[Role.PARTNER_ANALYST], organisation=partner)
    )
    return people


@pytest.fixture
def not_eager():
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def _wait_until(check, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_a_worker_killed_mid_run_then_restarted_skips_nobody_and_notifies_nobody_twice(
    secure_people, not_eager, tmp_path
):
    folder = tmp_path / "mail"
    folder.mkdir()
    queue = f"test-rotation-{os.getpid()}"
    env = {"CTC_TEST_EMAIL_FILE_PATH": str(folder), "CTC_ROTATION_ACCOUNT_DELAY": "0.6"}
    rows = AccountRotation.objects.filter(rotation__quarter="2026Q4")

    with celery_worker(queue, env=env):
        credential_rotation_start_task.apply_async(kwargs={"quarter": "2026Q4"}, queue=queue)
        # Kill it while an account is changed but not yet told (the delay's window).
        assert _wait_until(
            lambda: (
                rows.filter(status=AccountRotationStatus.DONE).count() >= 3
                and rows.filter(status=AccountRotationStatus.CHANGED).exists()
            )
        )
        worker = WORKER_PROCESSES[queue]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    before = {r.pk: (r.status, r.new_username, r.changed_at, r.sent_at) for r in rows}
    done_before = {pk for pk, state in before.items() if state[0] == AccountRotationStatus.DONE}
    assert 3 <= len(done_before) < len(secure_people)
    [told_after] = [pk for pk, state in before.items() if state[0] == AccountRotationStatus.CHANGED]
    assert CredentialRotation.objects.get().status == RotationStatus.RUNNING

    # The next beat tick (or `rotate_credentials`) on a fresh worker finishes the rest.
    with celery_worker(queue, env=env):
        result = credential_rotation_start_task.apply_async(
            kwargs={"quarter": "2026Q4"}, queue=queue
        )
        rotation_id = result.get(timeout=120)
        again = credential_rotation_start_task.apply_async(
            kwargs={"quarter": "2026Q4"}, queue=queue
        ).get(timeout=60)

    finished = CredentialRotation.objects.get(pk=rotation_id)
    assert again == rotation_id
    assert finished.status == RotationStatus.DONE
    assert (
        finished.account_count,
        finished.done_count,
        finished.notice_count,
        finished.failure_count,
    ) == (10, 10, 10, 0)
    assert set(rows.values_list("status", flat=True)) == {AccountRotationStatus.DONE}
    for row in rows.filter(pk__in=done_before):  # the ones done before the kill: untouched
        assert (row.status, row.new_username, row.changed_at, row.sent_at) == before[row.pk]
    # The account changed just before the kill was told by the new worker, with a new link.
    changed_at_kill = rows.get(pk=told_after)
    assert changed_at_kill.changed_at == before[told_after][2]
    assert changed_at_kill.new_username == before[told_after][1]
    # Every account was told once, at its registered address, and renamed once.
    sent = Counter(message["To"] for message in mail_files(folder))
    assert sent == Counter({f"{person.username}@example.org": 1 for person in secure_people})
    names = set(
        User.objects.filter(pk__in=[p.pk for p in secure_people]).values_list("username", flat=True)
    )
    assert names == set(rows.values_list("new_username", flat=True))
    assert not names & {person.username for person in secure_people}
