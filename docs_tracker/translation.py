from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


# History after translation, so the historical model carries every language's title.
register_history(Document)
