"""Built-in files an office copied into its template folder, and what became of them since: a copy carries
a header naming its source and version (a hash of the built-in's text), the text it was copied from is
kept beside it (.内置原版.json), so that a later change of the built-in is announced and shown.

An office file that extends a built-in one (``{% extends "内置/report.j2" %}``) and rewrites some of its blocks
is tracked the same way, by the blocks it rewrites: a change to the built-in's 落款 is announced to an office
that rewrote 落款, a change elsewhere reaches it by itself."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import generator
from generator.errors import ConfigError
from generator.suggest import closest
from generator.templateset import builtin_templates
from generator.write import files

ORIGINALS = ".内置原版.json"
_HEADER = re.compile(r"复制自内置模板 (\S+?)，版本 ([0-9a-f]{12})")
_BLOCK_HEADER = re.compile(r"改写自内置模板 (\S+?) 的块 (\S+?)，版本 ([0-9a-f]{12})")
_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']内置/([^"']+)["']""")
_BLOCK_TAG = re.compile(r"\{%-?\s*(?:block\s+([^\s%-]+)(?:\s+scoped)?|endblock(?:\s+[^\s%-]+)?)\s*-?%\}")
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_BLOCKS_KEY = "#块"  # .内置原版.json keeps the rewritten blocks of NAME under NAME#块
_SUFFIXES = (".j2", ".yaml")


@dataclass(frozen=True)
class Copy:
    """An office file copied from a built-in one: where it is, which built-in, which version."""

    path: Path
    name: str  # the built-in's path inside the template folder, as 总结/社会救助.j2
    version: str
    blocks: tuple[str, ...] = ()  # the blocks it rewrites, for a file that extends the built-in

    @property
    def key(self) -> str:
        """Its entry in .内置原版.json."""
        return self.name + _BLOCKS_KEY if self.blocks else self.name

    @property
    def what(self) -> str:
        """The built-in text it follows, in words: 内置模板 report.j2, or 内置模板 report.j2 的块 导语、落款."""
        return f"内置模板 {self.name}" + (f" 的块 {'、'.join(self.blocks)}" if self.blocks else "")


def version(text: str) -> str:
    """The version of a built-in file: a hash of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _header(name: str, ver: str) -> str:
    words = (
        f"复制自内置模板 {name}，版本 {ver}（起草器 {generator.__version__}）。内置模板以后改了，generator check-templates "
        "会提示，generator 模板 对比 本文件 可看改了什么。请保留这一行"
    )
    return f"{{# {words} #}}\n" if name.endswith(".j2") else f"# {words}\n"


def _block_header(name: str, blocks: tuple[str, ...], ver: str) -> str:
    words = (
        f"改写自内置模板 {name} 的块 {'、'.join(blocks)}，版本 {ver}（起草器 {generator.__version__}）。"
        "内置模板以后改了这几块，generator check-templates 会提示，generator 模板 对比 本文件 可看改了什么。请保留这一行"
    )
    return f"{{# {words} #}}\n"


def blocks(text: str) -> dict[str, str]:
    """Every ``{% block %}`` of a template's text, by name, from its opening tag to its ``{% endblock %}``."""
    found: dict[str, str] = {}
    opened: list[tuple[str, int]] = []
    # 「再写 {% block 导语 %}」 in a comment is no block
    comments = [m.span() for m in _COMMENT.finditer(text)]
    for m in _BLOCK_TAG.finditer(text):
        if any(start <= m.start() < end for start, end in comments):
            continue
        if m[1]:
            opened.append((m[1], m.start()))
        elif opened:
            name, start = opened.pop()
            found.setdefault(name, text[start : m.end()])
    return found


def _blocks_text(text: str, names: tuple[str, ...]) -> str:
    """The named blocks of a built-in's ``text``, one after another (the text an office's rewrite follows)."""
    found = blocks(text)
    return "".join(found[n] + "\n" for n in names if n in found)


def builtin_names() -> list[str]:
    """Every built-in file an office may copy (templates and the YAML files beside them)."""
    root = builtin_templates()
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.suffix in _SUFFIXES
    )


def _builtin_text(name: str) -> str | None:
    path = builtin_templates() / name
    return path.read_text(encoding="utf-8") if path.is_file() and name in builtin_names() else None


def _originals(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / ORIGINALS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _keep_original(folder: Path, name: str, text: str) -> None:
    kept = _originals(folder)
    kept[name] = {"版本": version(text), "原文": text}
    files.write_text_atomically(folder / ORIGINALS, json.dumps(kept, ensure_ascii=False, indent=1) + "\n")


def copy(name: str, folder: Path, *, overwrite: bool = False, only: tuple[str, ...] = ()) -> Path:
    """Copy the built-in ``name`` into ``folder`` (same relative path) with its header; the built-in's text is
    kept in ``folder``/.内置原版.json for `模板 对比`. With ``only`` (block names), write a file that extends the
    built-in and rewrites just those blocks, starting from the built-in's own."""
    name = name.replace("\\", "/").removeprefix("templates/")
    text = _builtin_text(name)
    if text is None:
        guess = closest(name, builtin_names(), cutoff=0.6)
        hint = f"是否想写：{guess}？" if guess else f"可复制的有：{'、'.join(builtin_names())}"
        raise ConfigError(f"没有内置模板「{name}」；{hint}")
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}：不是一个文件夹，请在 --到 后写模板文件夹")
    target = folder / name
    if target.exists() and not overwrite:
        raise ConfigError(
            f"{target}：文件已存在，为免覆盖已改的内容没有复制；"
            f"要看内置模板改了什么请用 generator 模板 对比 {target}，确需重新复制时加 --覆盖"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if only:
        own = _known_blocks(name, text, only)
        written = _blocks_text(text, own)
        files.write_text_atomically(
            target, _block_header(name, own, version(written)) + f'{{% extends "内置/{name}" %}}\n' + written
        )
        _keep_original(folder, name + _BLOCKS_KEY, written)
        return target
    files.write_text_atomically(target, _header(name, version(text)) + text)
    _keep_original(folder, name, text)
    return target


def _known_blocks(name: str, text: str, only: tuple[str, ...]) -> tuple[str, ...]:
    have = blocks(text)
    names = tuple(dict.fromkeys(n.strip() for part in only for n in re.split(r"[,，、]", part) if n.strip()))
    unknown = [n for n in names if n not in have]
    if unknown or not names:
        listed = "、".join(have) or "（没有）"
        raise ConfigError(f"内置模板 {name} 中没有块「{'」「'.join(unknown)}」；可改写的块：{listed}")
    return names


def _read_header(path: Path) -> Copy | None:
    try:
        with path.open(encoding="utf-8") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return None
    found = _HEADER.search(first)
    if found:
        return Copy(path, found[1], found[2])
    rewrite = _BLOCK_HEADER.search(first)
    return Copy(path, rewrite[1], rewrite[3], tuple(rewrite[2].split("、"))) if rewrite else None


def _current(c: Copy) -> str | None:
    """The built-in text ``c`` follows, as it is now (None when the built-in is gone)."""
    text = _builtin_text(c.name)
    return _blocks_text(text, c.blocks) if text is not None and c.blocks else text


def _untracked_rewrite(path: Path) -> Copy | None:
    """A file without a header that extends a built-in and rewrites some of its blocks (version unknown)."""
    if path.suffix != ".j2" or _read_header(path) is not None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    base = _EXTENDS.search(text)
    builtin = _builtin_text(base[1]) if base else None
    if base is None or builtin is None:
        return None
    have = blocks(builtin)
    own = tuple(n for n in blocks(text) if n in have)
    return Copy(path, base[1], "", own) if own else None


def _office_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix in _SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def copies(folder: Path) -> list[Copy]:
    """Every file of ``folder`` copied from a built-in one (with its header)."""
    return [c for p in _office_files(folder) if (c := _read_header(p)) is not None]


def outdated(folder: Path) -> list[str]:
    """A line for each copy whose built-in has changed (or gone) since it was copied, and for each rewrite of
    built-in blocks whose version was never recorded."""
    lines = []
    for p in _office_files(folder):
        loose = _untracked_rewrite(p)
        if loose is not None:
            lines.append(
                f"{p}：改写了{loose.what}，没有记下照的是哪一版，内置模板以后改了这几块时无法提示；"
                f"运行 generator 模板 对比 {p} --已合并 记下现在的版本"
            )
    for c in copies(folder):
        text = _current(c)
        if text is None:
            lines.append(
                f"{c.path}：复制自内置模板 {c.name}，这个内置模板已不存在（改名或删去了），本文件不再起作用"
            )
        elif version(text) != c.version:
            lines.append(
                f"{c.path}：{'改写' if c.blocks else '复制'}自{c.what} 的 {c.version} 版，"
                f"内置模板此后已改（现为 {version(text)} 版），本文件还是旧的写法。运行 generator 模板 对比 {c.path} 查看改了什么，把要的改动改进本文件后，"
                f"运行 generator 模板 对比 {c.path} --已合并 记下新版本"
            )
    return lines


def _copy_of(path: Path, *, untracked: bool = False) -> Copy:
    if not path.is_file():
        raise ConfigError(f"{path}：文件不存在")
    found = _read_header(path) or _untracked_rewrite(path)
    if found is not None and not found.version and not untracked:
        raise ConfigError(
            f"{path}：改写了{found.what}，但没有记下照的是哪一版，无从对比；"
            f"运行 generator 模板 对比 {path} --已合并 记下现在的版本，以后内置模板改了这几块时就能对比"
        )
    if found is None:
        raise ConfigError(
            f"{path}：第一行没有「复制自内置模板 …，版本 …」，不知道它复制自哪个内置模板的哪一版；"
            "用 generator 模板 复制 复制的文件才能对比"
        )
    return found


def diff(path: Path) -> str:
    """The built-in's changes since ``path`` was copied, as a unified diff (empty when there are none)."""
    found = _copy_of(path)
    now = _current(found)
    if now is None:
        raise ConfigError(f"{path}：复制自内置模板 {found.name}，这个内置模板已不存在")
    if version(now) == found.version:
        return ""
    kept = _originals(path.parents[found.name.count("/")]).get(found.key, {})
    if kept.get("版本") != found.version or not isinstance(kept.get("原文"), str):
        raise ConfigError(
            f"{path}：找不到复制时内置模板的原文（应在模板文件夹的 {ORIGINALS} 中），只知道内置模板已改；"
            f"可把本文件与现在的内置模板 {builtin_templates() / found.name} 逐行对照"
        )
    label = found.what.replace("内置模板", "内置", 1)
    return "".join(
        difflib.unified_diff(
            kept["原文"].splitlines(keepends=True),
            now.splitlines(keepends=True),
            fromfile=f"{label}（{found.version} 版，{'改写' if found.blocks else '复制'}时）",
            tofile=f"{label}（{version(now)} 版，现在）",
        )
    )


def mark_merged(path: Path) -> str:
    """Record that the built-in's current version is merged into ``path``: its header and the kept text."""
    found = _copy_of(path, untracked=True)
    now = _current(found)
    if now is None:
        raise ConfigError(f"{path}：复制自内置模板 {found.name}，这个内置模板已不存在")
    text = path.read_text(encoding="utf-8")
    if found.blocks:
        rest = text.partition("\n")[2] if found.version else text  # an untracked rewrite has no header yet
        files.write_text_atomically(path, _block_header(found.name, found.blocks, version(now)) + rest)
    else:
        files.write_text_atomically(path, _header(found.name, version(now)) + text.partition("\n")[2])
    _keep_original(path.parents[found.name.count("/")], found.key, now)
    return version(now)
