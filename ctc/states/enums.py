from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegionalGroup(models.TextChoices):
    AFRICAN = "AFRICAN", _("African States")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "EASTERN_EUROPEAN", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "LATIN_AMERICAN_CARIBBEAN", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHERS = "WESTERN_EUROPEAN_OTHERS", _("Western European and other States")
    NONE = "NONE", pgettext_lazy("regional group", "None")


class Resolution(models.TextChoices):
    R1373 = "1373", _("Resolution 1373 (2001)")
    R1624 = "1624", _("Resolution 1624 (2005)")


class OfficialLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh-hans", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


class ReportingFilter(models.TextChoices):
    """Filters of the states list by reporting history."""

    NON_REPORTING_1373 = "non-reporting-1373", _("Never reported on 1373")
    NON_REPORTING_1624 = "non-reporting-1624", _("Never reported on 1624")
    REPORTED_1624 = "reported-1624", _("Reported on 1624")


class DialogueKind(models.TextChoices):
    """The forms the dialogue with a State takes (E-3)."""

    MEETING = "meeting", _("Meeting at headquarters")
    WORKSHOP = "workshop", _("Workshop")
    VIDEO_CONFERENCE = "video", _("Video conference with the capital")
    LETTER = "letter", _("Letter")
