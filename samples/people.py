"""Random Kazakh and Russian persons: Cyrillic full name, passport-style Latin name and a valid IIN."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from samples.iin import make_iin

KK_SURNAME_ROOTS = (
    "Жақсыбек",
    "Серікбай",
    "Нұрмағамбет",
    "Әбдіраим",
    "Оспан",
    "Төлеген",
    "Мұқан",
    "Қасым",
    "Бекмұхамбет",
    "Сәрсенбай",
    "Ғабдуллин",
    "Есенжол",
    "Құдайберген",
    "Өтеміс",
    "Жұмабек",
    "Ахмет",
    "Байтұрсын",
    "Исабек",
    "Дүйсенбай",
    "Тұрсынбай",
    "Шәкәрім",
    "Әлімжан",
    "Райымбек",
)
KK_UNCHANGED_SURNAMES = ("Серікбай", "Нұрмағамбет", "Құдайберген", "Төлеген")
KK_MALE = (
    "Нұрлан",
    "Ерлан",
    "Асқар",
    "Дәулет",
    "Бауыржан",
    "Ғалым",
    "Қайрат",
    "Әділет",
    "Ержан",
    "Мұрат",
    "Айдос",
    "Сұлтан",
    "Жәнібек",
    "Олжас",
    "Темірлан",
    "Рүстем",
    "Өркен",
    "Нұржан",
)
KK_FEMALE = (
    "Әйгерім",
    "Гүлнар",
    "Айгүл",
    "Ақмарал",
    "Динара",
    "Жансая",
    "Назерке",
    "Гүлжан",
    "Сәуле",
    "Мөлдір",
    "Аружан",
    "Іңкәр",
    "Әсел",
    "Ұлжан",
    "Құралай",
    "Перизат",
    "Дана",
    "Томирис",
)
# Kazakh father's name and its Russian spelling (for Russian-style patronymics of Kazakh people).
KK_FATHERS = (
    ("Серік", "Серик"),
    ("Болат", "Болат"),
    ("Асқар", "Аскар"),
    ("Марат", "Марат"),
    ("Нұрлан", "Нурлан"),
    ("Қайрат", "Кайрат"),
    ("Ерлан", "Ерлан"),
    ("Дәулет", "Даулет"),
    ("Бауыржан", "Бауыржан"),
    ("Ғабит", "Габит"),
    ("Мұхтар", "Мухтар"),
    ("Төлеу", ""),
    ("Жеңіс", "Женис"),
    ("Амангелді", ""),
)
RU_SURNAMES = (
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Соколов",
    "Попов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Соловьёв",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Семёнов",
    "Голубев",
)
RU_MALE = ("Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Николай", "Игорь", "Владимир", "Юрий", "Олег")
RU_FEMALE = ("Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Мария", "Виктория")
RU_FATHERS = ("Петр", "Иван", "Сергей", "Александр", "Николай", "Владимир", "Виктор", "Геннадий", "Павел")
OTHER_SURNAMES = (("Ким", "Ким"), ("Пак", "Пак"), ("Цой", "Цой"), ("Шмидт", "Шмидт"))

_TRANSLIT = {
    "а": "A",
    "ә": "A",
    "б": "B",
    "в": "V",
    "г": "G",
    "ғ": "G",
    "д": "D",
    "е": "E",
    "ё": "E",
    "ж": "ZH",
    "з": "Z",
    "и": "I",
    "й": "I",
    "к": "K",
    "қ": "K",
    "л": "L",
    "м": "M",
    "н": "N",
    "ң": "N",
    "о": "O",
    "ө": "O",
    "п": "P",
    "р": "R",
    "с": "S",
    "т": "T",
    "у": "U",
    "ұ": "U",
    "ү": "U",
    "ф": "F",
    "х": "KH",
    "һ": "H",
    "ц": "TS",
    "ч": "CH",
    "ш": "SH",
    "щ": "SHCH",
    "ъ": "",
    "ы": "Y",
    "і": "I",
    "ь": "",
    "э": "E",
    "ю": "IU",
    "я": "IA",
}


@dataclass(frozen=True)
class Person:
    surname: str
    given_name: str
    patronymic: str | None
    latin_surname: str
    latin_given: str
    female: bool
    birth: date
    iin: str

    @property
    def full_name(self) -> str:
        """Surname, given name and patronymic in the nominative, as in the ID card."""
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    @property
    def latin_name(self) -> str:
        """Passport style: 'ZHAKSYBEKOVA AIGERIM'."""
        return f"{self.latin_surname} {self.latin_given}"


def transliterate(cyrillic: str) -> str:
    """Kazakh/Russian Cyrillic to upper-case passport Latin (ICAO-like, Kazakh letters folded)."""
    return "".join(_TRANSLIT.get(ch.lower(), ch.upper()) for ch in cyrillic).upper()


def _female_surname(male: str) -> str:
    for ending in ("ов", "ев", "ёв", "ин"):
        if male.endswith(ending):
            return male + "а"
    return male


def _kazakh(rnd: random.Random, female: bool) -> tuple[str, str, str | None]:
    root = rnd.choice(KK_SURNAME_ROOTS)
    if root in KK_UNCHANGED_SURNAMES and rnd.random() < 0.3:
        surname = root
    else:
        surname = root if root.endswith(("ов", "ев", "ин")) else root[:-1] + "ев" if root.endswith("й") else root + "ов"
        surname = _female_surname(surname) if female else surname
    given = rnd.choice(KK_FEMALE if female else KK_MALE)
    father_kk, father_ru = rnd.choice(KK_FATHERS)
    style = rnd.random()
    if style < 0.55 or (style < 0.93 and not father_ru):
        patronymic: str | None = father_kk + ("қызы" if female else "ұлы")
    elif style < 0.93 and father_ru:  # Russian-style patronymics only from names ending in a consonant
        patronymic = father_ru + ("овна" if female else "ович")
    else:
        patronymic = None
    return surname, given, patronymic


def _russian(rnd: random.Random, female: bool) -> tuple[str, str, str | None]:
    if rnd.random() < 0.15:
        surname = rnd.choice(OTHER_SURNAMES)[0]
    else:
        surname = rnd.choice(RU_SURNAMES)
        surname = _female_surname(surname) if female else surname
    given = rnd.choice(RU_FEMALE if female else RU_MALE)
    father = rnd.choice(RU_FATHERS)
    if father == "Павел":
        patronymic = "Павловна" if female else "Павлович"
    elif father.endswith("й"):
        patronymic = father[:-1] + ("евна" if female else "евич")
    else:
        patronymic = father + ("овна" if female else "ович")
    return surname, given, patronymic


def make_person(rnd: random.Random, *, kazakh_share: float = 0.7) -> Person:
    """A random healthcare worker born 1960-2000 (70 % Kazakh, most of them women)."""
    female = rnd.random() < 0.72
    surname, given, patronymic = (_kazakh if rnd.random() < kazakh_share else _russian)(rnd, female)
    birth = date(1960, 1, 1) + timedelta(days=rnd.randint(0, 40 * 365))
    return Person(
        surname=surname,
        given_name=given,
        patronymic=patronymic,
        latin_surname=transliterate(surname),
        latin_given=transliterate(given),
        female=female,
        birth=birth,
        iin=make_iin(rnd, birth, female),
    )
