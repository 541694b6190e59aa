"""Writes of the match lifecycle: proposing a match by hand, then one service per step of
permissions.MATCH (proposed → contacted → agreed → delivering → delivered → evaluated, or
declined). Each step is attributed and dated (MatchTransition through ctc.workflow), and
the need's status follows: agreed → "matched", evaluated as met → "met", back to "open"
when the last match holding it is declined or evaluated as not met.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc.accounts.enums import Role
from ctc.notifications.services import notify

from . import match_selectors, notifications, permissions
from .enums import MatchAction, NeedStatus, OfferStatus
from .match_constants import MAX_COMMENT, MAX_OUTCOME
from .models import Match, Need, Offer

A = MatchAction
# The need's statuses in which a match can still be proposed or agreed.
NEED_OPEN = (NeedStatus.OPEN, NeedStatus.MATCHED)


def _too_long(value: str, limit: int) -> str:
    return _("At most {n} characters (this text has {count}).").format(n=limit, count=len(value))


def _text(value, limit: int, *, name: str, required_message: str | None = None) -> str:
    value = (value or "").strip()
    if required_message and not value:
        raise ValidationError({name: required_message})
    if len(value) > limit:
        raise ValidationError({name: _too_long(value, limit)})
    return value


def _need_status(need: Need, status: str, by) -> None:
    """Moves the need (locked by the caller's transition) and records who moved it."""
    if need.status == status:
        return
    need.status = status
    need.status_changed_at = timezone.now()
    need._history_user = by
    need.save(update_fields=["status", "status_changed_at", "updated_at"])


def _release(match: Match, by) -> None:
    """A matched need is open again once no other match holds it."""
    need = match.need
    if need.status == NeedStatus.MATCHED and not match_selectors.live_match_exists(
        need_id=need.pk, excluding=match.pk
    ):
        _need_status(need, NeedStatus.OPEN, by)


def _save(match: Match, by, **fields) -> None:
    for name, value in fields.items():
        setattr(match, name, value)
    match._history_user = by
    match.save(update_fields=[*fields, "updated_at"])


def _donor_answer(by) -> bool:
    return Role.DONOR in by.roles and not (by.roles & permissions.CTED_WRITERS)


def _tell_answer(result, by, **extra) -> None:
    """CTED (the need's recorder, the coordinators) hears of a donor's answer."""
    match = result.subject
    notify(
        event=f"{notifications.MATCH_ANSWERED}:{result.record.pk}",
        kind=notifications.MATCH_ANSWERED,
        recipients=match_selectors.cted_recipient_list(need=match.need),
        params=notifications.match_params(match, **extra),
        url=reverse("assistance_matches:detail", args=[match.pk]),
        actor=by,
    )


# --- Proposing by hand ----------------------------------------------------------------------


@transaction.atomic
def match_propose(*, need: Need, offer: Offer, by, today=None) -> Match:
    """Pairs a need with a programme (CTED experts and coordinators), scored now by
    scoring.py from the pair's facts.

    Refused with a message on the field: a need met or withdrawn, a closed programme, a pair
    already matched, a programme that does not reach the need (thematic area or geography).
    Side effects: the need's row is locked while the pair is checked; the Match (and its
    first history record); the provider's donors are told when the State shares the need.
    """
    if not permissions.can_write(by):
        raise PermissionDenied
    need = (
        permissions.need_scope(Need.objects.all(), by)
        .select_for_update(of=("self",))
        .select_related("state__region", "state__subregion")
        .filter(pk=getattr(need, "pk", None))
        .first()
    )
    offer = (
        permissions.offer_scope(Offer.objects.all(), by)
        .select_related("provider")
        .prefetch_related("thematic_areas", "states")
        .filter(pk=getattr(offer, "pk", None))
        .first()
    )
    errors = {}
    if need is None:
        errors["need"] = _("Choose a need.")
    elif need.status not in NEED_OPEN:
        errors["need"] = _("This need is “{status}”: no match can be proposed for it.").format(
            status=need.get_status_display()
        )
    if offer is None:
        errors["offer"] = _("Choose a programme.")
    elif offer.status != OfferStatus.ACTIVE:
        errors["offer"] = _("This programme is closed.")
    if errors:
        raise ValidationError(errors)
    existing = Match.objects.filter(need=need, offer=offer).first()
    if existing is not None:
        raise ValidationError(
            {
                "offer": _("This programme is already matched with this need (“{status}”).").format(
                    status=existing.get_status_display()
                )
            }
        )
    scored = match_selectors.pair_score(need=need, offer=offer, today=today)
    if scored is None:
        raise ValidationError(
            {"offer": _("This programme does not cover the need's thematic area or its State.")}
        )
    match = Match(
        need=need,
        offer=offer,
        score=scored.score,
        explanation=scored.explanation,
        proposed_by=by,
    )
    match._history_user = by
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError:
        raise ValidationError(
            {"offer": _("This programme is already matched with this need.")}
        ) from None
    notifications.match_proposed_tell([match], actor=by)
    return match


# --- The steps ------------------------------------------------------------------------------


def _may(by, action) -> None:
    if not permissions.MATCH.may_act(by, action):
        raise PermissionDenied


def _step(match: Match, action: str, *, by, comment: str = ""):
    return permissions.MATCH.transition(
        match, action, by=by, comment=_text(comment, MAX_COMMENT, name="comment")
    )


def _shared_or_refuse(need: Need) -> None:
    if not need.shared_with_donors:
        raise ValidationError(
            _(
                "The State has not agreed to share this need with donors: the provider cannot be "
                "approached about it."
            )
        )


@transaction.atomic
def match_contact(*, match: Match, by, comment: str = "") -> Match:
    """Proposed → contacted (CTED): the provider was approached about the need. Refused
    while the State does not share the need with donors.

    Side effects: one MatchTransition.
    """
    _may(by, A.CONTACT)
    result = _step(match, A.CONTACT, by=by, comment=comment)
    _shared_or_refuse(result.subject.need)
    return result.subject


@transaction.atomic
def match_agree(*, match: Match, by, comment: str = "") -> Match:
    """Proposed or contacted → agreed (the provider's donors, or CTED for it). Refused while
    the need is not shared with donors, or is met or withdrawn.

    Side effects: one MatchTransition; an open need becomes "matched"; CTED is told when a
    donor agreed.
    """
    _may(by, A.AGREE)
    result = _step(match, A.AGREE, by=by, comment=comment)
    need = result.subject.need
    _shared_or_refuse(need)
    if need.status not in NEED_OPEN:
        raise ValidationError(
            _("The need is “{status}”: the match cannot be agreed.").format(
                status=need.get_status_display()
            )
        )
    _need_status(need, NeedStatus.MATCHED, by)
    if _donor_answer(by):
        _tell_answer(result, by, agreed=True)
    return result.subject


@transaction.atomic
def match_decline(*, match: Match, by, comment: str) -> Match:
    """Proposed, contacted or agreed → declined (the provider's donors, or CTED); the reason
    is required and kept on the match.

    Side effects: one MatchTransition; decline_reason saved; a matched need no other match
    holds is open again; CTED is told when a donor declined.
    """
    _may(by, A.DECLINE)
    reason = _text(
        comment, MAX_COMMENT, name="comment", required_message=_("Say why the match is declined.")
    )
    result = _step(match, A.DECLINE, by=by, comment=reason)
    _save(result.subject, by, decline_reason=reason)
    _release(result.subject, by)
    if _donor_answer(by):
        _tell_answer(result, by, agreed=False, reason=reason)
    return result.subject


@transaction.atomic
def match_start(*, match: Match, by, comment: str = "") -> Match:
    """Agreed → delivering (the provider's donors, or CTED).

    Side effects: one MatchTransition.
    """
    _may(by, A.START)
    return _step(match, A.START, by=by, comment=comment).subject


@transaction.atomic
def match_deliver(*, match: Match, by, comment: str = "") -> Match:
    """Delivering → delivered (the provider's donors, or CTED).

    Side effects: one MatchTransition.
    """
    _may(by, A.DELIVER)
    return _step(match, A.DELIVER, by=by, comment=comment).subject


@transaction.atomic
def match_evaluate(*, match: Match, by, outcome: str, need_met, comment: str = "") -> Match:
    """Delivered → evaluated (CTED): the outcome, and whether the need is met, both required.

    Side effects: one MatchTransition; outcome and need_met saved; the need becomes "met"
    when met, or open again when not met and no other match holds it.
    """
    _may(by, A.EVALUATE)
    errors = {}
    try:
        outcome = _text(
            outcome, MAX_OUTCOME, name="outcome", required_message=_("Describe the outcome.")
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if need_met not in (True, False):
        errors["need_met"] = _("Say whether the need is met.")
    if errors:
        raise ValidationError(errors)
    result = _step(match, A.EVALUATE, by=by, comment=comment)
    _save(result.subject, by, outcome=outcome, need_met=need_met)
    need = result.subject.need
    if need_met and need.status != NeedStatus.WITHDRAWN:
        _need_status(need, NeedStatus.MET, by)
    elif not need_met:
        _release(result.subject, by)
    return result.subject


STEPS = {
    A.CONTACT: match_contact,
    A.AGREE: match_agree,
    A.DECLINE: match_decline,
    A.START: match_start,
    A.DELIVER: match_deliver,
    A.EVALUATE: match_evaluate,
}
# The actions whose form asks for the outcome and whether the need is met.
EVALUATION_ACTIONS = (A.EVALUATE,)
# The actions whose comment is required (the reason).
REASON_ACTIONS = (A.DECLINE,)


def match_transition(
    *, match: Match, action: str, by, comment: str = "", outcome: str = "", need_met=None
) -> Match:
    """Takes one step by its action's service (pages and API alike); PermissionDenied when
    the user never takes it, ValidationError when it is not possible now."""
    if action not in STEPS:
        raise ValidationError({"action": _("Unknown step.")})
    if action == A.EVALUATE:
        return match_evaluate(
            match=match, by=by, outcome=outcome, need_met=need_met, comment=comment
        )
    if action == A.DECLINE:
        return match_decline(match=match, by=by, comment=comment)
    return STEPS[action](match=match, by=by, comment=comment)
