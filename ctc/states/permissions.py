"""Who reads a State's timeline and the Committee dashboard, and who logs the dialogue.

The timeline and the dashboard are the staff's and the Committee's: CTED (experts,
coordinators, administrators), the Committee's members and its Chair. A focal point, a
partner analyst, a donor or a subcommittee member gets 404 (they read their own parts in
the secure area, the shared database or their subcommittee's files). Each kind of event on
the timeline is further limited by the scopes of the app that owns it.
"""

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role

OVERVIEW_ROLES = CTED_ROLES | COMMITTEE_ROLES
DIALOGUE_WRITERS = frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def reads_overview(user) -> bool:
    """The State timelines and the Committee dashboard open for this user."""
    return _active(user) and bool(user.roles & OVERVIEW_ROLES)


def can_record_dialogue(user) -> bool:
    """CTED experts and coordinators log the dialogue with States (SPEC.md, People)."""
    return _active(user) and bool(user.roles & DIALOGUE_WRITERS)


def can_correct_dialogue(user, entry) -> bool:
    """A dialogue entry is corrected by the CTED expert who recorded it or by a CTED
    coordinator."""
    if not can_record_dialogue(user):
        return False
    return Role.CTED_COORDINATOR in user.roles or entry.recorded_by_id == user.pk
