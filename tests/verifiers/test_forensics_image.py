"""Image forensics: rendered pages with scan damage must pass; whited-out, retyped or resized fields must not."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.types import Box, Line, PageText, Word
from verifiers.flags import TAMPERED
from verifiers.forensics_glyphs import overlaps
from verifiers.forensics_image import image_tamper_findings

WIDTH, HEIGHT = 1200, 900
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
TEXT_LINES = (
    ("Министерство здравоохранения Республики Казахстан", None),
    ("СЕРТИФИКАТ № {number}", "cert_number"),
    ("о повышении квалификации", None),
    ("Настоящий сертификат выдан {name}", "holder_name"),
    ("в том, что он(а) прошел(ла) обучение по программе", None),
    ("«Актуальные вопросы педиатрии» в объеме {hours} часов", "hours"),
    ("с 12.02.2024 по 24.02.2024 в НАО «Медицинский университет»", None),
    ("Ректор Абенов К. М.      Дата выдачи 26.02.2024", None),
)
FIELD_VALUE_KEYS = {"cert_number": "number", "holder_name": "name", "hours": "hours"}


@dataclass(frozen=True)
class RenderedPage:
    gray: np.ndarray
    page: PageText
    field_boxes: dict[str, Box]


@dataclass(frozen=True)
class Damage:
    noise: float = 3.0
    blur: float = 0.0
    jpeg: int | None = None
    shadow: float = 0.0  # 0..0.5: darkening towards one corner
    stamp: bool = False
    texture: float = 3.0


def _paper(rng: np.random.Generator, texture: float) -> np.ndarray:
    coarse = rng.normal(0, 1, (HEIGHT // 30 + 2, WIDTH // 30 + 2)).astype(np.float32)
    smooth = np.array(Image.fromarray(coarse).resize((WIDTH, HEIGHT), Image.BICUBIC))
    return np.full((HEIGHT, WIDTH), 232.0, np.float32) + texture * smooth


def _layout(rng: np.random.Generator, font_path: str, size: int, values: dict[str, str]):
    """Each line's words with their ink boxes (the text drawn later); field word boxes per field."""
    font = ImageFont.truetype(font_path, size)
    lines, field_boxes = [], {}
    y = 70
    for template, field in TEXT_LINES:
        text = template.format(**values)
        x = int(rng.integers(80, 160))
        words = []
        for token in text.split(" "):
            left, top, right, bottom = font.getbbox(token)
            if token:
                words.append((token, x, y, Word(token, 0.95, Box(x + left, y + top, right - left, bottom - top))))
            x += right + font.getbbox(" ")[2] + 4
        lines.append(words)
        if field:
            marker = values[FIELD_VALUE_KEYS[field]].split(" ")
            boxes = [w[3].box for w in words if w[0].strip("«».,") in marker]
            acc = boxes[0]
            for b in boxes[1:]:
                acc = acc.union(b)
            field_boxes[field] = acc
        y += int(size * 2.6)
    return font, lines, field_boxes


def _draw_words(canvas: Image.Image, font: ImageFont.FreeTypeFont, lines, ink: int) -> None:
    draw = ImageDraw.Draw(canvas)
    for words in lines:
        for token, x, y, _ in words:
            draw.text((x, y), token, font=font, fill=ink)


def _stamp(rng: np.random.Generator, image: np.ndarray, center: tuple[int, int]) -> np.ndarray:
    layer = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(layer)
    cx, cy = center
    radius = int(rng.integers(90, 130))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=5)
    draw.ellipse((cx - radius + 18, cy - radius + 18, cx + radius - 18, cy + radius - 18), outline=255, width=3)
    font = ImageFont.truetype(FONTS[1], 18)
    draw.text((cx - 70, cy - 10), "ДЛЯ ДОКУМЕНТОВ", font=font, fill=255)
    alpha = np.asarray(layer.filter(ImageFilter.GaussianBlur(0.8)), np.float32) / 255.0 * 0.55
    return image * (1 - alpha) + 110.0 * alpha


def _finish(image: np.ndarray, rng: np.random.Generator, damage: Damage, noise: bool = True) -> np.ndarray:
    if damage.shadow:
        yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
        image = image * (1 - damage.shadow * (xx / WIDTH) * (yy / HEIGHT))
    if noise:
        image = image + rng.normal(0, damage.noise, image.shape)
    out = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    if damage.blur:
        out = out.filter(ImageFilter.GaussianBlur(damage.blur))
    return np.asarray(out)


def jpeg(gray: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(gray).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))


def render(seed: int, damage: Damage, values: dict[str, str] | None = None, font_index: int | None = None,
           size: int | None = None) -> RenderedPage:
    """A genuine page: paper texture, text, optional stamp over the name, shadow, noise, blur, JPEG."""
    rng = np.random.default_rng(seed)
    values = values or {"number": f"00{rng.integers(10000, 99999)}", "name": "Иванову Ивану Петровичу",
                        "hours": str(rng.choice([36, 54, 72, 108]))}
    font_path = FONTS[font_index if font_index is not None else seed % len(FONTS)]
    font, lines, field_boxes = _layout(rng, font_path, size or int(rng.integers(22, 29)), values)
    canvas = Image.fromarray(np.clip(_paper(rng, damage.texture), 0, 255).astype(np.uint8))
    _draw_words(canvas, font, lines, ink=int(rng.integers(20, 60)))
    image = np.asarray(canvas, np.float32)
    if damage.stamp:
        name_box = field_boxes["holder_name"]
        image = _stamp(rng, image, (name_box.left + name_box.width // 2, name_box.top + 20))
    gray = _finish(image, rng, damage)
    if damage.jpeg:
        gray = jpeg(gray, damage.jpeg)
    page_lines = tuple(Line(tuple(w[3] for w in words)) for words in lines)
    page = PageText(1, WIDTH, HEIGHT, page_lines, "ocr")
    return RenderedPage(gray, page, field_boxes)


def _replace_field_words(page: PageText, field_box: Box, new_box: Box, text: str) -> PageText:
    lines = []
    for line in page.lines:
        kept = [w for w in line.words if not (w.box.left >= field_box.left and
                                               w.box.left + w.box.width <= field_box.left + field_box.width
                                               and w.box.top >= field_box.top - 2
                                               and w.box.top + w.box.height <= field_box.top + field_box.height + 2)]
        if len(kept) != len(line.words):
            kept.append(Word(text, 0.9, new_box))
            kept.sort(key=lambda w: w.box.left)
        lines.append(Line(tuple(kept)))
    return PageText(page.page_no, page.width, page.height, tuple(lines), page.source)


def whiteout_retype(genuine: RenderedPage, seed: int, scale: float, final_jpeg: int | None,
                    noisy_fill: float = 0.0, pad: int | None = None) -> tuple[RenderedPage, Box]:
    """Paint a patch over the number in the paper's colour and type another number (font scaled by `scale`)."""
    rng = np.random.default_rng(seed)
    box = genuine.field_boxes["cert_number"]
    pad = pad if pad is not None else int(rng.integers(3, 10))
    patch = Box(box.left - pad, box.top - pad, box.width + 2 * pad + 20, box.height + 2 * pad)
    image = genuine.gray.astype(np.float32).copy()
    region = (slice(patch.top, patch.top + patch.height), slice(patch.left, patch.left + patch.width))
    paper = float(np.percentile(image[region], 90))
    image[region] = paper + (rng.normal(0, noisy_fill, image[region].shape) if noisy_fill else 0.0)
    canvas = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    font = ImageFont.truetype(FONTS[int(rng.integers(0, len(FONTS)))], max(10, round(box.height * 1.37 * scale)))
    new_number = f"00{rng.integers(10000, 99999)}"
    left, top, right, bottom = font.getbbox(new_number)
    x, y = box.left - left, box.top + box.height - bottom
    ImageDraw.Draw(canvas).text((x, y), new_number, font=font, fill=40)
    gray = np.asarray(canvas)
    if final_jpeg:
        gray = jpeg(gray, final_jpeg)
    new_box = Box(x + left, y + top, right - left, bottom - top)
    page = _replace_field_words(genuine.page, box, new_box, new_number)
    return RenderedPage(gray, page, {**genuine.field_boxes, "cert_number": new_box}), patch


def paste_from(genuine: RenderedPage, donor: RenderedPage, final_jpeg: int | None) -> tuple[RenderedPage, Box]:
    """Copy the number's rectangle from another page (other noise) over this page's number."""
    box = donor.field_boxes["cert_number"]
    patch = Box(box.left - 8, box.top - 8, box.width + 16, box.height + 16)
    gray = genuine.gray.copy()
    region = (slice(patch.top, patch.top + patch.height), slice(patch.left, patch.left + patch.width))
    gray[region] = donor.gray[region]
    if final_jpeg:
        gray = jpeg(gray, final_jpeg)
    page = _replace_field_words(genuine.page, genuine.field_boxes["cert_number"], box, "pasted")
    return RenderedPage(gray, page, {**genuine.field_boxes, "cert_number": box}), patch


GENUINE_DAMAGE = (
    Damage(noise=1.0, texture=0.5),
    Damage(noise=5.0, blur=1.5, jpeg=40, texture=4.0),
    Damage(noise=3.0, jpeg=60, shadow=0.45, texture=2.0),
    Damage(noise=6.0, blur=0.6, jpeg=75, stamp=True, texture=5.0),
    Damage(noise=2.0, blur=1.0, shadow=0.2, stamp=True, texture=3.0, jpeg=80),
    Damage(noise=0.0, texture=0.0),
)


@pytest.mark.parametrize("damage", GENUINE_DAMAGE)
@pytest.mark.parametrize("seed", [11, 12])
def test_genuine_damaged_pages_are_not_tampered(damage: Damage, seed: int) -> None:
    page = render(seed, damage)
    assert image_tamper_findings(page.gray, page.page, page.field_boxes) == ()


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_whited_out_and_retyped_number_is_tampered_and_carries_its_box(seed: int) -> None:
    genuine = render(seed, Damage(noise=4.0, texture=3.0, jpeg=70))
    edited, _patch = whiteout_retype(genuine, seed, scale=1.0, final_jpeg=None, pad=8)
    findings = image_tamper_findings(edited.gray, edited.page, edited.field_boxes)
    numbers = [f for f in findings if f.evidence["field"] == "cert_number"]
    assert numbers and all(f.code == TAMPERED and f.severity == "high" for f in numbers)
    box = edited.field_boxes["cert_number"]
    assert numbers[0].evidence["page_no"] == 1
    assert numbers[0].evidence["box"] == {"left": box.left, "top": box.top, "width": box.width, "height": box.height}
    assert numbers[0].evidence["kind"] == "flat_patch"


def test_whiteout_resaved_as_jpeg_is_still_found() -> None:
    genuine = render(31, Damage(noise=5.0, texture=2.0, jpeg=60))
    edited, _patch = whiteout_retype(genuine, 31, scale=1.0, final_jpeg=90, pad=9)
    findings = image_tamper_findings(edited.gray, edited.page, edited.field_boxes)
    assert [f.evidence["kind"] for f in findings if f.evidence["field"] == "cert_number"] == ["flat_patch"]


@pytest.mark.parametrize("scale", [0.78, 1.25])
def test_number_in_another_font_size_is_tampered(scale: float) -> None:
    genuine = render(41, Damage(noise=3.0, texture=3.0), font_index=0, size=26)
    # The patch is filled with matching grain, so only the size gives the edit away.
    edited, _patch = whiteout_retype(genuine, 41, scale=scale, final_jpeg=None, noisy_fill=3.0, pad=8)
    findings = image_tamper_findings(edited.gray, edited.page, {"cert_number": edited.field_boxes["cert_number"]})
    assert any(f.evidence["kind"] == "font_size" for f in findings)


def test_same_size_retyping_on_matching_grain_raises_no_size_finding() -> None:
    genuine = render(42, Damage(noise=3.0, texture=3.0), font_index=0, size=26)
    edited, _patch = whiteout_retype(genuine, 43, scale=1.0, final_jpeg=None, noisy_fill=3.0, pad=8)
    findings = image_tamper_findings(edited.gray, edited.page, {"cert_number": edited.field_boxes["cert_number"]})
    assert not any(f.evidence["kind"] == "font_size" for f in findings)


def test_region_pasted_from_a_page_with_other_grain_is_tampered() -> None:
    values = {"number": "0054321", "name": "Иванову Ивану Петровичу", "hours": "72"}
    page = render(51, Damage(noise=4.0, texture=3.0, jpeg=70), values=values, font_index=1, size=24)
    donor = render(51, Damage(noise=0.2, texture=0.0), values={**values, "number": "0099999"}, font_index=1, size=24)
    edited, _patch = paste_from(page, donor, final_jpeg=None)
    findings = image_tamper_findings(edited.gray, edited.page, edited.field_boxes)
    assert any(f.evidence["field"] == "cert_number" for f in findings)


@pytest.mark.parametrize("grain", [4.0, 6.0, 14.0, 22.0])  # heavy grain used to pass for ink
def test_a_grainy_number_pasted_onto_a_clean_page_is_tampered(grain: float) -> None:
    values = {"number": "0054321", "name": "Иванову Ивану Петровичу", "hours": "72"}
    page = render(52, Damage(noise=0.0, texture=0.0), values=values, font_index=1, size=24)
    donor = render(52, Damage(noise=grain, texture=0.0), values={**values, "number": "0099999"}, font_index=1, size=24)
    edited, _patch = paste_from(page, donor, final_jpeg=None)
    findings = image_tamper_findings(edited.gray, edited.page, edited.field_boxes)
    assert [f.evidence["kind"] for f in findings if f.evidence["field"] == "cert_number"] == ["foreign_noise"]


def test_a_number_whose_whole_line_stands_in_other_paper_is_not_pasted() -> None:
    """Illumination levelling leaves a halo round a line on a page otherwise clipped to white (fraud seed 50101): the
    number's label beside it stands in the same paper, which a number pasted alone would not."""
    values = {"number": "0054321", "name": "Иванову Ивану Петровичу", "hours": "72"}
    page = render(52, Damage(noise=0.0, texture=0.0), values=values, font_index=1, size=24)
    donor = render(52, Damage(noise=6.0, texture=0.0), values=values, font_index=1, size=24)
    number = page.field_boxes["cert_number"]
    line = next(line for line in page.page.lines if any(overlaps(w.box, number) for w in line.words))
    assert line.box is not None and len(line.words) > 1
    gray = page.gray.copy()
    band = (slice(line.box.top - 8, line.box.top + line.box.height + 8),
            slice(line.box.left - 8, line.box.left + line.box.width + 8))
    gray[band] = donor.gray[band]
    assert image_tamper_findings(gray, page.page, {"cert_number": number}) == ()
    pasted_alone, _patch = paste_from(page, donor, final_jpeg=None)  # the same paper round the number alone
    assert image_tamper_findings(pasted_alone.gray, pasted_alone.page, {"cert_number": number}) != ()


def test_a_name_in_a_table_cell_of_a_clean_page_is_not_pasted() -> None:
    """The cell's rules run a pixel or two beyond the paper measured round the name (fraud 63434): their ink must
    not pass for grain in the edge rows of that paper."""
    values = {"number": "0054321", "name": "Иванову Ивану Петровичу", "hours": "72"}
    page = render(52, Damage(noise=0.0, texture=0.0), values=values, font_index=1, size=24)
    name = page.field_boxes["holder_name"]
    margin = max(2, round(0.15 * name.height))
    columns = slice(name.left - 40, name.left + name.width + 40)
    for gap in (1, 2):
        gray = page.gray.copy()
        gray[name.top - margin - gap - 1:name.top - margin - gap + 1, columns] = 60
        gray[name.top + name.height + margin + gap - 1:name.top + name.height + margin + gap + 1, columns] = 60
        assert image_tamper_findings(gray, page.page, {"holder_name": name}) == ()


def test_a_grainy_hours_figure_on_a_clean_page_is_not_judged() -> None:
    """Only the fields a forger changes (number, holder) are judged by their grain on a page too clean to compare."""
    values = {"number": "0054321", "name": "Иванову Ивану Петровичу", "hours": "72"}
    page = render(53, Damage(noise=0.0, texture=0.0), values=values, font_index=1, size=24)
    donor = render(53, Damage(noise=12.0, texture=0.0), values=values, font_index=1, size=24)
    hours = page.field_boxes["hours"]
    gray = page.gray.copy()
    region = (slice(hours.top - 8, hours.top + hours.height + 8), slice(hours.left - 8, hours.left + hours.width + 8))
    gray[region] = donor.gray[region]
    assert image_tamper_findings(gray, page.page, page.field_boxes) == ()


def test_color_or_empty_input_gives_nothing() -> None:
    page = render(61, Damage())
    assert image_tamper_findings(np.dstack([page.gray] * 3), page.page, page.field_boxes) == ()
    assert image_tamper_findings(page.gray, page.page, {}) == ()


def _sign_and_number(number_height: int, number_bottom: int) -> tuple[PageText, Box]:
    sign = Word("№", 0.97, Box(600, 756, 40, 30))
    number = Word("0049086", 0.92, Box(650, number_bottom - number_height, 200, number_height))
    page = PageText(1, WIDTH, HEIGHT, (Line((sign, number)),), "ocr")
    return page, number.box


@pytest.mark.parametrize(
    ("height", "bottom", "tampered"),
    [
        (45, 801, True),  # retyped 1.5x as large, standing off the sign's baseline
        (38, 791, False),  # a slash or bracket makes a genuine number's box a little taller (1.26x, 0.17)
        (30, 786, False),
        (45, 786, False),  # larger on the same baseline: a design choice, not a retyped field
    ],
)
def test_a_number_is_measured_against_its_own_number_sign(height: int, bottom: int, tampered: bool) -> None:
    page, box = _sign_and_number(height, bottom)
    flags = image_tamper_findings(np.full((HEIGHT, WIDTH), 230, np.uint8), page, {"cert_number": box})
    assert (TAMPERED in {flag.code for flag in flags}) is tampered


def _hours_in_a_cell(neighbours: tuple[Word, ...]) -> tuple[PageText, Box]:
    """«120» printed 31 px high on baseline 1204, with «Берілген» beside it and the given neighbours."""
    hours = Word("120", 0.97, Box(676, 1173, 62, 31))
    label = Word("Берілген", 0.95, Box(300, 1173, 170, 31))
    page = PageText(1, 1400, 1600, (Line((label, hours, *neighbours)),), "ocr")
    return page, hours.box


@pytest.mark.parametrize(
    ("neighbours", "tampered"),
    [
        # a table's dashes below the line, read «22» and «11» at 0.10: the boxes of dashes, not of figures
        ((Word("22", 0.10, Box(1146, 1223, 53, 2)), Word("11", 0.10, Box(1210, 1224, 40, 2))), False),
        # «ү» and «Қ» reach below the baseline, so their boxes stand lower and taller than cap height
        ((Word("бүгін", 0.97, Box(872, 1172, 120, 40)), Word("Қазақ", 0.96, Box(1010, 1172, 130, 40))), False),
        # confident figures 1.45x as tall, standing lower: the hours are another size than their line
        ((Word("2023", 0.95, Box(872, 1175, 90, 45)), Word("2024", 0.95, Box(980, 1175, 90, 45))), True),
    ],
)
def test_a_field_is_measured_against_the_confident_cap_height_words_of_its_line(
        neighbours: tuple[Word, ...], tampered: bool) -> None:
    page, box = _hours_in_a_cell(neighbours)
    flags = image_tamper_findings(np.full((1600, 1400), 230, np.uint8), page, {"hours": box})
    assert (TAMPERED in {flag.code for flag in flags}) is tampered


def test_a_field_wrapped_over_two_lines_is_not_judged_by_its_paper() -> None:
    """Its box takes in the gap between the lines (and a table cell's rules), which single-line pieces cannot
    be compared with: even paper painted flat there is not taken for a whiteout."""
    genuine = render(21, Damage(noise=4.0, texture=4.0))
    name = genuine.field_boxes["holder_name"]
    tall = Box(name.left, name.top, name.width, name.height * 3)
    gray = genuine.gray.copy()
    gray[tall.top - 15:tall.top + tall.height + 15, tall.left - 15:tall.left + tall.width + 15] = 232
    one_line = image_tamper_findings(gray, genuine.page, {"holder_name": name})
    two_lines = image_tamper_findings(gray, genuine.page, {"holder_name": tall})
    assert [flag.evidence["kind"] for flag in one_line] == ["flat_patch"]
    assert not two_lines


def _retype_tail(genuine: RenderedPage, font_index: int, size: int, scale: float, digits: int) -> RenderedPage:
    """The number's last `digits` characters painted over with flat paper and typed again `scale` times larger
    (the rest of the number left as printed), on a page without grain, so only the glyphs' sizes tell."""
    box = genuine.field_boxes["cert_number"]
    font = ImageFont.truetype(FONTS[font_index], size)
    number = next(w.text for line in genuine.page.lines for w in line.words if w.box == box)
    head_right = box.left + font.getbbox(number[:-digits])[2] - font.getbbox(number)[0]
    image = Image.fromarray(genuine.gray.copy())
    paper = int(np.percentile(genuine.gray[box.top:box.top + box.height, box.left:box.left + box.width], 95))
    ImageDraw.Draw(image).rectangle((head_right + 1, box.top - 4, box.left + box.width + 6, box.top + box.height + 4),
                                    fill=paper)
    bigger = ImageFont.truetype(FONTS[font_index], round(size * scale))
    _, _, _, bottom = bigger.getbbox(number[-digits:])
    ImageDraw.Draw(image).text((head_right + 3, box.top + box.height - bottom), number[-digits:], font=bigger, fill=40)
    gray = np.asarray(image)
    grown = Box(box.left, box.top - round(box.height * (scale - 1)), box.width + round(box.width * 0.5),
                round(box.height * scale))
    return RenderedPage(gray, genuine.page, {"cert_number": grown})


@pytest.mark.parametrize("font_index", [0, 1, 2])
@pytest.mark.parametrize(("number", "retyped"), [("0048213", 3), ("KZ-2024-003624", 3), ("ПК-64/29", 4)])
def test_digits_retyped_larger_than_the_rest_of_their_number_are_tampered(font_index: int, number: str,
                                                                          retyped: int) -> None:
    values = {"number": number, "name": "Иванову Ивану Петровичу", "hours": "72"}
    genuine = render(71, Damage(noise=0.0, texture=0.0), values=values, font_index=font_index, size=26)
    assert image_tamper_findings(genuine.gray, genuine.page, {"cert_number": genuine.field_boxes["cert_number"]}) == ()
    edited = _retype_tail(genuine, font_index, 26, scale=1.3, digits=retyped)
    findings = image_tamper_findings(edited.gray, edited.page, edited.field_boxes)
    assert [f.evidence["kind"] for f in findings] == ["glyph_size"]
    assert findings[0].evidence["glyph_heights"][1] > 1.2 * findings[0].evidence["glyph_heights"][0]


@pytest.mark.parametrize("damage", GENUINE_DAMAGE)
@pytest.mark.parametrize("number", ["KZ-2024-003624", "ПК-64/29", "(25-0823)", "СМЕ-50244129"])
def test_genuine_numbers_of_letters_digits_and_signs_have_one_glyph_size(damage: Damage, number: str) -> None:
    values = {"number": number, "name": "Иванову Ивану Петровичу", "hours": "72"}
    for font_index in range(len(FONTS)):
        page = render(72 + font_index, damage, values=values, font_index=font_index)
        assert image_tamper_findings(page.gray, page.page, page.field_boxes) == (), (font_index, number)


@pytest.mark.parametrize("noise", [2.0, 4.0])  # 6: its own grain stands 2 times below the pasted (too close)
@pytest.mark.parametrize("grain", [14.0, 22.0])
def test_heavy_grain_pasted_onto_a_grainy_page_is_tampered(noise: float, grain: float) -> None:
    # fraud 43434: on a page with grain of its own, the pasted grain's dark half passed for ink around the number
    values = {"number": "0054321", "name": "Иванову Ивану Петровичу", "hours": "72"}
    page = render(54, Damage(noise=noise, texture=1.0), values=values, font_index=1, size=24)
    donor = render(54, Damage(noise=grain, texture=0.0), values={**values, "number": "0099999"}, font_index=1, size=24)
    edited, _patch = paste_from(page, donor, final_jpeg=None)
    assert image_tamper_findings(page.gray, page.page, page.field_boxes) == ()
    findings = image_tamper_findings(edited.gray, edited.page, edited.field_boxes)
    assert [(f.evidence["kind"], f.evidence.get("ink")) for f in findings
            if f.evidence["field"] == "cert_number"] == [("foreign_noise", "strong")]
