# UN Arabic: "19 آذار/مارس 2008"; the double month names come from our catalogue
# (see ctc/formats/__init__.py), the digits are the western ones UN Arabic documents use.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
