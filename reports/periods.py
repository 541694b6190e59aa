"""Half-year periods ("2012H1") of CTED's reporting to the Committee."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .constants import PERIOD_PATTERN


@dataclass(frozen=True)
class Period:
    year: int
    half: int

    @property
    def code(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def ends_on(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)
        )

    @property
    def label(self) -> str:
        """In the active language, e.g. "first half of 2012"."""
        if self.half == 1:
            return _("first half of {year}").format(year=self.year)
        return _("second half of {year}").format(year=self.year)


def period_parse(code: str) -> Period | None:
    """The period a code such as "2012H1" names; None for anything else."""
    found = PERIOD_PATTERN.match((code or "").strip().upper())
    if found is None:
        return None
    return Period(int(found["year"]), int(found["half"]))


def period_last_finished(today: datetime.date) -> Period:
    """The half-year that ended most recently before `today` (what beat reports on)."""
    if today.month >= 7:
        return Period(today.year, 1)
    return Period(today.year - 1, 2)
