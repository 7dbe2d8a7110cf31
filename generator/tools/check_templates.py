"""`generator check-templates`: tell a template maintainer exactly what they broke, with file and line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2.exceptions import SecurityError

from generator.data import catalogue
from generator.data.schema import Report
from generator.draft import lint
from generator.draft.compose import Part, Section, document_context
from generator.draft.context import section_context
from generator.draft.coverage import provided, written
from generator.draft.prose import PHRASEBOOK_NAME
from generator.draft.render import make_env, render
from generator.draft.skeleton import Skeleton
from generator.errors import ConfigError, GeneratorError, TemplateError
from generator.templateset import NO_TEMPLATE_FILE, NoTemplate, template_dirs
from generator.templateset import load as load_templates


@dataclass
class CheckResult:
    """What check-templates found: errors make it fail, warnings do not."""

    checked: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _figure_example(figure: catalogue.Figure) -> Any:
    example = Decimal(str(figure.example))
    if figure.whole:  # with last year's, so that comparisons are rendered too
        return {"本年": example, "上年": int(example * Decimal("0.9"))}
    return example


def _report(sections: dict[str, dict[str, Any]]) -> Report:
    data: dict[str, Any] = {
        "单位": "示例县民政局",
        "地区": "示例县",
        "年度": 2024,
        "成文日期": dt.date(2024, 12, 25),
    }
    return Report.model_validate({**data, **sections})


@cache
def _example(full: bool) -> Report:
    """A county with every topic: every figure filled (full) or only headings (empty)."""
    data: dict[str, Any] = {}
    for part in catalogue.PARTS:
        sections: dict[str, Any] = {}
        for topic in catalogue.topics():
            section: dict[str, Any] = {"标题": topic.heading[part]}
            if full:
                section["指标"] = {f.key: _figure_example(f) for f in topic.figures}
                section["工作"] = [{"标题": "示例工作", "内容": "示例内容。"}, "一句话的工作。"]
                if part == "计划":
                    section["目标"] = ["示例目标。"]
            sections[topic.key] = section
        data[part] = sections
    return _report(data)


def _figure_cases(part: str, topic: catalogue.Topic) -> list[tuple[str, Report]]:
    """The topic with each of its figures alone, with all of them, and with all of them in a work item."""
    heading = {"标题": topic.heading[part]}
    cases = [
        (f"只填「{f.key}」", _report({part: {topic.key: {**heading, "指标": {f.key: _figure_example(f)}}}}))
        for f in topic.figures
    ]
    if topic.figures:
        every = {f.key: _figure_example(f) for f in topic.figures}
        cases.append(("填全部指标", _report({part: {topic.key: {**heading, "指标": every}}})))
        work = [{"标题": "示例工作", "指标": every}]
        cases.append(("全部指标写在工作条目中", _report({part: {topic.key: {**heading, "工作": work}}})))
    return cases


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
        try:
            self.phrases = load_templates(folder).phrases
        except ConfigError:  # a broken 句式.yaml is reported above; the built-in wording stands in for it
            self.phrases = load_templates(None).phrases
        self.folder = folder

    def path(self, name: str) -> str:
        return lint.shown_path(self.env, name)

    def compile_all(self) -> list[str]:
        """Parse and statically analyse every template; the names of those without a mistake."""
        names = sorted(n for n in self.env.list_templates() if n.endswith(".j2"))
        good = []
        for name in names:
            self.result.checked += 1
            try:
                tree, found = lint.lint(self.env, name)
            except SecurityError as e:
                self.result.errors.append(f"{name}: 模板被安全限制阻止: {e}")
                continue
            self.result.errors += [f"{self.path(name)}:{f.line}: {f.message}" for f in found]
            if tree is not None and not found:
                good.append(name)
        return good

    def _report_context(self) -> dict[str, Any]:
        return document_context(_example(True), [], self.phrases)

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
                    context = section_context(report, part, topic.key, topic.heading[part], self.phrases)
                    if part == "计划":  # the blank example has no plan: it is written in 参考表述
                        context["参考表述"] = ["示例参考表述。"] if label == "空白示例" else []
                    self._try(name, context, label)
            if "report.j2" in good:
                parts = [Part(p, f"{p}部分", [Section("社会救助", "示例", "正文")]) for p in catalogue.PARTS]
                context = {**self._report_context(), "各部分": [p.as_context() for p in parts]}
                self._try("report.j2", context, label)

    def _try(self, name: str, context: dict[str, Any], label: str) -> str | None:
        try:
            return render(self.env, name, context)
        except TemplateError as e:
            for line in e.problems:
                message = f"{line}（用{label}渲染时）"
                if message not in self.result.errors:
                    self.result.errors.append(message)
            return None

    def every_figure_written(self, good: set[str]) -> None:
        """No figure lost: each topic template, given each of its figures alone, all of them, or all of
        them in a work item, writes every figure it was given."""
        for part in catalogue.PARTS:
            for topic in catalogue.topics():
                name = "通用.j2" if topic.key in self.generic[part] else f"{part}/{topic.key}.j2"
                if name not in good:
                    continue
                for label, report in _figure_cases(part, topic):
                    context = section_context(report, part, topic.key, topic.heading[part], self.phrases)
                    if part == "计划":
                        context["参考表述"] = []  # the county gave this topic's plan
                    text = self._try(name, context, f"{topic.key}「{label}」的示例")
                    if text is None:
                        continue
                    shown = written(text)
                    lost = [
                        f.where.rsplit(".", 1)[-1]
                        for f in provided(report, part, topic.key)
                        if f.source not in shown
                    ]
                    if lost:
                        self.result.errors.append(
                            f"{self.path(name)}: {part}部分{label}时，草稿没有写出「{'、'.join(lost)}」"
                            "（模板不能在合计与分项之间取舍，也不能漏写县里填的数字；可用 {{ 指标.段落() }} 写出其余数字）"
                        )

    def phrases_complete(self) -> None:
        for figure in catalogue.figures().values():
            if not self.phrases.has_phrase(figure):
                self.result.warnings.append(
                    f"指标「{figure.topic}.{figure.key}」在 {PHRASEBOOK_NAME} 中没有写法，标准句子中写成「{figure.key}+数字」"
                )

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
                        f"缺少模板 {part}/{topic_key}.j2（或在 {NO_TEMPLATE_FILE} 的「{part}」下写上「{topic_key}」表示不需要）"
                    )
        for required in ("report.j2",):
            if required not in self.env.list_templates():
                self.result.errors.append(f"缺少模板 {required}")


def check_templates(folder: Path | None = None) -> CheckResult:
    """Check the templates (``folder`` first, the built-in ones for whatever it lacks)."""
    checker = _Checker(folder)
    if folder is not None:
        checker.result.errors += lint.misnamed(folder)
    try:
        good = set(checker.compile_all())
        checker.coverage(good)
        checker.renders(good)
        checker.every_figure_written(good)
        checker.phrases_complete()
    except GeneratorError as e:  # e.g. a broken skeleton.yaml or 样式.yaml in the folder
        checker.result.errors.append(str(e))
    if folder is not None:  # what became of the office's copies of built-in files, and of renamed figures
        from generator.office import renames, upgrades

        checker.result.warnings += upgrades.outdated(folder) + renames.notices(folder)
    return checker.result
