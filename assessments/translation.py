from modeltranslation.translator import TranslationOptions, register

from .models import AssessmentFormat, FormatQuestion, FormatSection


@register(AssessmentFormat)
class AssessmentFormatTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(FormatSection)
class FormatSectionTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(FormatQuestion)
class FormatQuestionTranslation(TranslationOptions):
    fields = ("text", "guidance")
    required_languages = ("en",)
