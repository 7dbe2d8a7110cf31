"""Figures renamed in the catalogue and still named by their old names in an office's templates
(指标.旧名, 指标["旧名"], 指标.有("旧名")): the same 「已改名」 notices as a data file gets, and the rewrite."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from generator.data import catalogue
from generator.write import files


@dataclass(frozen=True)
class Renamed:
    """An old figure name at one line of a template."""

    path: Path
    line: int
    old: str
    new: str

    def notice(self, folder: Path) -> str:
        return (
            f"{self.path}:{self.line}: 「{self.old}」已改名为「{self.new}」，仍可使用；建议改用新名"
            f"（generator 模板 更新 {folder} 可自动改写）"
        )


def _names(tree: nodes.Template) -> list[tuple[str, int]]:
    """(figure name, line) of every 指标.X, 指标["X"], 指标.有("X", …) and 指标.全有(…) in a template."""
    found = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call)):
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "指标":
            found.append((node.attr, node.lineno))
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.node, nodes.Name)
            and node.node.name == "指标"
            and isinstance(node.arg, nodes.Const)
        ):
            found.append((str(node.arg.value), node.lineno))
        elif (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Getattr)
            and node.node.attr in ("有", "全有")
        ):
            found += [(str(a.value), a.lineno) for a in node.args if isinstance(a, nodes.Const)]
    return found


def find(folder: Path) -> list[Renamed]:
    """Every old figure name in the templates of ``folder`` (a template that does not parse is left to
    check-templates to report)."""
    env = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    old = catalogue.old_keys()
    found = []
    for path in sorted(folder.rglob("*.j2")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            tree = env.parse(path.read_text(encoding="utf-8"))
        except (jinja2.TemplateSyntaxError, UnicodeDecodeError, OSError):
            continue
        seen = set()
        for name, line in _names(tree):
            if name in old and (name, line) not in seen:
                seen.add((name, line))
                found.append(Renamed(path, line, name, old[name].key))
    return found


def notices(folder: Path | None) -> list[str]:
    """The 「已改名」 notices of ``folder``'s templates."""
    if folder is None or not folder.is_dir():
        return []
    return [r.notice(folder) for r in find(folder)]


def _rewrite(line: str, old: str, new: str) -> str:
    line = re.sub(rf"(指标\s*\.\s*){re.escape(old)}(?![\w])", rf"\g<1>{new}", line)
    return re.sub(rf"""(["']){re.escape(old)}\1""", rf"\g<1>{new}\g<1>", line)


def update(folder: Path) -> list[str]:
    """Rewrite every old figure name in ``folder``'s templates to its new name; a line for each change."""
    done = []
    by_file: dict[Path, list[Renamed]] = {}
    for r in find(folder):
        by_file.setdefault(r.path, []).append(r)
    for path, renames in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for r in renames:
            lines[r.line - 1] = _rewrite(lines[r.line - 1], r.old, r.new)
            done.append(f"{path}:{r.line}: 「{r.old}」→「{r.new}」")
        files.write_text_atomically(path, "\n".join(lines))
    return done
