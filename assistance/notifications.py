"""The notifications of the match lifecycle (ctc.notifications), as data.

Params carry the names of the need's State and thematic area in every language, the
programme's title and provider, so each reader reads them in their own language whoever
caused them.
"""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.notifications.services import notify
from ctc.registry import NotificationKind

MATCH_PROPOSED = "assistance.match_proposed"
MATCH_ANSWERED = "assistance.match_answered"


def _names(instance) -> dict:
    return {
        code: getattr(instance, f"name_{suffix}", "") or instance.name_en
        for code, suffix in reference.LANGUAGE_SUFFIXES.items()
    }


def match_params(match, **extra) -> dict:
    need, offer = match.need, match.offer
    return {
        "match": match.pk,
        "score": match.score,
        "state": _names(need.state),
        "area": _names(need.thematic_area),
        "offer": offer.title,
        "provider": offer.provider.name,
        **extra,
    }


def _in_language(names: dict) -> str:
    return names.get(get_language() or "en") or names.get("en", "")


def _proposed(params):
    return (
        _("Proposed match for your programme {offer}").format(offer=params["offer"]),
        _(
            "A need of {state} in {area} is proposed for your programme {offer} (score "
            "{score} out of 100). Please agree or decline."
        ).format(
            state=_in_language(params["state"]),
            area=_in_language(params["area"]),
            offer=params["offer"],
            score=params["score"],
        ),
    )


def _answered(params):
    names = {
        "state": _in_language(params["state"]),
        "area": _in_language(params["area"]),
        "offer": params["offer"],
        "provider": params["provider"],
    }
    if params.get("agreed"):
        subject = _("{provider} agreed to a match").format(**names)
        text = _("{provider} agreed to meet the need of {state} in {area} through {offer}.")
        return subject, text.format(**names)
    subject = _("{provider} declined a match").format(**names)
    text = _("{provider} declined to meet the need of {state} in {area} through {offer}: {reason}")
    return subject, text.format(reason=params.get("reason", ""), **names)


KINDS = [
    NotificationKind(MATCH_PROPOSED, gettext_lazy("Match proposed to a programme"), _proposed),
    NotificationKind(MATCH_ANSWERED, gettext_lazy("A donor's answer to a match"), _answered),
]


def match_proposed_tell(matches, *, actor=None) -> int:
    """Tells the donors of each match's provider of the proposal, once per match, only when
    the State agreed to share the need. Call inside the transaction that proposed them (the
    matching job does too). Returns how many people were told.

    Side effects: Notification rows; their e-mails after commit (ctc.notifications).
    """
    shared = [m for m in matches if m.need.shared_with_donors]
    donors = defaultdict(list)
    people = User.objects.filter(
        is_active=True,
        groups__name=Role.DONOR,
        organisation_id__in={m.offer.provider_id for m in shared},
    ).distinct()
    for person in people:
        donors[person.organisation_id].append(person)
    told = 0
    for match in shared:
        told += notify(
            event=f"{MATCH_PROPOSED}:{match.pk}",
            kind=MATCH_PROPOSED,
            recipients=donors[match.offer.provider_id],
            params=match_params(match),
            url=reverse("assistance_matches:detail", args=[match.pk]),
            actor=actor,
        )
    return told
