from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Contribution, Event, FundedActivity, ProgrammeItem


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("en",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)


# History after translation, so the historical models carry every language.
register_history(ProgrammeItem)
register_history(Event)
register_history(FundedActivity)
register_history(Contribution)
