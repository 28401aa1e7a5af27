"""A stand-in for the OCR engine in the reader tests: the same TSV for every block read, the reads counted."""

from __future__ import annotations

import numpy as np


class CannedBlockReader:
    """Answers every `ocr_block_tsv` with the TSV it was given; `asked` counts the reads."""

    def __init__(self, tsv: str) -> None:
        self.tsv, self.asked = tsv, 0

    def ocr_block_tsv(self, image: np.ndarray, languages: str) -> str:
        self.asked += 1
        return self.tsv
