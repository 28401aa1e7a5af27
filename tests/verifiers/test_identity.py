"""The holder on a document against the applicant: spellings across scripts match, other people do not."""

from __future__ import annotations

import pytest

from verifiers.identity import compare_names, holder_flag, read_as_applicant, spelled_as_applicant

APPLICANT = ("Жақсыбекова Әйгерім Серікқызы", "ZHAKSYBEKOVA AIGERIM")


@pytest.mark.parametrize(
    "on_document",
    [
        "Жақсыбекова Әйгерім Серікқызы",
        "Жаксыбекова Айгерим",
        "ZHAKSYBEKOVA AIGERIM",
        "Zhaksybekova Aigerim Serikkyzy",
        "Aigerim Zhaksybekova",
        "Жаксыбекова Айгерим Сериковна",  # Russian form of the patronymic
        "Жaкcыбeкoва Айгерим",  # Latin look-alikes inside Cyrillic (OCR)
        "Жаксыбекова Айгернм",  # one misread letter
        "Jaqsybekova Aigerim",  # 2021 Kazakh Latin
        "Жаксыбекова А. С.",  # initials
    ],
)
def test_same_person_in_any_spelling(on_document: str) -> None:
    assert compare_names(on_document, APPLICANT[0]).is_match
    assert holder_flag(on_document, APPLICANT) is None


@pytest.mark.parametrize(
    "on_document",
    [
        "Жаксыбекова Динара Серикovna",  # same surname, another first name
        "Ахметов Ерлан Болатович",
        "Жаксыбекова",  # surname alone identifies nobody
        "Жаксыбекова Айгерим Болатовна",  # another father
    ],
)
def test_other_person_is_a_mismatch(on_document: str) -> None:
    flag = holder_flag(on_document, APPLICANT)
    assert flag is not None and flag.code == "HOLDER_MISMATCH" and flag.severity == "high"
    assert flag.evidence["document"] == on_document


def test_close_short_first_names_are_different_people() -> None:
    assert not compare_names("Нурланов Марат", "Нурланов Мурат").is_match


def test_two_letters_read_as_one_glyph_are_the_same_name() -> None:
    # «ік» read «ж» (genuine translation, fraud seeds 39090 and 56767); another name with a «ж» stays another
    applicant = ("Серікбай Перизат Маратқызы", "SERIKBAI PERIZAT")
    assert holder_flag("Сержбай Перизат", applicant) is None
    assert not compare_names("Сержан Перизат", "Серікбай Перизат").is_match
    assert spelled_as_applicant("Сержбай Перизат", ("Серікбай Перизат",)) == "Серікбай Перизат"


def test_kazakh_capitals_read_as_their_russian_look_alikes_are_the_same_name() -> None:
    # bold serif capitals read by the Russian model: Ә as Э, І as Т, Д as Л (genuine certificate, fraud 60101)
    applicant = ("Әбдіраимов Темірлан Мұхтарұлы",)
    assert holder_flag("ЭБЛТРАИМОВ ТЕМТРЛАН МУХТАРУЛЫ", applicant) is None
    assert holder_flag("ЭБЛТРАИМОВ ТЕМТРЛАН", applicant) is None
    assert holder_flag("ЭБЛТРАИМОВ АСЛАН МУХТАРУЛЫ", applicant) is not None  # another first name is another person
    assert not compare_names("Лина Ахметова", "Дина Ахметова").is_match  # the fold is no licence for other letters
    assert not compare_names("EBLTRAIMOV TEMTRLAN", "Әбдіраимов Темірлан").is_match  # Latin was not read as Т
    # held to the Cyrillic spelling, not to its Latin transliteration, two slips from «ЭБДЛРАИМОВА» (fraud 59090)
    both = ("Әбдіраимова Әйгерім Асқарқызы", "ABDIRAIMOVA AIGERIM")
    assert holder_flag("ЭБДЛРАИМОВА ӘЙГЕРІМ АСҚАРҚЫЗЫ", both) is None
    assert holder_flag("ABDIRAIMOVA AIGERIM", both) is None
    # a word split in two with its Kazakh letters read as their look-alikes, spelled as the applicant's (fraud 61212)
    kairat = ("Ғабдуллин Қайрат Жеңісұлы",)
    assert holder_flag("ҒАБДУЛЛИН ҚАЙРАТ ЖЕН СУЛЫ", kairat) is None
    assert spelled_as_applicant("ҒАБДУЛЛИН ҚАЙРАТ ЖЕН СУЛЫ", kairat) == "ҒАБДУЛЛИН ҚАЙРАТ ЖЕҢІСҰЛЫ"
    assert spelled_as_applicant("ЭБЛТРАИМОВ ТЕМТРЛАН", ("Әбдіраимов Темірлан",)) == "ӘБДІРАИМОВ ТЕМІРЛАН"
    assert holder_flag("ҒАБДУЛЛИН ҚАЙРАТ АС ҚАРҰЛЫ", kairat) is not None  # another patronymic split is no match
    # a shorter Latin spelling still hides no other patronymic
    assert holder_flag("Иванова Анна Петровна", ("Иванова Анна Сергеевна", "IVANOVA ANNA")) is not None


def test_a_word_split_by_ocr_is_joined_but_other_words_are_not_made_up() -> None:
    # "ADI LET": a wide letter gap read as a space (genuine certificate, fraud seed 50101)
    assert holder_flag("RAIYMBEKOV ADI LET", ("Раимбеков Адилет Серикович", "RAIYMBEKOV ADILET")) is None
    assert not compare_names("Ахметов Ас хат", "Ахметов Асқар").is_match
    assert not compare_names("Нурланов Мар ат", "Нурланов Мурат").is_match


def test_a_name_read_as_the_applicant_declared_it_is_vouched_for() -> None:
    assert read_as_applicant("ZHAKSYBEKOVA AIGERIM", APPLICANT)
    assert read_as_applicant("aigerim zhaksybekova", APPLICANT)  # case and word order aside
    assert not read_as_applicant("ZHAKSYBEKOVA AIGERIN", APPLICANT)  # a letter other: not the declared name
    assert not read_as_applicant("ZHAKSYBEKOVA", APPLICANT)  # a surname alone vouches for nothing
    assert not read_as_applicant(None, APPLICANT)


def test_no_holder_read_gives_no_flag() -> None:
    assert holder_flag(None, APPLICANT) is None


@pytest.mark.parametrize(
    ("on_document", "applicant"),
    [
        ("AKHMETOV YERLAN BOLATOVICH", "Ахметов Ерлан Болатұлы"),
        ("Юлия Ким", "KIM YULIYA"),
        ("Нұрсұлтанова Әлия", "Нурсултанова Алия Маратовна"),
        ("Қуанышев Ольжас", "Kuanyshev Olzhas"),
    ],
)
def test_more_transliterations(on_document: str, applicant: str) -> None:
    assert compare_names(on_document, applicant).is_match


@pytest.mark.parametrize(("read", "applicant", "spelled"), [
    ("Кузнеиова Елена Владимировна", ("Кузнецова Елена Владимировна", "KUZNETSOVA ELENA"),
     "Кузнецова Елена Владимировна"),  # ц read as и
    ("VIKTORITA PETROVA", ("Петрова Виктория", "VIKTORIIA PETROVA"), "VIKTORIIA PETROVA"),  # the Latin spelling
    ("КУЗНЕИОВА ЕЛЕНА", ("Кузнецова Елена",), "КУЗНЕЦОВА ЕЛЕНА"),  # printed in capitals: kept so
    ("Елена Кузнеиова", ("Кузнецова Елена",), "Елена Кузнецова"),  # the printed order is kept
    ("Құдайбергенова Перизат Амангелджызы", ("Құдайбергенова Перизат Амангелдіқызы",),
     "Құдайбергенова Перизат Амангелдіқызы"),
])
def test_a_name_read_with_a_few_letters_wrong_is_spelt_as_the_applicants(
        read: str, applicant: tuple[str, ...], spelled: str) -> None:
    assert spelled_as_applicant(read, applicant) == spelled


@pytest.mark.parametrize(("read", "applicant"), [
    ("Жаксыбекова Айгерим", ("Жақсыбекова Әйгерім Серікқызы",)),  # a Russian spelling may be the print's
    ("Соловьева Елена", ("Соловьёва Елена",)),  # so may е for ё
    ("Ахметов Ержан", ("Ахметов Ерлан",)),  # another person: HOLDER_MISMATCH, not a respelling
    ("Кузнецова Елена", ("Кузнецова Елена Владимировна",)),  # fewer words: nothing to respell
    ("Кузнецова Елена", ("Кузнецова Елена",)),  # the same: nothing changes
    ("KUZNEISOVA ELENA", ("Кузнецова Елена",)),  # another script: transliteration is not a misread
])
def test_a_name_is_kept_as_read_unless_only_misread_letters_differ(read: str, applicant: tuple[str, ...]) -> None:
    assert spelled_as_applicant(read, applicant) is None
