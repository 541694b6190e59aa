"""What every suggestion goes through, whatever the document (SuggestionRecord): its text
checked against the part it was made on, its note and reason bounded, its decision recorded.
The apps' services lock the rows, check the actors and notify."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc import richtext

from .enums import SuggestionStatus


def suggestion_base_check(*, revision: int | None, base_revision: int) -> None:
    """Refuses a suggestion made on a page older than the part's last save (`revision`: what
    the reviewer's page showed), so that it never undoes a change its author did not see."""
    if revision is not None and revision != base_revision:
        raise ValidationError(
            {
                "proposed_text": _(
                    "The text was saved again while you wrote your suggestion. "
                    "Read the new text and make your suggestion on it."
                )
            }
        )


def suggestion_text_clean(proposed_text: str, *, base_text: str, limit: int) -> str:
    """The proposed wording sanitised like an edit; refused when empty, too long, or the
    part's current text."""
    proposed = richtext.clean(proposed_text)
    if not richtext.to_text(proposed):
        raise ValidationError({"proposed_text": _("Write the wording you suggest.")})
    if len(proposed) > limit:
        raise ValidationError({"proposed_text": _("At most {n} characters.").format(n=limit)})
    if proposed == base_text:
        raise ValidationError(
            {"proposed_text": _("This is the current text: change the wording to suggest it.")}
        )
    return proposed


def suggestion_note_clean(note: str, *, limit: int) -> str:
    note = (note or "").strip()
    if len(note) > limit:
        raise ValidationError({"note": _("At most {n} characters.").format(n=limit)})
    return note


def suggestion_reason_clean(reason: str, *, limit: int) -> str:
    """A rejection says why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the suggestion is rejected.")})
    if len(reason) > limit:
        raise ValidationError({"reason": _("At most {n} characters.").format(n=limit)})
    return reason


def suggestion_open_check(suggestion) -> None:
    if suggestion.status != SuggestionStatus.OPEN:
        raise ValidationError(_("This suggestion was already decided."))


def suggestion_fresh_check(suggestion, current_text: str) -> None:
    """Refuses to accept a stale suggestion: the part changed since it was made."""
    if current_text != suggestion.base_text:
        raise ValidationError(
            _(
                "The text changed since this suggestion was made, so it cannot be accepted "
                "as it is. Copy the wording you want into the editor, or reject the suggestion."
            )
        )


def suggestion_decide(suggestion, status: str, by, **fields):
    """Marks the (row-locked) suggestion decided: accepted or rejected, by whom, when, and
    `fields` (the reason, the version the acceptance saved)."""
    suggestion.status = status
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(suggestion, name, value)
    suggestion.save()
    return suggestion
