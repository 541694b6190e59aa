from django.db import models
from django.utils.translation import pgettext_lazy


class SuggestionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("suggestion status", "Open")
    ACCEPTED = "accepted", pgettext_lazy("suggestion status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("suggestion status", "Rejected")
