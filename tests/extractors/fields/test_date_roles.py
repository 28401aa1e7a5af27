"""Tests for deciding which date is the study period and which the issue date."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.fields.date_roles import assign_dates
from extractors.fields.document import DocText, build_lines
from extractors.types import Box, Line, Word

from .textpages import page_from_text


def _roles(text: str) -> tuple[str | None, str | None, str | None]:
    found = assign_dates(DocText.of(build_lines([page_from_text(text)])))
    return tuple(None if item is None else item[0] for item in (found.start, found.end, found.issue))  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("прошла обучение с 12.02.2024 по 24.02.2024\nДата выдачи: 26.02.2024",
         ("2024-02-12", "2024-02-24", "2024-02-26")),
        ("Дата выдачи: 26.02.2024\nпериод обучения: 12.02.2024 - 24.02.2024",
         ("2024-02-12", "2024-02-24", "2024-02-26")),
        ("Берілген күні\n2024 жылғы 26 ақпан\n2024 жылғы 12-24 ақпан аралығында оқыды",
         ("2024-02-12", "2024-02-24", "2024-02-26")),
        ("Issued on 15 February 2024. The course ran from 1 February 2024 to 10 February 2024.",
         ("2024-02-01", "2024-02-10", "2024-02-15")),
        ("Дата начала: 01.03.2023\nДата окончания: 28.03.2023", ("2023-03-01", "2023-03-28", None)),
        ("Start date: 2023-03-01\nEnd date: 2023-03-28\nDate: 2023-03-30", ("2023-03-01", "2023-03-28", "2023-03-30")),
        ("Дата проведения: 15.03.2024", ("2024-03-15", "2024-03-15", None)),
        ("с 12.02.2024 по 24.02.2024\nРектор Иванов И.И.\nг. Караганда 26.02.2024",
         ("2024-02-12", "2024-02-24", "2024-02-26")),
        ("на основании приказа № 5 от 01.02.2024\nс 12.02.2024 по 24.02.2024", ("2024-02-12", "2024-02-24", None)),
        ("без дат", (None, None, None)),
        ("семинар «Х»\n«16» декабря 2022 г,\n8 часов\nДата выдачи; 17 декабря 2022 г,",
         ("2022-12-16", "2022-12-16", "2022-12-17")),
        ("в вебинаре «Диабет»\n«09» сентября 2020 г.\n2 часа\nг. Актобе", ("2020-09-09", "2020-09-09", None)),
        ("принял участие в семинаре\n12.02.2024\nАстана, 14.02.2024", ("2024-02-12", "2024-02-12", "2024-02-14")),
        ("2024 жылы «Емдеу ісі» мамандығы бойынша курсты бітірді\nСемей; 9.11.2024", (None, None, "2024-11-09")),
        ("03.01.2024 - 03.02.2024\nduration: 144 hours\nSophia Antipdiis,5 behruary 2024\nDirector",
         ("2024-01-03", "2024-02-03", "2024-02-05")),
        ("attended the webinar\non 12 February 2024\nAstana", ("2024-02-12", "2024-02-12", None)),
        ("Оқу мерзімі: 12.02.2024\nБерілген күні: 2024 жылғы 14 ақпан", ("2024-02-12", "2024-02-12", "2024-02-14")),
        ("Срокиобучения; 29.02.2024\nг, Семей, 29,02,2024", ("2024-02-29", "2024-02-29", "2024-02-29")),  # glued label
        # the day's first digit glued to the label (fraud 38989)
        ("Сроки обучения1 3.07.2024 - 14.07.2024\nДата выдачи 16.07.2024", ("2024-07-13", "2024-07-14", "2024-07-16")),
        ("Сроки обучения:2 6.03.2024 по 04.04.2024", ("2024-03-26", "2024-04-04", None)),
        # a quoted day's figures read as two words (fraud 59090)
        ("16.06.2023 - 04.07.2023\nҚарағанды, 2023 ж. «1 1» шілде", ("2023-06-16", "2023-07-04", "2023-07-11")),
        ("с 01.07.2023 по 04.07.2023\nДата выдачи: «1 1» июля 2023", ("2023-07-01", "2023-07-04", "2023-07-11")),
        # a period's first date misread into no date: its end is no one-day event's day (fraud 59090)
        ("Сроки обучения? 0.01.2025 - 10.03.2025\nДата выдачи: 10.03.2025", (None, None, "2025-03-10")),
        ("Дата проведения 10.03.2025\nДата выдачи: 10.03.2025", ("2025-03-10", "2025-03-10", "2025-03-10")),
        ("принял участие в семинаре\n10.03.2025\nДата выдачи: 12.03.2025", ("2025-03-10", "2025-03-10", "2025-03-12")),
        ("Действителен до 12.02.2029\nДата выдачи: 12.02.2024", (None, None, "2024-02-12")),
        ("специальности «Стоматология»\nДействителен-дө;«23» августа 2019 г.\nРектор", (None, None, None)),
        ("Жарамдылық мегзілі 2020 жылғы 16 ақпан\nБерілген күні :С.02.2015 ж.", (None, None, None)),
        ("с 06.10.2023 по 31.10.2023\nДата выдачи.01.11.2023 г.", ("2023-10-06", "2023-10-31", "2023-11-01")),
        ("04.01.2024 - 15.01.2024 аралығында\nБерілген куй? 22.01.2024 ж.", ("2024-01-04", "2024-01-15", "2024-01-22")),
        ("Дата рождения: 14.05.1988\nс 12.02.2024 по 24.02.2024", ("2024-02-12", "2024-02-24", None)),
        ("26.02.2024\nСЕРТИФИКАТ\nс 12.02.2024 по 24.02.2024", ("2024-02-12", "2024-02-24", "2024-02-26")),
    ],
)
def test_date_roles(text: str, expected: tuple[str | None, str | None, str | None]) -> None:
    assert _roles(text) == expected


def test_reversed_range_is_reported_with_lower_confidence() -> None:
    found = assign_dates(DocText.of(build_lines([page_from_text("с 24.02.2024 по 12.02.2024")])))
    assert found.start is not None and found.end is not None
    assert (found.start[0], found.end[0]) == ("2024-02-24", "2024-02-12")
    assert found.start[1] < 0.7


@pytest.mark.parametrize(("text", "issued"), [
    ("17.11.2018- 18.12.2018 аралығында\nБерілген қу ж. «19» желтоқсан", "2018-12-19"),  # year lost to OCR
    ("с 20.12.2023 по 28.12.2023\nДата выдачи: «10» января", "2024-01-10"),  # the next January
    ("с 20.12.2023 по 28.12.2023\nДата выдачи: «10» января 2024", "2024-01-10"),  # printed: read as printed
    ("2023 жылғы 30 наурыздан 9 сәуірге дейін\nБерілген күні 10.04.2", "2023-04-10"),  # year cut at the edge
    ("с 20.12.2023 по 28.12.2023\nДата выдачи: 10.01.", "2024-01-10"),
])
def test_an_issue_date_read_without_its_year_takes_the_first_such_day_after_the_course(text: str,
                                                                                        issued: str) -> None:
    found = assign_dates(DocText.of(build_lines([page_from_text(text)])))
    assert found.issue is not None and found.issue[0] == issued


def test_a_yearless_issue_date_is_left_for_a_reviewer_to_confirm() -> None:
    found = assign_dates(DocText.of(build_lines([page_from_text("с 20.12.2023 по 28.12.2023\nВыдано «10» января")])))
    assert found.issue is not None and found.issue[1] < 0.6
    without_period = assign_dates(DocText.of(build_lines([page_from_text("Дата выдачи: «10» января")])))
    assert without_period.issue is None  # no course end to take the year from: null, not a guess


def test_an_issue_date_whose_year_was_misread_before_the_day_takes_the_course_year_unsurely() -> None:
    text = "2021 жылғы 6 ақпаннан 15 ақпанға дейін\nБерілген күң2621 же Қы 22 ақпан"
    found = assign_dates(DocText.of(build_lines([page_from_text(text)])))
    assert found.issue is not None and found.issue[0] == "2021-02-22" and found.issue[1] < 0.6


def test_a_city_line_date_with_an_impossible_year_takes_the_course_year_unsurely() -> None:
    text = "Оқу мерзімі: 18.08.2020\nКөлемі: (6 сағат)\nАстана, 18.08.2696 ж.\nДиректор"
    found = assign_dates(DocText.of(build_lines([page_from_text(text)])))
    assert found.issue is not None and found.issue[0] == "2020-08-18" and found.issue[1] < 0.6


def test_a_label_with_its_first_letter_lost_still_labels_the_issue_date() -> None:
    text = "прослушал(а) семинар\n20.10.2022 г.\nпродолжительностью 8 часов\nче ыдано: 20.10.2022\nПредседатель"
    assert _roles(text) == ("2022-10-20", "2022-10-20", "2022-10-20")


def test_a_label_with_its_second_word_misread_still_labels_the_issue_date() -> None:
    text = "04.01.2024 - 15.01.2024 аралығында\nКөлемі: 60 сағат\nБерілген куй? 22.01.2024 ж."
    found = assign_dates(DocText.of(build_lines([page_from_text(text)])))
    assert found.issue is not None and found.issue[0] == "2024-01-22" and found.issue[1] >= 0.9


@pytest.mark.parametrize("text", [
    "ДИПЛОМ\nокончил(а) в 2019 году полный курс по специальности «Стоматология»\n03.02.2019\nПредседатель",
    "СЕРТИФИКАТ\n«Емдеу ісі» мамандығы бойынша клиникалық практикаға жіберіледі\n2019 ж. «03» ақпан",
])
def test_a_lone_date_on_a_document_without_a_course_is_its_issue_date(text: str) -> None:
    doc = DocText.of(build_lines([page_from_text(text)]))
    course_less = assign_dates(doc, has_course=False)
    assert (course_less.start, course_less.end) == (None, None)
    assert course_less.issue is not None and course_less.issue[0] == "2019-02-03"
    as_course = assign_dates(doc)  # on a course certificate the same lone date is the one-day event's
    assert as_course.start is not None and as_course.start[0] == "2019-02-03" and as_course.issue is None


def test_an_order_date_is_not_a_diplomas_issue_date() -> None:
    doc = DocText.of(build_lines([page_from_text("ДИПЛОМ\nприказ № 12 от 03.02.2019\nПредседатель")]))
    assert assign_dates(doc, has_course=False).issue is None


def test_a_seminars_day_and_a_later_date_below_it_are_the_event_and_the_issue() -> None:
    # the issue line's city read in lower case («Шымкент» → «цымкент»), so nothing marks it as the sign-off
    text = ("«Анестезиология» семинарына қатысты\n2024 жылғы 16 маусым\nкөлемі 6 академиялық сағат\n"
            "цымкент, 2024 ж. «17» маусым\nоч В С.В. Петрова")
    assert _roles(text) == ("2024-06-16", "2024-06-16", "2024-06-17")
    # a date earlier than the event's is not its issue date: no issue date rather than a wrong one
    assert _roles(text.replace("«17» маусым", "«10» маусым"))[2] is None


def _issue(text: str) -> tuple[str, float] | None:
    """(date, certainty) of the issue date found in text."""
    found = assign_dates(DocText.of(build_lines([page_from_text(text)]))).issue
    return None if found is None else (found[0], found[1])


_COURSE = "в период с 1 сентября 2023 г. по 9 сентября 2023 г.\nв объеме 54 часов\n"


@pytest.mark.parametrize(("text", "expected", "sure"), [
    # a city-line year with extra digits is no year, but the course's year printed in it counts
    (_COURSE + "г. Тараз, 9 сентября 202322", "2023-09-09", True),
    (_COURSE + "г. Тараз, 9 сентября 202122", "2023-09-09", False),
    # a labelled date whose year runs on into digits, or whose year is lost
    ("с 5 августа 2023 г. по 20 августа 2023 г.\nОбъем: (72 ч.)\nВыдано: 22 августа 202332 ©", "2023-08-22", True),
    ("с 5 августа 2023 г. по 20 августа 2023 г.\nОбъем: (72 ч.)\nВыдано: 22 августа 2Q2 ©", "2023-08-22", False),
    # a stamp's speck read as a digit inside the printed year (fraud 44545); another year, or two digits, not sure
    ("с 27.09.2023 по 02.11.2023\nДата выдачи: 2 ноября 20723 г.", "2023-11-02", True),
    ("с 27.09.2023 по 02.11.2023\nДата выдачи: 2 ноября 20724 г.", "2023-11-02", False),
    ("с 27.09.2023 по 02.11.2023\nДата выдачи: 2 ноября 207723 г.", "2023-11-02", False),
    ("07.04.2020 - 22.04.2020 аралығында\nкөлемі 72 академиялық сағат\nБерілген күні: 23,04\nРектор",
     "2020-04-23", False),  # a comma between day and month
    # a city line whose stop after «г» was read as a comma
    ("прошла стажировку с 14.11.2013 по 15,12,2013\n(144 ч.)\nг, Астана, 15.12.2013 г,\nЕ.С. Оспанов",
     "2013-12-15", True),
])
def test_an_issue_date_read_with_damage_and_how_sure_it_is(text: str, expected: str, sure: bool) -> None:
    found = _issue(text)
    assert found is not None and found[0] == expected and (found[1] >= 0.8 if sure else found[1] < 0.6)


def test_a_conferences_only_date_is_its_day_with_some_certainty_and_one_of_two_dates_with_less() -> None:
    only = assign_dates(DocText.of(build_lines([page_from_text(
        "СЕРТИФИКАТ УЧАСТНИКА\nконференции «Здоровье матери и ребенка»\n3 октября 2023 г.\nг. Алматы")])))
    assert only.start is not None and only.start[0] == "2023-10-03" and only.start[1] >= 0.8
    two = assign_dates(DocText.of(build_lines([page_from_text(
        "СЕРТИФИКАТ УЧАСТНИКА\nконференции\n3 октября 2023 г.\nприказ № 5 от 01.09.2023")])))
    assert two.start is not None and two.start[1] < 0.8


def test_a_signers_title_read_before_a_date_from_lower_down_does_not_make_it_the_issue_date() -> None:
    # Tesseract read «Ректор» (a column of its own at the foot) before the conference's day printed above it
    page = page_from_text("СЕРТИФИКАТ\nконференциясына қатысты\nРектор\n2025 жылғы 21 желтоқсан\n6 сағат көлемінде")
    lines = list(page.lines)
    signer = lines[2]
    lines[2] = Line(tuple(Word(w.text, w.confidence, Box(w.box.left, w.box.top + 200, w.box.width, w.box.height))
                          for w in signer.words))
    found = assign_dates(DocText.of(build_lines([replace(page, lines=tuple(lines), height=400)])))
    assert (found.start and found.start[0], found.end and found.end[0], found.issue) == ("2025-12-21",
                                                                                        "2025-12-21", None)
    assert _roles("СЕРТИФИКАТ\nконференциясына қатысты\nРектор\n2025 жылғы 21 желтоқсан")[2] == "2025-12-21"


@pytest.mark.parametrize(("day", "sure"), [("3 декабря 2025 года", True), ("9 декабря 2025 года", False)])
def test_a_seminars_one_day_beside_the_date_it_was_signed_on_is_surer(day: str, sure: bool) -> None:
    # fraud 46767: the seminar's day in the body, the city line at the signature dated after it; a day after the
    # signature's date is no such pair
    found = assign_dates(DocText.of(build_lines([page_from_text(
        f"СЕРТИФИКАТ\nпрослушал(а) семинар «Паллиативная помощь»\n{day}\n(6 ч.)\n"
        "г. Шымкент, 6 декабря 2025 года\nПредседатель Правления Д.К. Әбілов")])))
    assert found.start is not None and found.start[0] == f"2025-12-0{day[0]}"
    assert (found.start[1] >= 0.8) is sure
