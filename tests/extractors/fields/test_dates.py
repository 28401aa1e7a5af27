"""Tests for finding dates and date ranges."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.fields.dates import find_dates, make_date
from extractors.fields.months import month_of
from extractors.fields.normalize import normalize_text

FEB12 = date(2024, 2, 12)
FEB24 = date(2024, 2, 24)


def _single(text: str) -> date | None:
    found = find_dates(normalize_text(text))
    assert len(found) == 1, found
    assert not found[0].is_range
    return found[0].first


def _range(text: str) -> tuple[date, date | None]:
    found = find_dates(normalize_text(text))
    assert len(found) == 1, found
    assert found[0].is_range
    return found[0].first, found[0].last


@pytest.mark.parametrize(
    "text",
    [
        "12.02.2024", "12/02/2024", "12.0 2.2024", "2024-02-12", "12.02.24", "12. 02. 2024",
        "12 февраля 2024 г.", "«12» февраля 2024 года", "« 12 » февраля 2024", "\"12\" февраля 2024 г.",
        "2024 жылғы 12 ақпан", "12 ақпан 2024 ж.", "2024 ж. 12 ақпанда", "2024 жылғы «12» ақпан",
        "12 February 2024", "February 12, 2024", "12th of February 2024", "Feb 12, 2024", "12 Feb 2024",
        # OCR noise
        "12 фeвраля 2024 г.", "12 февраля 2О24 г.", "12.О2.2024", "12 февряля 2024", "12 акпан 2024 ж.",
        "12 Februray 2024", "«12» февраля-2024 г.", "12\\02\\2024", "2024\\02-12", "12-февраля 2024 г.",
        "12 февраль&2024", "2024 жылеы 12 ақпан", "12.02:2024", "Берілген күні:12.02:2024",
        "2024-жылғы 12 ақпан", "12;02;2024", "2024 ж.<12 » ақпан", "24 жылғы 12 ақпан", "024 ж. «12» ақпан",
        "Дата выдачи.12.02.2024 г.", "2024 ж/«12» ақпан",
    ],
)
def test_single_dates(text: str) -> None:
    assert _single(text) == FEB12


def test_a_day_three_read_as_the_letter_ze_is_three() -> None:
    # fraud 46767: «3 декабря 2025 года» read «З декабря …»; a lone З is no word, an initial with its stop no day
    assert _single("З декабря 2025 года") == date(2025, 12, 3)
    assert find_dates(normalize_text("Заведующий З. Ахметова")) == []


@pytest.mark.parametrize(
    "text",
    [
        "с 12.02.2024 по 24.02.2024", "с 12.02.2024 г. по 24.02.2024 г.", "c 12.02.2024 по 24.02.2024",
        "12.02.2024 - 24.02.2024", "12.02.2024–24.02.2024", "с 12 по 24 февраля 2024 г.", "12–24.02.2024",
        "12-24 февраля 2024 года", "с 12 февраля по 24 февраля 2024 г.", "с 12 февраля 2024 г. по 24 февраля 2024 г.",
        "2024 жылғы 12 ақпаннан 24 ақпанға дейін", "2024 жылғы 12-24 ақпан", "2024-жылғы 12-24 ақпан",
        "2024 жылғы 12 ақпаннан 2024 жылғы 24 ақпанға дейін", "12.02.2024 ж. - 24.02.2024 ж.",
        "from 12 February 2024 to 24 February 2024", "February 12–24, 2024", "from February 12 to February 24, 2024",
        "период обучения: 12.02.2024 - 24.02.2024", "12.02.2024 бастап 24.02.2024 дейін", "12.02 - 24.02.2024",
        "с 12 февраля 2024 т. по 24 февраля 2024г.",  # «г.» misread «т.»
        "12.02.2024.- 24.02.2024",
        "с 12,02,.2024 по 24.02.2024",  # a speck read beside the stop (fraud 52323)
        "в период с 12 февраля 2024 г. no 24\nфевраля 2024 г.", "с 12 no 24 февраля 2024 г.",  # «по» read in Latin
        "в период с 12 февраля 2024 г. по 24 |\nфевраля 2024 г.",  # a table's ruling at the line's end
    ],
)
def test_ranges(text: str) -> None:
    assert _range(text) == (FEB12, FEB24)


def test_range_over_months() -> None:
    assert _range("с 26 февраля по 8 марта 2024 г.") == (date(2024, 2, 26), date(2024, 3, 8))
    assert _range("2024 жылғы 26 ақпаннан 8 наурызға дейін") == (date(2024, 2, 26), date(2024, 3, 8))


def test_range_over_new_year() -> None:
    assert _range("с 29 декабря по 8 января 2024 г.") == (date(2023, 12, 29), date(2024, 1, 8))
    assert _range("2023 жылғы 29 желтоқсаннан 8 қаңтарға дейін") == (date(2023, 12, 29), date(2024, 1, 8))
    assert _range("December 29 - January 8, 2024") == (date(2023, 12, 29), date(2024, 1, 8))


def test_range_split_over_lines() -> None:
    assert _range("с 12.02.2024\nпо 24.02.2024") == (FEB12, FEB24)


@pytest.mark.parametrize(
    ("month_word", "month"),
    [
        ("қаңтар", 1), ("ақпаннан", 2), ("наурызға", 3), ("сәуірде", 4), ("мамыр", 5), ("маусымнан", 6),
        ("шілдеге", 7), ("тамыздағы", 8), ("қыркүйек", 9), ("қазаннан", 10), ("қарашаға", 11),
        ("желтоқсан", 12), ("января", 1), ("мая", 5), ("июня", 6), ("июля", 7), ("декабря", 12),
        ("September", 9), ("Sept", 9), ("may", 5), ("сентябрь", 9), ("Ноября", 11), ("oктября", 10),
        ("behruary", 2), ("октябоя", 10),  # two letters misread in a long month name
    ],
)
def test_month_names(month_word: str, month: int) -> None:
    found = month_of(month_word)
    assert found is not None and found[0] == month


@pytest.mark.parametrize("word", ["часов", "университет", "hours", "программа", "сағат", "Казахстан", "remember",
                                  "members", "семинар", "octopus"])
def test_non_month_words(word: str) -> None:
    assert month_of(word) is None


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2024", "13.13.2024", "32 января 2024", "12.02.1850", "тел. 8 701 123 45 67", "108 часов",
        "ИИН 880514450128", "10:30:2024", "12:05:21", "5 жыл 3 айы", "барлығы 12 ж. 3 сағат",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(normalize_text(text)) == []


def test_two_separate_dates_are_not_a_range() -> None:
    found = find_dates("Дата выдачи 26.02.2024\n12.03.2024")
    assert [m.is_range for m in found] == [False, False]


def test_month_first_only_when_day_first_is_impossible() -> None:
    assert _single("02/24/2024") == FEB24
    assert _single("02/12/2024") == date(2024, 12, 2)


def test_two_digit_years_and_bounds() -> None:
    assert make_date(24, 2, 12) == FEB12
    assert make_date(99, 2, 12) == date(1999, 2, 12)
    assert make_date(2024, 2, 30) is None


def test_a_quoted_day_read_as_letters_is_a_day() -> None:
    assert _single("по «Об» марта 2025 г.") == date(2025, 3, 6)
    # the slashed zero of a Kazakh day read as the Kazakh letter Ө (genuine diploma, fraud seed 48989)
    assert _single("Берілген күні: 2023 ж. «ӨЗ» қаңтар") == date(2023, 1, 3)


def test_a_speck_after_the_day_before_a_months_name_is_no_stop() -> None:
    # «26. декабря»: a speck read as a stop after the day (genuine certificate, fraud seed 50101)
    assert _single("Дата выдачи 26. декабря 2025 года") == date(2025, 12, 26)
    assert _single("26, декабря 2025 г.") == date(2025, 12, 26)
    assert normalize_text("ТОО «АО» «Ио»") == "ТОО «АО» «Ио»"  # letters that are not digit look-alikes stay


def test_a_kazakh_date_followed_by_a_day_and_a_word_is_no_range_without_ablative_or_hyphen() -> None:
    found = find_dates("Берілген күні: 2025 ж. «06» мамыр\n27 «МАРАТ")  # the second line is a stamp's ring text
    assert [(m.first, m.last) for m in found] == [(date(2025, 5, 6), None)]
    assert _range("2024 жылғы 26 ақпан - 8 наурыз") == (date(2024, 2, 26), date(2024, 3, 8))


def test_a_misread_connector_after_s_still_joins_the_range() -> None:
    assert _range("с 20.05.2023 10 23.05.2023") == (date(2023, 5, 20), date(2023, 5, 23))
    assert [m.is_range for m in find_dates("выдан 20.05.2023 10 23.05.2023")] == [False, False]


def test_a_space_for_the_stop_before_the_year() -> None:
    assert _single("Дата выдачи: 27.11 2019") == date(2019, 11, 27)
    assert find_dates("стр. 1.5 2019") == []  # a figure, then a year


def test_a_day_split_by_a_space() -> None:
    assert _single("Семей, 1 3.10.2024") == date(2024, 10, 13)
    assert _single("№ 1 3.10.2024") == date(2024, 10, 3)  # after «№» the digit is the number's
    assert _single("25.1 1.2020") == date(2020, 11, 25)


def test_a_stray_digit_before_a_kazakh_year() -> None:
    found = find_dates("22021 ж. «25» тамыз")
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2021, 8, 25), True)]


def test_a_leading_zero_read_as_nine_is_mended_unsurely() -> None:
    found = find_dates("г. Астана, 97.06.2022 г.")
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2022, 6, 7), True)]
    assert _single("21.97.2020") == date(2020, 7, 21)
    assert _single("Дата выдачи: 29.55.2025 г.") == date(2025, 5, 29)
    assert find_dates("99.99.2020") == []  # both mended would be a guess


def test_a_months_trailing_zero_read_as_nine_is_mended_unsurely_when_no_order_makes_a_date() -> None:
    # «23.10.2023» read «23.19.2023» lost a course's first day (IMPLAUSIBLE on a genuine document, seed 32323)
    found = find_dates(normalize_text("Сроки обучения: с 23.19.2023 по 02.11.2023"))
    assert [(m.first, m.last, m.certainty < 1.0) for m in found] == [(date(2023, 10, 23), date(2023, 11, 2), True)]
    assert _single("10/19/2023") == date(2023, 10, 19)  # month first makes it a date: nothing mended


def test_a_years_zero_read_as_nine_is_mended_unsurely() -> None:
    found = find_dates("16.01.2020 - 17.01.2920 аралығында")
    assert [(m.first, m.last, m.certainty < 1.0) for m in found] == [(date(2020, 1, 16), date(2020, 1, 17), True)]
    assert find_dates("97.01.2920") == []  # day and year both mended would be a guess
    found = find_dates("Астана 2924 ж. «02» маусым")
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2024, 6, 2), True)]


def test_a_speck_read_as_a_stop_inside_a_year_in_words_is_dropped_unsurely() -> None:
    found = find_dates(normalize_text("«17» апреля 202.0 г."))
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2020, 4, 17), True)]
    assert _single("17 апреля 2020. 1 мая") == date(2020, 4, 17)  # a stop after the year is no speck


def test_a_range_printing_its_year_on_the_first_date_only() -> None:
    found = find_dates("Сроки обучения: | с «02» июля 2024 г. по «25» июля |")
    assert [(m.first, m.last) for m in found] == [(date(2024, 7, 2), date(2024, 7, 25))]
    found = find_dates("с 20 декабря 2024 г. по 15 января")  # across the new year
    assert [(m.first, m.last) for m in found] == [(date(2024, 12, 20), date(2025, 1, 15))]
    found = find_dates("с 12 мая 2024 г. по 2 июня 2025 г.")  # the end's own year, not the first's
    assert [(m.first, m.last) for m in found] == [(date(2024, 5, 12), date(2025, 6, 2))]


def test_a_stop_lost_between_day_and_month() -> None:
    assert _single("г. Астана, 07 06.2022 г.") == date(2022, 6, 7)
    assert _single("г. Астана, 27.11 2019 г.") == date(2019, 11, 27)


def test_a_quoted_days_zero_read_as_nine_is_mended_unsurely() -> None:
    found = find_dates("г. Астана, «94» сентября 2014 г.")
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2014, 9, 4), True)]
    found = find_dates("2019 ж. «96» шілде")
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2019, 7, 6), True)]
    assert find_dates("«34» сентября 2014 г.") == []  # only a 0 read as 9, 5, 6 or 8 is mended


def test_a_year_split_by_a_space_before_its_year_word() -> None:
    assert _single("Астана, 201 9 жылғы 10 шілде") == date(2019, 7, 10)
    assert _single("«12» мая 202 3 г.") == date(2023, 5, 12)
    assert find_dates("стаж 201 9 лет") == []  # no year word after it: two numbers


def test_two_dates_side_by_side_in_order_are_a_range_whose_dash_was_lost() -> None:
    assert _range("13.03.2025 14.03.2025") == (date(2025, 3, 13), date(2025, 3, 14))
    assert [m.is_range for m in find_dates("14.03.2025 13.03.2025")] == [False, False]  # not in order
    assert [m.is_range for m in find_dates("13.03.2025\n14.03.2025")] == [False, False]  # on two lines


def test_a_short_year_joined_to_its_year_word_by_a_hyphen() -> None:
    found = find_dates("Аста 6; 022-Ж>«07» қыркүйек")  # «Астана, 2022 ж. «07» қыркүйек» under a stamp
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2022, 9, 7), True)]
    assert find_dates("022 жаңа 07 қыркүйек") == []  # «ж» beginning a word is no year word


def test_a_closing_quote_read_as_a_sign_after_the_day() -> None:
    assert _single("г;Тараз, «22>-Мая 2023 г.") == date(2023, 5, 22)  # fraud 37878, beside a seal


def test_a_days_trailing_zero_read_as_nine_after_its_three_is_mended_unsurely() -> None:
    found = find_dates("Астана, 39.11.2025 ж.")  # fraud 41212
    assert [(m.first, m.certainty < 1.0) for m in found] == [(date(2025, 11, 30), True)]
    assert find_dates("33.11.2025") == []  # no look-alike of a 0


def test_a_hyphen_between_a_kazakh_day_and_its_month() -> None:
    assert _single("Берілген күні 2025 ж. «03»-мамыр- ..") == date(2025, 5, 3)  # fraud 41212


def test_the_kazakh_year_words_stop_read_as_a_comma() -> None:
    assert _single("Алматы, 2025 ж, «26» мамыр") == date(2025, 5, 26)  # fraud 57878
