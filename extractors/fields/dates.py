"""Finding single dates and date ranges (numeric and in words; ru, kk, en) in normalised text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from extractors.fields.months import month_of
from extractors.fields.normalize import rulings_as_spaces, unquote

MIN_YEAR = 1950
MAX_YEAR = 2099

_W = r"([^\W\d_]{3,}\.?)"
_D = r"(?<!\d)(?<!\d\.)(\d{1,2})"  # a day, not the tail of a longer number («выдачи.01.11.2023» is a date)
_Y = r"((?:19|20)\d{2})(?!\d)"
_ORD = r"(?:st|nd|rd|th|-?го|-?ші|-?шы)?"
# жылғы, жылы, жыл, misread «жылеы», and written with a hyphen («2025-жылғы»); «ж,»: its stop read as a comma
_YEAR_WORD = r"(?:\s*-?\s*(?:жыл[^\W\d_]{0,2}|ж[.,]?))?"
# What may stand between the two ends of a range («no» is «по» read in Latin letters).
_RU_TO = r"[пn][оo]|до"
_CONN = rf"\s*(?:-|{_RU_TO}|to|till|until|through|and|и)\s*"
_SEP = r"\s?[./,\\][.,]?\s?"  # a backslash is a slash misread; «26,12,.2023»: a speck beside the stop

# The day or month may come split by a stray space from OCR («25.1 1.2020», «Семей, 1 3.10.2024»); a split day
# starts with 1-3 and stands after a space or a comma, never after another number or «№».
_SPLIT_DAY = r"(?<![\d№#.])(?<![\d№#.]\s)([1-3]\s\d)"
NUMERIC_DMY = re.compile(rf"(?:{_SPLIT_DAY}|{_D}){_SEP}(\d\s\d|\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})(?![\d])")
# «27.11 2019», «07 06.2022»: one stop lost; only as printed with two-digit day and month and a four-digit
# year, so «1.5 2019» (a figure, then a year) is never a date
NUMERIC_DM_SPACE_Y = re.compile(rf"(?<![\d.,])(\d{{2}})(?:[./](\d{{2}})\s|\s(\d{{2}})[./]){_Y}")
# «04.06:2023»: a dot misread as a colon; only before a four-digit year, so times («10:30») never pass for dates
NUMERIC_DMY_COLON = re.compile(r"(?<!\d)(?<!\d\.)(\d{1,2})\s?[./,:;]\s?(\d{1,2})\s?[./,:;]\s?((?:19|20)\d{2})(?!\d)")
NUMERIC_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[-./\\](\d{1,2})[-./\\](\d{1,2})(?!\d)")
# «23-мая», «мая-2021», «сентябр&2024»: a sign between month and year is a stamp's edge or a misread space;
# «22>-Мая»: a closing quote read «>»
# «апреля 202.0 г.»: a speck read as a stop inside the year (the reading stays less sure)
_Y_SPECKED = r"((?:19|20)\d[.,]?\d)(?!\d)"
WORD_DMY = re.compile(rf"{_D}{_ORD}[.,]?\s*[<>]?\s*(?:[-–]\s*)?(?:of\s+)?{_W}\s*[^\w\s]?\s*{_Y_SPECKED}")
WORD_MDY = re.compile(rf"{_W}\s+(\d{{1,2}}){_ORD}\s*,?\s*{_Y}")
# «2024 ж.<01» желтоқсан», «2019 ж/«20» қаңтар»: a quote misread as «<», a stop as «/»; «21 жылғы 28 сәуір»,
# «024 ж.», «022-Ж>«07»»: the year's first digits lost; «22021 ж. «25» тамыз»: a stray digit before the year, a
# stamp's edge (the year word must follow, and the reading stays unsure); «2025 ж. «03»-мамыр»: a hyphen before
# the month
WORD_YDM = re.compile(rf"(?<!\d)(\d?){_Y}{_YEAR_WORD}\s*[<>/]?\s*(\d{{1,2}}){_ORD}\s*-?\s*{_W}")
WORD_YDM_SHORT = re.compile(
    rf"(?<![\d.])(0?\d{{2}})\s*-?\s*(?:жыл[^\W\d_]{{0,2}}|ж\.|ж(?=\s*[<>]))\s*[<>]?\s*(\d{{1,2}}){_ORD}\s*{_W}")

RANGE_DAYS_NUMERIC = re.compile(rf"{_D}\.?{_CONN}(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})(?!\d)")
RANGE_DM_NUMERIC = re.compile(
    rf"{_D}[./](\d{{1,2}})\.?{_CONN}(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}}|\d{{2}})(?!\d)"
)
RANGE_DAYS_WORD = re.compile(rf"{_D}{_CONN}(\d{{1,2}})\s+{_W}\s*,?\s*{_Y}")
RANGE_DM_WORD = re.compile(rf"{_D}\s+{_W}{_CONN}(\d{{1,2}})\s+{_W}\s*,?\s*{_Y}")
# «с 02 июля 2024 г. по 25 июля»: the year printed on the first date only (the end is no date of its own)
RANGE_DM_WORD_YEAR_FIRST = re.compile(
    rf"{_D}\s+{_W}\s*,?\s*{_Y}\s*(?:г\.?|года)?{_CONN}(\d{{1,2}})\s+{_W}(?![^\W\d_.])(?!\s*,?\s*\d)")
RANGE_EN_DAYS = re.compile(rf"{_W}\s+(\d{{1,2}}){_ORD}{_CONN}(\d{{1,2}}){_ORD},?\s*{_Y}")
RANGE_EN_MD = re.compile(rf"{_W}\s+(\d{{1,2}}){_ORD}{_CONN}{_W}\s+(\d{{1,2}}){_ORD},?\s*{_Y}")
RANGE_KK_DAYS = re.compile(rf"(?<!\d){_Y}{_YEAR_WORD}\s*(\d{{1,2}})\s*-\s*(\d{{1,2}})\s*{_W}")
# «2023 жылғы 19 ақпаннан 21 ақпанға дейін»: without a hyphen the first month must be in the ablative, else
# «2025 ж. «06» мамыр» followed by a stamp's «27 «МАРАТ» on the next line would read as a range
RANGE_KK_DM = re.compile(rf"(?<!\d){_Y}{_YEAR_WORD}\s*(\d{{1,2}})\s*{_W}\s*(-?)\s*(\d{{1,2}})\s*{_W}")
# Between two full dates of a range: connectors and year words only («т.» is «г.» misread).
_PAIR_GAP = re.compile(
    rf"^[\s,.]*(?:[гт]\.?|года|год|ж\.?|жылғы|жыл)?[\s,]*(?P<conn>-|{_RU_TO}|to|till|until|through|and|и|бастап)?\s*$"
)
_RANGE_OPENER = re.compile(r"(?:^|[\s(:])(?:с|c|from|between|со)\s*$")
_ABLATIVE = re.compile(r"(?:нан|нен|дан|ден|тан|тен)\s*$")


ZERO_FOR_NINE_CERTAINTY = 0.7  # a digit mended: the value is likely, a reviewer may still look
SPECKED_YEAR_CERTAINTY = 0.85  # a stop inside a year dropped: the digits were all read


@dataclass(frozen=True)
class DateMention:
    """A date or a date range found at text[start:end]."""

    start: int
    end: int
    first: date
    last: date | None  # None for a single date
    certainty: float  # 1.0 clean; lower when a month name was fuzzy-matched or a year was 2-digit

    @property
    def is_range(self) -> bool:
        return self.last is not None


def make_date(year: int, month: int, day: int) -> date | None:
    """A real calendar date with a plausible year, or None."""
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> tuple[int, float]:
    found = month_of(word)
    if found is None:
        raise ValueError(word)
    return found


def _zero_for_nine(number: str, limit: int) -> tuple[int, bool]:
    """«97.06.2022», «29.55.2025»: a leading 0 read as 9 (or 5, 6, 8) makes an impossible day or month; «39.11»:
    so does a day's trailing 0 after its 3; (value, mended)."""
    value = int(number)
    if value > limit and len(number) == 2 and number[0] in "9568":
        return int(number[1]), True
    if limit == 31 and value > limit and number[0] == "3" and number[1] in "9568":
        return 30, True
    return value, False


def _numeric_dmy(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    split_day, day, month, year_text = g
    year = int(year_text)
    if split_day is not None and year < 100:
        raise ValueError(split_day)  # a split day with a two-digit year is too weak a reading
    first, day_mended = _zero_for_nine((split_day or day).replace(" ", ""), 31)
    second, month_mended = _zero_for_nine(month.replace(" ", ""), 12)
    if day_mended and month_mended:
        raise ValueError(year_text)  # two digits mended is guessing
    if (day_mended or month_mended) and year >= 100:
        return make_date(year, second, first), None, ZERO_FOR_NINE_CERTAINTY
    found = make_date(year, second, first)
    if found is None:  # 02/24/2024: only the American month-first order makes it a date
        swapped = make_date(year, first, second)
        if swapped is None and year >= 100:  # «23.19.2023»: neither order; the month's trailing 0 read as 9
            return make_date(year, _trailing_zero(second), first), None, ZERO_FOR_NINE_CERTAINTY
        return swapped, None, 0.7
    return found, None, 0.9 if year < 100 else 1.0


def _trailing_zero(month: int) -> int:
    """«19», «16»: a month whose 0 was read as 9, 6, 8 or 5 (else left impossible)."""
    return 10 if month in (15, 16, 18, 19) else month


def _colon_dmy(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    """Day first only: «10:30:2023» is no date, not the 30th of October."""
    return make_date(int(g[2]), int(g[1]), int(g[0])), None, 0.9


def _numeric_ymd(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    return make_date(int(g[0]), int(g[1]), int(g[2])), None, 1.0


def _word_dmy(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    month, sure = _month(g[1])
    day, mended = _zero_for_nine(g[0], 31)  # «94» сентября: the day's 0 read as 9
    year = g[2].replace(".", "").replace(",", "")
    sure = min(sure, SPECKED_YEAR_CERTAINTY) if year != g[2] else sure
    return make_date(int(year), month, day), None, min(sure, ZERO_FOR_NINE_CERTAINTY) if mended else sure


def _word_mdy(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    month, sure = _month(g[0])
    return make_date(int(g[2]), month, int(g[1])), None, sure


def _word_ydm(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    stray, year, day_text, word = g
    month, sure = _month(word)
    day, mended = _zero_for_nine(day_text, 31)
    sure *= 0.8 if stray else 1.0
    return make_date(int(year), month, day), None, min(sure, ZERO_FOR_NINE_CERTAINTY) if mended else sure


def _word_ydm_short(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    found, _, sure = _word_ydm(("", *g))
    return found, None, min(sure, 0.7)


def _dm_space_y(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    return make_date(int(g[3]), int(g[1] or g[2]), int(g[0])), None, 0.9


def _days_numeric(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    year, month = int(g[3]), int(g[2])
    return make_date(year, month, int(g[0])), make_date(year, month, int(g[1])), 1.0


def _dm_numeric(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    first, last = _shared_year(int(g[4]), int(g[1]), int(g[0]), int(g[3]), int(g[2]), printed_on_last=True)
    return first, last, 1.0


def _days_word(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    month, sure = _month(g[2])
    year = int(g[3])
    return make_date(year, month, int(g[0])), make_date(year, month, int(g[1])), sure


def _shared_year(year: int, m1: int, d1: int, m2: int, d2: int, printed_on_last: bool
                 ) -> tuple[date | None, date | None]:
    """Dates of a range that prints its year once; «29 декабря по 8 января 2024» crosses the new year."""
    crosses = m1 > m2
    first_year = year - 1 if crosses and printed_on_last else year
    last_year = year + 1 if crosses and not printed_on_last else year
    return make_date(first_year, m1, d1), make_date(last_year, m2, d2)


def _dm_word(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    (m1, s1), (m2, s2) = _month(g[1]), _month(g[3])
    first, last = _shared_year(int(g[4]), m1, int(g[0]), m2, int(g[2]), printed_on_last=True)
    return first, last, min(s1, s2)


def _dm_word_year_first(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    (m1, s1), (m2, s2) = _month(g[1]), _month(g[4])
    first, last = _shared_year(int(g[2]), m1, int(g[0]), m2, int(g[3]), printed_on_last=False)
    return first, last, min(s1, s2)


def _en_days(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    month, sure = _month(g[0])
    year = int(g[3])
    return make_date(year, month, int(g[1])), make_date(year, month, int(g[2])), sure


def _en_md(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    (m1, s1), (m2, s2) = _month(g[0]), _month(g[2])
    first, last = _shared_year(int(g[4]), m1, int(g[1]), m2, int(g[3]), printed_on_last=True)
    return first, last, min(s1, s2)


def _kk_days(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    month, sure = _month(g[3])
    year = int(g[0])
    return make_date(year, month, int(g[1])), make_date(year, month, int(g[2])), sure


def _kk_dm(g: tuple[str, ...]) -> tuple[date | None, date | None, float]:
    if not g[3] and not _ABLATIVE.search(g[2].rstrip(".")):
        return None, None, 0.0
    (m1, s1), (m2, s2) = _month(g[2]), _month(g[5])
    first, last = _shared_year(int(g[0]), m1, int(g[1]), m2, int(g[4]), printed_on_last=False)
    return first, last, min(s1, s2)


Builder = Callable[[tuple[str, ...]], tuple[date | None, date | None, float]]
RANGE_PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (RANGE_KK_DM, _kk_dm), (RANGE_KK_DAYS, _kk_days), (RANGE_DM_WORD, _dm_word),
    (RANGE_DM_WORD_YEAR_FIRST, _dm_word_year_first),
    (RANGE_EN_MD, _en_md), (RANGE_DAYS_WORD, _days_word), (RANGE_EN_DAYS, _en_days),
    (RANGE_DM_NUMERIC, _dm_numeric), (RANGE_DAYS_NUMERIC, _days_numeric),
)
SINGLE_PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (NUMERIC_YMD, _numeric_ymd), (NUMERIC_DMY, _numeric_dmy), (NUMERIC_DMY_COLON, _colon_dmy),
    (NUMERIC_DM_SPACE_Y, _dm_space_y),
    (WORD_YDM, _word_ydm), (WORD_YDM_SHORT, _word_ydm_short),
    (WORD_DMY, _word_dmy), (WORD_MDY, _word_mdy),
)


# «З декабря 2025 года»: a day 3 read as the Cyrillic letter З, alone before a word (no word is the letter alone)
_ZE_AS_THREE = re.compile(r"(?<![^\W\d_])з(?=\s+[^\W\d_]{3,})")


def _matching_text(text: str) -> str:
    """Lower case, quotes unified, a table's ruling read as «|» a space and a lone «З» before a word the figure 3,
    each character for one, so positions stay those of `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return _ZE_AS_THREE.sub("3", rulings_as_spaces(unquote(lowered)))


def _scan(text: str, patterns: tuple[tuple[re.Pattern[str], Builder], ...], taken: list[bool],
          want_range: bool) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern, build in patterns:
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            try:
                first, last, sure = build(match.groups())
            except ValueError:
                continue
            if first is None or (want_range and last is None):
                continue
            found.append(DateMention(match.start(), match.end(), first, last, sure))
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
    return found


def _is_range_gap(text: str, first: DateMention, second: DateMention) -> bool:
    between = text[first.end:second.start]
    gap = _PAIR_GAP.match(between)
    opened = _RANGE_OPENER.search(text[max(0, first.start - 12):first.start]) is not None
    if gap is None:  # «с 20.05.2023 10 23.05.2023»: after «с», a connector misread as one or two signs
        return opened and "\n" not in between and len(between.strip()) <= 2
    if gap.group("conn"):
        return True
    # «13.03.2025 14.03.2025»: two dates side by side, in order, on one line are a range whose dash OCR lost
    side_by_side = not between.strip() and "\n" not in between and first.first is not None \
        and second.first is not None and first.first < second.first
    return side_by_side or opened or _ABLATIVE.search(text[first.start:first.end]) is not None


def _pair_singles(text: str, singles: list[DateMention]) -> tuple[list[DateMention], list[DateMention]]:
    """Join two consecutive full dates separated only by a connector («с … по …», "from … to …")."""
    ranges: list[DateMention] = []
    rest: list[DateMention] = []
    index = 0
    while index < len(singles):
        current = singles[index]
        following = singles[index + 1] if index + 1 < len(singles) else None
        if following is not None and _is_range_gap(text, current, following):
            certainty = min(current.certainty, following.certainty)
            ranges.append(DateMention(current.start, following.end, current.first, following.first, certainty))
            index += 2
            continue
        rest.append(current)
        index += 1
    return ranges, rest


# «17.01.2920», «Астана 2924 ж.»: the 0 of a year 20xx read as 9 (no year 29xx is a date on a certificate)
_YEAR_ZERO_AS_NINE = re.compile(r"(?<!\d)29(?=\d\d(?!\d))")


# «Астана, 201 9 жылғы 10 шілде»: a stray space inside a year, before the year's own word
_YEAR_SPLIT = re.compile(r"(?<![\d.])((?:19|20)\d) (\d)(?=\s*(?:жыл|ж\.|г\.|год))")


def _mended_years(matching: str) -> tuple[str, list[int]]:
    """The text with each year 29xx written 20xx and each year split by a space joined (the same length: the
    space moves behind it), and where a digit was changed."""
    places = [found.start() for found in _YEAR_ZERO_AS_NINE.finditer(matching)]
    joined = _YEAR_SPLIT.sub(r"\1\2 ", matching)
    return _YEAR_ZERO_AS_NINE.sub("20", joined), places


def _unsure_where_mended(mentions: list[DateMention], places: list[int]) -> list[DateMention]:
    """A date read through a mended year is unsure; one with another digit mended as well is a guess, dropped."""
    kept = []
    for mention in mentions:
        if not any(mention.start <= place < mention.end for place in places):
            kept.append(mention)
        elif mention.certainty > ZERO_FOR_NINE_CERTAINTY:
            kept.append(replace(mention, certainty=ZERO_FOR_NINE_CERTAINTY))
    return kept


def find_dates(text: str) -> list[DateMention]:
    """All dates and date ranges in text, in order of position."""
    matching, mended = _mended_years(_matching_text(text))
    taken = [False] * len(matching)
    ranges = _scan(matching, RANGE_PATTERNS, taken, want_range=True)
    singles = sorted(_scan(matching, SINGLE_PATTERNS, taken, want_range=False), key=lambda m: m.start)
    paired, rest = _pair_singles(matching, singles)
    return sorted(_unsure_where_mended(ranges + paired + rest, mended), key=lambda m: m.start)
