"""Date formats in the UN editorial style of each language (FORMAT_MODULE_PATH).

Every `|date`, `date_format()` and localized date reads these, so a page never formats a
date by hand: "19 March 2008", "19 mars 2008", "19 de marzo de 2008", "19 марта 2008 года",
"2008年3月19日", "19 آذار/مارس 2008". Short formats are the same full dates: the UN writes
dates out, and 03/04/2008 reads differently on each side of the Atlantic.
"""

from django.utils.translation import gettext_noop

# Django names the months through gettext ("F" in a format); listing them here puts them in
# our catalogue, which overrides Django's own, so that Arabic dates carry the two month
# names of UN Arabic usage (Levantine/western: "آذار/مارس") instead of the western alone.
MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
