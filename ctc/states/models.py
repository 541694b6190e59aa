from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctc.reference import LANGUAGE_SUFFIXES

from .enums import DialogueKind, OfficialLanguage, RegionalGroup, Resolution
from .search import search_text


class Subcommittee(models.Model):
    code = models.CharField(_("code"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("subcommittee")
        verbose_name_plural = _("subcommittees")

    def __str__(self):
        return self.name


class Region(models.Model):
    """A UN M49 geographic region (Africa, Americas, Asia, Europe, Oceania); unlike the
    regional groups, a statistical division of the world."""

    code = models.CharField(_("UN M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Subregion(models.Model):
    """A UN M49 subregion; under Sub-Saharan Africa and Latin America and the Caribbean, the
    M49 intermediate region (Eastern Africa, Caribbean...), the level CTED's regional work uses."""

    code = models.CharField(_("UN M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="subregions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("subregion")
        verbose_name_plural = _("subregions")

    def __str__(self):
        return self.name


class MemberState(models.Model):
    """One of the 193 Members of the United Nations; nothing else is a member state."""

    name = models.CharField(_("name"), max_length=120)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("UN M49 code"), max_length=3, unique=True)
    regional_group = models.CharField(
        _("regional group"), max_length=32, choices=RegionalGroup.choices, db_index=True
    )
    # The region always follows the subregion (save()), so the two never disagree.
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="states",
        editable=False,
    )
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregion"),
        on_delete=models.PROTECT,
        related_name="states",
        help_text=_("The state's subregion in the UN M49 standard; its region follows from it."),
    )
    admitted_on = models.DateField(_("date of admission"))
    subcommittee = models.ForeignKey(
        Subcommittee,
        verbose_name=_("subcommittee"),
        on_delete=models.PROTECT,
        related_name="states",
    )
    official_language = models.CharField(
        _("preferred official language"),
        max_length=7,
        choices=OfficialLanguage.choices,
        help_text=_("The official language the state uses in correspondence with the Committee."),
    )
    former_names = models.JSONField(
        _("former names"),
        default=dict,
        blank=True,
        help_text=_(
            "Names the state had before at the United Nations, in each language whose name"
            " changed; the state search finds them."
        ),
    )
    # Every name in every language and every former name, case-folded and without accents
    # (search.normalise), kept in step by save(): what the state search compares with.
    search_text = models.TextField(_("search text"), default="", editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.expected_search_text()
        self.region_id = self.subregion.region_id if self.subregion_id else None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "region"}
        super().save(*args, **kwargs)

    def expected_search_text(self) -> str:
        names = [getattr(self, f"name_{suffix}") for suffix in LANGUAGE_SUFFIXES.values()]
        for former in (self.former_names or {}).values():
            names.extend(former)
        return search_text(names)


class StateReport(models.Model):
    """A report a state submitted to the Committee on resolution 1373 or 1624."""

    state = models.ForeignKey(
        MemberState, verbose_name=_("state"), on_delete=models.CASCADE, related_name="reports"
    )
    resolution = models.CharField(_("resolution"), max_length=4, choices=Resolution.choices)
    received_on = models.DateField(_("date received"))
    document_symbol = models.CharField(
        _("document reference"), max_length=40, help_text=_("For example S/2002/1234.")
    )

    class Meta:
        ordering = ["state", "resolution", "received_on"]
        verbose_name = _("state report")
        verbose_name_plural = _("state reports")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "resolution", "document_symbol"], name="state_report_unique"
            ),
        ]
        indexes = [models.Index(fields=["resolution", "state"])]

    def __str__(self):
        return f"{self.document_symbol} ({self.resolution})"


class DialogueEntry(models.Model):
    """One exchange with a State outside its reports and assessments (E-3): a meeting at
    headquarters, a workshop, a video conference with the capital, a letter. CTED records it;
    it joins the State's timeline."""

    state = models.ForeignKey(
        MemberState, verbose_name=_("state"), on_delete=models.PROTECT, related_name="dialogue"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=DialogueKind.choices)
    participants = models.TextField(_("participants"), blank=True)
    summary = models.TextField(_("summary"))
    link = models.URLField(
        _("link"), blank=True, help_text=_("The minutes or the letter, where they are filed.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Corrected by its author or a coordinator (services.dialogue_correct): every earlier
    # version is kept.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("dialogue entry")
        verbose_name_plural = _("dialogue entries")
        indexes = [models.Index(fields=["state", "-held_on"])]

    def __str__(self):
        return f"{self.state} {self.held_on} ({self.get_kind_display()})"
