"""Printed wording per document type and language: titles, phrases, labels, dates and hours in several forms."""

from __future__ import annotations

import random
from datetime import date

MONTHS_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_KK = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
MONTHS_KK_FROM = (
    "қаңтардан",
    "ақпаннан",
    "наурыздан",
    "сәуірден",
    "мамырдан",
    "маусымнан",
    "шілдеден",
    "тамыздан",
    "қыркүйектен",
    "қазаннан",
    "қарашадан",
    "желтоқсаннан",
)
MONTHS_KK_TO = (
    "қаңтарға",
    "ақпанға",
    "наурызға",
    "сәуірге",
    "мамырға",
    "маусымға",
    "шілдеге",
    "тамызға",
    "қыркүйекке",
    "қазанға",
    "қарашаға",
    "желтоқсанға",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

TITLES: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "advanced_training": {
        "ru": (
            ("СВИДЕТЕЛЬСТВО", "о повышении квалификации"),
            ("СЕРТИФИКАТ", "о повышении квалификации"),
            ("УДОСТОВЕРЕНИЕ", "о повышении квалификации"),
        ),
        "kk": (
            ("БІЛІКТІЛІКТІ АРТТЫРУ ТУРАЛЫ КУӘЛІК",),
            ("КУӘЛІК", "біліктілікті арттыру туралы"),
            ("СЕРТИФИКАТ", "біліктілікті арттыру туралы"),
        ),
        "en": (("CERTIFICATE", "of Advanced Training"), ("Certificate of Completion", "Continuing Medical Education")),
    },
    "seminar": {
        "ru": (("СЕРТИФИКАТ",), ("СЕРТИФИКАТ", "участника семинара")),
        "kk": (("СЕРТИФИКАТ",), ("СЕРТИФИКАТ", "семинар қатысушысы")),
        "en": (("CERTIFICATE OF ATTENDANCE",), ("Certificate", "of Participation in a Seminar")),
    },
    "online_course": {
        "ru": (("СЕРТИФИКАТ", "о прохождении онлайн-курса"), ("СЕРТИФИКАТ", "участника вебинара")),
        "kk": (("СЕРТИФИКАТ", "онлайн-курсты аяқтағаны туралы"), ("СЕРТИФИКАТ", "вебинар қатысушысы")),
        "en": (("Certificate of Completion", "Online Course"), ("CERTIFICATE", "Webinar Attendance")),
    },
    "conference": {
        "ru": (("СЕРТИФИКАТ", "участника"), ("СЕРТИФИКАТ УЧАСТНИКА",)),
        "kk": (("СЕРТИФИКАТ", "қатысушы"), ("ҚАТЫСУШЫ СЕРТИФИКАТЫ",)),
        "en": (("CERTIFICATE OF ATTENDANCE",), ("Certificate of Participation",)),
    },
    "internship": {
        "ru": (("СВИДЕТЕЛЬСТВО", "о прохождении стажировки"), ("СПРАВКА", "о прохождении стажировки")),
        "kk": (("ТАҒЫЛЫМДАМАДАН ӨТКЕНІ ТУРАЛЫ КУӘЛІК",), ("КУӘЛІК", "тағылымдамадан өткені туралы")),
        "en": (("CERTIFICATE OF CLINICAL INTERNSHIP",), ("Certificate", "Clinical Observership")),
    },
    "diploma": {
        "ru": (
            ("ДИПЛОМ", "о высшем образовании"),
            ("ДИПЛОМ", "бакалавра"),
            ("ДИПЛОМ", "о техническом и профессиональном образовании"),
        ),
        "kk": (("ДИПЛОМ", "жоғары білім туралы"), ("ДИПЛОМ", "бакалавр")),
        "en": (("DIPLOMA",), ("DIPLOMA", "Doctor of Medicine")),
    },
    "specialist_certificate": {
        "ru": (("СЕРТИФИКАТ СПЕЦИАЛИСТА",), ("СЕРТИФИКАТ", "специалиста в области здравоохранения")),
        "kk": (("МАМАН СЕРТИФИКАТЫ",), ("СЕРТИФИКАТ", "денсаулық сақтау саласындағы маман")),
        "en": (("SPECIALIST CERTIFICATE",),),
    },
    "other": {
        "ru": (("СПРАВКА",), ("РЕКОМЕНДАТЕЛЬНОЕ ПИСЬМО",)),
        "kk": (("АНЫҚТАМА",), ("ҰСЫНЫС ХАТ",)),
        "en": (("LETTER OF RECOMMENDATION",), ("REFERENCE LETTER",)),
    },
}

INTRO = {
    "ru": ("Настоящим удостоверяется, что", "Настоящее свидетельство выдано", "Выдан(о)", "Подтверждается, что"),
    "kk": ("Осы куәлік", "Осы сертификат", "Осымен расталады:", "Берілді"),
    "en": ("This is to certify that", "This certifies that", "Awarded to", "Presented to"),
}
NAME_LABELS = {
    "ru": ("ФИО:", "Ф.И.О.:", "Фамилия, имя, отчество:", "Слушатель:"),
    "kk": ("Аты-жөні:", "Тегі, аты, әкесінің аты:", "Тыңдаушы:"),
    "en": ("Name:", "Participant:", "Full name:"),
}
NUMBER_LABELS = {
    "ru": ("№ {n}", "Рег. номер {n}", "Регистрационный номер: {n}", "Сертификат № {n}", "№{n}"),
    "kk": ("№ {n}", "Тіркеу нөмірі {n}", "Тіркеу № {n}", "Куәлік № {n}"),
    "en": ("Certificate No. {n}", "No. {n}", "Certificate number: {n}", "Reg. No {n}"),
}
ISSUE_LABELS = {
    "ru": ("Дата выдачи:", "Дата выдачи", "Выдано:"),
    "kk": ("Берілген күні:", "Берілген күні"),
    "en": ("Date of issue:", "Issued on", "Date:"),
}
PROGRAM_LABELS = {"ru": "Программа:", "kk": "Бағдарлама:", "en": "Course:"}
HOURS_LABELS = {"ru": "Объем:", "kk": "Көлемі:", "en": "Duration:"}
DATES_LABELS = {"ru": "Сроки обучения:", "kk": "Оқу мерзімі:", "en": "Dates:"}
KIND_LABELS = {"ru": "Вид обучения:", "kk": "Оқу түрі:", "en": "Event:"}
# What a table names as the kind of event when the title alone ("СЕРТИФИКАТ") does not: without it the document
# would not show its type anywhere, and its truth could not be read from it.
KIND_NAMES: dict[str, dict[str, str]] = {
    "seminar": {"ru": "семинар", "kk": "семинар", "en": "seminar"},
    "conference": {"ru": "конференция", "kk": "конференция", "en": "conference"},
    "online_course": {"ru": "онлайн-курс", "kk": "онлайн-курс", "en": "online course"},
}
GENERIC_TITLES = frozenset({"СЕРТИФИКАТ", "CERTIFICATE", "CERTIFICATE OF ATTENDANCE", "КУӘЛІК", "СВИДЕТЕЛЬСТВО"})
ISSUER_LABELS = {"ru": "Организация:", "kk": "Ұйым:", "en": "Provider:"}
CITY_KK = {"Караганда": "Қарағанды", "Актобе": "Ақтөбе", "Семей": "Семей", "Алматы": "Алматы"}
CITY_PREFIX = {"ru": "г. ", "kk": "", "en": ""}
SIGNERS = {
    "ru": ("Ректор", "Директор", "Председатель Правления", "Руководитель"),
    "kk": ("Ректор", "Директор", "Басқарма төрағасы"),
    "en": ("Director", "Course Director", "Dean", "President"),
}

ACTION: dict[str, dict[str, tuple[str, ...]]] = {
    "advanced_training": {
        "ru": (
            "прошел(ла) повышение квалификации по программе",
            "прошла обучение по программе",
            "освоил(а) образовательную программу повышения квалификации",
        ),
        "kk": ("бағдарламасы бойынша біліктілігін арттырды", "біліктілікті арттыру курсынан өтті"),
        "en": (
            "has successfully completed the advanced training course",
            "has completed the continuing medical education program",
        ),
    },
    "seminar": {
        "ru": ("принял(а) участие в семинаре", "прослушал(а) семинар"),
        "kk": ("семинарына қатысты", "семинарынан өтті"),
        "en": ("attended the seminar", "has participated in the seminar"),
    },
    "online_course": {
        "ru": ("прошел(ла) дистанционный онлайн-курс", "принял(а) участие в вебинаре"),
        "kk": ("онлайн-курсын аяқтады", "вебинарына қатысты"),
        "en": ("has completed the online course", "attended the webinar"),
    },
    "conference": {
        "ru": (
            "принял(а) участие в работе научно-практической конференции",
            "участвовал(а) в Международной конференции",
        ),
        "kk": ("ғылыми-практикалық конференциясының жұмысына қатысты", "халықаралық конференциясына қатысты"),
        "en": ("attended the International Conference", "participated in the Annual Congress"),
    },
    "internship": {
        "ru": ("прошел(ла) стажировку по направлению", "прошла клиническую стажировку по программе"),
        "kk": ("бағыты бойынша тағылымдамадан өтті",),
        "en": ("has completed a clinical internship in", "completed an observership in"),
    },
}


def _ru_words(day: date, quoted: bool) -> str:
    text = f"«{day.day:02d}» {MONTHS_RU[day.month - 1]}" if quoted else f"{day.day} {MONTHS_RU[day.month - 1]}"
    return f"{text} {day.year} г."


def format_date(day: date, language: str, rnd: random.Random) -> str:
    """One date as printed: numeric or in words, in the language's usual styles."""
    if language == "ru":
        return rnd.choice(
            (
                f"{day:%d.%m.%Y}",
                f"{day:%d.%m.%Y} г.",
                _ru_words(day, True),
                _ru_words(day, False),
                f"{day.day} {MONTHS_RU[day.month - 1]} {day.year} года",
            )
        )
    if language == "kk":
        return rnd.choice(
            (
                f"{day:%d.%m.%Y}",
                f"{day:%d.%m.%Y} ж.",
                f"{day.year} жылғы {day.day} {MONTHS_KK[day.month - 1]}",
                f"{day.year} ж. «{day.day:02d}» {MONTHS_KK[day.month - 1]}",
            )
        )
    return rnd.choice(
        (
            f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
            f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}",
            f"{day:%d.%m.%Y}",
            day.isoformat(),
        )
    )


def format_range(start: date, end: date, language: str, rnd: random.Random) -> str:
    """A period of study as printed; a single day prints one date."""
    if start == end:
        prefix = {"ru": "", "kk": "", "en": "on "}[language] if rnd.random() < 0.5 else ""
        return prefix + format_date(start, language, rnd)
    if language == "ru":
        return rnd.choice(
            (
                f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}",
                f"с {start:%d.%m.%Y} г. по {end:%d.%m.%Y} г.",
                f"с {_ru_words(start, True)} по {_ru_words(end, True)}",
                f"{start:%d.%m.%Y} – {end:%d.%m.%Y}",
                f"в период с {start.day} {MONTHS_RU[start.month - 1]} {start.year} г. по "
                f"{end.day} {MONTHS_RU[end.month - 1]} {end.year} г.",
            )
        )
    if language == "kk":
        return rnd.choice(
            (
                f"{start.year} жылғы {start.day} {MONTHS_KK_FROM[start.month - 1]} "
                f"{end.day} {MONTHS_KK_TO[end.month - 1]} дейін",
                f"{start:%d.%m.%Y} бастап {end:%d.%m.%Y} дейін",
                f"{start:%d.%m.%Y} – {end:%d.%m.%Y} аралығында",
            )
        )
    options = [
        f"from {start.day} {MONTHS_EN[start.month - 1]} {start.year} "
        f"to {end.day} {MONTHS_EN[end.month - 1]} {end.year}",
        f"{start:%d.%m.%Y} – {end:%d.%m.%Y}",
    ]
    if start.year == end.year and start.month == end.month:
        options.append(f"{MONTHS_EN[start.month - 1]} {start.day}–{end.day}, {start.year}")
    return rnd.choice(options)


def _ru_hours_word(hours: int) -> str:
    if hours % 10 == 1 and hours % 100 != 11:
        return "академического часа"
    return "академических часов"


def format_hours(hours: int, language: str, rnd: random.Random) -> str:
    """The volume as printed: hours, or credits with hours (1 credit = 30 academic hours)."""
    credits = hours // 30 if hours % 30 == 0 else None
    if language == "ru":
        options = [
            f"в объеме {hours} {_ru_hours_word(hours)}",
            f"в объеме {hours} часов",
            f"({hours} ч.)",
            f"продолжительностью {hours} академических часов",
        ]
        if credits:
            options.append(
                f"в объеме {credits} кредит{'а' if 1 < credits < 5 else 'ов' if credits > 4 else ''} ({hours} часов)"
            )
    elif language == "kk":
        options = [f"{hours} сағат көлемінде", f"көлемі {hours} академиялық сағат", f"({hours} сағат)"]
        if credits:
            options.append(f"{credits} кредит ({hours} сағат) көлемінде")
    else:
        options = [f"a total of {hours} hours", f"({hours} academic hours)", f"duration: {hours} hours"]
        if credits:
            options.append(f"{credits} credits ({hours} hours)")
    return rnd.choice(options)
