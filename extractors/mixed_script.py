"""Words of the other script on a page (a Latin brand in a Russian line, «ПК-» on an English page) re-read."""

from __future__ import annotations

import dataclasses
import re
from itertools import pairwise
from statistics import median

import cv2
import numpy as np

from extractors.fields.normalize import fold_kazakh_i, is_cyrillic
from extractors.preprocess import field_crop
from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import Box, FieldValue, Line, PageText, Word

OTHER_SCRIPT = {"rus+kaz": "eng", "eng": "rus+kaz"}
WEAK_WORD = 0.6  # below this confidence a word may be in the other script
MIN_GAIN = 0.2  # the re-read must be this much surer, and sure in itself
SURE_WORD = 0.75
SURE_IDENTIFIER = 0.93
GARBLED_REPLACEMENT = 0.5
AGREEING_WORD = 0.35  # a garbled word's re-readings that spell alike: the surer one at least this sure
IDENTIFIER_GAIN = 0.05
MAX_REREADS = 40  # per page: stamps and signatures must not make a page cost many times more
# Latin and Cyrillic letters that look alike: a re-read that only swaps these changed nothing visible
OTHER_LINE_SHARE = 0.6
UNSURE_LINE = 0.75  # a line whose every word is read below this …
SURE_PAGE = 0.9  # … on a page whose median word is read at least this surely is tried in the other script
_SHARED_CAPITALS = frozenset("ABCEHKMOPTXY")
_LATIN_CAPITALS_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
_CAPS_THEN_SMALL = re.compile(r"[A-ZА-ЯЁ]{2,}[a-zа-яё]{2,}")
_EDGE_SIGNS = "|!+.,:;'\"`‘’“”«»()[]{}_-—–~*^ "
_FOREIGN_SIGNS = frozenset("$@#%^*|\\~{}<>!")
# (compared case-folded: Tesseract reads small capitals as either case, «номер» as "HOMep")
_HOMOGLYPHS = str.maketrans("авекмнорстхуіј", "abekmhopctxyij")


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


# «КО?ІОУА», «О5РАМОУА», «ВАТТГ/ВЗҮМОУА»: a question mark, a digit or a slash between two letters (KOZLOVA,
# OSPANOVA, BAITURSYNOVA read as Cyrillic); «1СОВ», «5МІНКМОУА», «6НАКАКІМОУ», «5УЕТІ.АМА», «?АІТБЕУА»,
# «7НАКБҮВЕКОУА»: a Latin capital I, S or Z, which the Cyrillic model reads as a figure or a question mark,
# before capitals (IGOR, SMIRNOVA, SHAKARIMOV, SVETLANA with its L read «І.», ZAITSEVA, ZHAKSYBEKOVA);
# «УАЗП.ЕУА»: a full stop between capitals inside a word (VASILEVA's IL read «П.»), which initials («А.Т.»)
# never have with two capitals on each side; «РАУГОУА»: a surname in capitals ending as -OVA or -EVA reads in
# Cyrillic (PAVLOVA, italic, at 0.61), which no Russian or Kazakh word ends as, whatever else was read right
_INSIDE_A_WORD = re.compile(r"[^\W\d_][?/\d][^\W\d_]|^[1567?][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ.]+$"
                            r"|[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}\.[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}|^[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,}[ОЕ]УА$")


def is_garbled(word: Word) -> bool:
    """Letters mixed with signs no name or title holds («Мед$», "К$»", "Med!", «КО?ІОУА», «О5РАМОУА», «1СОВ»), or
    ending as none does («РАУГОУА»): a word of the other script read with this one's letters, whatever confidence
    Tesseract gave it."""
    # a table's rule read into the word («|ФИО:») is no sign inside it, nor a Kazakh і read as "!" («Эйгер!м»)
    text = fold_kazakh_i(word.text.strip("|"))
    return _letters(text) >= 1 and (any(char in _FOREIGN_SIGNS for char in text)
                                    or _INSIDE_A_WORD.search(text) is not None)


def _is_label(word: Word) -> bool:
    """«ФИО:», «Программа:»: a field's label is printed in the page's own language, however weakly it was read
    (a table's rule beside it costs it confidence: «ФИО:» at 0.36 was re-read in English as "one:")."""
    return word.text.rstrip("|").endswith(":") and not is_garbled(word)


def _weak(word: Word) -> bool:
    return (word.confidence < WEAK_WORD and not _is_label(word)) or is_garbled(word)


def is_candidate(word: Word) -> bool:
    """A weak word with letters in it (punctuation and digits read the same in every script)."""
    return _weak(word) and _letters(word.text) >= 2


def is_doubtful_identifier(word: Word) -> bool:
    """Letters and digits together («ПК-91/273», "KZ-2022-0083"): a number whose prefix may be in the other
    script; worth a re-read unless the engine was quite sure, since the number is what registers are keyed on."""
    return word.confidence < SURE_IDENTIFIER and _letters(word.text) >= 1 and any(char.isdigit() for char in word.text)


def _script_letters(text: str, script: str) -> int:
    """Letters of `text` in the script of `script`'s languages (eng: any letter that is not Cyrillic)."""
    return sum(1 for ch in text if ch.isalpha() and is_cyrillic(ch) != (script == "eng"))


def other_script_share(page: PageText, languages: str) -> float:
    """The share of the page's letters in the script of the languages it was not read with (0 when read with all)."""
    other = OTHER_SCRIPT.get(languages)
    letters = sum(_letters(line.text) for line in page.lines)
    return _script_letters(page.text, other) / letters if other and letters else 0.0


def _in_script(word: Word, script: str) -> bool:
    return _script_letters(word.text, script) * 2 > _letters(word.text)


def is_other_script_line(line: Line, other: str, *, pieced: bool = False) -> bool:
    """A line mostly in the other script with a weak word, or a word of this script between two of the other:
    a foreign name («Charité – Universitätsmedizin Berlin» on a Russian translation) better read whole. A label
    before it («ФИО: DUISENBAEV OLZHAS») is not inside the name and keeps the line as read. `pieced`: words of
    the line were re-read one by one, and pieces of a name ("Jniversi itatsmec") read better together."""
    words = [word for word in line.words if _letters(word.text)]
    letters = sum(_letters(word.text) for word in words)
    foreign_letters = _script_letters(line.text, other)
    if pieced:  # a word left weak beside one re-read surely in the other script may be its next word, misread
        foreign_letters += sum(_letters(word.text) for word in words if _weak(word) and not _in_script(word, other))
    if len(words) < 2 or letters < 6 or foreign_letters / letters < OTHER_LINE_SHARE:
        return False
    foreign = [_in_script(word, other) for word in words]
    sandwiched = any(not foreign[i] and foreign[i - 1] and foreign[i + 1] for i in range(1, len(words) - 1))
    return pieced or sandwiched or any(_weak(word) for word in words)


def unsure_throughout(line: Line) -> bool:
    """Every word of a line of some length read unsurely («Ечгореап 5осіету оҒ Сагаісіоду» at 0.61-0.73 for
    "European Society of Cardiology" on a Russian translation, accuracy 52727): in no sign the other script's, yet
    likely it, on a page read surely elsewhere."""
    words = [word for word in line.words if _letters(word.text)]
    return len(words) >= 2 and sum(_letters(word.text) for word in words) >= 6 \
        and all(word.confidence < UNSURE_LINE for word in words)


def _capitals(word: Word, other: str) -> bool:
    """Four capitals or more in the page's own script."""
    letters = [ch for ch in word.text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters) and not _in_script(word, other)


_LEADING_ONE = re.compile(r"^1(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,}$)")


def one_as_capital_i(word: Word, other: str) -> Word:
    """«1НКӘР»: a capital I read as 1 before capitals, written as the page's own script's I (Kazakh «І»)."""
    return Word(_LEADING_ONE.sub("І" if other == "eng" else "I", word.text), word.confidence, word.box)


def in_a_name_of_this_script(words: tuple[Word, ...], index: int, other: str) -> bool:
    """A weak word in capitals beside a word in capitals of the page's script read surely: one word of a name
    ("DUISENBAEVA KURALAT"), which the other script's model reads as letters of its own just as surely
    («КОВАГАТ» at 0.85). A name is printed in one script; a garbled word is still re-read, unless its only
    garble is a capital I read as 1 («1НКЭР» for «ІҢКӘР» was re-read in English as "IHKOP")."""
    word = one_as_capital_i(words[index], other)
    if is_garbled(word) or not _capitals(word, other):
        return False
    beside = [words[i] for i in (index - 1, index + 1) if 0 <= i < len(words)]
    return any(_capitals(n, other) and n.confidence >= SURE_WORD and not is_garbled(n) for n in beside)


def weak_runs(words: tuple[Word, ...]) -> list[list[int]]:
    """Indexes of runs of adjacent weak words: Tesseract often splits a foreign word it cannot read in two."""
    runs: list[list[int]] = []
    for index, word in enumerate(words):
        if not _weak(word):
            continue
        previous = words[index - 1] if index else None
        if runs and runs[-1][-1] == index - 1 and previous is not None and \
                word.box.left - (previous.box.left + previous.box.width) <= 1.5 * max(word.box.height, 1):
            runs[-1].append(index)
        else:
            runs.append([index])
    return [run for run in runs if _letters("".join(words[i].text for i in run)) >= 2]


def merged(words: list[Word]) -> Word:
    box = words[0].box
    for word in words[1:]:
        box = box.union(word.box)
    return Word(" ".join(word.text for word in words), min(word.confidence for word in words), box)


def _without_neighbour_edges(first: str, text: str) -> str:
    """The re-read text without signs at its ends that the first reading did not have there: the crop's edge or a
    neighbour's last stroke read as a bar or a quote ("| Society +", "‘Cardiology")."""
    def signs(value: str) -> tuple[int, int]:
        core = value.strip(" ")
        lead = len(core) - len(core.lstrip(_EDGE_SIGNS))
        return lead, len(core) - len(core.rstrip(_EDGE_SIGNS))

    text = text.strip(" ")
    (lead_before, tail_before), (lead, tail) = signs(first), signs(text)
    return text[max(0, lead - lead_before):len(text) - max(0, tail - tail_before)].strip(" ")


_SMALL_THEN_CAPITAL = re.compile(r"([a-z])([A-Z])")


def _without_doubled_capitals(text: str) -> str:
    """"MedsSkills" → "MedSkills": a capital read twice, first as its small letter (no word spells a letter so)."""
    return _SMALL_THEN_CAPITAL.sub(lambda m: m.group(2) if m.group(1).upper() == m.group(2) else m.group(0), text)


def _case_flips(text: str) -> int:
    """Capitals right after small letters inside words ("MedSkills" has one)."""
    return sum(1 for before, after in pairwise(text) if before.islower() and after.isupper())


def better_reading(word: Word, text: str, confidence: float, gain: float = MIN_GAIN, *,
                   mend_garbled: bool = True) -> Word | None:
    """The re-read word when it is surer than the first reading by `gain` and sure in itself; a garbled first
    reading («Мед$ К»») is replaced by any clean one the engine is fairly sure of (`mend_garbled`)."""
    text = _without_doubled_capitals(_without_neighbour_edges(word.text, text))
    if _case_flips(text) >= 2 or _CAPS_THEN_SMALL.search(text):
        return None  # "YHMBepcuTerTi", "YHHBepcuteTi": Cyrillic strokes spelt out in Latin letters, not a word
    if any(ch.isdigit() for ch in text) and not any(ch.isdigit() for ch in word.text):
        return None  # scripts differ in letters: a digit where none was read is a neighbour's edge («ЖБ» → "2KB")
    garbled_before = mend_garbled and is_garbled(word) and not is_garbled(Word(text, confidence, word.box))
    needed = GARBLED_REPLACEMENT if garbled_before else max(SURE_WORD, word.confidence + gain)
    if not text or (" " in text and " " not in word.text) or confidence < needed:
        return None
    if text.casefold().translate(_HOMOGLYPHS) == word.text.casefold().translate(_HOMOGLYPHS):
        return None  # «АО» and "AO" print the same: keep the page's own script
    return Word(text, confidence, word.box)


def agreeing_reading(word: Word, readings: list[tuple[str, float]]) -> Word | None:
    """A garbled word («МеЯ$КИ!з»») whose re-readings of differently framed crops spell the same clean word
    ("MedsSkills»" at 0.48, "' MedSkills»" at 0.40): each crop confirms the other, however unsure of itself."""
    if not is_garbled(word):
        return None
    spelled: dict[str, list[float]] = {}
    for text, confidence in readings:
        candidate = better_reading(word, text, 1.0)  # cleaned as any re-read; sure enough for any gain
        if candidate is not None and not is_garbled(candidate):
            spelled.setdefault(candidate.text, []).append(confidence)
    agreed = [(max(c), text) for text, c in spelled.items() if len(c) >= 2 and max(c) >= AGREEING_WORD]
    return Word(max(agreed)[1], max(agreed)[0], word.box) if agreed else None


def _crop(image: np.ndarray, box: Box, side_share: float = 0.5) -> np.ndarray:
    """The word with a little of the page around it, framed in white paper.

    Tesseract's confidence in a tight crop swings with a few pixels of margin (a bold "MedSkills»" read right
    at 0.37 or 0.86); with a blank frame, as its documentation advises, it reads steadily."""
    margin, side = max(3, box.height // 4), max(3, round(box.height * side_share))  # a garbled box may clip a letter
    crop = image[max(0, box.top - margin):box.top + box.height + margin,
                 max(0, box.left - side):box.left + box.width + side]
    frame = max(10, box.height // 2)
    return cv2.copyMakeBorder(crop, frame, frame, frame, frame, cv2.BORDER_CONSTANT, value=255)


class _Rereader:
    """Re-reads words in the other script's languages, within a per-page budget."""

    def __init__(self, image: np.ndarray, other: str, engine: TesseractEngine, *, sure_page: bool = False) -> None:
        self.image, self.other, self.engine, self.budget = image, other, engine, MAX_REREADS
        self.sure_page = sure_page  # most of the page was read surely: a line read unsurely throughout stands out

    def reread(self, word: Word, gain: float = MIN_GAIN, *, token: bool = False, mend: bool = True) -> Word | None:
        """`token`: a number read in a tight crop (a wider one takes in its «№»), as one word, then in line mode
        (single-word mode gave "-KZ95821055°" at 0.0 where line mode read "KZ95821055" at 0.91). Other words are
        read in line mode, which reads them far better than Tesseract's single-word mode, first in a tight crop,
        then in a wider one (a garbled word's box may clip a letter: "VedSkills"), then in single-word mode."""
        single = " " not in word.text
        attempts = ((single, 0.25), (False, 0.25)) if token else ((False, 0.25), (False, 0.5), (single, 0.25))
        readings: list[tuple[str, float]] = []
        for one_word, side in attempts:
            if self.budget <= 0:  # counted per reading: MAX_REREADS bounds a page's extra OCR calls
                return None
            self.budget -= 1
            readings.append(self.engine.ocr_word(_crop(self.image, word.box, side), self.other, one_word=one_word))
            found = better_reading(word, *readings[-1], gain=gain, mend_garbled=mend)
            if found is not None:
                return self._in_page_script(found)
        agreed = agreeing_reading(word, readings) if mend else None
        return self._in_page_script(agreed) if agreed is not None else None

    def _in_page_script(self, word: Word) -> Word:
        """Capitals that print alike in both scripts («ТОО» re-read from a clipped «Оо» as "TOO") are written in
        the page's own script: on a Cyrillic page they are Cyrillic."""
        letters = [char for char in word.text if char.isalpha()]
        if self.other != "eng" or not letters or any(char not in _SHARED_CAPITALS for char in letters):
            return word
        return Word(word.text.translate(_LATIN_CAPITALS_TO_CYRILLIC), word.confidence, word.box)

    def _run(self, words: list[Word]) -> list[Word]:
        """A run of weak words: re-read as a whole, else one by one, as Tesseract split them."""
        whole = self.reread(merged(words)) if len(words) > 1 else None
        if whole is not None:
            return [whole]
        return [(self.reread(word) if is_candidate(word) else None) or word for word in words]

    def _identifier(self, word: Word) -> Word:
        return (self.reread(word, gain=IDENTIFIER_GAIN, token=True) if is_doubtful_identifier(word) else None) or word

    def line(self, line: Line) -> Line:
        read = self._words(line)
        labels = max((i + 1 for i, word in enumerate(read.words) if word.text.endswith(":")), default=0)
        label, rest = read.words[:labels], Line(read.words[labels:])  # «ФИО:» stays as read
        if is_other_script_line(rest, self.other, pieced=read is not line):
            whole = self.reread(merged(list(rest.words)), gain=0.0, mend=False)
            if whole is not None:
                return Line((*label, whole))
        elif self.sure_page and read is line and unsure_throughout(rest):
            whole = self.reread(merged(list(rest.words)), mend=False)
            if whole is not None:
                return Line((*label, whole))
        return read

    def _words(self, line: Line) -> Line:
        runs = {run[0]: run for run in weak_runs(line.words)
                if not all(in_a_name_of_this_script(line.words, i, self.other) for i in run)}
        words: list[Word] = []
        mended: list[Word] = []  # spelt in the page's script, not read in the other: no foreign name beside it
        index = 0
        while index < len(line.words):
            run = runs.get(index, [index])
            if index in runs:
                words.extend(self._run([line.words[i] for i in run]))
            elif _LEADING_ONE.match(line.words[index].text) and in_a_name_of_this_script(line.words, index, self.other):
                mended.append(one_as_capital_i(line.words[index], self.other))
                words.append(mended[-1])
            else:
                words.append(self._identifier(line.words[index]))
            index = run[-1] + 1
        kept = {id(word) for word in (*line.words, *mended)}
        if all(id(word) in kept for word in words):
            return Line(tuple(words)) if mended else line
        return Line(tuple(self._beside_replaced(words, [id(word) not in kept for word in words])))

    def _beside_replaced(self, words: list[Word], replaced: list[bool]) -> list[Word]:
        """A foreign name is seldom one word: the neighbours of a replaced word, which may be misread with a
        confidence that looks fine, are re-read too, and theirs when they are replaced in turn ("Seoul National
        University Hospital" read «5еоц! МаНопа! Мпіуегсіғу Новріға!»); a label before it («Тегі, аты:») is not
        part of the name."""
        tried: set[int] = set()
        while next_to := [i for i, word in enumerate(words) if i not in tried and not replaced[i]
                          and any(replaced[max(0, i - 1):i + 2]) and _letters(word.text) >= 2
                          and not word.text.endswith(":")]:
            for index in next_to:
                tried.add(index)
                again = self.reread(words[index], gain=-0.05)
                if again is not None:
                    words[index], replaced[index] = again, True
        return words


def reread_other_script(page: PageText, image: np.ndarray, languages: str, engine: TesseractEngine) -> PageText:
    """The page with weak words replaced by a surer reading in the other script's languages."""
    other = OTHER_SCRIPT.get(languages)
    if other is None:
        return page
    confidences = [word.confidence for line in page.lines for word in line.words]
    rereader = _Rereader(image, other, engine, sure_page=bool(confidences) and median(confidences) >= SURE_PAGE)
    lines = tuple(rereader.line(line) for line in page.lines)
    return PageText(page_no=page.page_no, width=page.width, height=page.height, lines=lines,
                    source=page.source, rotation=page.rotation, skew=page.skew, qr_payloads=page.qr_payloads,
                    language_hint=page.language_hint)


SURE_NAME = 0.85  # the English reading of a holder in capitals must be at least this sure


def _cyrillic_capitals(text: str) -> bool:
    """Capitals, some of them Cyrillic: all of them («ТОВЗҮМВАЕУА МОГОГВ»), or a name half read in each script
    («АКНМЕТОУА INKAR»), which no one prints."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and all(ch.isupper() for ch in letters) and any(is_cyrillic(ch) for ch in letters)


def _after_label(words: list[Word]) -> list[Word]:
    """The words after a label the crop took in with the name («Тегі, аты, әкесінің аты:» read "Teri, aTbl, …
    aTbI!:"): a label ends with a colon or has small letters, a name in Latin capitals has neither."""
    start = 0
    while start < len(words) and (words[start].text.endswith(":") or any(ch.islower() for ch in words[start].text)):
        start += 1
    return words[start:]


def latin_name(value: FieldValue, page: PageText, image: np.ndarray, engine: TesseractEngine) -> FieldValue:
    """A holder printed in Latin capitals on a Cyrillic page, which the page's reading turned into Cyrillic ones
    («ТОВЗҮМВАЕУА МОГОГВ» for "TURSYNBAEVA MOLDIR"): its crop read with the English model replaces it when that
    reading is all Latin capitals (no digit: «З» read as "3"), sure, at least as sure as the Cyrillic one, and more
    than the same glyphs named in the other script («АНАР» = "AHAP"). (Not by MIN_GAIN surer: the Russian model
    reads Latin capitals at up to 0.83, so a name read so was never replaced, «ЗОГОУЕУА АММА» for SOLOVEVA ANNA.)
    A name read half in each script («АКНМЕТОУА INKAR» at 0.9) need only be sure. Sure is the words' mean
    confidence, with each word at least SURE_WORD. However sure the Cyrillic reading, it is checked: the Russian
    model read PAK TATIANA as «РАК ТАПАМА» at 0.9."""
    if not isinstance(value.value, str) or value.box is None or page.source != "ocr" \
            or "rus" not in (page.language_hint or "") or not _cyrillic_capitals(value.value):
        return value
    half_latin = any(ch.isascii() and ch.isalpha() for ch in value.value)  # wrong however sure: no one prints it
    needed = SURE_NAME if half_latin else max(SURE_NAME, value.confidence)
    words = _after_label([w for line in parse_tsv_lines(engine.ocr_block_tsv(field_crop(image, value.box), "eng"))
                          for w in line.words if _letters(w.text)])
    text = " ".join(word.text.strip(_EDGE_SIGNS) for word in words)
    if not words or not all(ch.isascii() and ch.isupper() for ch in text if ch.isalnum()) \
            or min(word.confidence for word in words) < SURE_WORD \
            or sum(word.confidence for word in words) / len(words) < needed \
            or text.casefold().translate(_HOMOGLYPHS) == value.value.casefold().translate(_HOMOGLYPHS):
        return value
    return dataclasses.replace(value, value=text, confidence=round(min(word.confidence for word in words), 3))
