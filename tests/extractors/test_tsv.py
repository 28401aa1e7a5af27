"""TSV text from Tesseract parsed into lines of words with boxes and 0..1 confidences."""

from __future__ import annotations

from extractors.tsv import blank_regions, join_split_lines, parse_tsv_lines, tsv_to_page
from extractors.types import Box, Line, Word

TSV = "\n".join([
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
    "2\t1\t1\t0\t0\t0\t200\t300\t900\t120\t-1\t",
    "5\t1\t1\t1\t1\t1\t200\t300\t300\t40\t96.5\tСЕРТИФИКАТ",
    "5\t1\t1\t1\t1\t2\t520\t300\t40\t40\t91\t№",
    "5\t1\t1\t1\t1\t3\t570\t300\t200\t40\t88\t0012345",
    "5\t1\t1\t1\t2\t1\t200\t360\t250\t40\t70\tҚарағанды",
    "5\t1\t1\t1\t2\t2\t460\t360\t10\t40\t95\t ",
    "5\t1\t2\t1\t1\t1\t200\t900\t100\t40\t-1\t",
    "5\t1\t2\t1\t1\t2\t200\t900\t100\t40\t55\t108",
])


def test_words_grouped_by_block_paragraph_line() -> None:
    lines = parse_tsv_lines(TSV)
    assert [line.text for line in lines] == ["СЕРТИФИКАТ № 0012345", "Қарағанды", "108"]


def test_letters_read_from_a_ruling_a_few_pixels_tall_are_dropped() -> None:
    """Fraud 68989: a table's ruling under «6 академических часов» read «ЕЕ» at 0.23, 2 pixels high; a dash or
    an underscore is flat as printed and stays."""
    flat = "\n".join([
        "5\t1\t3\t1\t1\t1\t310\t1101\t52\t2\t23\tЕЕ",
        "5\t1\t3\t1\t1\t2\t562\t1100\t21\t3\t93\t_",
        "5\t1\t3\t1\t2\t1\t200\t1140\t120\t3\t90\t—",
        "5\t1\t3\t1\t3\t1\t200\t1180\t60\t7\t60\t22",  # still no glyph: 0.18 of the median height
        "5\t1\t3\t1\t4\t1\t200\t1220\t120\t9\t80\tсноска",  # small print, 0.23 of it, kept
    ])
    assert [line.text for line in parse_tsv_lines(TSV + "\n" + flat)] == [
        "СЕРТИФИКАТ № 0012345", "Қарағанды", "108", "_", "—", "сноска"]


def test_boxes_and_confidences() -> None:
    first = parse_tsv_lines(TSV)[0]
    assert first.words[0].box == Box(200, 300, 300, 40)
    assert first.words[0].confidence == 0.965
    assert first.confidence == 0.88


def test_page_from_tsv_carries_what_was_applied() -> None:
    page = tsv_to_page(TSV, 2, 2480, 3508, rotation=90, skew=-1.5, language_hint="rus+kaz")
    assert (page.page_no, page.source, page.rotation, page.skew, page.language_hint) == (2, "ocr", 90, -1.5, "rus+kaz")
    assert page.text.splitlines()[1] == "Қарағанды"


def test_header_blank_and_malformed_rows_are_ignored() -> None:
    tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" \
          "5\t1\t1\t1\t1\t1\tx\t0\t1\t1\t90\tbad\n\n5\t1\t1\t1\t1\t2\t0\t0\t5\t5\t90\tgood\n"
    assert [line.text for line in parse_tsv_lines(tsv)] == ["good"]


def test_blank_words_are_picture_regions() -> None:
    assert blank_regions(TSV) == (Box(460, 360, 10, 40),)  # the -1 row is an empty word, not a picture


def _line(*words: tuple[str, int, int, int]) -> Line:
    return Line(tuple(Word(text, 0.9, Box(left, top, width, 30)) for text, left, top, width in words))


def test_a_row_split_over_two_blocks_is_joined_left_to_right() -> None:
    month = _line(("февраля", 420, 802, 120), ("2023", 550, 800, 70), ("г.", 630, 801, 20))
    city = _line(("г.", 200, 800, 20), ("Шымкент,", 230, 800, 150), ("9", 395, 801, 15))
    signer = _line(("С.В.", 900, 900, 60), ("Петрова", 970, 900, 120))
    joined = join_split_lines((month, city, signer))
    assert [line.text for line in joined] == ["г. Шымкент, 9 февраля 2023 г.", "С.В. Петрова"]


def test_pieces_of_a_tilted_row_are_joined_where_their_seam_words_meet() -> None:
    """Fraud 69090: a rising issuer line split inside «Қазақстан»; the pieces' boxes overlap by 36 of 67 pixels,
    the words at the seam on one row."""
    left = Line(tuple(Word(text, 0.97, Box(x, 250, width, 68)) for text, x, width in
                      (("Батыс", 1015, 120), ("Қаза", 1157, 97))))
    right = Line((Word("кстан", 0.93, Box(1255, 254, 116, 32)), Word("медицина", 0.97, Box(1383, 246, 217, 35)),
                  Word("университеті»", 0.87, Box(1606, 223, 315, 57)), Word("КЕАҚ", 0.92, Box(1929, 219, 118, 47))))
    assert [line.text for line in join_split_lines((right, left))] == ["Батыс Қазакстан медицина университеті» КЕАҚ"]
    below = Line(tuple(word.shifted(0, 80) for word in right.words))  # the row below
    assert join_split_lines((below, left)) == (below, left)


def test_lines_apart_on_a_row_or_on_other_rows_stay_apart() -> None:
    signature_row = (_line(("Ректор", 100, 900, 120)), _line(("Е.С.", 900, 900, 60), ("Оспанов", 970, 900, 140)))
    assert join_split_lines(signature_row) == signature_row  # a wide gap: two columns
    stacked = (_line(("Дата", 100, 800, 80)), _line(("выдачи", 190, 845, 120)))
    assert join_split_lines(stacked) == stacked  # the next line down


def test_a_word_read_again_from_its_neighbours_ink_is_dropped() -> None:
    # Tesseract's «Месі5КІІІ» (975-1272) followed by "5" (1256-1288) read from the same final «s»
    echo = "\n".join([
        "5\t1\t1\t1\t1\t1\t975\t738\t297\t51\t37\tМесі5КІІІ",
        "5\t1\t1\t1\t1\t2\t1256\t734\t32\t73\t95\t5",
        "5\t1\t1\t1\t1\t3\t1296\t751\t111\t51\t97\tоқу",
        "5\t1\t1\t1\t2\t1\t200\t900\t100\t40\t90\tкурс",
        "5\t1\t1\t1\t2\t2\t296\t900\t40\t40\t90\t№5",  # a few pixels of italic overhang are no echo
    ])
    assert [line.text for line in parse_tsv_lines(echo)] == ["Месі5КІІІ оқу", "курс №5"]


def test_words_under_a_box_run_on_over_them_are_no_echoes() -> None:
    # «Выдано:» boxed over «1 декабря» (51 px a letter against the line's 20): the words inside it were printed
    issued = "\n".join([
        "5\t1\t9\t1\t1\t1\t608\t1557\t359\t49\t96.3\tВыдано:",
        "5\t1\t9\t1\t1\t2\t775\t1553\t19\t57\t97.0\t1",
        "5\t1\t9\t1\t1\t3\t813\t1557\t138\t49\t96.5\tдекабря",
        "5\t1\t9\t1\t1\t4\t979\t1558\t82\t31\t96.4\t2021",
        "5\t1\t9\t1\t1\t5\t1074\t1566\t83\t31\t96.4\tгода",
    ])
    assert [line.text for line in parse_tsv_lines(issued)] == ["Выдано: 1 декабря 2021 года"]


def test_a_line_in_the_gap_of_another_on_its_row_is_joined_and_its_split_word_glued() -> None:
    # a tilted heading split into blocks: «нального развития» stands between «профессио» and «Денсаулық»
    outer = Line((Word("ТОО", 0.9, Box(219, 386, 65, 27)), Word("«Центр", 0.96, Box(296, 383, 116, 29)),
                  Word("профессио", 0.97, Box(424, 372, 176, 35)), Word("«Денсаулық»»", 0.89, Box(926, 340, 245, 35))))
    inner = Line((Word("нального", 0.95, Box(603, 364, 149, 27)), Word("развития", 0.96, Box(765, 354, 148, 34))))
    above = Line((Word("Министерство", 0.9, Box(300, 250, 300, 30)),))
    joined = join_split_lines((above, inner, outer))
    assert [line.text for line in joined] == ["Министерство", "ТОО «Центр профессионального развития «Денсаулық»»"]
    assert joined[1].words[2].box == Box(424, 364, 328, 43)


def test_a_line_beside_a_gap_on_another_row_stays_apart() -> None:
    outer = Line((Word("Директор", 0.9, Box(100, 600, 160, 30)), Word("Әбілов", 0.9, Box(700, 600, 120, 30))))
    below = Line((Word("М.П.", 0.9, Box(400, 660, 60, 30)),))
    assert join_split_lines((outer, below)) == (outer, below)
