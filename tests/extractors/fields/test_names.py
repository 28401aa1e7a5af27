"""Tests for finding the holder's name."""

from __future__ import annotations

import pytest

from extractors.fields.document import DocText, build_lines
from extractors.fields.names import find_holder_name, is_name_word

from .textpages import page_from_text


def _name(text: str) -> str | None:
    found = find_holder_name(DocText.of(build_lines([page_from_text(text)])))
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ФИО: Иванова Анна Петровна", "Иванова Анна Петровна"),
        ("Ф.И.О. слушателя: Иванова Анна Петровна", "Иванова Анна Петровна"),
        ("Surname, name: ABENOVA DANA", "ABENOVA DANA"),
        ("Ф.И.О. Жақсыбекова Әйгерім Серікқызы", "Жақсыбекова Әйгерім Серікқызы"),
        ("Аты-жөні: Серікбаев Нұрлан Асқарұлы", "Серікбаев Нұрлан Асқарұлы"),
        ("Настоящим подтверждается, что\nИванов Иван Иванович\nпрошел обучение", "Иванов Иван Иванович"),
        ("Сертификат выдан Петровой Марине Сергеевне в том, что", "Петрова Марина Сергеевна"),
        ("Настоящее удостоверение выдано Серикбаеву Ерлану Маратовичу", "Серикбаев Ерлан Маратович"),
        ("выдан Жақсыбековой Әйгерім Серікқызы", "Жақсыбекова Әйгерім Серікқызы"),
        ("Выдано ИВАНОВОЙ НАТАЛЬЕ ИГОРЕВНЕ", "ИВАНОВА НАТАЛЬЯ ИГОРЕВНА"),
        ("Выдано Ким Марии", "Ким Марии"),  # gender not evident: left as printed
        ("This is to certify that\nAIGERIM ZHAKSYBEKOVA\nhas completed", "AIGERIM ZHAKSYBEKOVA"),
        ("is awarded to John Smith for", "John Smith"),
        ("Выдан(о)\nИванова Анна Петровна", "Иванова Анна Петровна"),
        ("Настоящим удостоверяется, что\nИванов Иван Иванович", "Иванов Иван Иванович"),
        ("Берілді\nЖақсыбекова Әйгерім Серікқызы\nБерілген күні: 12.02.2024", "Жақсыбекова Әйгерім Серікқызы"),
        ("Осымен расталады:\nСерікбай Назерке", "Серікбай Назерке"),
        ("Тыңдаушы: Оспанов Ерлан Серикович", "Оспанов Ерлан Серикович"),
        ("Тындаушы: Оспанов Ерлан Серикович", "Оспанов Ерлан Серикович"),  # ң read as н
        ("Настоящим удостоверяется, что\nЕсенжолов Темірлан\nАскарович\nдопускается", "Есенжолов Темірлан Аскарович"),
        ("Аты-жөні: НОВИКОВА ЕЛЕНА\nАЛЕКСАНДРОВНА\nБағдарлама", "НОВИКОВА ЕЛЕНА АЛЕКСАНДРОВНА"),
        ("выдан Петровой Марине\nСергеевне в том, что", "Петрова Марина Сергеевна"),
        ("Настоящим удостоверяется, что\nИванов Иван\nдопускается к практике", "Иванов Иван"),
        ("presented to: Dana Nurlanovna Abenova", "Dana Nurlanovna Abenova"),
        ("Name: Aigerim Zhaksybekova", "Aigerim Zhaksybekova"),
        ("Осы куәлік Жақсыбекова Әйгерім Серікқызына\nберілді", "Жақсыбекова Әйгерім Серікқызы"),
        ("Осы куәлік Серікбаев Нұрлан Асқарұлына берілді", "Серікбаев Нұрлан Асқарұлы"),
        ("Берік Асқаров Маратұлы берілді", "Берік Асқаров Маратұлы"),
        ("Настоящим подтверждается, что Мұхамедқали-Сейітова Гүлнар\nпрошла", "Мұхамедқали-Сейітова Гүлнар"),
        ("фИо: Ивaнова Анна Петровна", "Иванова Анна Петровна"),  # Latin a inside, label case
        ("| ФИО: | Ғабдуллина Іңкәр\n| Программа: | Хирургия", "Ғабдуллина Іңкәр"),  # a table's ruling read as |
        ("| ФИО: | Бекмұхамбетова Құралай\n| | Болатқызы\n| Программа: | Хирургия",  # wrapped in its cell
         "Бекмұхамбетова Құралай Болатқызы"),
        ("(Аты-жөні: (Исабекова Сәуле Женисовна\nПаллиативтік көмек", "Исабекова Сәуле Женисовна"),  # ruling as (
        ("This certificate is awarded to Dr. Dana Abenova for", "Dana Abenova"),  # the title is not the name's
        ("ФИО; Лебедева Наталья Александровна\nПрограмма; Стоматология",  # the label's colon read as «;»
         "Лебедева Наталья Александровна"),
        ("Тындаушы: Есенжолов @ркен\n«Алғашқы көмек»", "Есенжолов Өркен"),  # the Kazakh Ө read as @
        # the Kazakh Ғ read as a small ф before a surname's ending (fraud 39090); «фельдшер» stays a word of the text
        ("Настоящим удостоверяется, что\nфабдуллина Жансая Болатовна\nпрошел(ла)", "Ғабдуллина Жансая Болатовна"),
        ("Выдано: Иванова Анна фельдшер", "Иванова Анна"),
        ("Слушателы: Соловьева Анна Александровна", "Соловьева Анна Александровна"),  # ь read as ы (fraud 50101)
        ("Тегі, аты, әкесінің аты: МҰҚАНОВА ЖАНСАЯ ҒАБИТҚЫЗЫ", "МҰҚАНОВА ЖАНСАЯ ҒАБИТҚЫЗЫ"),
        # the patronymic label's last word misread ("atest", fraud 51212): still the label up to its colon
        ("Тегі, аты, әкесінің atest: МҰҚАНОВА ЖАНСАЯ ҒАБИТҚЫЗЫ", "МҰҚАНОВА ЖАНСАЯ ҒАБИТҚЫЗЫ"),
    ],
)
def test_labelled_names(text: str, expected: str) -> None:
    assert _name(text) == expected


@pytest.mark.parametrize("line", ["Темирова Сауле Ахметовна", "— Темирова Сауле Ахметовна —", "ТЕМИРОВА САУЛЕ"])
def test_standalone_name_line(line: str) -> None:
    text = f"НАО «Медицинский университет Астана»\nСЕРТИФИКАТ\n\n{line}\nпрошла обучение"
    assert _name(text) == line.strip(" —")


@pytest.mark.parametrize(
    "text",
    [
        "Ректор ____________ Иванов И.И.",
        "Ректор\nИванов Иван Иванович",
        "Director John Smith",
        "НАО «Медицинский университет Караганды»",
        "СЕРТИФИКАТ\nПОВЫШЕНИЯ КВАЛИФИКАЦИИ",
        "Республика Казахстан",
        "CERTIFICATE OF ATTENDANCE",
    ],
)
def test_not_a_holder(text: str) -> None:
    padded = "\n".join(["строка"] * 12 + [text]) if "\n" in text and text.startswith("Ректор") else text
    assert _name(padded) is None


def test_name_over_its_caption() -> None:
    text = "СЕРТИФИКАТ\nСейітова Гүлнар\n(фамилия, имя, отчество)\nРектор\nИванов Иван Иванович"
    assert _name(text) == "Сейітова Гүлнар"


def test_a_latin_name_read_in_cyrillic_with_a_digit_is_kept_unsurely_for_its_english_reading() -> None:
    # PAVLOVA SVETLANA read by the Russian model, S as 5: kept so the holder's crop is read again in English
    found = find_holder_name(DocText.of(build_lines([page_from_text(
        "Подтверждается, что\nРАУГОМА 5УЕТГАМА\nпрошла стажировку")])))
    assert found is not None and found.value == "РАУГОМА 5УЕТГАМА" and found.certainty <= 0.5
    assert _name("Подтверждается, что\n5УЕТГАМА РАУГОМА\nпрошла") is None  # never the first word
    assert _name("Подтверждается, что\nРАУГОМА 5УЕТ5АМА\nпрошла") is None  # two digits: no word


def test_a_signatory_over_their_title_is_no_holder() -> None:
    # the holder's line was misread into no name («Smirnova lLuliia»): the signatory is not taken instead
    text = ("Certificate of Completion\nPresented to\nSmirnova lLuliia\nhas completed the program\n"
            "Certificate No. 0096671\nDr. Laura Rossi\nDean")
    assert _name(text) is None
    assert _name(text.replace("Smirnova lLuliia", "Dr. Aigerim Zhaksybekova")) == "Aigerim Zhaksybekova"


def test_signatory_not_taken_when_holder_present() -> None:
    text = "Настоящим подтверждается, что\nСағынтаева Гүлжан Маратқызы\nпрошла\nРектор Иванов Иван Иванович"
    assert _name(text) == "Сағынтаева Гүлжан Маратқызы"


@pytest.mark.parametrize(("word", "ok"), [("Иванов", True), ("ӘЙГЕРІМ", True), ("университет", False),
                                          ("НАО", False), ("Сертификат", False), ("O'Neil", True)])
def test_is_name_word(word: str, ok: bool) -> None:
    assert is_name_word(word) is ok


def test_a_latin_capital_i_read_as_l_is_mended_on_the_names_line_only() -> None:
    assert _name("Name: Popov lurii\nCourse: Emergency Cardiology") == "Popov Iurii"
    assert _name("Name: lurii Popov\nCourse: Emergency Cardiology") == "Iurii Popov"
    assert _name("Name: Popov\nlicensed to practise") is None  # a lower-case word below is the text's
    assert _name("This certifies that\nALEKSE! IVANOV\nattended the seminar") == "ALEKSEI IVANOV"


def test_a_kazakh_capital_i_read_as_its_lower_case_is_mended() -> None:
    assert _name("Подтверждается, что\nНұрмағамбет іңкәр Нурлановна\nпрослушал(а) семинар") == \
        "Нұрмағамбет Іңкәр Нурлановна"


def test_a_registration_label_under_a_kazakh_title_is_no_name() -> None:
    text = "КУӘЛІК\nТіркеу Ме 0030524\nТыңдаушы: Құдайберген Сәуле\n«Дәлелді медицина»"
    assert _name(text) == "Құдайберген Сәуле"


def test_a_name_label_with_a_letter_lost_in_a_table() -> None:
    assert _name('"Фо: | ЛЕБЕДЕВ МИХАИЛ СЕРГЕЕВИЧ\nПрограмма: Лучевая диагностика') == "ЛЕБЕДЕВ МИХАИЛ СЕРГЕЕВИЧ"
    assert _name("тел. +7 (716) 258-32-38, телефон Иванов Иван\nфо Петров Пётр") is None


def test_a_speck_or_a_dash_between_the_label_and_the_name_is_passed_over() -> None:
    # fraud 61212: «2» and «— |» read before the name; «Аты-жөн» with its last letter lost
    assert _name("Аты-жөні: 2 Райымбекова Әйгерім Нұрланқызы. |\nБағдарлама Қант диабеті") == \
        "Райымбекова Әйгерім Нұрланқызы"
    assert _name("Аты-жен: — | МОРОЗОВ СЕРГЕЙ ПАВЛОВИЧ |\n|Багдарлама: Шұғыл кардиология") == \
        "МОРОЗОВ СЕРГЕЙ ПАВЛОВИЧ"
    assert _name("Аты-жөні: 12 — 34 Райымбекова Әйгерім") is None  # a number, no speck: no name after it


def test_a_latin_capital_i_read_as_a_bracket_is_mended() -> None:
    assert _name("Participant: SERGE] MOROZOV\nhas completed the program") == "SERGEI MOROZOV"  # fraud 61212


def test_a_russian_name_read_with_a_kazakh_letter_is_spelled_in_russian() -> None:
    # «Кузнецова» read «Күзнецова» at 0.92 on a faded scan (accuracy 51616): ц is in no Kazakh word
    assert _name("Настоящим удостоверяется, что\nКүзнецова Татьяна Николаевна\nосвоил(а) программу") \
        == "Кузнецова Татьяна Николаевна"
    assert _name("Аты-жөні: Жеңіс Гүлнәр Серікқызы") == "Жеңіс Гүлнәр Серікқызы"


def test_a_labelled_holder_under_a_signatorys_title_line_is_the_holder() -> None:
    # a perspective scan's lines came out of order, «Ректор» over the holder's line (accuracy 51616)
    assert _name("Ректор\nТегі, аты, әкесінің аты: Смирнова Татьяна Геннадиевна\n2019 жылы курсты бітірді") \
        == "Смирнова Татьяна Геннадиевна"
    assert _name("Ректор ФИО: Абенов Кайрат Маратович\nг. Астана") is None  # the title on the label's line
