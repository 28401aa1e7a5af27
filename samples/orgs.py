"""Issuing organizations: universities, national centers, training centers and foreign bodies, with aliases."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

# (key, ru name, kk name, en name, abbreviation, former names, country, city, kind, reports, domain)
_CATALOGUE: tuple[tuple[str, str, str, str, str, tuple[str, ...], str, str, str, bool, str], ...] = (
    (
        "kmu",
        "НАО «Медицинский университет Караганды»",
        "«Қарағанды медицина университеті» КЕАҚ",
        "Karaganda Medical University",
        "НАО «МУК»",
        ("Карагандинский государственный медицинский университет",),
        "KZ",
        "Караганда",
        "university",
        True,
        "qmu.edu.kz",
    ),
    (
        "kaznmu",
        "НАО «Казахский национальный медицинский университет имени С.Д. Асфендиярова»",
        "«С.Ж. Асфендияров атындағы Қазақ ұлттық медицина университеті» КЕАҚ",
        "Asfendiyarov Kazakh National Medical University",
        "КазНМУ",
        ("КазНМУ им. С.Д. Асфендиярова",),
        "KZ",
        "Алматы",
        "university",
        True,
        "kaznmu.edu.kz",
    ),
    (
        "amu",
        "НАО «Медицинский университет Астана»",
        "«Астана медицина университеті» КЕАҚ",
        "Astana Medical University",
        "НАО «МУА»",
        ("Казахская государственная медицинская академия",),
        "KZ",
        "Астана",
        "university",
        True,
        "amu.kz",
    ),
    (
        "smu",
        "НАО «Медицинский университет Семей»",
        "«Семей медицина университеті» КЕАҚ",
        "Semey Medical University",
        "НАО «МУС»",
        ("Государственный медицинский университет города Семей",),
        "KZ",
        "Семей",
        "university",
        True,
        "semeymedicaluniversity.kz",
    ),
    (
        "zkmu",
        "НАО «Западно-Казахстанский медицинский университет имени Марата Оспанова»",
        "«Марат Оспанов атындағы Батыс Қазақстан медицина университеті» КЕАҚ",
        "West Kazakhstan Marat Ospanov Medical University",
        "ЗКМУ им. М. Оспанова",
        (),
        "KZ",
        "Актобе",
        "university",
        True,
        "zkmu.kz",
    ),
    (
        "nncs",
        "РГП на ПХВ «Национальный научный центр хирургии им. А.Н. Сызганова»",
        "«А.Н. Сызғанов атындағы Ұлттық ғылыми хирургия орталығы» ШЖҚ РМК",
        "A.N. Syzganov National Scientific Center of Surgery",
        "ННЦХ им. А.Н. Сызганова",
        ("АО «Национальный научный центр хирургии им. А.Н. Сызганова»",),
        "KZ",
        "Алматы",
        "center",
        True,
        "nnch.kz",
    ),
    (
        "ncpds",
        "АО «Научный центр педиатрии и детской хирургии»",
        "«Педиатрия және балалар хирургиясы ғылыми орталығы» АҚ",
        "Scientific Center of Pediatrics and Pediatric Surgery",
        "НЦПДХ",
        (),
        "KZ",
        "Алматы",
        "center",
        True,
        "pediatria.kz",
    ),
    (
        "nsmc",
        "АО «Национальный научный медицинский центр»",
        "«Ұлттық ғылыми медицина орталығы» АҚ",
        "National Scientific Medical Center",
        "ННМЦ",
        (),
        "KZ",
        "Астана",
        "center",
        True,
        "nnmc.kz",
    ),
    (
        "nccn",
        "РГП на ПХВ «Национальный центр общественного здравоохранения»",
        "«Ұлттық қоғамдық денсаулық сақтау орталығы» ШЖҚ РМК",
        "National Center of Public Health",
        "НЦОЗ",
        ("Национальный центр проблем формирования здорового образа жизни",),
        "KZ",
        "Астана",
        "center",
        True,
        "hls.kz",
    ),
    (
        "densaulyk",
        "ТОО «Центр профессионального развития «Денсаулық»»",
        "«Денсаулық» кәсіби даму орталығы ЖШС",
        "Densaulyk Professional Development Center",
        "ЦПР «Денсаулық»",
        (),
        "KZ",
        "Шымкент",
        "training",
        False,
        "densaulyk-cpd.kz",
    ),
    (
        "medskills",
        "ТОО «Учебный центр MedSkills»",
        "«MedSkills оқу орталығы» ЖШС",
        "MedSkills Training Center",
        "MedSkills",
        (),
        "KZ",
        "Алматы",
        "training",
        False,
        "medskills.kz",
    ),
    (
        "shipagerlik",
        "ТОО «Институт повышения квалификации «Шипагерлік»»",
        "«Шипагерлік» біліктілікті арттыру институты ЖШС",
        "Shipagerlik Institute of Advanced Training",
        "ИПК «Шипагерлік»",
        ("ТОО «Учебный центр «Шипагер»»",),
        "KZ",
        "Тараз",
        "training",
        False,
        "shipagerlik.kz",
    ),
    (
        "rcrz",
        "РГП на ПХВ «Республиканский центр развития здравоохранения»",
        "«Денсаулық сақтауды дамыту республикалық орталығы» ШЖҚ РМК",
        "Republican Center for Health Development",
        "РЦРЗ",
        (),
        "KZ",
        "Астана",
        "center",
        True,
        "rcrz.kz",
    ),
    (
        "ncoo",
        "ТОО «Академия непрерывного медицинского образования»",
        "«Үздіксіз медициналық білім академиясы» ЖШС",
        "Academy of Continuing Medical Education",
        "АНМО",
        (),
        "KZ",
        "Караганда",
        "training",
        False,
        "anmo.kz",
    ),
    (
        "avicenna",
        "ТОО «Медицинский учебный центр «Авиценна»»",
        "«Авиценна» медициналық оқу орталығы ЖШС",
        "Avicenna Medical Training Center",
        "МУЦ «Авиценна»",
        (),
        "KZ",
        "Павлодар",
        "training",
        False,
        "avicenna-edu.kz",
    ),
    (
        "charite",
        "Charité – Universitätsmedizin Berlin",
        "",
        "Charité – Universitätsmedizin Berlin",
        "Charité",
        (),
        "DE",
        "Berlin",
        "foreign",
        False,
        "charite.de",
    ),
    (
        "mayo",
        "Mayo Clinic School of Continuous Professional Development",
        "",
        "Mayo Clinic School of Continuous Professional Development",
        "Mayo Clinic",
        (),
        "US",
        "Rochester",
        "foreign",
        False,
        "ce.mayo.edu",
    ),
    (
        "erc",
        "European Resuscitation Council",
        "",
        "European Resuscitation Council",
        "ERC",
        (),
        "BE",
        "Niel",
        "foreign",
        False,
        "erc.edu",
    ),
    (
        "esc",
        "European Society of Cardiology",
        "",
        "European Society of Cardiology",
        "ESC",
        (),
        "FR",
        "Sophia Antipolis",
        "foreign",
        False,
        "escardio.org",
    ),
    (
        "hacettepe",
        "Hacettepe University Faculty of Medicine",
        "",
        "Hacettepe University Faculty of Medicine",
        "Hacettepe",
        (),
        "TR",
        "Ankara",
        "foreign",
        False,
        "hacettepe.edu.tr",
    ),
    (
        "snu",
        "Seoul National University Hospital",
        "",
        "Seoul National University Hospital",
        "SNUH",
        (),
        "KR",
        "Seoul",
        "foreign",
        False,
        "snuh.org",
    ),
)


EXPIRED_ORG = "avicenna"


@dataclass(frozen=True)
class Organization:
    org_id: str
    key: str
    name_ru: str
    name_kk: str
    name_en: str
    abbreviation: str
    former_names: tuple[str, ...]
    bin: str
    country: str
    city: str
    kind: str  # university | center | training | foreign
    reports_to_register: bool
    accredited_from: date
    accredited_to: date | None
    domain: str

    @property
    def foreign(self) -> bool:
        return self.country != "KZ"

    def name(self, language: str) -> str:
        """The name as printed on a document in `language` (foreign bodies print their English name)."""
        if self.foreign or language == "en":
            return self.name_en
        return self.name_kk if language == "kk" else self.name_ru

    @property
    def aliases(self) -> tuple[str, ...]:
        names = (self.abbreviation, self.name_kk, self.name_en, *self.former_names)
        return tuple(dict.fromkeys(n for n in names if n and n != self.name_ru))


def _bin(rnd: random.Random, registered: date) -> str:
    """A business identification number: YYMM of registration, type digits, serial, a check digit."""
    from samples.iin import iin_check_digit

    while True:
        first11 = f"{registered:%y%m}4{rnd.choice('01')}{rnd.randint(0, 99999):05d}"
        check = iin_check_digit(first11)
        if check is not None:
            return first11 + str(check)


def make_organizations(rnd: random.Random) -> tuple[Organization, ...]:
    """The whole catalogue with ids ORG-001…, BINs and accreditation periods (a few expired)."""
    organizations = []
    for index, row in enumerate(_CATALOGUE, start=1):
        key, ru, kk, en, abbreviation, former, country, city, kind, reports, domain = row
        accredited_from = date(rnd.randint(2000, 2007), rnd.randint(1, 12), 1)
        # one training center lost its accreditation: genuine documents never come from it (room for fraud cases)
        accredited_to = date(2022, rnd.randint(1, 12), 28) if key == EXPIRED_ORG else None
        organizations.append(
            Organization(
                org_id=f"ORG-{index:03d}",
                key=key,
                name_ru=ru,
                name_kk=kk or en,
                name_en=en,
                abbreviation=abbreviation,
                former_names=former,
                bin=_bin(rnd, accredited_from) if country == "KZ" else "",
                country=country,
                city=city,
                kind=kind,
                reports_to_register=reports,
                accredited_from=accredited_from,
                accredited_to=accredited_to,
                domain=domain,
            )
        )
    return tuple(organizations)


def organization_row(org: Organization) -> dict[str, str]:
    """The organizations.csv row of the contract."""
    return {
        "org_id": org.org_id,
        "name": org.name_ru,
        "aliases": "|".join(org.aliases),
        "bin": org.bin,
        "country": org.country,
        "city": org.city,
        "accredited_from": org.accredited_from.isoformat(),
        "accredited_to": org.accredited_to.isoformat() if org.accredited_to else "",
        "reports_to_register": "true" if org.reports_to_register else "false",
    }
