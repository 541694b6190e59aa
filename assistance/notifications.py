"""The notifications of the match lifecycle (ctc.notifications), as data.

Params carry the names of the need's State and thematic area in every language, the
programme's title and provider, so each reader reads them in their own language whoever
caused them.
"""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.notifications.services import notify
from ctc.registry import NotificationKind

from .models import Need, Offer

MATCH_PROPOSED = "assistance.match_proposed"
MATCH_ANSWERED = "assistance.match_answered"
MATCH_PROPOSALS = "assistance.match_proposals"
# The programmes named in the matching run's message to a donor; the rest are counted.
NAMED_OFFERS = 5


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


def _proposals(params):
    count, offers = params["count"], params["offers"]
    named = ", ".join(offers[:NAMED_OFFERS])
    if len(offers) > NAMED_OFFERS:
        named = _("{offers} and {count} more").format(
            offers=named, count=len(offers) - NAMED_OFFERS
        )
    subject = ngettext(
        "{count} new match proposed for your programmes",
        "{count} new matches proposed for your programmes",
        count,
    ).format(count=count)
    text = ngettext(
        "The matching run proposed {count} need for your programmes ({offers}). Please agree "
        "or decline on your assistance page.",
        "The matching run proposed {count} needs for your programmes ({offers}). Please agree "
        "or decline each on your assistance page.",
        count,
    ).format(count=count, offers=named)
    return subject, text


KINDS = [
    NotificationKind(MATCH_PROPOSED, gettext_lazy("Match proposed to a programme"), _proposed),
    NotificationKind(MATCH_ANSWERED, gettext_lazy("A donor's answer to a match"), _answered),
    NotificationKind(
        MATCH_PROPOSALS, gettext_lazy("Matches proposed by the matching run"), _proposals
    ),
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


def match_proposals_tell(pairs, *, run: str) -> int:
    """Tells the donors of each provider, once per matching run (`run` names it), how many
    new proposals the run made for their programmes, counting only needs the State agreed to
    share: one message per run, not one per match. `pairs` are the new proposals' (need id,
    offer id). Call inside the run's transaction. Returns how many people were told.

    Side effects: Notification rows; their e-mails after commit (ctc.notifications).
    """
    pairs = list(pairs)
    shared = set(
        Need.objects.filter(pk__in={n for n, _o in pairs}, shared_with_donors=True).values_list(
            "pk", flat=True
        )
    )
    offers = {
        pk: (provider, title)
        for pk, provider, title in Offer.objects.filter(
            pk__in={o for n, o in pairs if n in shared}
        ).values_list("pk", "provider_id", "title")
    }
    counts, titles = defaultdict(int), defaultdict(set)
    for need_id, offer_id in pairs:
        if need_id in shared:
            provider, title = offers[offer_id]
            counts[provider] += 1
            titles[provider].add(title)
    if not counts:
        return 0
    donors = defaultdict(list)
    for person in User.objects.filter(
        is_active=True, groups__name=Role.DONOR, organisation_id__in=counts
    ).distinct():
        donors[person.organisation_id].append(person)
    url = reverse("assistance_donor:home")
    told = 0
    for provider, count in counts.items():
        told += notify(
            event=f"{MATCH_PROPOSALS}:{run}:{provider}",
            kind=MATCH_PROPOSALS,
            recipients=donors[provider],
            params={"count": count, "offers": sorted(titles[provider])},
            url=url,
        )
    return told
