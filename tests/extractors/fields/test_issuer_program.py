"""Tests for the issuer and the programme title."""

from __future__ import annotations

import pytest

from extractors.fields.document import DocText, build_lines
from extractors.fields.issuer import find_business_ids, find_issuer, issuer_alternatives
from extractors.fields.program import find_program

from .textpages import page_from_text


def _doc(text: str) -> DocText:
    return DocText.of(build_lines([page_from_text(text)]))


def _issuer(text: str) -> str | None:
    found = find_issuer(_doc(text))
    return found.value if found else None


def _program(text: str) -> str | None:
    found = find_program(_doc(text))
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Министерство здравоохранения Республики Казахстан\nНАО «Медицинский университет Караганды»\nСЕРТИФИКАТ",
         "НАО «Медицинский университет Караганды»"),
        ("НАО «Казахский национальный медицинский\nуниверситет имени С.Д. Асфендиярова»\nСЕРТИФИКАТ",
         "НАО «Казахский национальный медицинский университет имени С.Д. Асфендиярова»"),
        ("Некоммерческое акционерное общество\n«Медицинский университет Астана»\nСЕРТИФИКАТ",
         "Некоммерческое акционерное общество «Медицинский университет Астана»"),
        ("«Астана медицина университеті» КЕАҚ\nКУӘЛІК", "«Астана медицина университеті» КЕАҚ"),
        ("РГП на ПХВ «Национальный научный центр хирургии им. А.Н. Сызганова»\nСЕРТИФИКАТ",
         "РГП на ПХВ «Национальный научный центр хирургии им. А.Н. Сызганова»"),
        ("ТОО \"Центр профессионального развития\"\nСертификат", "ТОО \"Центр профессионального развития\""),
        ("Kazakh National Medical University\nCERTIFICATE", "Kazakh National Medical University"),
        ("РГП на ПХВ «Республиканский центр развития здравоохранения» Министерства здравоохранения РК\nСЕРТИФИКАТ",
         "РГП на ПХВ «Республиканский центр развития здравоохранения» Министерства здравоохранения РК"),
        ("«С.Ж. Асфендияров атындағы Қазақ ұлттық\nмедицина университеті» КЕАҚ\nСЕРТИФИКАТ",
         "«С.Ж. Асфендияров атындағы Қазақ ұлттық медицина университеті» КЕАҚ"),
        ("«Денсаулық» кәсіби даму орталығы» ЖШС\nКУӘЛІК\nОсы куәлік", "«Денсаулық» кәсіби даму орталығы» ЖШС"),
        ("ТОО «Центр профессионального развития «Денсаулық»»\nСЕРТИФИКАТ",
         "ТОО «Центр профессионального развития «Денсаулық»»"),
        ("European Resuscitation Council\nCERTIFICATE", "European Resuscitation Council"),
        ("Seoul National University Hospital\nтел. +7 (728) 253-74-61", "Seoul National University Hospital"),
        ("ЧУ «Частный медицинский колледж»\nСвидетельство", "ЧУ «Частный медицинский колледж»"),
        ("CERTIFICATE\nIssued by: Nazarbayev University School of Medicine",
         "Nazarbayev University School of Medicine"),
        ("«Ұлттық қоғамдық денсаулық сақтау орталығы»\nШЖҚ РМК\nСЕРТИФИКАТ",
         "«Ұлттық қоғамдық денсаулық сақтау орталығы» ШЖҚ РМК"),
        ("Mayo Clinic School of Continuous Professional\nDevelopment\nCERTIFICATE",
         "Mayo Clinic School of Continuous Professional Development"),  # an English name wrapped
        ("Seoul National University Hospital\nJohn Smith\nCERTIFICATE", "Seoul National University Hospital"),
        ("“> НАО «Медицинский университет Семей»\nСЕРТИФИКАТ", "НАО «Медицинский университет Семей»"),  # an edge
        ("РГП на ПХВ «Республиканский центр развития здравоохранения» с\nСЕРТИФИКАТ",
         "РГП на ПХВ «Республиканский центр развития здравоохранения»"),  # a stray letter after the name
        ("Mayo Clinic School of Continuous Professional Development\nDirector\nCERTIFICATE",
         "Mayo Clinic School of Continuous Professional Development"),  # the signer's title under the name
        ("5 «А.Н. Сызғанов атындағы Ұлттық ғылыми хирургия орталығы» ШЖҚ РМК |\nСЕРТИФИКАТ",
         "«А.Н. Сызғанов атындағы Ұлттық ғылыми хирургия орталығы» ШЖҚ РМК"),  # a stamp's digit, a frame's bar
        ("2” НАО «Медицинский университет Семей» СПРАВКА\nо прохождении стажировки",
         "НАО «Медицинский университет Семей»"),  # a stamp's digit and quote, the title on the same line
        ("«С.Ж. Асфендияров атындағы Қазақ ұлттық медицина | университеті» КЕАҚ\nСЕРТИФИКАТ",
         "«С.Ж. Асфендияров атындағы Қазақ ұлттық медицина университеті» КЕАҚ"),  # a frame's bar inside
        ("“Қазақстан Республикасы Денсаулық сақтау министрлі ігі\n«Марат Оспанов атындағы Батыс Қазақстан медицина "
         "университеті» КЕАҚ\nСЕРТИФИКАТ", "«Марат Оспанов атындағы Батыс Қазақстан медицина университеті» КЕАҚ"),
        ("&\\ ПА\n“т\n«Ұлттық ғылыми медицина орталығы» АҚ\nБІЛІКТІЛІКТІ\nАРТТЫРУ ТУРАЛЫ\nКУӘЛІК",
         "«Ұлттық ғылыми медицина орталығы» АҚ"),  # an emblem's edge read as an open quote above the name
        ("Министерство здравоохранения Республики Казахстан\nНАО «Медицинский университет Астана»\n"
         "о повышении квалификации\nСертификат № ПК-45/215", "НАО «Медицинский университет Астана»"),  # a title's tail
        ("Hacettepe University Faculty of Medicine =\nCERTIFICATE OF CLINICAL",
         "Hacettepe University Faculty of Medicine"),  # a double rule's edge after the name
    ],
)
def test_issuer(text: str, expected: str) -> None:
    assert _issuer(text) == expected


def test_no_issuer_in_plain_text() -> None:
    assert _issuer("СЕРТИФИКАТ\nИванов Иван Иванович") is None


@pytest.mark.parametrize(
    "text",
    [
        # the issuer's own line was lost under a stamp: the rest of the page must not stand in for it
        "УДОСТОВЕРЕНИЕ\nСлушатель: Байтурсынова Аружан Мухтаровна\nосвоил(а) образовательную программу «Управление\n"
        "качеством медицинской помощи»\nв период с 24 июля 2023 г. по 24 августа 2023 г.",
        "СЕРТИФИКАТ\nФ.И.О.: Иванов Иван «Медицинский центр»",
        # other fields' labelled lines (fraud 43434, 44545): their «медицина», «академических» name no organization
        "УДОСТОВЕРЕНИЕ\nПрограмма: Доказательная медицина\nОбъем: в объеме 216 академических\nчасов",
        "СЕРТИФИКАТ\nКөлемі: 54 академиялық сағат",
        "ДИПЛОМ\nРегистрационный номер: ЖБ 28274210",  # its series «ЖБ» is no abbreviated name (fraud 48989)
    ],
)
def test_holder_lines_and_sentence_tails_are_not_issuers(text: str) -> None:
    assert _issuer(text) is None


def test_ministry_is_not_the_issuer() -> None:
    assert _issuer("Министерство здравоохранения Республики Казахстан\nСЕРТИФИКАТ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("прошла обучение по программе «Актуальные вопросы педиатрии» в объеме 108 часов",
         "Актуальные вопросы педиатрии"),
        ("по программе «Актуальные вопросы\nпедиатрии» в объеме 108 часов", "Актуальные вопросы педиатрии"),
        ("по циклу \"Неотложная кардиология\"", "Неотложная кардиология"),
        ("принял участие в семинаре на тему: «Современные методы диагностики»", "Современные методы диагностики"),
        ("по программе повышения квалификации Анестезиология и реаниматология в объеме 216 часов",
         "повышения квалификации Анестезиология и реаниматология"),
        ("«Педиатрияның өзекті мәселелері» бағдарламасы бойынша", "Педиатрияның өзекті мәселелері"),
        ("«Жедел жәрдем» тақырыбында өткен семинарға қатысты", "Жедел жәрдем"),
        ("has completed the course \"Basic Life Support\"", "Basic Life Support"),
        ("has completed the course: Basic Life Support (24 hours)", "Basic Life Support"),
        ("принял(а) участие в вебинаре «Диабет 2024» (2 часа)", "Диабет 2024"),
        ("семинар «Жедел жәрдем» 12 сағат", "Жедел жәрдем"),
        ("participated in the conference “Modern Pediatrics 2024”", "Modern Pediatrics 2024"),
        ("on the topic «Infection Control» held on 12.02.2024", "Infection Control"),
        ("Course title: Emergency Medicine 24 hours", "Emergency Medicine"),
        ("| Программа: | Управление качеством\n| медицинской помощи\n| Сроки обучения: | с 01.08.2024",  # a table
         "Управление качеством медицинской помощи"),
    ],
)
def test_program(text: str, expected: str | None) -> None:
    assert _program(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("НАО «Медицинский университет Астана»\nосвоил(а) образовательную программу повышения квалификации "
         "«Неотложная помощь»", "Неотложная помощь"),
        ("«Астана медицина университеті» КЕАҚ\n«Жедел жәрдем» біліктілікті арттыру курсынан өтті", "Жедел жәрдем"),
        ("прошел(ла) стажировку по направлению «Интервенционная кардиология»", "Интервенционная кардиология"),
        ("has completed a clinical internship in “Pediatric Surgery”", "Pediatric Surgery"),
        ("ТОО «Учебный центр MedSkills»\nСЕРТИФИКАТ", None),
    ],
)
def test_program_from_first_quotation(text: str, expected: str | None) -> None:
    assert _program(text) == expected


def test_abbreviated_issuer_lines_are_offered_as_alternatives() -> None:
    doc = _doc("РЦРЗ\nСЕРТИФИКАТ СПЕЦИАЛИСТА\nИванова Анна Сергеевна\nпродолжительностью 144 академических часов\n"
               "по специальности «Педиатрия»")
    chosen = find_issuer(doc)
    assert chosen is None  # "академических" is not an academy
    assert [m.value for m in issuer_alternatives(doc, chosen)] == ["РЦРЗ"]


def test_a_labelled_number_with_its_series_is_no_alternative() -> None:
    # fraud 48989: «ЖБ» of «Регистрационный номер: ЖБ 28274210» taken for an abbreviated name kept the register
    # from naming the issuer of a diploma whose abbreviation was unread
    doc = _doc("нцидх\nДИПЛОМ\nбакалавра\nРегистрационный номер: ЖБ 28274210\nФИО: ЖУМАБЕКОВА СЭУЛЕ МУХТАРОВНА")
    assert issuer_alternatives(doc, find_issuer(doc)) == ()


def test_a_brand_name_alone_in_the_header_is_offered_too() -> None:
    doc = _doc("MedSkills\nКУӘЛІК\nбіліктілікті арттыру туралы\n№ ПК-20/830\nОсымен расталады:\n"
               "Морозова Светлана Петровна")
    assert [m.value for m in issuer_alternatives(doc, find_issuer(doc))] == ["MedSkills"]


def test_alternatives_leave_out_the_chosen_issuer() -> None:
    doc = _doc("ИПК «Шипагерлік»\nТОО «Центр профессионального развития»\nСертификат")
    chosen = find_issuer(doc)
    assert chosen is not None and chosen.value == "ТОО «Центр профессионального развития»"
    assert [m.value for m in issuer_alternatives(doc, chosen)] == ["ИПК «Шипагерлік»"]


def test_two_legal_forms_read_without_their_space_join_the_name_and_are_spaced() -> None:
    text = "«Ұлттық қоғамдық денсаулық сақтау орталығы»\nШЖҚРМК\nКУӘЛІК\nбіліктілікті арттыру туралы"
    assert _issuer(text) == "«Ұлттық қоғамдық денсаулық сақтау орталығы» ШЖҚ РМК"


def test_business_ids_are_read_with_their_label_wherever_printed() -> None:
    text = "ТОО «Учебный центр»\nБИН 020340156739\nтел. +7 (729) 208-64-30\nБ БСН 0602416 55449 4\nБИН 020340156739"
    assert find_business_ids(text) == ("020340156739", "060241655449")
    assert find_business_ids("ИИН 020340156739, тел. 020340156739") == ()


def test_an_abbreviation_read_partly_in_small_letters_is_offered_too() -> None:
    # «НЦПДХ» in bold capitals read «нцПдх» at 0.41: the hours line had been the only issuer left (fraud 67878)
    doc = _doc("Қазақстан Республикасы Денсаулық сақтау министрлігі\nнцПдх\nСЕРТИФИКАТ\nбіліктілікті арттыру туралы\n"
               "Ме 2024/3198\nОсымен расталады:\nИсабеков Жәнібек Бауыржанович\nкөлемі 60 академиялық сағат")
    assert "нцПдх" in [m.value for m in issuer_alternatives(doc, find_issuer(doc))]
    assert issuer_alternatives(_doc("Алматы\nДИПЛОМ\nФИО: Иванова Анна"), None) == ()  # title case is no sign
