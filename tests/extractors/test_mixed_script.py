"""Words in the other script re-read: Latin names in Cyrillic lines, Cyrillic prefixes on English pages."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from extractors.mixed_script import (
    agreeing_reading,
    better_reading,
    is_candidate,
    latin_name,
    other_script_share,
    reread_other_script,
)
from extractors.reader import ReadLimits, read_document
from extractors.tesseract import TesseractEngine
from extractors.types import Box, FieldValue, Line, PageText, Word

from .rendering import render_page

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def _word(text: str, confidence: float) -> Word:
    return Word(text, confidence, Box(10, 10, 80, 20))


class _Engine:
    """Answers every re-read from a table, so the replacement rules are tested without OCR."""

    def __init__(self, readings: dict[str, tuple[str, float]]) -> None:
        self.readings, self.asked = readings, 0

    def ocr_word(self, image: np.ndarray, languages: str, *, one_word: bool = True) -> tuple[str, float]:
        self.asked += 1
        return self.readings.pop(next(iter(self.readings))) if self.readings else ("", 0.0)


def _reread(words: tuple[Word, ...], readings: dict[str, tuple[str, float]], hint: str = "rus+kaz") -> str:
    """The line of `words` after the other script's re-reads, the engine answering `readings` in turn."""
    page = PageText(1, 600, 50, (Line(words),), "ocr", language_hint=hint)
    return reread_other_script(page, np.zeros((50, 600), np.uint8), hint, _Engine(readings)).text  # type: ignore[arg-type]


def test_only_weak_words_with_letters_are_candidates() -> None:
    assert is_candidate(_word("МеЯ$КИ$", 0.37))
    assert not is_candidate(_word("Учебный", 0.97))
    assert not is_candidate(_word("12.05", 0.2))


@pytest.mark.parametrize(
    ("first", "reading", "replaced"),
    [
        (("МеЯ$КИ$", 0.37), ("MedSkills", 0.91), True),
        (("МеЯ$КИ$", 0.37), ("MedSkills", 0.45), False),  # not sure in itself
        (("Оспанов", 0.55), ("Ocnahob", 0.6), False),  # not surer by enough
        (("АО", 0.4), ("AO", 0.95), False),  # look-alike letters: the page's script is kept
    ],
)
def test_a_re_read_replaces_a_word_only_when_clearly_surer(first: tuple[str, float], reading: tuple[str, float],
                                                           replaced: bool) -> None:
    assert (better_reading(_word(*first), *reading) is not None) is replaced


def test_a_garbled_word_whose_re_readings_spell_alike_is_replaced_however_unsure_each() -> None:
    garbled = _word("МеЯ$КИ!з»", 0.19)  # fraud 35656: three crops read "MedSkills" at 0.48, 0.40 and 0.05
    found = agreeing_reading(garbled, [("MedsSkills»", 0.48), ("' MedSkills»", 0.4), ("“MedSkills»", 0.05)])
    assert found is not None and found.text == "MedSkills»" and found.confidence == 0.48
    assert agreeing_reading(garbled, [("MedsSkills»", 0.48), ("MedSkilis»", 0.4)]) is None  # they differ
    assert agreeing_reading(garbled, [("MedSkills»", 0.3), ("MedSkills»", 0.2)]) is None  # neither fairly sure
    assert agreeing_reading(_word("Медскиллс»", 0.19), [("MedSkills»", 0.48), ("MedSkills»", 0.4)]) is None
    words = (Word("центр", 0.93, Box(0, 0, 60, 20)), Word("МеЯ$КИ!з»", 0.19, Box(100, 0, 120, 20)))
    readings = {"tight": ("MedsSkills»", 0.48), "wide": ("' MedSkills»", 0.4), "single": ("“MedSkills»", 0.05)}
    assert _reread(words, readings) == "центр MedSkills»"


def test_the_neighbours_of_a_re_read_word_are_re_read_in_turn_along_a_foreign_name() -> None:
    # accuracy 42727: "Seoul National University Hospital" on a Russian translation, its last words read as
    # Cyrillic letters with a confidence that looked fine
    words = (Word("5еоц!", 0.56, Box(0, 0, 80, 20)), Word("МаНопа", 0.9, Box(100, 0, 120, 20)),
             Word("Мпіуегсіғу", 0.9, Box(240, 0, 160, 20)), Word("Новріғаі", 0.9, Box(420, 0, 130, 20)))
    readings = {"Seoul": ("Seoul", 0.96), "National": ("National", 0.95), "University": ("University", 0.95),
                "Hospital": ("Hospital", 0.95)}
    assert _reread(words, readings) == "Seoul National University Hospital"


def test_a_foreign_word_split_in_two_is_re_read_whole() -> None:
    words = (Word("ТОО", 0.96, Box(0, 0, 60, 20)), Word("Мед", 0.1, Box(100, 0, 50, 20)),
             Word("К!»", 0.0, Box(170, 0, 60, 20)))
    page = PageText(1, 300, 50, (Line(words),), "ocr", language_hint="rus+kaz")
    engine = _Engine({"whole": ("MedSkills»", 0.91), "ТОО": ("TOO", 0.95)})
    read = reread_other_script(page, np.zeros((50, 300), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "ТОО MedSkills»"
    assert read.lines[0].words[1].box == Box(100, 0, 130, 20)


def test_neighbours_of_a_foreign_word_are_re_read_too() -> None:
    line = Line((_word("беоші", 0.7), _word("Әліуегсіғу", 0.25)))
    page = PageText(1, 100, 50, (line,), "ocr", language_hint="rus+kaz")
    engine = _Engine({"b": ("University", 0.96), "a": ("Seoul", 0.96)})
    read = reread_other_script(page, np.zeros((50, 100), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "Seoul University"


def test_pages_read_with_all_languages_are_left_alone() -> None:
    page = PageText(1, 100, 50, (Line((_word("МеЯ$КИ$", 0.3),)),), "ocr")
    engine = _Engine({"a": ("MedSkills", 0.96)})
    assert reread_other_script(page, np.zeros((50, 100), np.uint8), "rus+kaz+eng", engine) == page  # type: ignore[arg-type]
    assert engine.asked == 0


@pytest.mark.slow
def test_a_latin_brand_in_a_russian_page_is_read_in_latin() -> None:
    lines = ("СЕРТИФИКАТ о повышении квалификации", "ТОО «Учебный центр MedSkills»",
             "Выдан Иванову Петру Сергеевичу", "в объёме 108 часов")
    buffer = io.BytesIO()
    Image.fromarray(render_page(lines)).save(buffer, format="PNG")
    pages = read_document(buffer.getvalue(), "png", TesseractEngine(TESSDATA), ReadLimits())
    assert "MedSkills" in pages[0].text
    assert "Учебный центр" in pages[0].text


@pytest.mark.parametrize(
    ("first", "reading", "replaced"),
    [
        (("MK-91/273", 0.8), ("ПК-91/273", 0.9), True),  # a Cyrillic prefix on an English page
        (("MK-91/273", 0.8), ("МК-91/273", 0.95), False),  # look-alikes only: the page's script stays
        (("MK-91/273", 0.97), ("ПК-91/273", 0.99), False),  # sure enough not to ask
        (("Cardiology", 0.8), ("Кардиолоду", 0.9), False),  # not an identifier
    ],
)
def test_doubtful_identifiers_are_re_read(first: tuple[str, float], reading: tuple[str, float], replaced: bool) -> None:
    page = PageText(1, 100, 50, (Line((_word(*first),)),), "ocr", language_hint="eng")
    read = reread_other_script(page, np.zeros((50, 100), np.uint8), "eng", _Engine({"a": reading}))  # type: ignore[arg-type]
    assert (read.text == reading[0]) is replaced


def test_a_latin_surname_read_in_cyrillic_is_re_read_with_the_given_name_beside_it() -> None:
    words = (Word("РАУГОУА", 0.61, Box(0, 0, 320, 52)), Word("УІКТОКПА", 0.87, Box(347, 0, 360, 52)))
    assert _reread(words, {"surname": ("PAVLOVA", 0.96), "given name": ("VIKTORITA", 0.89)}) == "PAVLOVA VIKTORITA"


class _ModeEngine:
    """Answers by Tesseract's mode: single-word mode lost a number that line mode read (fraud 69090)."""

    def __init__(self) -> None:
        self.modes: list[bool] = []

    def ocr_word(self, image: np.ndarray, languages: str, *, one_word: bool = True) -> tuple[str, float]:
        self.modes.append(one_word)
        return ("-KZ95821055°", 0.0) if one_word else ("KZ95821055", 0.91)


def test_a_number_single_word_mode_cannot_read_is_read_in_line_mode() -> None:
    page = PageText(1, 600, 50, (Line((_word("нөмірі", 0.93), _word("К2795821055", 0.61))),), "ocr",
                    language_hint="rus+kaz")
    engine = _ModeEngine()
    read = reread_other_script(page, np.zeros((50, 600), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "нөмірі KZ95821055" and engine.modes[:2] == [True, False]  # then its neighbour is re-read


def test_letters_mixed_with_signs_are_re_read_whatever_their_confidence() -> None:
    assert is_candidate(_word("Мед$", 0.65))
    assert is_candidate(_word("КО?ІОУА", 0.9)) and is_candidate(_word("О5РАМОУА", 0.9))  # a Latin name as Cyrillic
    assert is_candidate(_word("ВАТТГ/ВЗҮМОУА", 0.61))  # BAITURSYNOVA (fraud 36767); a slash between figures stays
    assert not is_candidate(_word("ПК-6/404", 0.61))
    assert is_candidate(_word("5МІНКМОУА", 0.66))  # SMIRNOVA: the Cyrillic model has no S (fraud 37878)
    assert is_candidate(_word("5УЕТІ.АМА", 0.8)) and not is_candidate(_word("1.5", 0.8))  # SVETLANA (fraud 39090)
    assert is_candidate(_word("?АІТБЕУА", 0.66)) and not is_candidate(_word("?", 0.66))  # ZAITSEVA (fraud 44545)
    # ZHAKSYBEKOVA's Z read as a 7, beside AKMARAL read «АКМАВЛІ.» at 0.76 (fraud 60101); «7ТОО» is no name
    assert is_candidate(_word("7НАКБҮВЕКОУА", 0.59)) and is_candidate(_word("7НАКБҮВЕКОУА", 0.8))
    assert not is_candidate(_word("7-ТОО", 0.8)) and not is_candidate(_word("7А", 0.8))
    assert is_candidate(_word("6НАКАКІМОУ", 0.78))  # SHAKARIMOV's S read as a 6 (fraud 63434)
    # PAVLOVA in italic read «РАУГОУА» at 0.61 (fraud 65656): no Cyrillic word ends as -OVA/-EVA does read so
    assert is_candidate(_word("РАУГОУА", 0.61)) and is_candidate(_word("МОГОЗЕУА", 0.9))
    assert not is_candidate(_word("ПАВЛОВА", 0.9)) and not is_candidate(_word("Тоуа", 0.9))
    # VASILEVA's IL read «П.» (fraud 51212); initials before a surname are no garble
    assert is_candidate(_word("УАЗП.ЕУА", 0.9)) and not is_candidate(_word("А.Т.МУКАНОВА", 0.9))
    assert not is_candidate(_word("Медицинский", 0.65))
    assert not is_candidate(_word("ПК-91/273", 0.7)) and not is_candidate(_word("Кто?", 0.7))
    # a table's rule read into a word is no sign inside it («| ФИО:» re-read as "one:" before)
    assert not is_candidate(_word("|ФИО:", 0.76)) and is_candidate(_word("|Мед$", 0.76))
    assert not is_candidate(_word("ФИО:", 0.36)) and is_candidate(_word("ФИО", 0.36))  # a label keeps its script
    # a Kazakh і read as "!" inside a Cyrillic word is that letter («Эйгер!м» was re-read in English as "Ovrepim")
    assert not is_candidate(_word("Эйгер!м", 0.88)) and is_candidate(_word("Med!", 0.88))
    # a Latin I read as 1 before capitals: IGOR as «1СОВ» (a number, or «1st», is no word of the other script)
    assert is_candidate(_word("1СОВ", 0.9)) and not is_candidate(_word("1st", 0.9))
    assert not is_candidate(_word("1ПК-2", 0.9)) and not is_candidate(_word("12", 0.5))
    words = (Word("центр", 0.93, Box(0, 0, 60, 20)), Word("Мед$", 0.65, Box(80, 0, 50, 20)),
             Word("$»", 0.33, Box(150, 0, 30, 20)))
    assert _reread(words, {"whole": ("MedSkills»", 0.89)}) == "центр MedSkills»"


def test_a_line_mostly_in_the_other_script_is_re_read_whole() -> None:
    words = (Word("Charité", 0.96, Box(0, 0, 120, 20)), Word("Jniversi", 0.91, Box(130, 0, 110, 20)),
             Word("Кате", 0.77, Box(250, 0, 60, 20)), Word("Berlin", 0.93, Box(320, 0, 90, 20)))
    page = PageText(1, 500, 50, (Line(words),), "ocr", language_hint="rus+kaz")
    engine = _Engine({"line": ("Charité Universitätsmedizin Berlin", 0.93)})
    read = reread_other_script(page, np.zeros((50, 500), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "Charité Universitätsmedizin Berlin"
    assert engine.asked == 1


def _charite_line(rest_confidence: float) -> PageText:
    words = (Word("СПагив", 0.2, Box(0, 0, 120, 20)), Word("—", 0.73, Box(130, 0, 20, 20)),
             Word("Тпіуегві(а(втейігіп", rest_confidence, Box(160, 0, 300, 20)),
             Word("Вегііп", 0.68, Box(470, 0, 90, 20)))
    return PageText(1, 600, 50, (Line(words),), "ocr", language_hint="rus+kaz")


def test_a_line_left_weak_beside_a_word_re_read_in_the_other_script_is_re_read_whole() -> None:
    readings = {"first": ("Charité", 0.96), "tight": ("Universitatsmedizin", 0.71),
                "wide": ("Universitatsmedizin", 0.73), "single": ("", 0.0),
                "line": ("Charité — Universitätsmedizin Berlin", 0.76)}
    read = reread_other_script(_charite_line(0.21), np.zeros((50, 600), np.uint8), "rus+kaz",
                               _Engine(readings))  # type: ignore[arg-type]
    assert read.text == "Charité — Universitätsmedizin Berlin"


def test_a_line_whose_own_words_were_read_surely_is_not_re_read_whole() -> None:
    engine = _Engine({"first": ("Charité", 0.96), "line": ("Charité — Universitätsmedizin Berlin", 0.76)})
    read = reread_other_script(_charite_line(0.9), np.zeros((50, 600), np.uint8), "rus+kaz",
                               engine)  # type: ignore[arg-type]
    assert read.text == "Charité — Тпіуегві(а(втейігіп Вегііп" and engine.asked == 1


def test_a_label_before_a_foreign_name_keeps_the_line_as_read() -> None:
    words = (Word("ФИО:", 0.95, Box(0, 0, 60, 20)), Word("DUISENBAEV", 0.93, Box(80, 0, 150, 20)),
             Word("OLZHAS", 0.93, Box(240, 0, 100, 20)))
    page = PageText(1, 400, 50, (Line(words),), "ocr", language_hint="rus+kaz")
    engine = _Engine({"line": ("evo: DUISENBAEV OLZHAS", 0.96)})
    assert reread_other_script(page, np.zeros((50, 400), np.uint8), "rus+kaz", engine) == page  # type: ignore[arg-type]
    assert engine.asked == 0


def test_a_bar_at_the_crop_edge_is_not_part_of_the_reading() -> None:
    found = better_reading(_word("РУЕМВАЕМ", 0.1), "| DUISENBAEV", 0.92)
    assert found is not None and found.text == "DUISENBAEV"


def test_a_weak_number_is_re_read_as_a_number() -> None:
    page = PageText(1, 300, 50, (Line((Word("К27-2025-002691", 0.54, Box(0, 0, 200, 20)),)),), "ocr")
    engine = _Engine({"a": ("KZ-2025-002691", 0.95)})
    assert reread_other_script(page, np.zeros((50, 300), np.uint8), "rus+kaz", engine).text == "KZ-2025-002691"  # type: ignore[arg-type]


def test_only_the_words_beside_a_re_read_name_are_re_read_and_never_a_label() -> None:
    words = (Word("Тегі,", 0.95, Box(0, 0, 50, 20)), Word("аты:", 0.93, Box(60, 0, 40, 20)),
             Word("ОТЕМІ$ОУА", 0.3, Box(110, 0, 120, 20)), Word("SAULE", 0.92, Box(240, 0, 80, 20)))
    page = PageText(1, 400, 50, (Line(words),), "ocr", language_hint="rus+kaz")
    engine = _Engine({"name": ("OTEMISOVA", 0.96), "beside": ("SAULE", 0.96)})
    read = reread_other_script(page, np.zeros((50, 400), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "Тегі, аты: OTEMISOVA SAULE"


@pytest.mark.parametrize(
    ("first", "reading", "expected"),
    [
        ("Сага10о]оду", "‘Cardiology", "Cardiology"),  # a neighbour's quote at the crop's edge
        ("босіету", "| Society +", "Society"),
        ("Мед$КИ!$»", "MedSkills»", "MedSkills»"),  # a closing quote the first reading had too stays
        ("университеті»", "YHMBepcuTerTi»", None),  # Cyrillic strokes spelt in Latin letters: no word
        ("ЖБ", "2KB", None),  # a digit from the edge of the «№» before it
        ("университеті»", "YHHBepcuteTi»", None),
    ],
)
def test_re_reads_lose_crop_edges_and_letter_salad(first: str, reading: str, expected: str | None) -> None:
    found = better_reading(_word(first, 0.3), reading, 0.9)
    assert (found.text if found else None) == expected


def test_capitals_shared_by_both_scripts_stay_cyrillic_on_a_cyrillic_page() -> None:
    page = PageText(1, 300, 50, (Line((Word("Оо", 0.5, Box(0, 0, 60, 20)), Word("Центр", 0.93, Box(80, 0, 90, 20)))),),
                    "ocr", language_hint="rus+kaz")
    engine = _Engine({"a": ("TOO", 0.94)})
    read = reread_other_script(page, np.zeros((50, 300), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    first = read.lines[0].words[0].text
    assert first == "ТОО" and all("\u0400" <= ch <= "\u04ff" for ch in first)


class _BlockEngine:
    """Answers a crop's block reading with fixed TSV words (level 5 rows)."""

    def __init__(self, *words: tuple[str, float]) -> None:
        self.rows = "".join(f"5\t1\t1\t1\t1\t{i}\t{10 + 90 * i}\t10\t80\t30\t{conf * 100}\t{text}\n"
                            for i, (text, conf) in enumerate(words, 1))
        self.asked: list[str] = []

    def ocr_block_tsv(self, image: np.ndarray, languages: str) -> str:
        self.asked.append(languages)
        return self.rows


NAME_BOX = Box(100, 100, 300, 30)


def _name_page(hint: str = "rus+kaz") -> PageText:
    return PageText(1, 500, 300, (Line((Word("ТОВЗҮМВАЕУА", 0.7, NAME_BOX),)),), "ocr", language_hint=hint)


@pytest.mark.parametrize(
    ("read", "english", "expected"),
    [
        (("ТОВЗҮМВАЕУА МОГОГВ", 0.69), (("TURSYNBAEVA", 0.93), ("MOLDIR", 0.91)), "TURSYNBAEVA MOLDIR"),
        (("ТОВЗҮМВАЕУА МОГОГВ", 0.69), (("TURSYNBAEVA", 0.93), ("MOLDlR", 0.6)), None),  # not sure of it
        (("АНАРА ОРАЗОВА", 0.7), (("AHAPA", 0.95), ("OPA3OBA", 0.9)), None),  # the same glyphs, other script
        (("Жақсыбекова Әйгерім", 0.7), (("ZHAKSYBEKOVA", 0.95), ("AIGERIM", 0.95)), None),  # not capitals
        (("ТОВЗҮМВАЕУА МОГОГВ", 0.95), (("TURSYNBAEVA", 0.93), ("MOLDIR", 0.91)), None),  # surer in Cyrillic
        (("РАК ТАПАМА", 0.9), (("PAK", 0.93), ("TATIANA", 0.91)), "PAK TATIANA"),  # sure, and surer in English
        (("ЗОГОУЕУА АММА", 0.82), (("SOLOVEVA", 0.92), ("ANNA", 0.96)), "SOLOVEVA ANNA"),  # the Russian model's 0.82
        (("ЗОГОУЕУА АММА", 0.82), (("SOLOVEVA", 0.80), ("ANNA", 0.82)), None),  # less sure than the Cyrillic
        # sure as a whole, each word fairly sure (a word at 0.849 kept a genuine holder in Cyrillic letters)
        (("ВЕКМГКНАМВЕТОУА КОВАГАТ", 0.675), (("BEKMUKHAMBETOVA", 0.92), ("KURALAI", 0.849)),
         "BEKMUKHAMBETOVA KURALAI"),
        (("ВЕКМГКНАМВЕТОУА КОВАГАТ", 0.675), (("BEKMUKHAMBETOVA", 0.99), ("KURALAI", 0.72)), None),
        (("АКНМЕТОУА INKAR", 0.9), (("AKHMETOVA", 0.92), ("INKAR", 0.93)), "AKHMETOVA INKAR"),  # half in each script
        (("АКНМЕТОУА INKAR", 0.9), (("AKHMETOVA", 0.7), ("INKAR", 0.93)), None),  # the English reading unsure
        # the crop took in the label before the name (fraud 35656)
        (("ВЕКМОКНАМВЕТОМА AIGERIM", 0.897), (("Teri,", 0.92), ("aTbI!:", 0.29), ("BEKMUKHAMBETOVA", 0.92),
                                               ("AIGERIM", 0.93)), "BEKMUKHAMBETOVA AIGERIM"),
        (("ВЕКМОКНАМВЕТОМА AIGERIM", 0.897), (("BEKMUKHAMBETOVA", 0.92), ("aigerim", 0.93)), None),  # small letters
    ],
)
def test_a_latin_holder_read_as_cyrillic_capitals_is_read_again_in_english(
        read: tuple[str, float], english: tuple[tuple[str, float], ...], expected: str | None) -> None:
    value = FieldValue(read[0], read[1], 1, NAME_BOX)
    engine = _BlockEngine(*english)
    found = latin_name(value, _name_page(), np.zeros((300, 500), np.uint8), engine)  # type: ignore[arg-type]
    assert found.value == (expected or read[0])


def test_a_holder_on_an_english_page_is_left_alone() -> None:
    value = FieldValue("ТОВЗҮМВАЕУА МОГОГВ", 0.69, 1, NAME_BOX)
    engine = _BlockEngine(("TURSYNBAEVA", 0.93), ("MOLDIR", 0.91))
    assert latin_name(value, _name_page("eng"), np.zeros((300, 500), np.uint8), engine) == value  # type: ignore[arg-type]
    assert engine.asked == []


def test_a_capital_read_twice_in_a_re_read_is_read_once() -> None:
    found = better_reading(_word("Мед$КИз»", 0.1), "MedsSkills»", 0.5)
    assert found is not None and found.text == "MedSkills»"
    found = better_reading(_word("МсОопа!а", 0.1), "McDonald", 0.9)  # two capitals of different letters stay
    assert found is not None and found.text == "McDonald"


def test_a_weak_word_of_a_name_in_capitals_keeps_the_script_of_its_sure_neighbour() -> None:
    # "DUISENBAEVA KURALAT" on an English page: the Russian model read the weak word as «КОВАГАТ» at 0.85 and the
    # holder became half Cyrillic (HOLDER_MISMATCH on a genuine document, seed 23434)
    words = (Word("DUISENBAEVA", 0.93, Box(0, 0, 300, 40)), Word("KURALAT", 0.51, Box(320, 0, 200, 40)))
    page = PageText(1, 600, 60, (Line(words),), "ocr", language_hint="eng")
    engine = _Engine({"first": ("КОВАГАТ", 0.85)})
    read = reread_other_script(page, np.zeros((60, 600), np.uint8), "eng", engine)  # type: ignore[arg-type]
    assert read.text == "DUISENBAEVA KURALAT" and engine.asked == 0
    # beside a weak or small word, or garbled itself, it is re-read as before
    for first, second in ((("DUISENBAEVA", 0.6), ("KURALAT", 0.51)), (("ТОО", 0.95), ("КАZМЕD", 0.4)),
                          (("DUISENBAEVA", 0.93), ("KURAL$T", 0.51))):
        words = (Word(first[0], first[1], Box(0, 0, 300, 40)), Word(second[0], second[1], Box(320, 0, 200, 40)))
        engine = _Engine({"first": ("КОВАГАТ", 0.85)})
        hint = "eng" if first[0].isascii() else "rus+kaz"
        page = PageText(1, 600, 60, (Line(words),), "ocr", language_hint=hint)
        reread_other_script(page, np.zeros((60, 600), np.uint8), hint, engine)  # type: ignore[arg-type]
        assert engine.asked > 0, (first, second)
    # a full stop inside a capital word is a Latin letter misread, not a word of the sure neighbour's name
    words = (Word("УАЗП.ЕУА", 0.39, Box(0, 0, 200, 40)), Word("АММА", 0.91, Box(220, 0, 120, 40)))
    page = PageText(1, 600, 60, (Line(words),), "ocr", language_hint="rus+kaz")
    engine = _Engine({"first": ("VASILEVA", 0.93), "second": ("ANNA", 0.92)})
    read = reread_other_script(page, np.zeros((60, 600), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "VASILEVA ANNA"


def test_a_capital_i_read_as_1_in_a_kazakh_name_is_mended_not_re_read() -> None:
    words = (Word("БАЙТҰРСЫНОВА", 0.95, Box(0, 0, 200, 20)), Word("1НКЭР", 0.9, Box(210, 0, 80, 20)),
             Word("СЕРІКҚЫЗЫ", 0.93, Box(300, 0, 150, 20)))
    page = PageText(1, 500, 50, (Line(words),), "ocr", language_hint="rus+kaz")
    engine = _Engine({"word": ("IHKOP", 0.5)})
    read = reread_other_script(page, np.zeros((50, 500), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.text == "БАЙТҰРСЫНОВА ІНКЭР СЕРІКҚЫЗЫ" and engine.asked == 0


def test_the_share_of_letters_in_the_other_script() -> None:
    line = Line((_word("Hacettepe", 0.96), _word("Куәлік", 0.9), _word("2025/2330", 0.97)))  # 9 Latin, 6 Cyrillic
    page = PageText(1, 100, 50, (line,), "ocr", language_hint="eng")
    assert other_script_share(page, "eng") == 6 / 15
    assert other_script_share(page, "rus+kaz") == 9 / 15
    assert other_script_share(page, "rus+kaz+eng") == 0.0  # read with every language: there is no other
    assert other_script_share(PageText(1, 100, 50, (), "ocr"), "eng") == 0.0


def _translation_page(sure: float) -> PageText:
    """A Russian translation whose issuer, printed in Latin, came out in Cyrillic letters read unsurely throughout
    (accuracy 52727), among lines read `sure`."""
    lines = [Line((Word("СЕРТИФИКАТ", sure, Box(10, 10 + 40 * n, 200, 30)), Word("выдан", sure, Box(220, 10 + 40 * n,
                                                                                                  90, 30))))
             for n in range(4)]
    issuer = Line(tuple(Word(text, confidence, Box(10 + 150 * i, 200, 140, 30)) for i, (text, confidence) in
                        enumerate((("Ечгореап", 0.73), ("5осіету", 0.61), ("оҒ", 0.71), ("Сагаісіоду", 0.64)))))
    return PageText(1, 600, 300, (lines[0], issuer, *lines[1:]), "ocr", language_hint="rus+kaz")


@pytest.mark.parametrize(("sure", "reading", "expected"), [
    (0.96, ("European Society of Cardiology", 0.96), "European Society of Cardiology"),
    (0.96, ("European Society of Cardiology", 0.78), "Ечгореап 5осіету оҒ Сагаісіоду"),  # not surer by MIN_GAIN
    (0.7, ("European Society of Cardiology", 0.96), "Ечгореап 5осіету оҒ Сагаісіоду"),  # the page is unsure too
])
def test_a_line_read_unsurely_throughout_on_a_sure_page_is_tried_in_the_other_script(
        sure: float, reading: tuple[str, float], expected: str) -> None:
    page = _translation_page(sure)
    engine = _Engine({"«5осіету» as a number": ("5ociety", 0.4), "… and in line mode": ("5ociety", 0.4),
                      "line": reading})
    read = reread_other_script(page, np.zeros((300, 600), np.uint8), "rus+kaz", engine)  # type: ignore[arg-type]
    assert read.lines[1].text == expected and read.lines[0] == page.lines[0]
