from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    TECHNICAL_GUIDE = "technical-guide", _("Technical Guide")
    GLOBAL_SURVEY = "global-survey", _("Global Survey")
    PRESS_KIT = "press-kit", _("Press kit")
    OTHER = "other", _("Other publication")


class EditionForm(models.TextChoices):
    PRINT = "print", _("Print")
    ELECTRONIC = "electronic", _("Electronic")
