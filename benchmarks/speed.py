"""Pages per minute of `tekser batch` against plain `tesseract` CLI runs, on the same damaged 300-dpi pages.

Usage: python -m benchmarks.speed [--pages DIR] [--count 40] [--workers N] [--workdir bench-out/speed]
Without --pages it renders COUNT damaged pages with known text (PAGE.png + PAGE.txt); with --pages it reads
every image in DIR and uses PAGE.txt next to it as the known text when present.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
TEXTS = {
    "ru": ("СЕРТИФИКАТ о повышении квалификации № {n}", "Настоящий сертификат выдан {name}",
           "в том, что он(а) с {d1} по {d2} прошёл(ла) обучение", "по программе «Актуальные вопросы {topic}»",
           "в объёме {h} часов (кредитов: {c})", "НАО «Медицинский университет Караганды»",
           "Ректор ____________ Ж. Б. Тулеубаев", "г. Караганда, дата выдачи {d3}"),
    "kk": ("БІЛІКТІЛІКТІ АРТТЫРУ ТУРАЛЫ КУӘЛІК № {n}", "Осы куәлік {name} берілді",
           "{d1} бастап {d2} дейін оқудан өтті", "«{topic} өзекті мәселелері» бағдарламасы бойынша",
           "көлемі {h} сағат, {c} кредит", "Қарағанды медицина университеті КеАҚ",
           "Ұлттық ғылыми орталығы, Өскемен қаласы", "берілген күні {d3}, тіркеу нөмірі {n}"),
    "en": ("CERTIFICATE of advanced training No. {n}", "This is to certify that {name}",
           "attended the course from {d1} to {d2}", "Current issues in {topic}",
           "total of {h} academic hours ({c} credits)", "Astana Medical University, Kazakhstan",
           "Rector ____________ signature", "Date of issue {d3}"),
}
NAMES = {"ru": ("Иванову Петру Сергеевичу", "Смагуловой Айгерим Маратовне", "Ким Ольге Викторовне"),
         "kk": ("Жақсыбекова Әйгерім Серікқызына", "Нұрланов Ерғали Бақытұлына", "Өмірзақова Гүлнәр Қайратқызына"),
         "en": ("Aigerim Zhaksybekova", "Yergali Nurlanov", "Olga Kim")}
TOPICS = {"ru": ("педиатрии", "кардиологии", "неврологии"), "kk": ("Педиатрияның", "Кардиологияның", "Хирургияның"),
          "en": ("pediatrics", "cardiology", "neurology")}


def _page_lines(language: str, rng: random.Random) -> list[str]:
    values = {"n": f"{rng.randint(1, 99999):05d}", "name": rng.choice(NAMES[language]),
              "topic": rng.choice(TOPICS[language]), "h": rng.choice((36, 54, 72, 108, 216)),
              "c": rng.choice((2, 3, 4, 6)), "d1": f"{rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.2024",
              "d2": f"{rng.randint(1, 28):02d}.1{rng.randint(0, 2)}.2024", "d3": f"{rng.randint(1, 28):02d}.12.2024"}
    return [template.format(**values) for template in TEXTS[language]]


def _damage(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Scanner/phone damage: skew, uneven light, blur, noise, JPEG; sometimes turned by 90/180 degrees."""
    height, width = page.shape
    angle = rng.uniform(-3.0, 3.0)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    page = cv2.warpAffine(page, matrix, (width, height), borderValue=255)
    ramp = np.linspace(rng.uniform(0.55, 0.85), 1.0, width, dtype=np.float32)[None, :]
    shaded = page.astype(np.float32) * (ramp if rng.random() < 0.5 else ramp[:, ::-1])
    blurred = cv2.GaussianBlur(shaded, (0, 0), rng.uniform(0.6, 1.3))
    noisy = blurred + np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(4, 12), page.shape)
    page = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", page, (cv2.IMWRITE_JPEG_QUALITY, rng.randint(45, 80)))
    decoded = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE) if ok else None
    page = page if decoded is None else decoded
    turn = rng.choices((None, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180), (8, 1, 1))[0]
    return page if turn is None else cv2.rotate(page, turn)


def render_damaged_page(lines: Sequence[str], rng: random.Random, dpi: int = 300) -> np.ndarray:
    """An A4 page at `dpi` with `lines` in 10–14 pt type, then damaged."""
    image = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    size = round(rng.uniform(10, 14) * dpi / 72)
    font = ImageFont.truetype(rng.choice(FONTS), size)
    y = int(1.0 * dpi)
    for line in lines:
        draw.text((int(0.8 * dpi), y), line, font=font, fill=rng.randint(0, 60))
        y += int(size * rng.uniform(1.6, 2.2))
    return _damage(np.asarray(image, dtype=np.uint8), rng)


def generate_pages(folder: Path, count: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for index in range(count):
        language = ("ru", "kk", "en")[index % 3]
        lines = _page_lines(language, rng) * 2
        page = render_damaged_page(lines, rng)
        Image.fromarray(page).save(folder / f"page_{index:03d}.png", dpi=(300, 300))
        (folder / f"page_{index:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def page_images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff"))


def baseline_side(images: list[Path], workers: int, out: Path) -> dict[Path, str]:
    """`ls PAGES | xargs -P N -I{} tesseract {} OUT/{} -l rus+kaz+eng`, as a person would script it."""
    out.mkdir(parents=True, exist_ok=True)
    folder = images[0].parent
    names = "\n".join(p.name for p in images) + "\n"
    command = ["xargs", "-P", str(workers), "-I{}", "tesseract", "{}", str(out.resolve()) + "/{}",
               "-l", "rus+kaz+eng"]
    subprocess.run(command, input=names, text=True, cwd=folder, check=True, stderr=subprocess.DEVNULL)
    return {p: (out / f"{p.name}.txt").read_text(encoding="utf-8") for p in images}


def _inbox_of(images: list[Path], workdir: Path) -> tuple[Path, Path]:
    """One submission folder holding a copy of every page image, and an empty registry."""
    inbox, registry = workdir / "inbox", workdir / "registry"
    shutil.rmtree(inbox, ignore_errors=True)
    folder = inbox / "SPEED-1"
    folder.mkdir(parents=True)
    meta = {"applicant": {"iin": "880514450128", "full_name": "Жақсыбекова Әйгерім Серікқызы"},
            "purpose": "qualification", "target_category": "first", "submitted_at": "2025-11-03",
            "channel": "service_center"}
    (folder / "submission.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    for image in images:
        shutil.copyfile(image, folder / image.name)
    registry.mkdir(parents=True, exist_ok=True)
    (registry / "organizations.csv").write_text(
        "org_id,name,aliases,bin,country,city,accredited_from,accredited_to,reports_to_register\n", encoding="utf-8")
    (registry / "certificates.csv").write_text(
        "cert_number,org_id,holder_iin,holder_name,program,hours,start_date,end_date,issue_date,status\n",
        encoding="utf-8")
    return inbox, registry


def _page_texts(database: Path, images: list[Path]) -> dict[Path, str]:
    """The text tekser stored for each page image, from its database."""
    by_name = {image.name: image for image in images}
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT d.file, p.text FROM documents d JOIN pages p ON p.document_id = d.id "
                                  "ORDER BY d.file, p.page_no").fetchall()
    texts: dict[Path, str] = {}
    for name, text in rows:
        texts[by_name[name]] = texts.get(by_name[name], "") + text + "\n"
    return texts


def tekser_side(images: list[Path], workers: int, workdir: Path) -> tuple[dict[Path, str], float]:
    """`tekser batch` over the images (one submission); texts from its database and the worker peak RSS."""
    inbox, registry = _inbox_of(images, workdir)
    data = workdir / "data"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "TEKSER_DATA_DIR": str(data.resolve()), "COLUMNS": "200"}
    env.pop("TEKSER_REDIS_URL", None)
    env.pop("TEKSER_DATABASE_URL", None)
    command = [sys.executable, "-m", "tekser", "batch", str(inbox), "--registry", str(registry),
               "--out", str(workdir / "out"), "--workers", str(workers)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    peak = re.search(r"worker peak memory \(MB\)\s*[│|]?\s*(\d+)", done.stdout)
    return _page_texts(data / "tekser.db", images), float(peak.group(1)) if peak else float("nan")


def accuracy(texts: dict[Path, str]) -> tuple[float, float]:
    """(mean character error rate, share of known words found) against PAGE.txt files; NaN without them."""
    rates, found, total = [], 0, 0
    for path, text in texts.items():
        truth_file = path.with_suffix(".txt")
        if not truth_file.exists():
            continue
        truth = " ".join(truth_file.read_text(encoding="utf-8").split())
        read = " ".join(text.split())
        rates.append(Levenshtein.normalized_distance(truth, read))
        truth_words, read_words = Counter(truth.split()), Counter(read.split())
        found += sum((truth_words & read_words).values())
        total += sum(truth_words.values())
    if not rates:
        return float("nan"), float("nan")
    return float(np.mean(rates)), found / total


def measured(run: Callable[[], tuple[dict[Path, str], float]]) -> tuple[tuple[dict[Path, str], float], float, float]:
    """(result, wall seconds, CPU seconds of the child processes it ran)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=Path("bench-out/speed"))
    args = parser.parse_args()
    folder = args.pages
    if folder is None:
        folder = args.workdir / "pages"
        shutil.rmtree(folder, ignore_errors=True)
        generate_pages(folder, args.count, args.seed)
    images = page_images(folder)
    print(f"{len(images)} pages, {args.workers} processes, on {os.cpu_count()} cores")
    print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine skews wall-clock times)")
    (base_texts, _), base_seconds, base_cpu = measured(
        lambda: (baseline_side(images, args.workers, args.workdir / "baseline"), 0.0))
    (ours, peak_mb), our_seconds, our_cpu = measured(lambda: tekser_side(images, args.workers, args.workdir))
    for name, texts, seconds, cpu in (("tesseract CLI", base_texts, base_seconds, base_cpu),
                                      ("tekser batch", ours, our_seconds, our_cpu)):
        cer, words = accuracy(texts)
        print(f"{name:14s} {len(images) / seconds * 60:7.1f} pages/min  ({seconds:6.1f} s wall, "
              f"{cpu / len(images):5.2f} CPU-s/page)  CER {cer:.3f}  known words found {words:.1%}")
    print(f"speed ratio {base_seconds / our_seconds:.2f}x wall-clock, {base_cpu / our_cpu:.2f}x CPU time; "
          f"worker peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
