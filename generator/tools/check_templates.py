"""`generator check-templates`: tell a template maintainer exactly what they broke, with file and line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError

from generator.data import catalogue
from generator.data.schema import Report
from generator.draft.compose import Part, Section
from generator.draft.context import report_context, section_context
from generator.draft.filters import chinese_date
from generator.draft.render import make_env, render, shown_path
from generator.draft.skeleton import Skeleton
from generator.errors import ConfigError, GeneratorError, TemplateError
from generator.templateset import NO_TEMPLATE_FILE, NoTemplate, template_dirs
from generator.templateset import load as load_templates

FIGURE_METHODS = {"有", "全有", "已有"}
JINJA_NAMES = {
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
}


@dataclass
class CheckResult:
    """What check-templates found: errors make it fail, warnings do not."""

    checked: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@cache
def _example(full: bool) -> Report:
    """A county with every topic: every figure filled (full) or only headings (empty)."""
    data: dict[str, Any] = {
        "单位": "示例县民政局",
        "地区": "示例县",
        "年度": 2024,
        "成文日期": dt.date(2024, 12, 25),
    }
    for part in catalogue.PARTS:
        sections: dict[str, Any] = {}
        for topic in catalogue.topics():
            section: dict[str, Any] = {"标题": topic.heading[part]}
            if full:
                section["指标"] = {
                    f.key: {
                        "本年": Decimal(str(f.example)),
                        "上年": int(Decimal(str(f.example)) * Decimal("0.9")),
                    }
                    if f.whole
                    else Decimal(str(f.example))
                    for f in topic.figures
                }
                section["工作"] = [{"标题": "示例工作", "内容": "示例内容。"}, "一句话的工作。"]
                if part == "计划":
                    section["目标"] = ["示例目标。"]
            sections[topic.key] = section
        data[part] = sections
    return Report.model_validate(data)


def _names_assigned(tree: nodes.Template) -> set[str]:
    names: set[str] = set()
    for node in tree.find_all((nodes.Name,)):
        if node.ctx in ("store", "param"):
            names.add(node.name)
    for macro in tree.find_all((nodes.Macro,)):
        names.add(macro.name)
    for imported in tree.find_all((nodes.Import,)):
        names.add(imported.target)
    for from_import in tree.find_all((nodes.FromImport,)):
        names.update(n if isinstance(n, str) else n[1] for n in from_import.names)
    return names


def _figure_refs(tree: nodes.Template) -> list[tuple[str, int]]:
    """(figure key, line) of every 指标.X, 指标["X"] and 指标.有("X", …) in a template."""
    refs = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call)):
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "指标":
            refs.append((node.attr, node.lineno))
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.node, nodes.Name)
            and node.node.name == "指标"
            and isinstance(node.arg, nodes.Const)
        ):
            refs.append((str(node.arg.value), node.lineno))
        elif (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Getattr)
            and node.node.attr in ("有", "全有")
        ):
            refs += [(str(a.value), node.lineno) for a in node.args if isinstance(a, nodes.Const)]
    return refs


class _Checker:
    def __init__(self, folder: Path | None) -> None:
        self.result = CheckResult()
        try:
            templates = load_templates(folder)
            self.env, self.skeleton, self.generic = templates.env, templates.skeleton, templates.generic
        except ConfigError as e:  # go on with the defaults: the templates themselves are still worth checking
            self.result.errors += e.problems
            self.env = make_env(template_dirs(folder))
            self.skeleton, self.generic = Skeleton(), NoTemplate().by_part()
        self.used: dict[str, set[str]] = {part: set() for part in catalogue.PARTS}
        self.all_figures_used: set[str] = set()

    def path(self, name: str) -> str:
        try:
            source = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            return shown_path(source[1])
        except (jinja2.TemplateNotFound, SecurityError):
            return name

    def compile_all(self) -> list[str]:
        names = sorted(n for n in self.env.list_templates() if n.endswith(".j2"))
        good = []
        for name in names:
            self.result.checked += 1
            try:
                source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
                tree = self.env.parse(source, name, self.path(name))
            except jinja2.TemplateSyntaxError as e:
                self.result.errors.append(f"{self.path(name)}:{e.lineno}: 模板语法错误: {e.message}")
                continue
            except SecurityError as e:
                self.result.errors.append(f"{name}: 模板被安全限制阻止: {e}")
                continue
            good.append(name)
            self.static(name, tree)
        return good

    def static(self, name: str, tree: nodes.Template) -> None:
        """Undefined names and unknown figures, found in every branch, with their lines."""
        part, _, rest = name.partition("/")
        topic_key = rest.removesuffix(".j2") if part in catalogue.PARTS else None
        if name == "report.j2":
            known = set(self._report_context())
        elif topic_key in catalogue.topic_keys() or name == "通用.j2":
            known = set(section_context(_example(False), "总结", "社会救助", "标题"))
        else:
            return  # a macro library: its names are its parameters
        known |= _names_assigned(tree) | set(self.env.globals) | JINJA_NAMES
        for node in tree.find_all((nodes.Name,)):
            if node.ctx == "load" and node.name not in known:
                self.result.errors.append(f"{self.path(name)}:{node.lineno}: 未定义的名称「{node.name}」")
                known.add(node.name)  # once per name is enough
        if topic_key not in catalogue.topic_keys():
            return
        topic = catalogue.topic(topic_key)
        figure_keys = {f.key for f in topic.figures}
        for key, line in _figure_refs(tree):
            if key in FIGURE_METHODS:
                if key == "已有":
                    self.all_figures_used.add(f"{part}/{topic_key}")
                continue
            if key not in figure_keys:
                self.result.errors.append(
                    f"{self.path(name)}:{line}: 专题「{topic_key}」没有指标「{key}」"
                    f"(可用: {'、'.join(sorted(figure_keys)) or '无'};指标在 generator/catalogue.yaml 中定义)"
                )
            else:
                self.used[part].add(f"{topic_key}/{key}")

    def _report_context(self) -> dict[str, Any]:
        report = _example(True)
        return {
            **report_context(report),
            "标题": "示例",
            "主送机关": "",
            "标记": "",
            "导语": None,
            "各部分": [],
            "落款": report.unit,
            "日期": chinese_date(report.date) if report.date else "",
        }

    def renders(self, good: set[str]) -> None:
        """Render every topic template against a full and an empty example (strict undefined)."""
        no_template = self.generic
        for label, report in (("完整示例", _example(True)), ("空白示例", _example(False))):
            for part in catalogue.PARTS:
                for topic in catalogue.topics():
                    name = f"{part}/{topic.key}.j2"
                    if topic.key in no_template[part]:
                        name = "通用.j2"
                    if name not in good:
                        continue
                    self._try(name, section_context(report, part, topic.key, topic.heading[part]), label)
            if "report.j2" in good:
                parts = [Part(p, f"{p}部分", [Section("社会救助", "示例", "正文")]) for p in catalogue.PARTS]
                context = {**self._report_context(), "各部分": [p.as_context() for p in parts]}
                self._try("report.j2", context, label)

    def _try(self, name: str, context: dict[str, Any], label: str) -> None:
        try:
            render(self.env, name, context)
        except TemplateError as e:
            for line in e.problems:
                message = f"{line}(用{label}渲染时)"
                if message not in self.result.errors:
                    self.result.errors.append(message)

    def coverage(self, good: set[str]) -> None:
        """Every topic of the skeleton (and catalogue) has a template for each part, or is marked as having none."""
        learned = [e.topic for p in catalogue.PARTS for e in self.skeleton.part(p).topics]
        topics = list(dict.fromkeys([*learned, *catalogue.topic_keys()]))
        no_template = self.generic
        for part in catalogue.PARTS:
            for topic_key in topics:
                if topic_key in no_template[part]:
                    continue
                if (
                    f"{part}/{topic_key}.j2" not in good
                    and f"{part}/{topic_key}.j2" not in self.env.list_templates()
                ):
                    self.result.errors.append(
                        f"缺少模板 {part}/{topic_key}.j2(或在 {NO_TEMPLATE_FILE} 的「{part}」下写上「{topic_key}」表示不需要)"
                    )
        for required in ("report.j2",):
            if required not in self.env.list_templates():
                self.result.errors.append(f"缺少模板 {required}")

    def unused_figures(self) -> None:
        for topic in catalogue.topics():
            if f"总结/{topic.key}" in self.all_figures_used:
                continue
            for f in topic.figures:
                if f"{topic.key}/{f.key}" not in self.used["总结"]:
                    self.result.warnings.append(
                        f"指标「{topic.key}.{f.key}」没有被总结模板用到:县里填写了也不会出现在草稿的总结部分"
                    )


def check_templates(folder: Path | None = None) -> CheckResult:
    """Check the templates (``folder`` first, the built-in ones for whatever it lacks)."""
    checker = _Checker(folder)
    try:
        good = set(checker.compile_all())
        checker.coverage(good)
        checker.renders(good)
        checker.unused_figures()
    except GeneratorError as e:  # e.g. a broken skeleton.yaml or 样式.yaml in the folder
        checker.result.errors.append(str(e))
    return checker.result
