from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import MemberState, Region, Subcommittee, Subregion


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Subcommittee)
class SubcommitteeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Subregion)
class SubregionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


# History after translation, so the historical model carries every language's column.
register_history(MemberState, excluded_fields=["search_text"])
