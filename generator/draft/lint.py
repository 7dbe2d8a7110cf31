"""Static analysis of templates: every mistake found from the syntax tree, in every branch, whether or not
a county's data reaches it, each located at its line and said in Chinese with what to write instead.

Found here: syntax errors (:mod:`generator.draft.syntax`), unknown figures in ``指标.X`` and
``指标.有("X")`` (with the closest name of the catalogue), unknown filters and tests (with the list of
ours), unknown macros of an imported library and a library imported without the context it needs,
undefined names, templates named in include/import/extends that do not exist, blocks a child template
defines that its parent lacks, and numbers typed into a template (a number must come from the data).
Also the files of a template folder whose name no part of the program reads (``样式.yml``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError

from generator.data import catalogue
from generator.draft.filters import FILTERS
from generator.draft.sandbox import BUILTIN_PREFIX, NotUtf8
from generator.draft.syntax import explain
from generator.suggest import closest

FIGURE = "指标"
FIGURE_METHODS = frozenset({"有", "全有", "已有", "段落"})
FIGURE_CALLS = ("有", "全有")
MACROS = "_宏.j2"
# Words a maintainer may guess for a filter that has another name: by meaning, as no spelling is close.
FILTER_MEANING = {
    "连接": "join",
    "拼接": "join",
    "合并": "join",
    "长度": "length",
    "个数": "length",
    "第一个": "first",
    "最后一个": "last",
    "默认": "default",
    "列出": "列举",
    "排序": "sort",
    "去重": "unique",
}
JINJA_NAMES = frozenset(
    {
        "loop",
        "caller",
        "varargs",
        "kwargs",
        "range",
        "true",
        "false",
        "none",
        "True",
        "False",
        "None",
        "self",
        "super",
    }
)
# Config files a template folder may hold besides its templates (the office's own topics file, when it has
# one, is read by the template set: add its name here).
CONFIG_FILES = ("样式.yaml", "skeleton.yaml", "无模板.yaml", "句式.yaml", "参考表述.yaml", "专题.yaml")
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".html", ".yaml", ".yml", ".txt.j2")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:[%％‰]|万|亿)?")


@dataclass(frozen=True)
class Finding:
    """One mistake of a template: the line and what is wrong (and what to write)."""

    line: int
    message: str


# ---------------------------------------------------------------- names each kind of template receives


def _sample_report() -> Any:
    from generator.data.schema import Report

    data = {"单位": "示例县民政局", "地区": "示例县", "年度": 2024, "成文日期": dt.date(2024, 12, 25)}
    return Report.model_validate(data)


@functools.cache
def topic_names() -> frozenset[str]:
    """The names a topic template (and 通用.j2) receives."""
    from generator.draft.context import section_context

    names = set(section_context(_sample_report(), "总结", catalogue.topic_keys()[0], "标题"))
    return frozenset(names | {"参考表述"})


@functools.cache
def report_names() -> frozenset[str]:
    """The names report.j2 receives."""
    from generator.draft.compose import document_context
    from generator.draft.prose import Phrasebook

    return frozenset(document_context(_sample_report(), [], Phrasebook()))


def kind_of(name: str) -> str:
    """report, topic (a topic template or 通用.j2), or library (macros, included pieces)."""
    name = name.removeprefix(BUILTIN_PREFIX)
    part, _, rest = name.partition("/")
    if name == "report.j2":
        return "report"
    if name == "通用.j2" or (part in catalogue.PARTS and rest.removesuffix(".j2") in catalogue.topic_keys()):
        return "topic"
    return "library"


def _topic_of(name: str) -> catalogue.Topic | None:
    part, _, rest = name.removeprefix(BUILTIN_PREFIX).partition("/")
    key = rest.removesuffix(".j2")
    return catalogue.topic(key) if part in catalogue.PARTS and key in catalogue.topic_keys() else None


def _known_names(kind: str) -> frozenset[str]:
    if kind == "report":
        return report_names()
    if kind == "topic":
        return topic_names()
    return topic_names() | report_names()


# ---------------------------------------------------------------- the analysis of one template


def _bound(tree: nodes.Template) -> set[str]:
    """Names the template binds itself: set, for, macro parameters, macros, imports."""
    names: set[str] = set()
    for node in tree.find_all(nodes.Name):
        if node.ctx in ("store", "param"):
            names.add(node.name)
    names.update(m.name for m in tree.find_all(nodes.Macro))
    names.update(i.target for i in tree.find_all(nodes.Import))
    for from_import in tree.find_all(nodes.FromImport):
        names.update(n if isinstance(n, str) else n[1] for n in from_import.names)
    return names


def free_names(tree: nodes.Template, env: jinja2.Environment) -> list[nodes.Name]:
    """Every name the template reads but does not bind (nor is a Jinja or environment global)."""
    bound = _bound(tree) | set(env.globals) | JINJA_NAMES
    return [n for n in tree.find_all(nodes.Name) if n.ctx == "load" and n.name not in bound]


def _const_name(node: nodes.Node | None) -> str | None:
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None


class _Lint:
    def __init__(self, env: jinja2.Environment, name: str, tree: nodes.Template) -> None:
        self.env, self.name, self.tree = env, name, tree
        self.found: list[Finding] = []

    def add(self, line: int, message: str) -> None:
        finding = Finding(line, message)
        if finding not in self.found:
            self.found.append(finding)

    def run(self) -> list[Finding]:
        libraries = self.imports()
        self.names(libraries)
        self.figures()
        self.filters()
        self.numbers()
        self.blocks()
        return sorted(self.found, key=lambda f: f.line)

    # names ----------------------------------------------------------------------------------------

    def names(self, libraries: dict[str, set[str]]) -> None:
        known = _known_names(kind_of(self.name)) | self._parent_names()
        for node in free_names(self.tree, self.env):
            if node.name in known:
                continue
            if node.name == "宏" or (node.name not in libraries and node.name.endswith("宏")):
                self.add(
                    node.lineno,
                    f"未定义的名称「{node.name}」：要用 {MACROS} 中的宏，先在模板开头写 "
                    f'{{% import "{MACROS}" as {node.name} with context %}}',
                )
                continue
            guess = closest(node.name, known)
            hint = f"，是否想写：{guess}" if guess else "（模板可用的名称见 templates/README.md）"
            self.add(node.lineno, f"未定义的名称「{node.name}」{hint}")

    def _parent_names(self) -> frozenset[str]:
        """Names a child template's scoped blocks see from its parent (the loop's 部分, 节)."""
        extends = next(iter(self.tree.find_all(nodes.Extends)), None)
        name = _const_name(extends.template) if extends is not None else None
        parent = self._parse(name) if name else None
        return frozenset(_bound(parent)) if parent is not None else frozenset()

    # imported libraries and their macros ----------------------------------------------------------

    def _parse(self, name: str) -> nodes.Template | None:
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            return self.env.parse(source, name, filename)
        except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError, SecurityError):
            return None

    def _exists(self, name: str) -> bool:
        try:
            self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            return False
        except SecurityError:
            return True  # refused when rendered, with its own message
        return True

    def _missing_template(self, line: int, wanted: str) -> None:
        choices = [n for n in self.env.list_templates() if n.endswith(".j2")]
        guess = closest(wanted, choices)
        hint = f"，是否想写：{guess}" if guess else ""
        self.add(
            line, f"找不到模板「{wanted}」{hint}（模板名相对于模板文件夹，如 {MACROS}、总结/社会救助.j2）"
        )

    def imports(self) -> dict[str, set[str]]:
        """Aliases of imported libraries and their macros; unknown templates and macros reported."""
        libraries: dict[str, set[str]] = {}
        kinds = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
        for node in self.tree.find_all(kinds):
            wanted = _const_name(getattr(node, "template", None))
            if wanted is None or ".." in wanted.split("/") or wanted.startswith("/"):
                continue  # a computed name, or one refused when rendered (outside the template folder)
            if not self._exists(wanted):
                self._missing_template(node.lineno, wanted)
            elif isinstance(node, nodes.Import | nodes.FromImport):
                self._imported(node, wanted, libraries)
        for attr in self.tree.find_all(nodes.Getattr):
            if isinstance(attr.node, nodes.Name) and attr.node.name in libraries:
                macros = libraries[attr.node.name]
                if attr.attr not in macros:
                    self._unknown_macro(attr.lineno, self._library_of(attr.node.name), attr.attr, macros)
        return libraries

    def _imported(
        self, node: nodes.Import | nodes.FromImport, wanted: str, libraries: dict[str, set[str]]
    ) -> None:
        library = self._parse(wanted)
        if library is None:
            return
        macros = {m.name for m in library.body if isinstance(m, nodes.Macro)}
        self._context_needed(node, wanted, library)
        if isinstance(node, nodes.Import):
            libraries[node.target] = macros
            return
        for entry in node.names:
            macro = entry if isinstance(entry, str) else entry[0]
            if macro not in macros:
                self._unknown_macro(node.lineno, wanted, macro, macros)

    def _library_of(self, alias: str) -> str:
        for node in self.tree.find_all(nodes.Import):
            if node.target == alias:
                return _const_name(node.template) or MACROS
        return MACROS

    def _unknown_macro(self, line: int, library: str, macro: str, macros: set[str]) -> None:
        guess = closest(macro, macros)
        hint = f"是否想写：{guess}；" if guess else ""
        self.add(
            line, f"「{library}」中没有宏「{macro}」（{hint}可用的宏：{'、'.join(sorted(macros)) or '无'}）"
        )

    def _context_needed(
        self, node: nodes.Import | nodes.FromImport, wanted: str, library: nodes.Template
    ) -> None:
        if node.with_context:
            return
        used = sorted({n.name for n in free_names(library, self.env)})
        if used:
            alias = node.target if isinstance(node, nodes.Import) else "宏"
            self.add(
                node.lineno,
                f"导入「{wanted}」要加 with context（其中的宏用到了模板的「{'」「'.join(used[:3])}」）："
                f'{{% import "{wanted}" as {alias} with context %}}',
            )

    # figures ----------------------------------------------------------------------------------------

    def figures(self) -> None:
        topic = _topic_of(self.name)
        if kind_of(self.name) == "report":
            return
        if topic is not None:
            keys = {f.key for f in topic.figures} | {old for f in topic.figures for old in f.old}
            where = f"专题「{topic.key}」"
        else:  # 通用.j2 and the libraries are given any topic's figures
            keys = {f.key for f in catalogue.figures().values()}
            keys |= {old for f in catalogue.figures().values() for old in f.old}
            where = "目录中"
        for key, line in figure_refs(self.tree):
            if key in FIGURE_METHODS or key in keys or key.startswith("_"):  # _: the sandbox refuses it
                continue
            elsewhere = next(
                (t for t in catalogue.topics() for f in t.figures if key in (f.key, *f.old)), None
            )
            if topic is not None and elsewhere is not None:  # 特困供养机构数 in 总结/社会救助.j2
                self.add(
                    line,
                    f"「{key}」是专题「{elsewhere.key}」的指标，专题「{topic.key}」的模板拿不到它；"
                    f"请把这句写进 {self.name.removeprefix(BUILTIN_PREFIX).partition('/')[0]}/{elsewhere.key}.j2"
                    "（各专题的指标见 generator topics）",
                )
                continue
            guess = closest(key, keys)
            hint = f"，是否想写：{guess}" if guess else ""
            self.add(line, f"{where}没有指标「{key}」{hint}（各专题的指标见 generator topics）")

    # filters and tests ------------------------------------------------------------------------------

    def filters(self) -> None:
        ours = "、".join(FILTERS)
        for node in self.tree.find_all(nodes.Filter):
            if node.name in self.env.filters:
                continue
            guess = closest(node.name, self.env.filters) or FILTER_MEANING.get(node.name)
            hint = f"，是否想写：{guess}" if guess else ""
            self.add(
                node.lineno,
                f"没有过滤器「{node.name}」{hint}（本工具的过滤器：{ours}；"
                "另有模板语言自带的 join、length、first、last、default 等）",
            )
        for test in self.tree.find_all(nodes.Test):
            if test.name not in self.env.tests:
                guess = closest(test.name, self.env.tests)
                hint = f"，是否想写：{guess}" if guess else ""
                self.add(
                    test.lineno, f"没有判断「is {test.name}」{hint}（可用：defined、none、number、string 等）"
                )

    # numbers typed into the template ------------------------------------------------------------------

    def numbers(self) -> None:
        for data in self.tree.find_all(nodes.TemplateData):
            for m in _DIGITS.finditer(data.data):
                line = data.lineno + data.data.count("\n", 0, m.start())
                self._number(line, m.group(0).strip())
        for output in self.tree.find_all(nodes.Output):
            for child in output.nodes:
                base: nodes.Node | None = child
                while isinstance(base, nodes.Filter):
                    base = base.node
                if (
                    isinstance(base, nodes.Const)
                    and base.value is not None
                    and not isinstance(base.value, bool)
                ):
                    typed = _DIGITS.search(str(base.value))
                    if typed:
                        self._number(base.lineno, typed.group(0).strip())

    def _number(self, line: int, number: str) -> None:
        self.add(
            line,
            f"模板中写了数字「{number}」：模板中的数字只能来自县里的数据（如 {{{{ 指标.X }}}}），"
            "请改用指标，或把这句话写进数据文件的工作条目",
        )

    # blocks of a child template -------------------------------------------------------------------------

    def blocks(self) -> None:
        extends = next(iter(self.tree.find_all(nodes.Extends)), None)
        parent_name = _const_name(extends.template) if extends is not None else None
        if parent_name is None:
            return
        parent = self._parse(parent_name)
        if parent is None:
            return
        known = {b.name for b in parent.find_all(nodes.Block)}
        if not known:
            return  # a parent without blocks: Jinja itself ignores the child's (nothing to compare)
        for block in self.tree.find_all(nodes.Block):
            if block.name not in known:
                guess = closest(block.name, known)
                hint = f"，是否想写：{guess}" if guess else ""
                self.add(
                    block.lineno,
                    f"「{parent_name}」中没有块「{block.name}」{hint}（可改写的块：{'、'.join(sorted(known)) or '无'}）",
                )


def figure_refs(tree: nodes.Template) -> list[tuple[str, int]]:
    """(figure key, line) of every 指标.X, 指标["X"] and 指标.有("X", …) in a template."""
    refs = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call)):
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == FIGURE:
            refs.append((node.attr, node.lineno))
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.node, nodes.Name)
            and node.node.name == FIGURE
            and isinstance(node.arg, nodes.Const)
        ):
            refs.append((str(node.arg.value), node.lineno))
        elif (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Getattr)
            and node.node.attr in FIGURE_CALLS
            and isinstance(node.node.node, nodes.Name)
            and node.node.node.name == FIGURE
        ):
            refs += [(str(a.value), node.lineno) for a in node.args if isinstance(a, nodes.Const)]
    return refs


def lint_tree(env: jinja2.Environment, name: str, tree: nodes.Template) -> list[Finding]:
    """Every mistake found in the parsed template ``name``."""
    return _Lint(env, name, tree).run()


def lint(env: jinja2.Environment, name: str) -> tuple[nodes.Template | None, list[Finding]]:
    """Parse and analyse template ``name``: its tree (None on a syntax error) and its mistakes."""
    try:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except NotUtf8 as e:
        return None, [Finding(e.lineno, e.message or "")]
    try:
        tree = env.parse(source, name, filename)
    except jinja2.TemplateSyntaxError as e:
        explained = explain(e, env, source)
        return None, [Finding(explained.line, f"模板语法错误：{explained.message}")]
    return tree, lint_tree(env, name, tree)


# ---------------------------------------------------------------- a template folder's file names


def _expected_files() -> list[str]:
    names = ["report.j2", "通用.j2", *CONFIG_FILES]
    names += [f"{part}/{key}.j2" for part in catalogue.PARTS for key in catalogue.topic_keys()]
    return names


def _read(path: Path) -> bool:
    """Whether the program reads the file at ``path`` (relative to its template folder)."""
    text = path.as_posix()
    if path.name.startswith(("_", ".")) and path.suffix == ".j2" and len(path.parts) == 1:
        return True  # a macro library or an included piece
    return text in _expected_files()


def misnamed(folder: Path) -> list[str]:
    """A line for each file of the template folder ``folder`` that nothing reads (a misspelt topic, a
    config file with the wrong suffix, a template in a folder of its own), with the name it was meant to be."""
    problems = []
    expected = _expected_files()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(p.startswith(".") for p in relative.parts) or not path.is_file():
            continue
        if not any(path.name.endswith(s) for s in TEMPLATE_SUFFIXES) or path.name.lower().startswith(
            "readme"
        ):
            continue  # notes, documents: not the program's
        if _read(relative):
            continue
        shown = f"{folder / relative}"
        guess = closest(relative.as_posix(), expected, cutoff=0.6)
        if guess:
            problems.append(f"{shown}: 模板文件夹中的这个文件不会被读取：文件名不对，是否想写：{guess}？")
        else:
            problems.append(
                f"{shown}: 模板文件夹中的这个文件不会被读取：专题模板应为 总结/<专题>.j2 或 计划/<专题>.j2"
                "（专题名见 generator topics），配置文件为 " + "、".join(CONFIG_FILES)
            )
    return problems


def missing_folder(folder: Path, what: str) -> str:
    """The message for a template folder that does not exist (or is a file), with the folder beside it meant."""
    if folder.exists():
        return f"{folder}: 这不是一个文件夹；{what}应为存放 .j2 模板的文件夹（不写则用内置模板）"
    return f"{folder}: 找不到这个模板文件夹（{what}）{folder_hint(folder)}（不写则用内置模板）"


def folder_hint(folder: Path) -> str:
    """「，是否想写：<the folder beside it>」 for a folder name that does not exist, else 「，请检查路径」."""
    parent = folder.parent if folder.parent.is_dir() else None
    siblings = [p.name for p in parent.iterdir() if p.is_dir()] if parent else []
    guess = closest(folder.name, siblings)
    return f"，是否想写：{parent / guess if parent else guess}" if guess else "，请检查路径"


def shown_path(env: jinja2.Environment, name: str) -> str:
    from generator.draft.render import shown_path as relative

    try:
        return relative(env.loader.get_source(env, name)[1])  # type: ignore[union-attr]
    except NotUtf8 as e:
        return relative(e.filename or name)
    except (jinja2.TemplateNotFound, SecurityError):
        return name


def folder_problems(folder: Path, env: jinja2.Environment) -> list[str]:
    """Every mistake of the templates in ``folder`` (an office's folder laid over the built-ins): its
    misnamed files and each of its templates' mistakes, as located lines."""
    problems = misnamed(folder)
    for path in sorted(folder.rglob("*.j2")):
        relative = path.relative_to(folder).as_posix()
        if not _read(Path(relative)):
            continue
        try:
            _tree, found = lint(env, relative)
        except (jinja2.TemplateNotFound, SecurityError):
            continue  # refused or gone: the render says so
        problems += [f"{shown_path(env, relative)}:{f.line}: {f.message}" for f in found]
    return problems
