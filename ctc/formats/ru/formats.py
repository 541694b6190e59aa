# UN Russian: "19 марта 2008 года" (E: the month in the genitive; Cyrillic is literal).
DATE_FORMAT = "j E Y года"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j E Y года, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y года"
MONTH_DAY_FORMAT = "j E"
