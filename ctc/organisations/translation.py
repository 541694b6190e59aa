from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = ("en",)


register_history(Organisation)
