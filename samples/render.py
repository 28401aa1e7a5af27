"""Draws a document's content on an A4 page at 300 dpi in one of several layout families (Pillow)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from samples import marks
from samples import wording as w
from samples.document import Content
from samples.orgs import Organization

DPI = 300
A4_PORTRAIT = (2480, 3508)
LAYOUTS = ("formal", "letter", "table", "diploma", "english")
EN_SIGNERS = ("Dr. John Miller", "Prof. Anna Schmidt", "Dr. Mehmet Yilmaz", "Dr. Kim Soo-jin", "Dr. Laura Rossi")
KK_SIGNERS = ("Б.Б. Сейтқалиев", "А.Т. Мұқанова", "Е.С. Оспанов", "Г.М. Ким", "Д.К. Әбілов", "С.В. Петрова")


@dataclass
class Page:
    """A page being drawn: the image, a cursor and the text area."""

    image: Image.Image
    family: marks.FontFamily
    scale: float
    left: int
    right: int
    y: int
    bottom: int
    ink: tuple[int, int, int] = (15, 15, 15)
    overflow: bool = field(default=False)

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.image)

    def face(self, points: float, style: str = "regular") -> ImageFont.FreeTypeFont:
        path = {"regular": self.family.regular, "bold": self.family.bold, "italic": self.family.italic}[style]
        return marks.font(path, max(14, int(points * self.scale * DPI / 72)))

    def write(
        self,
        text: str,
        points: float,
        *,
        style: str = "regular",
        align: str = "center",
        gap: float = 0.35,
        color: tuple[int, int, int] | None = None,
    ) -> None:
        """Wraps `text` into the text area and advances the cursor."""
        face = self.face(points, style)
        height = int(face.size * 1.25)
        for line in _wrap(text, face, self.right - self.left):
            width = face.getlength(line)
            x = {"center": (self.left + self.right - width) / 2, "left": self.left, "right": self.right - width}[align]
            self.draw.text((x, self.y), line, font=face, fill=color or self.ink)
            self.y += height
        self.y += int(face.size * gap)
        self.overflow |= self.y > self.bottom

    def skip(self, points: float) -> None:
        self.y += int(points * self.scale * DPI / 72)


def _wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and face.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def _paste(page: Page, layer: Image.Image, x: int, y: int) -> None:
    """Composites an RGBA mark onto the page, touching only the region it covers."""
    box = (
        max(0, x),
        max(0, y),
        min(page.image.width, max(0, x) + layer.width),
        min(page.image.height, max(0, y) + layer.height),
    )
    region = page.image.crop(box).convert("RGBA")
    region.alpha_composite(layer.crop((0, 0, box[2] - box[0], box[3] - box[1])))
    page.image.paste(region.convert("RGB"), box[:2])


def _border(page: Page, rnd: random.Random, color: tuple[int, int, int]) -> None:
    w, h = page.image.size
    margin = rnd.randint(70, 140)
    page.draw.rectangle((margin, margin, w - margin, h - margin), outline=color, width=rnd.randint(6, 16))
    if rnd.random() < 0.6:
        inner = margin + rnd.randint(25, 45)
        page.draw.rectangle((inner, inner, w - inner, h - inner), outline=color, width=3)


def _signatures(page: Page, rnd: random.Random, content: Content, org: Organization) -> None:
    """Signer's title, a signature, the printed name, the stamp and the QR code along the bottom."""
    page.skip(26)
    face = page.face(12)
    y = page.y
    foreign_signer = content.language == "en" or (org.foreign and content.doc_type != "translation")
    name = rnd.choice(EN_SIGNERS if foreign_signer else KK_SIGNERS)
    page.draw.text((page.left, y + 60), content.signer, font=face, fill=page.ink)
    right_x = page.right - int(face.getlength(name))
    page.draw.text((right_x, y + 60), name, font=face, fill=page.ink)
    sign_x = (page.left + right_x) // 2 - 200
    _paste(page, marks.signature(rnd), sign_x + rnd.randint(-40, 40), y - 20)
    foreign = content.language == "en" or org.foreign
    if (content.doc_type != "translation" or rnd.random() < 0.3) and (not foreign or rnd.random() < 0.4):
        ring = org.name_en if foreign else f"{org.name_kk if content.language == 'kk' else org.name_ru} {org.city}"
        inner = (
            "OFFICIAL\nSEAL"
            if foreign
            else f"БСН {org.bin}"
            if org.bin and rnd.random() < 0.5
            else {"kk": "Құжаттар\nүшін"}.get(content.language, "Для\nдокументов")
        )
        seal = marks.stamp(rnd, ring, inner, diameter=rnd.randint(380, 500))
        lift = rnd.randint(150, 320) if rnd.random() < 0.15 else rnd.randint(40, 150)
        _paste(page, seal, sign_x + rnd.randint(-260, 160), y - lift)
    page.y = y + 220
    if content.qr_payload:
        side = rnd.randint(300, 420)
        qr = marks.qr_image(content.qr_payload, side)
        corner_x = page.left if rnd.random() < 0.5 else page.right - qr.width
        page.image.paste(qr, (corner_x, min(page.image.height - qr.height - 60, page.y + 20)))
    page.overflow |= page.y > page.bottom + 160


def _name_block(page: Page, rnd: random.Random, content: Content, align: str, size: float) -> None:
    if rnd.random() < 0.5 and content.intro:
        page.write(content.intro, 13, align=align)
        page.write(content.holder, size, style=rnd.choice(("bold", "bold", "italic")), align=align, gap=0.6)
    else:
        page.write(f"{content.name_label} {content.holder}", 14, style="bold", align=align, gap=0.6)


def _formal(page: Page, rnd: random.Random, content: Content, org: Organization) -> None:
    _border(page, rnd, rnd.choice(((20, 60, 120), (120, 90, 20), (30, 30, 30))))
    w = page.image.width
    _paste(page, marks.emblem(260, rnd.choice(((30, 80, 150), (150, 110, 30)))), w // 2 - 130, page.y)
    page.y += 300
    for line in content.header:
        page.write(line, 12, style="bold" if line == content.issuer else "regular")
    page.skip(20)
    for index, line in enumerate(content.title):
        page.write(line, 34 if index == 0 else 18, style="bold", color=(20, 40, 100))
    if content.number_line:
        page.write(content.number_line, 14)
    page.skip(10)
    _name_block(page, rnd, content, "center", 22)
    for line in content.body:
        page.write(line, 14)
    page.skip(10)
    for line in content.footer:
        page.write(line, 12)
    _signatures(page, rnd, content, org)


def _address(rnd: random.Random, org: Organization, language: str) -> list[str]:
    street = rnd.choice(("Абая", "Гоголя", "Толе би", "Сарыарка", "Бейбітшілік"))
    lines = [
        f"{org.city}, {'ул. ' if language != 'kk' else ''}{street}{' к-сі' if language == 'kk' else ''}, "
        f"{rnd.randint(1, 150)}"
    ]
    if org.bin:
        lines.append(f"БИН {org.bin}" if language != "kk" else f"БСН {org.bin}")
    phone = f"+7 (7{rnd.randint(10, 29)}) {rnd.randint(200, 599)}-{rnd.randint(10, 99)}-{rnd.randint(10, 99)}"
    lines.append(f"тел. {phone}")
    return lines


def _letter(page: Page, rnd: random.Random, content: Content, org: Organization) -> None:
    for line in content.header:
        page.write(line, 11, style="bold" if line == content.issuer else "regular", align="left", gap=0.1)
    for line in [] if org.foreign else _address(rnd, org, content.language):
        page.write(line, 10, align="left", gap=0.05, color=(70, 70, 70))
    page.skip(8)
    page.draw.line((page.left, page.y, page.right, page.y), fill=(40, 40, 40), width=5)
    page.skip(30)
    for index, line in enumerate(content.title):
        page.write(line, 24 if index == 0 else 15, style="bold")
    if content.number_line:
        page.write(content.number_line, 13, align=rnd.choice(("left", "center")))
    page.skip(16)
    _name_block(page, rnd, content, "left", 16)
    for line in content.body:
        page.write(line, 13, align="left")
    page.skip(12)
    for line in content.footer:
        page.write(line, 12, align="left")
    _signatures(page, rnd, content, org)


def _table_rows(content: Content) -> tuple[tuple[str, str], ...]:
    """The rows, with the kind of event when the title does not name it (a table prints no body wording)."""
    kind = w.KIND_NAMES.get(content.doc_type, {}).get(content.language)
    if kind is None or len(content.title) > 1 or content.title[0] not in w.GENERIC_TITLES:
        return content.rows
    return (*content.rows[:2], (w.KIND_LABELS[content.language], kind), *content.rows[2:])


def _table(page: Page, rnd: random.Random, content: Content, org: Organization) -> None:
    for line in content.header:
        page.write(line, 12, style="bold" if line == content.issuer else "regular")
    page.skip(24)
    for index, line in enumerate(content.title):
        page.write(line, 28 if index == 0 else 16, style="bold")
    if content.number_line:
        page.write(content.number_line, 14)
    page.skip(20)
    label_face, value_face = page.face(12, "bold"), page.face(13)
    split = page.left + int((page.right - page.left) * rnd.uniform(0.28, 0.36))
    lines = rnd.random() < 0.6
    for label, value in _table_rows(content):
        top = page.y
        page.draw.text((page.left + 20, page.y + 15), label, font=label_face, fill=page.ink)
        wrapped = _wrap(value, value_face, page.right - split - 40)
        for row in wrapped:
            page.draw.text((split + 20, page.y + 15), row, font=value_face, fill=page.ink)
            page.y += int(value_face.size * 1.25)
        page.y += 40
        if lines:
            page.draw.rectangle((page.left, top, page.right, page.y), outline=(60, 60, 60), width=3)
            page.draw.line((split, top, split, page.y), fill=(60, 60, 60), width=3)
    page.skip(24)
    for line in content.footer:
        page.write(line, 12, align="left")
    _signatures(page, rnd, content, org)


def _diploma(page: Page, rnd: random.Random, content: Content, org: Organization) -> None:
    page.image.paste((250, 246, 232), (0, 0, *page.image.size))
    _border(page, rnd, (120, 90, 20))
    for line in content.header:
        page.write(line, 13, style="bold")
    page.skip(20)
    page.write(content.title[0], 44, style="bold", color=(110, 20, 20))
    for line in content.title[1:]:
        page.write(line, 18, style="italic")
    if content.number_line:
        page.write(content.number_line, 14)
    _name_block(page, rnd, content, "center", 26)
    for line in content.body:
        page.write(line, 15)
    for line in content.footer:
        page.write(line, 12)
    _signatures(page, rnd, content, org)


def _english(page: Page, rnd: random.Random, content: Content, org: Organization) -> None:
    _border(page, rnd, rnd.choice(((10, 50, 90), (90, 10, 40), (20, 90, 60))))
    for line in content.header:
        page.write(line, 16, style="bold")
    page.skip(30)
    page.write(content.title[0], 38, style=rnd.choice(("bold", "italic")))
    for line in content.title[1:]:
        page.write(line, 18, style="italic")
    page.skip(16)
    page.write(content.intro or "", 14, style="italic")
    page.write(content.holder, 28, style="bold", gap=0.6)
    for line in content.body:
        page.write(line, 14)
    if content.number_line:
        page.write(content.number_line, 12)
    for line in content.footer:
        page.write(line, 12)
    _signatures(page, rnd, content, org)


_DRAWERS = {"formal": _formal, "letter": _letter, "table": _table, "diploma": _diploma, "english": _english}


def choose_layout(rnd: random.Random, content: Content) -> str:
    if content.language == "en":
        return rnd.choice(("english", "english", "formal", "table"))
    if content.doc_type == "diploma":
        return rnd.choice(("diploma", "diploma", "formal"))
    if content.doc_type in ("other", "translation"):
        return rnd.choice(("letter", "letter", "table"))
    return rnd.choice(("formal", "formal", "letter", "table", "diploma"))


def _draw_once(
    rnd: random.Random,
    content: Content,
    org: Organization,
    layout: str,
    size: tuple[int, int],
    family: marks.FontFamily,
    scale: float,
) -> Page:
    margin = int(size[0] * rnd.uniform(0.09, 0.13))
    paper = rnd.choice(((255, 255, 255), (252, 251, 246), (248, 248, 250)))
    page = Page(
        Image.new("RGB", size, paper), family, scale, margin, size[0] - margin, int(size[1] * 0.06), int(size[1] * 0.80)
    )
    _DRAWERS[layout](page, rnd, content, org)
    return page


def render_page(rnd: random.Random, content: Content, org: Organization, layout: str | None = None) -> Image.Image:
    """The document drawn on a white A4 page (RGB, 300 dpi); text shrinks until everything fits."""
    layout = layout or choose_layout(rnd, content)
    landscape = layout in ("diploma", "english") or (layout == "formal" and rnd.random() < 0.3)
    size = (A4_PORTRAIT[1], A4_PORTRAIT[0]) if landscape else A4_PORTRAIT
    needs_kazakh = content.language != "en" or any(ch in "әғқңөұүһіӘҒҚҢӨҰҮҺІ" for ch in content.holder)
    family = marks.pick_family(rnd, needs_kazakh)
    scale = rnd.uniform(0.9, 1.1) if landscape else rnd.uniform(1.1, 1.35)
    state, best = rnd.getstate(), None
    for _attempt in range(7):
        rnd.setstate(state)
        page = _draw_once(rnd, content, org, layout, size, family, scale)
        if page.overflow:
            if best is not None:
                break
            scale *= 0.87
            continue
        best = page
        if page.y > size[1] * 0.6 or scale > 1.6:
            break
        scale *= 1.12  # much room left: larger print, as real certificates fill the page
    page = best or page
    page.image.info["dpi"] = (DPI, DPI)
    return page.image
