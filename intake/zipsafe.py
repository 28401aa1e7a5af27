"""Opens an uploaded ZIP only after checking every entry: no traversal, links, nested archives or bombs."""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

_DRIVE = re.compile(r"^[A-Za-z]:")
_NESTED_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")
_CHUNK = 64 * 1024


class UnsafeZip(ValueError):
    """The archive is refused as a whole; the message names the entry and the rule."""


class ZipTooLarge(UnsafeZip):
    """The archive unpacks to more than the limits allow (entries, total size, compression ratio)."""


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_total_bytes: int
    max_ratio: int


@dataclass(frozen=True)
class ZipEntry:
    path: str  # normalised POSIX path inside the archive, no leading '/'
    data: bytes


def _safe_path(name: str) -> str:
    """The entry's path, or UnsafeZip for absolute paths, drive letters, '..' parts and backslash tricks."""
    if "\x00" in name:
        raise UnsafeZip(f"entry {name!r}: NUL in the name")
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        raise UnsafeZip(f"entry {name!r}: absolute path")
    parts = [part for part in unified.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        raise UnsafeZip(f"entry {name!r}: path goes outside the archive ('..')")
    return str(PurePosixPath(*parts)) if parts else ""


def _is_link_or_special(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    if info.create_system != 3 or not stat.S_IFMT(mode):  # not Unix, or permissions only: a plain file
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _check_entry(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    if _is_link_or_special(info):
        raise UnsafeZip(f"entry {info.filename!r}: links and special files are not accepted")
    if info.flag_bits & 0x1:
        raise UnsafeZip(f"entry {info.filename!r}: encrypted entries are not accepted")
    if info.file_size > limits.max_total_bytes:
        raise ZipTooLarge(f"entry {info.filename!r} unpacks to {info.file_size} bytes, "
                          f"limit {limits.max_total_bytes}")
    if info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise ZipTooLarge(f"entry {info.filename!r} is compressed more than {limits.max_ratio}:1 (a ZIP bomb?)")


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """The file entries of `archive` after checking all of them against the rules; nothing is extracted."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise ZipTooLarge(f"archive has {len(infos)} entries, limit {limits.max_entries}")
    declared_total = 0
    seen: set[str] = set()
    files = []
    for info in infos:
        path = _safe_path(info.filename)
        _check_entry(info, limits)
        if info.is_dir() or not path:
            continue
        if path in seen:
            raise UnsafeZip(f"entry {info.filename!r} appears twice")
        seen.add(path)
        declared_total += info.file_size
        if declared_total > limits.max_total_bytes:
            raise ZipTooLarge(f"archive unpacks to more than {limits.max_total_bytes} bytes")
        files.append(info)
    return files


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one entry, never trusting its declared size: stop once it exceeds the declared size or the budget."""
    allowed = min(info.file_size, budget)
    buffer = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            buffer += chunk
            if len(buffer) > allowed:
                raise ZipTooLarge(f"entry {info.filename!r} unpacks to more than it declares or the limit allows")
    return bytes(buffer)


def read_zip(data: bytes, limits: ZipLimits) -> list[ZipEntry]:
    """Every file of a checked ZIP, in archive order; UnsafeZip when any rule is broken (nested archives too)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:  # e.g. "zip file version 9.9"
        raise UnsafeZip(f"not a readable ZIP archive: {exc}") from exc
    entries: list[ZipEntry] = []
    with archive:
        infos = check_zip(archive, limits)
        budget = limits.max_total_bytes
        for info in infos:
            try:
                content = _read_bounded(archive, info, budget)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise UnsafeZip(f"entry {info.filename!r} cannot be unpacked: {exc}") from exc
            budget -= len(content)
            if content.startswith(_NESTED_ARCHIVE_MAGIC):
                raise UnsafeZip(f"entry {info.filename!r} is itself an archive; nested archives are not accepted")
            entries.append(ZipEntry(_safe_path(info.filename), content))
    return entries
