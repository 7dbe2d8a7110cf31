"""A .docx as its zip members, written in one pass: members that never change between drafts (styles, theme,
footers: 98% of the bytes) are compressed once per process and copied as they are.

The standard library's zipfile cannot take data that is already compressed, hence this small writer.
"""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # the layouts zipfile uses (APPNOTE 4.3.7, 4.3.12, 4.3.16)
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # 2.0: deflate
_DEFLATED = 8
_MAX = 0xFFFF_FFFF  # past this a member or the archive needs ZIP64, which a draft never does


@dataclass(frozen=True)
class Member:
    """One zip member: its name, the CRC, size and sha256 of its bytes, and those bytes compressed (raw
    deflate)."""

    name: str
    crc: int
    size: int
    sha256: bytes
    deflated: bytes


def member(name: str, data: bytes) -> Member:
    """``data`` as a member named ``name``, compressed as zipfile would (deflate, default level)."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    digest = hashlib.sha256(data).digest()
    return Member(name, zlib.crc32(data), len(data), digest, packer.compress(data) + packer.flush())


def inflate(m: Member) -> bytes:
    """The bytes of ``m``."""
    return zlib.decompress(m.deflated, -15)


def read_zip(data: bytes, digests: dict[str, bytes]) -> dict[str, Member]:
    """The deflated members of a zip written by :func:`write_zip`, as they are (not decompressed), with
    the sha256 of each as ``digests`` says."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as e:
        raise ValueError(str(e)) from None
    members = {}
    for info in infos:
        deflated = stored(data, info)
        if deflated is None:
            raise ValueError(f"{info.filename}: not a member this writer wrote")
        members[info.filename] = Member(
            info.filename, info.CRC, info.file_size, digests[info.filename], deflated
        )
    return members


def stored(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The deflated bytes of the member ``info`` of the zip ``data`` as stored; None unless plainly deflated."""
    if info.compress_type != _DEFLATED or info.flag_bits & 0x1:  # bit 0: encrypted
        return None
    try:
        fields = _LOCAL.unpack_from(data, info.header_offset)
    except struct.error:
        return None
    if fields[0] != b"PK\x03\x04":
        return None
    start = info.header_offset + _LOCAL.size + fields[-2] + fields[-1]
    return data[start : start + info.compress_size]


# Members this process wrote, by the sha256 of their deflated bytes: the sha256 of their data. The same
# deflated bytes inflate to the same data, so checking a draft of ours need not inflate 800 KB of styles.
_KNOWN: dict[bytes, bytes] = {}


def remember(m: Member) -> None:
    _KNOWN[hashlib.sha256(m.deflated).digest()] = m.sha256


def known_digest(deflated: bytes) -> bytes | None:
    """The sha256 of the data of a member this process wrote, from its deflated bytes; else None."""
    return _KNOWN.get(hashlib.sha256(deflated).digest())


def _dos_time(seconds: float) -> tuple[int, int]:
    t = time.localtime(seconds)
    return (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2), ((t.tm_year - 1980) << 9) | (
        t.tm_mon << 5
    ) | t.tm_mday


def write_zip(out: IO[bytes], members: Iterable[Member]) -> None:
    """Write ``members`` as a zip archive to ``out``, dated now (as zipfile dates what it writes)."""
    clock, day = _dos_time(time.time())
    offset = 0
    chunks: list[bytes] = []
    directory: list[bytes] = []
    for m in members:
        name = m.name.encode("ascii")  # OPC part names are ASCII
        if m.size > _MAX or offset > _MAX:
            raise ValueError(f"{m.name}: too large for a zip without ZIP64")
        sizes = (m.crc, len(m.deflated), m.size)
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, 0, _DEFLATED, clock, day, *sizes, len(name), 0)
        entry = (_VERSION, 3, _VERSION, 0, 0, _DEFLATED, clock, day, *sizes, len(name), 0, 0, 0, 0)
        directory.append(_CENTRAL.pack(b"PK\x01\x02", *entry, 0o600 << 16, offset) + name)
        chunks += (header, name, m.deflated)
        offset += len(header) + len(name) + len(m.deflated)
    central = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central), offset, 0)
    out.write(b"".join((*chunks, central, end)))
