from django.db import models
from django.utils.translation import gettext_lazy as _


class ThematicArea(models.Model):
    """An area of resolution 1373/1624 implementation, used by assessments and assistance."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self):
        return self.name
