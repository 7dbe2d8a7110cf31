"""A per-user cache folder for work every start would otherwise repeat (compiling the built-in templates).

Compiled templates are code: the folder is used only when it is the user's own and nobody else can write to
it, and any failure to read or write it just means doing the work again. ``MINZHENG_CACHE`` names another
folder; set to the empty string, it turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import BaseLoader, Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

APP = "minzheng-nianbao"
T = TypeVar("T")


def root() -> Path | None:
    """The cache folder of this user, or None when the cache is off."""
    chosen = os.environ.get("MINZHENG_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / APP / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP


def _private(folder: Path) -> bool:
    """True when ``folder`` is a real folder that only this user can write to (always so on Windows)."""
    if not hasattr(os, "getuid"):
        return True
    info = folder.lstat()
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def folder(*names: str) -> Path | None:
    """``root()/names…``, created private to the user; None when the cache is off, unsafe or not writable."""
    top = root()
    if top is None:
        return None
    chain = [top.joinpath(*names[:i]) for i in range(len(names) + 1)]
    try:
        top.parent.mkdir(parents=True, exist_ok=True)
        for path in chain:
            path.mkdir(mode=0o700, exist_ok=True)
        if not all(_private(path) for path in chain):
            return None
    except (OSError, RuntimeError):  # RuntimeError: no home folder to put it in
        return None
    return chain[-1]


def digest(*parts: str | bytes | Path) -> str:
    """A short hash of ``parts``; a path stands for its contents (the code a cached value came from)."""
    h = hashlib.sha256(f"{sys.version}".encode())
    for part in parts:
        h.update(
            part.read_bytes() if isinstance(part, Path) else part.encode() if isinstance(part, str) else part
        )
        h.update(b"\0")
    return h.hexdigest()[:32]


_MAGIC = b"minzheng-cache-1\n"  # then the sha256 of the payload, then the payload
MAX_ENTRY = 64 * 1024 * 1024  # bytes: the largest entry (the base document) is well under 1 MB


def store(path: Path, data: bytes) -> None:
    """Write a cache file whole (through a rename), or not at all, with the digest of its contents."""
    tmp = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as f:
            tmp = Path(f.name)
            f.write(_MAGIC + hashlib.sha256(data).digest() + data)
        tmp.replace(path)
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` when it is a regular file of at most MAX_ENTRY bytes (a FIFO or a device planted
    in the cache is never read); None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_ENTRY + 1)
        return data if len(data) <= MAX_ENTRY else None
    except OSError:
        return None
    finally:
        os.close(fd)


def load(path: Path) -> bytes | None:
    """The contents :func:`store` wrote at ``path``, or None: missing, unreadable, or changed since (a bit
    flipped on disk, a file cut short, a file of an older version). A changed entry is removed, to be made
    again; nothing is said (the cache only ever saves time), and nothing unverified reaches pickle, marshal or
    the zip reader."""
    raw = _read_regular(path)
    if raw is None:
        return None
    head = len(_MAGIC) + hashlib.sha256().digest_size
    data = raw[head:]
    if raw[: len(_MAGIC)] != _MAGIC or raw[len(_MAGIC) : head] != hashlib.sha256(data).digest():
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return data


def remembered(kind: str, key: str, make: Callable[[], T]) -> T:
    """``make()``, kept between runs under ``key`` (which must name everything the value depends on)."""
    place = folder(kind)
    path = place / f"{key}.pickle" if place else None
    data = load(path) if path is not None else None
    if data is not None:
        # Only this user can write here (see folder()), and the bytes are the ones stored (load()); an entry
        # that still fails to unpickle (a class changed shape) is just made again.
        with contextlib.suppress(Exception):
            kept: T = pickle.loads(data)
            return kept
    value = make()
    if path is not None:
        store(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache for the templates under ``under``; a failing disk is not an error."""

    def __init__(self, directory: Path, under: Path) -> None:
        super().__init__(str(directory), "%s.jinja")
        self.under = str(under.resolve()) + os.sep

    def _ours(self, filename: str | None) -> bool:
        # Built-in templates only: a template folder of the user's (or of a test) would add files forever.
        return filename is not None and os.path.realpath(filename).startswith(self.under)

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        if not self._ours(filename):
            return Bucket(environment, "", self.get_source_checksum(source))
        return super().get_bucket(environment, name, filename, source)

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.key:
            super().set_bucket(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        # Compiled code is unmarshalled and run: only bytes whose digest holds (a flipped bit in marshal data
        # can crash the interpreter or change a template's text).
        data = load(Path(self._get_cache_filename(bucket)))
        if data is None:
            bucket.reset()
            return
        bucket.load_bytecode(io.BytesIO(data))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None:
            return
        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        store(Path(self._get_cache_filename(bucket)), buffer.getvalue())


def _settings(env: Environment) -> str:
    """What the compiled code depends on besides a template's own text, as a folder name."""
    import inspect

    import jinja2

    settings: tuple[Any, ...] = (
        jinja2.__version__,
        type(env).__qualname__,
        sorted(env.extensions),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.autoescape,
        sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())),
        # the code generator itself (the sandbox compiles every loop to watch the deadline)
        digest(Path(inspect.getfile(env.code_generator_class))),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def use_template_cache(env: Environment, templates: Path) -> None:
    """Let ``env`` keep the templates under ``templates`` compiled between runs."""
    place = folder("templates", _settings(env))
    if place is not None and isinstance(env.loader, BaseLoader):
        env.bytecode_cache = _TemplateCache(place, templates)
