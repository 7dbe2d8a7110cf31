"""The core: load -> validate -> compose -> number -> build the document -> write. Knows no terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import docx_writer, output, skeleton
from generator.compose import Part, compose
from generator.errors import MissingDataError, TemplateError
from generator.loader import load_report
from generator.numbering import number
from generator.profile import Profile, load_profile
from generator.render import BUILTIN_TEMPLATES, make_env
from generator.schema import Report
from generator.structure import Block, parse, placeholders


@dataclass(frozen=True)
class MissingItem:
    """A 【待补充】 left in the draft, and where (the headings above it)."""

    name: str
    where: str


@dataclass
class Result:
    """What a run produced, for the run summary."""

    path: Path
    parts: list[Part]
    missing: list[MissingItem]
    notes: list[str] = field(default_factory=list)


def default_output(report: Report) -> Path:
    return Path("outputs") / f"{report.region}{report.year}年工作总结及{report.plan_year}年工作计划.docx"


def find_missing(blocks: list[Block]) -> list[MissingItem]:
    """Every placeholder of the (numbered) draft with the part and section headings above it."""
    trail: dict[int, str] = {}
    found = []
    for block in blocks:
        if block.kind == "heading":
            trail = {k: v for k, v in trail.items() if k < block.level}
            trail[block.level] = block.text
        for name in placeholders(block.text):
            where = " › ".join(trail[k] for k in sorted(trail) if k <= 2) or "开头"
            found.append(MissingItem(name, where))
    return found


def draft_blocks(
    report: Report, template_dirs: list[Path], profile: Profile
) -> tuple[list[Block], list[Part]]:
    """The draft as numbered blocks, ready for the document builder."""
    env = make_env(template_dirs)
    learned = skeleton.load(template_dirs)
    text, parts = compose(env, report, skeleton.part_plans(learned), learned)
    try:
        blocks = parse(text)
    except ValueError as e:
        raise TemplateError(f"report.j2 或专题模板: {e}") from None
    return number(blocks, profile.numbering, profile.item_numbering), parts


def build(
    data_path: Path,
    *,
    out: Path | None = None,
    strict: bool = False,
    templates: Path | None = None,
) -> Result:
    """Draft the report of the county data file ``data_path`` and write it as .docx."""
    report = load_report(data_path)
    template_dirs = [*([templates] if templates else []), BUILTIN_TEMPLATES]
    profile = load_profile(template_dirs)
    blocks, parts = draft_blocks(report, template_dirs, profile)
    missing = find_missing(blocks)
    if strict and missing:
        raise MissingDataError([f"{m.where}: 【待补充:{m.name}】" for m in missing])
    title = next((b.text for b in blocks if b.kind == "title"), "")
    doc = docx_writer.build(blocks, profile, title=title, author=report.unit)
    target, note = output.choose_path(out or default_output(report), inputs=[data_path])
    output.write(doc, target)
    return Result(path=target, parts=parts, missing=missing, notes=[note] if note else [])
