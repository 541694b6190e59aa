"""Writes of technical assistance: needs and offers, one service per change, each checking
its actor (permissions.py), locking the row it changes, validating in the reader's language
and saving with a history record (simple-history) naming the actor.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc.organisations.models import Organisation
from ctc.states.enums import OfficialLanguage
from ctc.states.models import MemberState, Region, Subregion
from ctc.themes.models import ThematicArea

from . import permissions
from .constants import (
    MAX_CONTACT,
    MAX_DESCRIPTION,
    MAX_REFERENCE,
    MAX_TITLE,
    PROVIDER_KINDS,
)
from .enums import BudgetBand, DeliveryMode, NeedSource, NeedStatus, OfferStatus, Priority
from .models import Need, Offer

# A need is edited, and its consent recorded, while it is still being worked on.
EDITABLE_NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.MATCHED)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _too_long(value: str, limit: int) -> str:
    return _("At most {n} characters (this text has {count}).").format(n=limit, count=len(value))


def _text(errors: dict, name: str, value, limit: int, *, required_message: str = "") -> str:
    value = (value or "").strip()
    if len(value) > limit:
        errors[name] = _too_long(value, limit)
    elif required_message and not value:
        errors[name] = required_message
    return value


def _area(value) -> ThematicArea | None:
    """A thematic area given as itself, its code or its id; None when there is no such area."""
    if isinstance(value, ThematicArea):
        return value if value.pk else None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return ThematicArea.objects.filter(pk=int(value)).first()
    if isinstance(value, str):
        return ThematicArea.objects.filter(code=value.strip()).first()
    return None


def _state(value) -> MemberState | None:
    """A member state given as itself or its ISO 3166 code (alpha-3 or alpha-2)."""
    if isinstance(value, MemberState):
        return value
    if isinstance(value, str) and value.strip():
        code = value.strip().upper()
        return MemberState.objects.filter(iso3=code).first() or (
            MemberState.objects.filter(iso2=code).first()
        )
    return None


def _unknown(values, allowed) -> list[str]:
    return [str(v) for v in values if v not in allowed]


def _codes(value) -> list:
    """A list of codes as given; a single string counts as one code."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


# --- Needs -----------------------------------------------------------------------------------


def _need_check(*, state, thematic_area, description, priority, source, wanted_from, wanted_until):
    """The need's fields, cleaned, or a ValidationError naming every bad field."""
    errors = {}
    fields = {
        "description": _text(
            errors,
            "description",
            description,
            MAX_DESCRIPTION,
            required_message=_("Describe the assistance the State needs."),
        ),
        "priority": priority or Priority.MEDIUM,
        "source": source,
        "wanted_from": wanted_from,
        "wanted_until": wanted_until,
    }
    fields["state"] = _state(state)
    if fields["state"] is None:
        errors["state"] = _("Choose a member state.")
    fields["thematic_area"] = _area(thematic_area)
    if fields["thematic_area"] is None:
        errors["thematic_area"] = (
            _("Unknown thematic area “{value}”.").format(value=thematic_area)
            if thematic_area not in (None, "")
            else _("Choose a thematic area.")
        )
    if fields["priority"] not in Priority.values:
        errors["priority"] = _("Unknown priority “{value}”: choose high, medium or low.").format(
            value=priority
        )
    if source not in NeedSource.values:
        errors["source"] = _("Unknown source “{value}”.").format(value=source or "")
    if wanted_from and wanted_until and wanted_until < wanted_from:
        errors["wanted_until"] = _("“Wanted until” cannot be before “wanted from”.")
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def need_create(
    *,
    state,
    thematic_area,
    description,
    priority=Priority.MEDIUM,
    source=NeedSource.STATE_REQUEST,
    wanted_from: datetime.date | None = None,
    wanted_until: datetime.date | None = None,
    source_object=None,
    by,
) -> Need:
    """Records a State's need (CTED experts and coordinators), open and not shared with
    donors until the State's consent is recorded (need_consent_record).

    Side effects: the Need and its first history record, attributed to `by`.
    """
    _require(permissions.can_write(by))
    fields = _need_check(
        state=state,
        thematic_area=thematic_area,
        description=description,
        priority=priority,
        source=source,
        wanted_from=wanted_from,
        wanted_until=wanted_until,
    )
    need = Need(created_by=by, **fields)
    if source_object is not None:
        need.source_type = ContentType.objects.get_for_model(source_object)
        need.source_id = source_object.pk
    need._history_user = by
    need.save()
    return need


def _locked_need(need: Need) -> Need:
    return Need.objects.select_for_update().get(pk=need.pk)


def _editable(need: Need) -> None:
    if need.status not in EDITABLE_NEED_STATUSES:
        raise ValidationError(
            _("This is not possible while the need is “{status}”.").format(
                status=need.get_status_display()
            )
        )


def _save(obj, by) -> None:
    obj._history_user = by
    obj.save()


@transaction.atomic
def need_update(
    *,
    need: Need,
    state,
    thematic_area,
    description,
    priority,
    source,
    wanted_from=None,
    wanted_until=None,
    by,
) -> Need:
    """Edits a need while it is open or matched (CTED writers). Its source record, consent
    and status are not edited here.

    Side effects: the row is locked; one history record with the editor, none when nothing
    changed.
    """
    _require(permissions.can_write(by))
    locked = _locked_need(need)
    _editable(locked)
    fields = _need_check(
        state=state,
        thematic_area=thematic_area,
        description=description,
        priority=priority,
        source=source,
        wanted_from=wanted_from,
        wanted_until=wanted_until,
    )
    changed = False
    for name, value in fields.items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed = True
    if changed:
        _save(locked, by)
    return locked


@transaction.atomic
def need_consent_record(
    *, need: Need, shared: bool, dated: datetime.date | None, reference: str = "", by
) -> Need:
    """Records that the State agrees to share the need with donors (`shared` True) or
    withdraws that agreement, with the date and reference of its note (CTED writers).

    Side effects: the row is locked; one history record. Shared, the need reaches the donors
    whose active offers cover it and the partners holding the assistance-needs grant;
    withdrawn, it leaves their lists, counts, exports and API at once (permissions.need_scope),
    and so do its matches (match_scope).
    """
    _require(permissions.can_write(by))
    locked = _locked_need(need)
    errors = {}
    reference = _text(errors, "reference", reference, MAX_REFERENCE)
    if not dated:
        errors["dated"] = _("Give the date of the State's answer.")
    elif dated > timezone.localdate():
        errors["dated"] = _("The date cannot be in the future.")
    if shared and locked.status not in EDITABLE_NEED_STATUSES:
        errors["shared"] = _("A need that is “{status}” is not shared with donors.").format(
            status=locked.get_status_display()
        )
    if errors:
        raise ValidationError(errors)
    locked.shared_with_donors = bool(shared)
    locked.consent_recorded_on = dated
    locked.consent_reference = reference
    _save(locked, by)
    return locked


def _set_need_status(need: Need, status: str, by) -> Need:
    need.status = status
    need.status_changed_at = timezone.now()
    _save(need, by)
    return need


@transaction.atomic
def need_withdraw(*, need: Need, by) -> Need:
    """Withdraws an open or matched need (CTED writers): it is no longer proposed to anyone.

    Side effects: the row is locked; the status and its date change, with a history record.
    A withdrawn need leaves donors' and partners' views (need_scope lists open and matched
    ones only).
    """
    _require(permissions.can_write(by))
    locked = _locked_need(need)
    _editable(locked)
    return _set_need_status(locked, NeedStatus.WITHDRAWN, by)


@transaction.atomic
def need_reopen(*, need: Need, by) -> Need:
    """Opens a withdrawn or met need again (CTED writers).

    Side effects: the row is locked; the status and its date change, with a history record.
    The State's consent stays as it was recorded.
    """
    _require(permissions.can_write(by))
    locked = _locked_need(need)
    if locked.status not in (NeedStatus.WITHDRAWN, NeedStatus.MET):
        raise ValidationError(
            _("Only a withdrawn or met need can be opened again (this one is “{status}”).").format(
                status=locked.get_status_display()
            )
        )
    return _set_need_status(locked, NeedStatus.OPEN, by)


# --- One-click needs from recommendations -------------------------------------------------------


def _need_from(recommendation, *, state, priority, source, by) -> Need:
    """The need recorded from `recommendation`, made on the first call and found on every
    later one (the recommendation's row is locked, and one need per source is a constraint).

    Side effects: need_create's the first time; a need found by content is relinked (one
    history record)."""
    _require(permissions.can_write(by))
    model = type(recommendation)
    model.objects.select_for_update().get(pk=recommendation.pk)
    kind = ContentType.objects.get_for_model(model)
    existing = Need.objects.filter(source_type=kind, source_id=recommendation.pk).first()
    if existing is not None:
        return existing
    # An assessment saves its recommendations anew (new rows): the need of the same
    # recommendation, whose row is gone, is found by its content and linked to the new row.
    orphan = (
        Need.objects.select_for_update()
        .filter(
            source_type=kind,
            state=state,
            thematic_area_id=recommendation.thematic_area_id,
            description=recommendation.text.strip(),
        )
        .exclude(source_id__in=model.objects.values("pk"))
        .first()
    )
    if orphan is not None:
        orphan.source_id = recommendation.pk
        _save(orphan, by)
        return orphan
    return need_create(
        state=state,
        thematic_area=recommendation.thematic_area,
        description=recommendation.text,
        priority=priority,
        source=source,
        source_object=recommendation,
        by=by,
    )


@transaction.atomic
def need_from_recommendation(recommendation, by) -> Need:
    """The need of a country visit's recommendation, in one click (registered for visits
    through ctc.registry): the visited State, the recommendation's thematic area, priority
    and text. A second click finds the same need, never a duplicate.

    Side effects: those of need_create, the first time only.
    """
    return _need_from(
        recommendation,
        state=recommendation.visit.state,
        priority=recommendation.priority,
        source=NeedSource.VISIT_RECOMMENDATION,
        by=by,
    )


@transaction.atomic
def need_from_pia_recommendation(recommendation, by) -> Need:
    """The need of an assessment's priority recommendation, in one click (registered for
    assessments through ctc.registry): the assessed State, the recommendation's thematic
    area and text, a high priority (it is a priority recommendation). A second click finds
    the same need.

    Side effects: those of need_create, the first time only.
    """
    return _need_from(
        recommendation,
        state=recommendation.assessment.state,
        priority=Priority.HIGH,
        source=NeedSource.PIA_RECOMMENDATION,
        by=by,
    )


# --- Offers ----------------------------------------------------------------------------------


def _budget_error(value) -> str:
    try:
        negative = Decimal(str(value).replace(",", "").strip()) < 0
    except (InvalidOperation, ValueError):
        negative = False
    if negative:
        return _("A budget cannot be negative: choose a budget band.")
    return _("Unknown budget band “{value}”: choose one of {bands}.").format(
        value=value or "", bands=", ".join(BudgetBand.values)
    )


def _offer_check(
    *,
    provider,
    title,
    description,
    thematic_areas,
    is_global,
    regions,
    subregions,
    states,
    starts_on,
    ends_on,
    budget_band,
    delivery_modes,
    languages,
    contact_name,
    contact_email,
):
    """The offer's fields, cleaned, or a ValidationError naming every bad field."""
    errors = {}
    fields = {
        "title": _text(
            errors, "title", title, MAX_TITLE, required_message=_("Give the programme a title.")
        ),
        "description": _text(errors, "description", description, MAX_DESCRIPTION),
        "contact_name": _text(errors, "contact_name", contact_name, MAX_CONTACT),
        "contact_email": _text(errors, "contact_email", contact_email, 254),
        "is_global": bool(is_global),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "budget_band": budget_band,
    }
    if not isinstance(provider, Organisation) or provider.kind not in PROVIDER_KINDS:
        errors["provider"] = _("Choose the organisation providing the programme.")
    fields["provider"] = provider
    if fields["contact_email"] and "contact_email" not in errors:
        try:
            validate_email(fields["contact_email"])
        except ValidationError:
            errors["contact_email"] = _("Enter a valid e-mail address.")
    areas, unknown = [], []
    for value in _codes(thematic_areas):
        area = _area(value)
        (areas.append(area) if area is not None else unknown.append(str(value)))
    if unknown:
        errors["thematic_areas"] = _("Unknown thematic area: {values}.").format(
            values=", ".join(unknown)
        )
    elif not areas:
        errors["thematic_areas"] = _("Choose at least one thematic area.")
    fields["thematic_areas"] = areas
    named, unknown = [], []
    for value in _codes(states):
        state = _state(value)
        (named.append(state) if state is not None else unknown.append(str(value)))
    if unknown:
        errors["states"] = _("No member state has this code: {values}.").format(
            values=", ".join(unknown)
        )
    fields["states"] = named
    for name, values, model, message in (
        ("regions", regions, Region, _("Unknown region (UN M49 code): {values}.")),
        ("subregions", subregions, Subregion, _("Unknown subregion (UN M49 code): {values}.")),
    ):
        codes = [str(getattr(v, "code", v)).strip() for v in _codes(values)]
        known = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
        if wrong := [c for c in codes if c not in known]:
            errors[name] = message.format(values=", ".join(wrong))
        fields[name] = sorted(set(codes))
    if not (fields["is_global"] or named or fields["regions"] or fields["subregions"]):
        errors.setdefault(
            "states", _("Say where the programme is delivered: global, regions or States.")
        )
    if not starts_on:
        errors["starts_on"] = _("Give the first day of the programme.")
    if not ends_on:
        errors["ends_on"] = _("Give the last day of the programme.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The programme cannot end before it starts.")
    if budget_band not in BudgetBand.values:
        errors["budget_band"] = _budget_error(budget_band)
    modes = _codes(delivery_modes)
    if wrong := _unknown(modes, DeliveryMode.values):
        errors["delivery_modes"] = _("Unknown delivery mode: {values}.").format(
            values=", ".join(wrong)
        )
    elif not modes:
        errors["delivery_modes"] = _("Choose at least one delivery mode.")
    fields["delivery_modes"] = [m for m in DeliveryMode.values if m in modes]
    spoken = _codes(languages)
    if wrong := _unknown(spoken, OfficialLanguage.values):
        errors["languages"] = _("Unknown language code: {values}.").format(values=", ".join(wrong))
    elif not spoken:
        errors["languages"] = _("Choose at least one language of delivery.")
    fields["languages"] = [code for code in OfficialLanguage.values if code in spoken]
    if errors:
        raise ValidationError(errors)
    return fields


def _offer_save(offer: Offer, fields: dict, by) -> Offer:
    areas, states = fields.pop("thematic_areas"), fields.pop("states")
    for name, value in fields.items():
        setattr(offer, name, value)
    _save(offer, by)
    offer.thematic_areas.set(areas)
    offer.states.set(states)
    return offer


@transaction.atomic
def offer_create(*, provider, by, **data) -> Offer:
    """Records a provider's programme: CTED writers for any provider, a donor for its own
    organisation only. Fields: title, description, thematic_areas, is_global, regions,
    subregions, states, starts_on, ends_on, budget_band, delivery_modes, languages,
    contact_name, contact_email.

    Side effects: the Offer (active) with its thematic areas and States, and its history
    records (m2m included). Its donor's need scope grows to the needs it covers.
    """
    _require(permissions.can_record_offer(by))
    if not permissions.can_write(by) and getattr(provider, "pk", None) != by.organisation_id:
        raise ValidationError({"provider": _("A donor records programmes of its own only.")})
    fields = _offer_check(provider=provider, **data)
    return _offer_save(Offer(created_by=by), fields, by)


def _offer_owner(offer: Offer, by) -> None:
    _require(permissions.can_write(by) or offer.provider_id == by.organisation_id)


@transaction.atomic
def offer_update(*, offer: Offer, by, provider=None, **data) -> Offer:
    """Edits an active programme: CTED writers, or the donor whose programme it is (who
    cannot give it to another organisation).

    Side effects: the row is locked; history records of the offer and of its thematic areas
    and States.
    """
    _require(permissions.can_record_offer(by))
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    _offer_owner(locked, by)
    if locked.status != OfferStatus.ACTIVE:
        raise ValidationError(_("A closed programme is not edited."))
    provider = provider if provider is not None else locked.provider
    if not permissions.can_write(by) and provider.pk != locked.provider_id:
        raise ValidationError({"provider": _("A donor records programmes of its own only.")})
    fields = _offer_check(provider=provider, **data)
    return _offer_save(locked, fields, by)


@transaction.atomic
def offer_close(*, offer: Offer, by) -> Offer:
    """Closes a programme (CTED writers, or its donor): it is no longer matched.

    Side effects: the row is locked; the status changes with a history record; the donor's
    need scope no longer counts it.
    """
    _require(permissions.can_record_offer(by))
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    _offer_owner(locked, by)
    if locked.status == OfferStatus.CLOSED:
        raise ValidationError(_("The programme is already closed."))
    locked.status = OfferStatus.CLOSED
    _save(locked, by)
    return locked
