"""Words whose box ran on over the words after them, read again as a line.

Tesseract sometimes returns one word of a line with a box over the whole line and drops the rest
(«продолжительностью» boxed over «… 108 академических часов»): the hours or a date vanish although printed
plainly. Such a word is far wider per character than the page's words, and its box holds blank gaps as wide as
the spaces between words; its crop is read again on its own and the words found replace it.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

import numpy as np
from rapidfuzz.distance import Levenshtein

from extractors.preprocess import INK_LEVEL, field_crop, field_crop_box
from extractors.tesseract import TesseractEngine
from extractors.tsv import parse_tsv_lines
from extractors.types import Box, Line, PageText, Word

WIDE = 1.8  # a word this many times wider per character (in its own heights) than the page's median …
SPACE_GAP = 0.3  # … with a blank run of columns this many of its heights wide inside its ink: a word space
# A blank run this wide inside a word's ink is a word space, however narrow the word it swallowed («Астана,» boxed
# over «Астана, 7», its 7 lost: 0.62 of the height; spaces on that page 0.46-0.62, gaps inside words at most 0.2)
CLEAR_GAP = 0.45
MIN_LETTERS = 4  # the swallowing word itself was read: this many letters …
SURE = 0.8  # … this surely (stamp ink and signatures are read as short unsure scraps)
MAX_REREADS = 4  # per page: each costs a block read
# A run of figures read over the words after it («15.05.2022 г. по» read «150520920» at 0.63, accuracy 51616):
# swallowing however unsurely it was read (its own reading is what failed), when it has this many figures, is
# this many times wider per character than the page's words (figures are narrower than letters: 1.61 there) …
MIN_FIGURES = 6
FIGURES_WIDE = 1.4
# … and the first word read again holds its figures with this few changes (normalised Levenshtein similarity)
SAME_FIGURES = 0.7


def _height(word: Word, line: Line) -> int:
    """The word's height, but no taller than its line's median word: specks of a stamp above or below a word
    stretch its box («объеме» boxed 44 high over «объеме 18», its line's words 22), not its letters."""
    return max(1, min(word.box.height, round(median(w.box.height for w in line.words))))


def _width_per_letter(word: Word, line: Line) -> float:
    return word.box.width / (max(1, len(word.text)) * _height(word, line))


def widest_gap(image: np.ndarray, box: Box, height: int | None = None) -> int:
    """The widest run of ink-free columns between the first and the last inked column of a box, in the band of
    `height` rows holding most ink (a pen stroke under «Астана, 7» bridged the space before the 7 in the box)."""
    ink = image[box.top:box.top + box.height, box.left:box.left + box.width] < INK_LEVEL
    if height is not None and 0 < height < ink.shape[0]:
        start = int(np.argmax(np.convolve(ink.sum(axis=1), np.ones(height), mode="valid")))
        ink = ink[start:start + height]
    inked = np.flatnonzero(ink.any(axis=0))
    if inked.size < 2:
        return 0
    return int(np.diff(inked).max()) - 1


def _read_word(word: Word) -> bool:
    return sum(ch.isalpha() for ch in word.text) >= MIN_LETTERS and word.confidence >= SURE


def _figures(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _figure_run(word: Word) -> bool:
    return len(_figures(word.text)) >= MIN_FIGURES and not any(ch.isalpha() for ch in word.text)


def swallowing_words(page: PageText, image: np.ndarray) -> list[tuple[int, int]]:
    """(line index, word index) of the sure words whose box holds more words than their text."""
    sure = [_width_per_letter(w, line) for line in page.lines for w in line.words
            if len(w.text) >= 3 and w.confidence >= SURE]
    if len(sure) < 5:
        return []
    usual = median(sure)
    found = []
    for line_index, line in enumerate(page.lines):
        for word_index, word in enumerate(line.words):
            if not (_read_word(word) or _figure_run(word)):
                continue
            height = _height(word, line)
            gap = widest_gap(image, word.box, height)
            wide = _width_per_letter(word, line) > (FIGURES_WIDE if _figure_run(word) else WIDE) * usual
            if (wide and gap >= SPACE_GAP * height) or gap >= CLEAR_GAP * height:
                found.append((line_index, word_index))
                break  # one per line: its words are replaced, and the line's other indices with them
    return found[:MAX_REREADS]


def _page_words(crop_box: Box, lines: Sequence[Line], row: Box) -> list[Word]:
    """The words read in the crop, in page pixels, that stand on the row of the word read again (the crop's
    margins may catch the foot or head of the lines around it)."""
    moved = [word.shifted(crop_box.left, crop_box.top) for line in lines for word in line.words]
    return [w for w in moved if row.top <= w.box.top + w.box.height / 2 <= row.top + row.height]


def replaced_line(line: Line, word_index: int, reread: list[Word]) -> Line:
    """The line with the swallowing word replaced by the words read again, and any word of the line those
    cover dropped (Tesseract may have returned some of them too)."""
    swallowing = line.words[word_index]
    rest = [w for i, w in enumerate(line.words) if i != word_index
            and not any(w.box.overlap_share(new.box) >= 0.5 for new in reread)]
    before = [w for w in rest if w.box.left < swallowing.box.left]
    after = [w for w in rest if w.box.left >= swallowing.box.left]
    return Line(tuple(before + reread + after))


def _better(original: Word, reread: list[Word]) -> bool:
    """The second reading holds more words, the first of them the word read before (a run of figures: its
    figures, with a few changed)."""
    if len(reread) < 2:
        return False
    if _figure_run(original):
        return Levenshtein.normalized_similarity(_figures(reread[0].text), _figures(original.text)) >= SAME_FIGURES
    return reread[0].text.casefold() == original.text.casefold()


def reread_swallowed(page: PageText, image: np.ndarray, languages: str, engine: TesseractEngine) -> PageText:
    """The page with each swallowing word's box read again (unchanged when none is found or no reading holds
    more words)."""
    lines = list(page.lines)
    for line_index, word_index in swallowing_words(page, image):
        word = lines[line_index].words[word_index]
        tsv = engine.ocr_block_tsv(field_crop(image, word.box), languages)
        reread = [w for w in _page_words(field_crop_box(image.shape, word.box), parse_tsv_lines(tsv), word.box)
                  if any(ch.isalnum() for ch in w.text)]  # a speck read as a sign («‚» before it) is no word
        if _better(word, reread):
            lines[line_index] = replaced_line(lines[line_index], word_index, reread)
    if lines == list(page.lines):
        return page
    return PageText(page_no=page.page_no, width=page.width, height=page.height, lines=tuple(lines),
                    source=page.source, rotation=page.rotation, skew=page.skew, qr_payloads=page.qr_payloads,
                    language_hint=page.language_hint)
