"""Dates follow the UN editorial style of each language, on every page that shows one."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from tests.factories import StateReportFactory

UN_DATES = {
    "en": "19 March 2008",
    "fr": "19 mars 2008",
    "es": "19 de marzo de 2008",
    "ru": "19 марта 2008 года",
    "zh-hans": "2008年3月19日",
    "ar": "19 آذار/مارس 2008",
}
FIRST_OF_JUNE = {
    "en": "1 June 2012",
    "fr": "1 juin 2012",
    "es": "1 de junio de 2012",
    "ru": "1 июня 2012 года",
    "zh-hans": "2012年6月1日",
    "ar": "1 حزيران/يونيه 2012",
}
UN_DATETIMES = {
    "en": "19 March 2008, 14:05",
    "fr": "19 mars 2008 à 14:05",
    "es": "19 de marzo de 2008, 14:05",
    "ru": "19 марта 2008 года, 14:05",
    "zh-hans": "2008年3月19日 14:05",
    "ar": "19 آذار/مارس 2008، 14:05",
}
# Every month in UN Arabic: the Levantine name, then the western one.
ARABIC_MONTHS = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
]


def _render(text: str, lang: str, **context) -> str:
    with translation.override(lang):
        return Template(text).render(Context(context))


@pytest.mark.parametrize("lang,expected", list(UN_DATES.items()))
@pytest.mark.parametrize("fmt", ["DATE_FORMAT", "SHORT_DATE_FORMAT"])
def test_date_is_in_un_style(lang, expected, fmt):
    text = _render('{{ d|date:"' + fmt + '" }}', lang, d=datetime.date(2008, 3, 19))

    assert text == expected


@pytest.mark.parametrize("lang,expected", list(FIRST_OF_JUNE.items()))
def test_date_has_no_leading_zero(lang, expected):
    assert _render("{{ d|date }}", lang, d=datetime.date(2012, 6, 1)) == expected


@pytest.mark.parametrize("lang,expected", list(UN_DATETIMES.items()))
@pytest.mark.parametrize("fmt", ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"])
def test_datetime_is_in_un_style(lang, expected, fmt):
    moment = datetime.datetime(2008, 3, 19, 14, 5, tzinfo=datetime.UTC)

    text = _render('{{ d|date:"' + fmt + '" }}', lang, d=moment)

    assert text == expected


@pytest.mark.parametrize("month,expected", list(enumerate(ARABIC_MONTHS, start=1)))
def test_arabic_dates_carry_both_month_names(month, expected):
    text = _render("{{ d|date }}", "ar", d=datetime.date(2010, month, 5))

    assert text == f"5 {expected} 2010"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,admitted,received",
    [
        ("en", "16 December 1963", "19 March 2008"),
        ("fr", "16 décembre 1963", "19 mars 2008"),
        ("es", "16 de diciembre de 1963", "19 de marzo de 2008"),
        ("ru", "16 декабря 1963 года", "19 марта 2008 года"),
        ("zh-hans", "1963年12月16日", "2008年3月19日"),
        ("ar", "16 كانون الأول/ديسمبر 1963", "19 آذار/مارس 2008"),
    ],
)
def test_public_pages_show_un_style_dates(client, lang, admitted, received):
    kenya = MemberState.objects.get(iso3="KEN")
    StateReportFactory(
        state=kenya, resolution=Resolution.R1373, received_on=datetime.date(2008, 3, 19)
    )

    detail = client.get(f"/{lang}/states/KEN/").content.decode()
    listing = client.get(f"/{lang}/states/", {"q": "KEN"}).content.decode()

    assert admitted in detail
    assert received in detail
    assert received in listing
