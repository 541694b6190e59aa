from modeltranslation.translator import TranslationOptions, register

from .models import ThematicArea


@register(ThematicArea)
class ThematicAreaTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)
