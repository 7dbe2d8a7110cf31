"""The core: load -> validate -> compose -> number -> build the document -> write. Knows no terminal."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import templateset
from generator.data import yamlsource
from generator.data.checks import review
from generator.data.history import merge_previous
from generator.data.loader import validate
from generator.data.schema import Report, old_key_notes
from generator.draft import lint
from generator.draft.comparisons import without_last_year
from generator.draft.compose import Part, compose
from generator.draft.coverage import Unwritten, unwritten
from generator.draft.markup import Block, parse, placeholders, references, unmark
from generator.draft.numbering import drop_lone_children, number, run_in
from generator.draft.reminders import Reminder, usual_figures
from generator.errors import InputError, MissingDataError, TemplateError
from generator.office import renames
from generator.write import files, names, word
from generator.write.profile import Profile
from generator.write.word import Comment

if TYPE_CHECKING:
    from generator.analysis.proofread import Finding


@dataclass(frozen=True)
class MissingItem:
    """A 【待补充】 left in the draft, and where (the headings above it)."""

    name: str
    where: str


@dataclass(frozen=True)
class ReferenceItem:
    """A paragraph of 参考表述 (a plan the tool wrote in the county's stead), and where."""

    where: str


@dataclass
class Draft:
    """A drafted report before it is written: its blocks and what the run should tell the user."""

    report: Report
    source: yamlsource.Source
    profile: Profile
    blocks: list[Block]
    parts: list[Part]
    missing: list[MissingItem]
    warnings: list[Comment]
    notes: list[str] = field(default_factory=list)
    unwritten: list[Unwritten] = field(default_factory=list)  # figures of the file the draft does not write
    findings: list[Finding] = field(default_factory=list)  # what the proofreader finds in the draft
    usual: list[Reminder] = field(
        default_factory=list
    )  # usual figures the county did not give (not in the text)
    references: list[ReferenceItem] = field(default_factory=list)  # paragraphs written in 参考表述

    def reference_topics(self) -> list[str]:
        """The plan topics written (partly) in 参考表述, in drafting order."""
        return [t for part in self.parts for t in part.referenced]


@dataclass
class Result:
    """What a run produced, for the run summary."""

    path: Path
    draft: Draft
    notes: list[str] = field(default_factory=list)


OUTPUT_FOLDER = Path("outputs")


def default_output(report: Report) -> Path:
    """outputs/<单位><年度>年工作总结及<计划年度>年工作计划.docx (or …上半年工作总结和下半年工作计划.docx, or
    …工作总结.docx of a summary-only report):
    two bureaus named 城关区 (兰州, 拉萨) differ by their 单位; whatever the county wrote, the name stays
    inside outputs/."""
    title = report.timing.title(report.unit, plan=not report.summary_only)
    return names.inside(OUTPUT_FOLDER, title, ".docx")


def _with_trail(blocks: list[Block]) -> list[tuple[Block, str]]:
    """Each block of the (numbered) draft with the part and section headings above it."""
    trail: dict[int, str] = {}
    found = []
    for block in blocks:
        if block.kind == "heading":
            trail = {k: v for k, v in trail.items() if k < block.level}
            trail[block.level] = unmark(block.text)
        found.append((block, " › ".join(trail[k] for k in sorted(trail) if k <= 2) or "开头"))
    return found


def find_missing(blocks: list[Block]) -> list[MissingItem]:
    """Every placeholder of the (numbered) draft with the part and section headings above it."""
    return [
        MissingItem(name, where) for block, where in _with_trail(blocks) for name in placeholders(block.text)
    ]


def find_references(blocks: list[Block]) -> list[ReferenceItem]:
    """Every paragraph of the (numbered) draft that holds 参考表述, with the headings above it."""
    return [ReferenceItem(where) for block, where in _with_trail(blocks) if references(block.text)]


def _county_templates(data_path: Path, folder: str) -> Path:
    """The county file's own 模板 folder: beside or below the file only (a file that travels by e-mail must
    not point the tool at any folder of the machine; --templates on the command line can)."""
    home = data_path.parent.resolve()
    templates = data_path.parent / folder
    if not templates.resolve().is_relative_to(home):
        raise InputError(
            f"{data_path}: 「模板」只能是本文件所在文件夹或其下的文件夹，不能是 {folder}；"
            "其他位置的模板请在命令行用 --templates 指定"
        )
    if not templates.is_dir():
        raise InputError(
            f"{data_path}: 「模板」指定的文件夹 {templates} 不存在{lint.folder_hint(templates)}"
            "（不写「模板」则用内置模板）"
        )
    return templates


def prepare(
    data_path: Path,
    *,
    templates: Path | None = None,
    previous: Path | None = None,
    references: bool = True,
) -> Draft:
    """Load, check and draft the county data file, without writing anything. ``references``: draft the
    plan of a summary topic the county gave no plan for in 参考表述 (off: --不写参考)."""
    source = yamlsource.load(data_path)
    folder = source.data.get("模板")  # its topics must be known before the file is validated
    if templates is None and isinstance(folder, str) and folder.strip():
        templates = _county_templates(data_path, folder.strip())
    template_set = templateset.load(templates)
    if templates is not None:  # the built-ins are checked before they ship; an office's folder at each run
        problems = lint.folder_problems(templates, template_set.env)
        if problems:
            raise TemplateError(problems)
    report = validate(source, Report)
    notes = [*source.notes, *(merge_previous(report, previous) if previous else [])]
    profile = template_set.profile
    text, parts = compose(template_set, report, references=references)
    blocks = drop_lone_children(parse(text), {p.title: p.key for p in parts})
    blocks = run_in(number(blocks, profile.numbering, profile.item_numbering), profile.heading_layout)
    warnings = [Comment(f.sources, f.message) for f in review(report)]
    notes += old_key_notes(source) + without_last_year(report, source) + renames.notices(templates)
    lost = unwritten(report, text, template_set)
    found = _proofread(blocks, report, source)
    usual = usual_figures(report, template_set.phrases)
    return Draft(
        report,
        source,
        profile,
        blocks,
        parts,
        find_missing(blocks),
        warnings,
        notes,
        lost,
        found,
        usual,
        find_references(blocks),
    )


def _proofread(blocks: list[Block], report: Report, source: yamlsource.Source) -> list[Finding]:
    """The proofreader's findings in the draft (imported here: reading the draft needs no report reader)."""
    from generator.analysis.countyunits import written_in
    from generator.analysis.proofdoc import from_blocks
    from generator.analysis.proofread import proofread

    return proofread(from_blocks(blocks, report), written_in(source.data))


def finding_comment(finding: Finding) -> Comment:
    """A proofreader's finding as a Word comment on the sentence it quotes."""
    return Comment((), f"审读：{finding.message}", block=finding.paragraph - 1, quote=finding.text)


def reminder_comments(draft: Draft) -> list[Comment]:
    """One Word comment a topic, on its section heading, naming the usual figures the county did not give."""
    # A section with no heading of its own (a one-topic summary of figures alone) is its part: the comment
    # goes on the part's heading.
    titles = {
        s.topic: s.title or p.title
        for p in draft.parts
        if p.key == "总结"
        for g in p.sections
        for s in [g, *g.children]
    }
    texts = [unmark(b.text) for b in draft.blocks]
    comments = []
    for topic, reminders in itertools.groupby(draft.usual, key=lambda r: r.topic):
        title = titles.get(topic, "")
        # The heading, or the paragraph a lone heading was folded into as its lead sentence.
        block = next((i for i, text in enumerate(texts) if title and title in text), None)
        if block is None:
            continue  # the run summary still names them
        names = "、".join(r.figure for r in reminders)
        text = f"提示：多数报告在这一节写{names}，数据文件没有填；有数据时填进「指标」，没有可不写"
        comments.append(Comment((), text, block=block, quote=title))
    return comments


def title_of(draft: Draft) -> str:
    """The document title (for the .docx properties)."""
    return next((unmark(b.text) for b in draft.blocks if b.kind == "title"), "")


def build(
    data_path: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    templates: Path | None = None,
    previous: Path | None = None,
    review_comments: bool = False,
    with_trace: bool = False,
    overwrite: bool = False,
    references: bool = True,
    with_pdf: bool = False,
) -> Result:
    """Draft the report of the county data file ``data_path`` and write it as .docx."""
    draft = prepare(data_path, templates=templates, previous=previous, references=references)
    if strict and (draft.missing or draft.unwritten):
        counts = [f"待补充{len(draft.missing)}项"] if draft.missing else []
        counts += [f"没有写进草稿的数字{len(draft.unwritten)}个"] if draft.unwritten else []
        raise MissingDataError(
            [f"{m.where}: 【待补充：{m.name}】" for m in draft.missing]
            + [str(u) for u in draft.unwritten]
            + [f"没有写出文件（--strict）：{'，'.join(counts)}；补全后再运行，或去掉 --strict 生成草稿"]
        )
    doc = word.build(
        draft.blocks,
        draft.profile,
        title=title_of(draft),
        author=draft.report.unit,
        comments=[*draft.warnings, *map(finding_comment, draft.findings), *reminder_comments(draft)]
        if review_comments
        else (),
    )
    inputs = [data_path, *([previous] if previous else [])]
    target, note = files.choose_path(out or default_output(draft.report), inputs=inputs, overwrite=overwrite)
    if with_pdf:  # refused before the draft is written, as a trace file is
        from generator.write import owned

        owned.guard_bytes(target.with_suffix(".pdf"), owned.is_our_pdf, overwrite=overwrite, what="PDF 文件")
    if with_trace:
        from generator.write.trace import is_trace_text, trace, trace_path

        files.guard(trace_path(target), ours=is_trace_text, overwrite=overwrite)
    files.write(doc, target)
    if with_trace:
        text = json.dumps(
            {"draft": str(target), **trace(draft.blocks, draft.source)}, ensure_ascii=False, indent=1
        )
        files.write_text_atomically(trace_path(target), text + "\n")
    return Result(path=target, draft=draft, notes=[*draft.notes, *([note] if note else [])])
