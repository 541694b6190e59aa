from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Edition, NewsItem, Publication


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("en",)


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("en",)


# History after translation, so the historical models carry every language.
register_history(Publication)
register_history(NewsItem)
register_history(Edition)
