"""Command line: `generate` for clerks, `generator` for maintainers. Parses arguments, calls the core,
prints results in Chinese; the only place that knows about the terminal and exit codes.

Each command imports what it uses when it runs (a clerk's `generate` does not wait for the report reader).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from generator import usage
from generator.errors import UserError
from generator.usage import ChineseCommand, ChineseGroup

if TYPE_CHECKING:
    from generator import batch, pipeline
    from generator.tools import fill

CONTEXT = {"help_option_names": ["-h", "--help"]}


app = typer.Typer(
    name="generator",
    help="民政年报起草器的维护命令（模板维护人员使用）。县（市、区）办公室起草报告请用 generate 命令。",
    context_settings=CONTEXT,
    add_completion=False,
    no_args_is_help=True,
    cls=ChineseGroup,
)
generate_app = typer.Typer(context_settings=CONTEXT, add_completion=False, cls=ChineseGroup)


def _say(text: str = "", *, err: bool = False) -> None:
    typer.echo(text, err=err)


def _run(action: Callable[[], Any]) -> Any:
    """Call the core; a user error becomes its Chinese lines on stderr and exit code 2."""
    try:
        return action()
    except UserError as e:
        for line in e.problems:
            _say(line, err=True)
        raise typer.Exit(e.exit_code) from None


DataFile = Annotated[
    Path,
    typer.Argument(
        help="县（市、区）的数据文件（YAML），如 inputs/天门市2024.yaml",
        metavar="数据文件.yaml",
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="输出的 Word 文件；默认为 outputs/<单位><年度>年工作总结及<计划年度>年工作计划.docx",
        metavar="文件.docx",
    ),
]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help="仍有【待补充】项或没有写进草稿的数字时报错退出（退出码 2），不生成文件"),
]
PreviousOption = Annotated[
    Path | None,
    typer.Option(
        "--上年",
        "--prev",
        help="上年的数据文件：据此写出与上年的比较（如「较上年增加……」）",
        metavar="上年.yaml",
    ),
]
TraceOption = Annotated[
    bool, typer.Option("--trace", help="另写 <草稿>.trace.json:草稿中每个数字来自数据文件的哪个键、哪一行")
]
ReviewOption = Annotated[
    bool, typer.Option("--review", help="把「请核对」提示写成 Word 批注，附在含该数字的句子上")
]
OverwriteOption = Annotated[
    bool, typer.Option("--覆盖", help="输出文件已存在且不是本命令以前写出的，也照样替换它")
]
PdfOption = Annotated[
    bool, typer.Option("--pdf", help="另用 LibreOffice 转换出同名 PDF（需已安装 LibreOffice）")
]
NoReferenceOption = Annotated[
    bool,
    typer.Option(
        "--不写参考",
        help="县里没有写某个专题的计划时，不按常见写法起草（不写参考表述），计划部分以【待补充】标出",
    ),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates", metavar="文件夹", help="自定义模板文件夹：其中有的模板优先使用，缺的用内置模板"
    ),
]


def _summary(draft: pipeline.Draft, *, review: bool = False) -> None:
    for part in draft.parts:
        topics = [t for s in part.sections for t in s.topics()]
        count = f"{len(part.sections)}节" + (
            f"、{len(topics)}个专题" if len(topics) != len(part.sections) else ""
        )
        _say(f"起草{part.key}：{count}（{'、'.join(topics) or '无'}）")
    if draft.warnings:
        where = "（已写成Word批注）" if review else "（加 --review 可写成Word批注）"
        _say(f"请核对{len(draft.warnings)}处{where}：")
        for warning in draft.warnings:
            _say(f"  - {warning.text}")
    _to_check(draft)
    if draft.findings:
        where = "（已写成Word批注）" if review else "（加 --review 可写成Word批注）"
        _say(f"审读发现{len(draft.findings)}处{where}：")
        for finding in draft.findings:
            _say(f"  - {finding.line()}")
    if draft.unwritten:
        _say(f"没有写进草稿的数字{len(draft.unwritten)}个（加 --strict 时报错）：")
        for lost in draft.unwritten:
            _say(f"  - {lost}")
    if draft.usual:
        _say(
            f"多数报告会写、数据文件没有填的指标{len(draft.usual)}个（不是待补充，草稿中不写；有数据时填进「指标」即可）："
        )
        for topic, figures in itertools.groupby(draft.usual, key=lambda r: r.topic):
            _say(f"  - {topic}：{'、'.join(r.figure for r in figures)}")
        _say(
            "  本县没有这些数字就不用填。某个专题不写标准指标的句子、只写本县自己的文字时，"
            "在这个专题下写「标准句式: false」，这里就不再列出它。"
        )


def _to_check(draft: pipeline.Draft) -> None:
    """The lines on what the clerk must still write or check in the text: 参考表述 and 【待补充】."""
    if draft.references:
        _say(reference_line(draft))
    if draft.missing:
        _say(f"待补充{len(draft.missing)}项（在Word中以黄色标出）：")
        for item in draft.missing:
            _say(f"  - {item.where}：{item.name}")
    else:
        _say("没有待补充的项目。")


def reference_line(draft: pipeline.Draft) -> str:
    """The run summary's line on 参考表述."""
    topics = "、".join(draft.reference_topics())
    return (
        f"参考表述{len(draft.references)}段（计划：{topics}）：县里没有写这些专题的计划，起草器按常见写法拟写，"
        "在Word中以青绿色标出并加了批注，请核实、修改或删除（加 --不写参考 则不写）"
    )


GENERATE_HELP = "由数据文件起草《年度工作总结及下一年工作计划》Word 文档。"


def generate(
    data: DataFile,
    output: OutOption = None,
    strict: StrictOption = False,
    previous: PreviousOption = None,
    review: ReviewOption = False,
    with_trace: TraceOption = False,
    templates: TemplatesOption = None,
    overwrite: OverwriteOption = False,
    with_pdf: PdfOption = False,
    no_reference: NoReferenceOption = False,
) -> None:
    """Draft the report of one county data file (the clerk's `generate`, also `generator generate`)."""
    from generator import pipeline

    result = _run(
        lambda: pipeline.build(
            data,
            out=output,
            strict=strict,
            templates=templates,
            previous=previous,
            review_comments=review,
            with_trace=with_trace,
            overwrite=overwrite,
            references=not no_reference,
            with_pdf=with_pdf,
        )
    )
    for note in result.notes:
        _say(f"注意：{note}")
    _say(f"已生成：{result.path}")
    if with_trace:
        from generator.write.trace import trace_path

        _say(f"数字来源：{trace_path(result.path)}")
    _summary(result.draft, review=review)
    if with_pdf:
        from generator.write import pdf

        _say(f"已生成：{_run(lambda: pdf.convert(result.path, overwrite=overwrite))}")


generate_app.command(cls=ChineseCommand, help=GENERATE_HELP)(generate)
app.command("generate", cls=ChineseCommand, help=GENERATE_HELP)(generate)


@app.command(
    "validate",
    cls=ChineseCommand,
    help="检查数据文件：错误、请核对的提示和待补充的指标；不生成文件。有错误时退出码为 2。",
)
def validate_command(
    data: DataFile, previous: PreviousOption = None, templates: TemplatesOption = None
) -> None:
    """Check a county data file without writing anything."""
    from generator import pipeline

    draft = _run(lambda: pipeline.prepare(data, templates=templates, previous=previous))
    for note in draft.notes:
        _say(f"注意：{note}")
    _say(f"{data}: 数据文件格式无误。")
    _summary(draft)


@app.command(
    "batch",
    cls=ChineseCommand,
    help="起草一个文件夹中每个县（市、区）数据文件的草稿（如一个市所辖各县，或一个县的历年数据）："
    "多个进程同时起草，最后逐个文件列出结果。某个文件出错不影响其他文件；有文件出错时退出码为 2。",
)
def batch_command(
    folder: Annotated[
        Path,
        typer.Argument(
            help="存放数据文件（.yaml）的文件夹，如 inputs/", metavar="文件夹", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="草稿写入的文件夹；默认为 outputs/", metavar="输出文件夹"),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", help="同时起草的进程数；默认为本机的处理器核数", metavar="进程数", min=1
        ),
    ] = None,
    no_reference: NoReferenceOption = False,
    templates: TemplatesOption = None,
) -> None:
    """Draft every county file of a folder."""
    from rich.console import Console
    from rich.progress import Progress

    from generator import batch, pipeline

    if not folder.is_dir():
        _say(f"{folder}：不是一个文件夹", err=True)
        raise typer.Exit(2)
    if templates is not None and not templates.is_dir():
        from generator.draft import lint

        _say(lint.missing_folder(templates, "--templates 指定的模板文件夹"), err=True)
        raise typer.Exit(2)
    sources = batch.county_files(folder)
    if not sources:
        _say(f"{folder}：没有找到数据文件（.yaml）", err=True)
        raise typer.Exit(2)
    folder_out = output or pipeline.OUTPUT_FOLDER
    with (
        batch.drafting(
            sources,
            folder_out,
            jobs=jobs or batch.default_jobs(),
            references=not no_reference,
            templates=templates,
        ) as drafted,
        # Redrawn here, not by rich's own thread: no thread may run while workers are forked.
        Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress,
    ):
        task = progress.add_task("正在起草", total=len(sources))
        outcomes = []
        for outcome in drafted:
            outcomes.append(outcome)
            progress.advance(task)
            progress.refresh()
    for outcome in outcomes:
        _say(_batch_line(outcome))
        for note in outcome.notes:
            _say(f"  注意：{note}")
    failed = [o for o in outcomes if o.error]
    missing = sum(1 for o in outcomes if o.path and o.missing)
    _say(
        f"共 {len(outcomes)} 个数据文件：生成 {len(outcomes) - len(failed)} 份草稿"
        + (f"（其中 {missing} 份有待补充项）" if missing else "")
        + (f"，{len(failed)} 个出错" if failed else "")
        + "。"
    )
    if failed:
        raise typer.Exit(1 if any(o.internal for o in failed) else 2)


def _batch_line(outcome: batch.Outcome) -> str:
    """One file's result: 完成 / 待补充 n 项 / the first located problem."""
    if outcome.error:
        more = f"（另有 {outcome.more} 处问题，运行 generator validate {outcome.source} 可全部列出）"
        return f"{outcome.source.name}：出错，{outcome.error}" + (more if outcome.more else "")
    state = f"待补充 {outcome.missing} 项" if outcome.missing else "完成"
    if outcome.references:
        state += f"，参考表述 {outcome.references} 段（青绿色，请核实）"
    return f"{outcome.source.name}：{state}，已生成 {outcome.path}"


@app.command(
    "topics",
    cls=ChineseCommand,
    help="列出全部专题及各专题可填写的指标（键名、单位、含义）；加 --templates 则包括模板文件夹的专题.yaml 中的专题和指标。",
)
def topics(templates: TemplatesOption = None) -> None:
    """Print the catalogue of topics and figures."""
    from generator.data import catalogue
    from generator.office import topics as office_topics

    _run(lambda: office_topics.use_given(templates))

    for topic in catalogue.topics():
        _say(f"{topic.key}")
        for f in topic.figures:
            others = "、".join(u for u in f.units() if u != f.unit)
            unit = f.unit + (f"，也可写{others}" if others else "")
            old = f"；旧名{'、'.join(f.old)}仍可用" if f.old else ""
            kind = {"存量": "期末数", "流量": "累计数", "水平": "标准或比率"}[f.period]
            _say(f"  {f.key}：{f.description}（单位：{unit}；{kind}；示例：{f.example}{old}）")


@app.command(
    "outline",
    cls=ChineseCommand,
    help="读取一份报告（.txt 或 .docx），列出其结构：标题、落款、日期、噪声行和各级标题。",
)
def outline_command(
    report: Annotated[
        Path,
        typer.Argument(
            help="报告文件（.txt:UTF-8 或 GBK；或 .docx）", metavar="报告文件", show_default=False
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="以 JSON 输出（格式见 README，是稳定接口）")
    ] = False,
) -> None:
    """Print the structure of one report."""
    from generator.analysis import outline

    result = _run(lambda: outline.outline(report))
    if as_json:
        _say(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _say(outline.render_plain(result))


@app.command(
    "learn",
    cls=ChineseCommand,
    help="学习一个或几个文件夹中的全部报告，写出报告骨架（各部分常见的专题顺序、分组和标题写法）。",
)
def learn_command(
    folders: Annotated[
        list[Path],
        typer.Argument(
            help="存放报告（.txt/.docx）的文件夹（或报告文件），可写多个，如 seeds/",
            metavar="文件夹…",
            show_default=False,
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="骨架文件", metavar="文件.yaml")] = Path(
        "templates/skeleton.yaml"
    ),
    overwrite: OverwriteOption = False,
) -> None:
    """Learn the report skeleton from every report in the folders."""
    from rich.console import Console
    from rich.progress import track

    from generator.analysis import learn
    from generator.write import files as write_files

    files = learn.report_files(folders)
    if not files:
        _say(f"{'、'.join(map(str, folders))}: 没有找到 .txt 或 .docx 报告", err=True)
        raise typer.Exit(2)
    _run(
        lambda: write_files.guard(
            output, ours=lambda text: text.startswith("# 报告骨架"), overwrite=overwrite
        )
    )
    console = Console(stderr=True)
    reading = learn.read_reports(track(files, description="正在学习报告", console=console, transient=True))
    for path, reason in reading.skipped:
        _say(f"跳过 {path}: {reason}", err=True)
    if not reading.outlines:
        _say("没有一份报告可以学习，未写出骨架", err=True)
        raise typer.Exit(2)
    _run(lambda: write_files.write_text_atomically(output, learn.dump(learn.learn(reading.outlines))))
    skipped = f"（跳过 {len(reading.skipped)} 份）" if reading.skipped else ""
    _say(f"已学习 {len(reading.outlines)} 份报告{skipped}，骨架写入 {output}")


@app.command(
    "schema",
    cls=ChineseCommand,
    help="输出数据文件的 JSON Schema（中文说明），供 VS Code 等编辑器补全键名、检查拼写。",
)
def schema_command(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="写入文件；不写则输出到屏幕", metavar="文件.json")
    ] = None,
    overwrite: OverwriteOption = False,
    templates: TemplatesOption = None,
) -> None:
    """Write the JSON Schema of the county data file."""
    from generator.office import topics as office_topics
    from generator.tools import scaffold
    from generator.write import files as write_files

    _run(lambda: office_topics.use_given(templates))

    text = scaffold.schema_text()
    if output is None:
        _say(text.rstrip("\n"))
        return
    _run(lambda: write_files.guard(output, ours=scaffold.is_schema_text, overwrite=overwrite))
    _run(lambda: write_files.write_text_atomically(output, text))
    _say(f"已写入 {output}")


@app.command(
    "init",
    cls=ChineseCommand,
    help="为一个县（市、区）生成带注释的数据文件：多数县都写的专题，各指标注释中附含义和单位；"
    "加 --从 则据去年的报告写出（结构、标题、上年的数），加 --季报 则填入统计季报中的数。",
)
def init_command(
    region: Annotated[str, typer.Argument(help="地区名称，如 天门市", metavar="地区", show_default=False)],
    year: Annotated[
        int,
        typer.Argument(help="总结的年度，如 2024", metavar="年度", show_default=False, min=1949, max=2100),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="数据文件；默认为 <地区><年度>.yaml", metavar="文件.yaml"),
    ] = None,
    last_year: Annotated[
        Path | None,
        typer.Option(
            "--从",
            "--from",
            help="去年的报告（.docx 或 .txt）：据它写出结构、标题和上年的数",
            metavar="去年报告",
        ),
    ] = None,
    sheet: Annotated[
        Path | None,
        typer.Option(
            "--季报", "--quarterly", help="今年的统计季报（.xlsx）：填入其中的数", metavar="季报.xlsx"
        ),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--全部", "--all", help="列出全部专题（包括疫情防控这样的阶段性工作）")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--覆盖", help="数据文件（或旁边的 JSON Schema）已存在，也照样替换它")
    ] = False,
    office: TemplatesOption = None,
) -> None:
    """Write a commented county data file (and the JSON Schema beside it)."""
    from generator import templateset
    from generator.office import topics as office_topics
    from generator.tools import fill, initfile, scaffold
    from generator.write import files as write_files
    from generator.write import names

    _run(lambda: scaffold.check_region(region))
    target = output or _run(lambda: names.inside(Path(), f"{region}{year}", ".yaml"))
    _run(lambda: write_files.check_name(target))
    if target.is_dir():
        _say(f"{target}: 这是一个文件夹，请给出文件名（-o 文件.yaml）", err=True)
        raise typer.Exit(2)
    if target.exists() and any(
        source is not None and source.exists() and source.resolve() == target.resolve()
        for source in (last_year, sheet)
    ):
        _say(f"{target}: 输出文件不能与输入文件相同", err=True)
        raise typer.Exit(2)
    if target.exists() and not overwrite:
        _say(
            f"{target}: 文件已存在，为免覆盖已填写的内容，请换一个文件名（-o）或先改名，确需替换时加 --覆盖",
            err=True,
        )
        raise typer.Exit(2)
    schema_file = target.parent / scaffold.SCHEMA_FILE
    _run(lambda: write_files.guard(schema_file, ours=scaffold.is_schema_text, overwrite=overwrite))
    _run(lambda: office_topics.use_given(office))
    templates = _run(lambda: templateset.load(office))
    done = ""
    if last_year is not None:
        text, report = _run(lambda: initfile.from_report(last_year, region, year, templates.phrases))
        done = initfile.summary_line(report)
    else:
        only = None if everything else scaffold.usual_topics(templates.skeleton)
        if only is not None:  # an office's own topics are what it declared them for
            only += [t.key for t in office_topics.new_topics()]
        orders = {part: plan.order for part, plan in templates.plans.items()}
        text = scaffold.scaffold(region, year, orders, only=only)
    if office is not None:
        text = text.replace(
            f"年度: {year}\n", f"年度: {year}\n{office_topics.data_file_line(target, office)}\n", 1
        )
    filled = None
    if sheet is not None:
        filled = _run(lambda: fill.fill_text(text, str(target), year, sheet))
        text = filled.text
    _run(lambda: fill.check(text, target))
    _run(lambda: write_files.write_text_atomically(target, text))
    _run(lambda: write_files.write_text_atomically(schema_file, scaffold.schema_text()))
    _say(f"已生成 {target}（及 {schema_file}）")
    if done:
        _say(done)
    if filled is not None:
        _fill_report(filled)
    _say(f"下一步：填写数字后运行 generator validate {target}，再运行 generate {target}")


def _fill_report(filled: fill.Filled) -> None:
    for note in filled.notes:
        _say(f"注意：{note}")
    _say(f"从季报填入{len(filled.changed)}项：")
    for c in filled.changed:
        _say(f"  {c.path}：{c.old if c.old is not None else '（空）'} → {c.new}（{c.where}）")
    groups = [
        ("保留", "项（已填写，与季报不同；加 --覆盖 替换）", "现为 {old}，季报为 {new}"),
        ("缺专题", "项没有填入（数据文件中没有这个专题，需要时先在「总结」下加上）", "{new}"),
        ("未填入", "项没有填入（文件中这一处的写法无法只改一行，请手工填写）", "{new}"),
    ]
    for action, title, shape in groups:
        found = [c for c in filled.changes if c.action == action]
        if found:
            _say(f"{len(found)}{title}：")
            for c in found:
                _say(f"  {c.path}：{shape.format(old=c.old, new=c.new)}（{c.where}）")
    if filled.unplaced:
        _say(f"季报中没有对应到标准指标的行{len(filled.unplaced)}个：")
        for p in filled.unplaced:
            unit = f"{p.row.unit}" if p.row.unit else ""
            _say(f"  {p.row.where}「{p.row.name.strip()}」{p.row.text}{unit}：{p.why}")


@app.command(
    "fill",
    cls=ChineseCommand,
    help="把统计季报（.xlsx）中的数填进数据文件：原地修改，注释、空行和已写的文字都不变；"
    "已填写的数不改（加 --覆盖 才替换），列出改了什么和季报中没有对应上的行。",
)
def fill_command(
    data: DataFile,
    sheet: Annotated[
        Path,
        typer.Option(
            "--季报", "--quarterly", help="统计季报（.xlsx）", metavar="季报.xlsx", show_default=False
        ),
    ],
    overwrite: Annotated[bool, typer.Option("--覆盖", help="季报与已填写的数不同时，用季报的数替换")] = False,
) -> None:
    """Fill a county data file in place from the 统计季报."""
    from generator.tools import fill

    filled = _run(lambda: fill.fill_file(data, sheet, overwrite=overwrite))
    _fill_report(filled)
    _say(f"已更新 {data}" if filled.changed else f"{data} 没有改动")


@app.command(
    "check-templates",
    cls=ChineseCommand,
    help="检查模板：能否编译、有无未定义的名称和不存在的指标、每个专题是否都有模板、指标是否都被用到。无错误时退出码为 0，有错误时为 2。",
)
def check_templates_command(
    folder: Annotated[
        Path | None,
        typer.Argument(help="要检查的模板文件夹；不写则检查内置模板", metavar="文件夹", show_default=False),
    ] = None,
) -> None:
    """Check a template folder (with the built-in templates for whatever it lacks)."""
    from generator.tools import check_templates

    if folder is not None and not folder.is_dir():
        from generator.draft import lint

        _say(lint.missing_folder(folder, "模板文件夹"), err=True)
        raise typer.Exit(2)
    result = check_templates.check_templates(folder)
    for line in result.errors:
        _say(line)
    for line in result.warnings:
        _say(f"警告: {line}")
    _say(f"检查了 {result.checked} 个模板：{len(result.errors)} 个错误，{len(result.warnings)} 个警告")
    raise typer.Exit(2 if result.errors else 0)


template_app = typer.Typer(
    help="办公室模板文件夹的维护：复制内置模板（注明来源和版本）、对比内置模板的改动、改写已改名的指标。",
    context_settings=CONTEXT,
    add_completion=False,
    no_args_is_help=True,
    cls=ChineseGroup,
)
app.add_typer(template_app, name="模板")


@template_app.command(
    "复制",
    cls=ChineseCommand,
    short_help="复制内置模板，注明来源和版本",
    help="把一个内置模板（或 句式.yaml 等）复制到自己的模板文件夹，第一行注明来源和版本："
    "内置模板以后改了，check-templates 会提示，模板 对比 可看改了什么。",
)
def template_copy_command(
    name: Annotated[
        str,
        typer.Argument(
            help="内置模板的路径，如 总结/社会救助.j2、report.j2", metavar="模板", show_default=False
        ),
    ],
    folder: Annotated[
        Path,
        typer.Option("--到", help="自己的模板文件夹，如 办公室模板/", metavar="文件夹", show_default=False),
    ],
    overwrite: Annotated[bool, typer.Option("--覆盖", help="文件夹中已有这个文件，也照样重新复制")] = False,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--块",
            help="只改写其中的块（如 --块 导语 --块 落款）：写出沿用内置模板、只含这几块的文件",
            metavar="块名",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Copy a built-in file into an office folder with a header naming its source and version."""
    from generator.office import upgrades

    target = _run(lambda: upgrades.copy(name, folder, overwrite=overwrite, only=tuple(only or ())))
    _say(f"已复制到 {target}（第一行注明了来源和版本，请保留）")


@template_app.command(
    "对比",
    cls=ChineseCommand,
    short_help="看内置模板复制以后的改动",
    help="显示一个复制来的模板复制以后内置模板改了什么（统一差异格式）；加 --已合并 记下内置模板的现版本。",
)
def template_diff_command(
    file: Annotated[
        Path,
        typer.Argument(help="用 模板 复制 复制来的文件", metavar="文件", show_default=False),
    ],
    merged: Annotated[
        bool, typer.Option("--已合并", help="已把内置模板的改动改进本文件：记下内置模板的现版本，不再提示")
    ] = False,
) -> None:
    """Show the built-in's changes since ``file`` was copied (or record them as merged)."""
    from generator.office import upgrades

    if merged:
        now = _run(lambda: upgrades.mark_merged(file))
        _say(f"已记下：{file} 已对照内置模板的 {now} 版，以后只提示此后的改动")
        return
    text = _run(lambda: upgrades.diff(file))
    _say(text.rstrip("\n") if text else f"{file}：内置模板此后没有改过")


@template_app.command(
    "更新",
    cls=ChineseCommand,
    short_help="把旧指标名改写为新名",
    help='把模板文件夹中仍用旧名的指标（指标.旧名、指标.有("旧名")）改写为新名，列出改了哪些行。',
)
def template_update_command(
    folder: Annotated[Path, typer.Argument(help="自己的模板文件夹", metavar="文件夹", show_default=False)],
) -> None:
    """Rewrite renamed figures in an office folder's templates."""
    from generator.office import renames

    if not folder.is_dir():
        from generator.draft import lint

        _say(lint.missing_folder(folder, "模板文件夹"), err=True)
        raise typer.Exit(2)
    done = _run(lambda: renames.update(folder))
    for line in done:
        _say(f"已改写 {line}")
    _say(f"改写了 {len(done)} 处" if done else f"{folder}：没有用旧名的指标")


@app.command(
    "compare",
    cls=ChineseCommand,
    help="把草稿与原报告对照：专题覆盖、原文数字在草稿中的召回、草稿中来历不明的数字、结构化指标占比。",
)
def compare_command(
    draft: Annotated[
        Path, typer.Argument(help="generate 生成的草稿（.docx）", metavar="草稿.docx", show_default=False)
    ],
    original: Annotated[
        Path, typer.Argument(help="原报告（.txt 或 .docx）", metavar="原报告", show_default=False)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """Compare a draft with the original report."""
    from generator.analysis import compare

    result = _run(lambda: compare.compare(draft, original))
    _say(json.dumps(result, ensure_ascii=False, indent=2) if as_json else compare.render_plain(result))


@app.command(
    "审读",
    cls=ChineseCommand,
    help="审读一份草稿（.docx，或报告的 .txt）：找出重复词语、余/约位置、量词缺名词、时间与报告期不符、"
    "计划写成「总结如下」、序号孤立或叠用、开头重复、范围与时间叠用、单位与数据文件不同、空的部分。"
    "有发现时照常退出（退出码 0），加 --严格 则退出码为 2。",
)
def proofread_command(
    draft: Annotated[
        Path,
        typer.Argument(help="草稿或报告（.docx 或 .txt）", metavar="草稿.docx", show_default=False),
    ],
    data: Annotated[
        Path | None,
        typer.Option(
            "--数据",
            "--data",
            help="起草所用的数据文件：据它核对单位，并以其中的报告期、统计截止、成文日期核对时间",
            metavar="县.yaml",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    strict: Annotated[bool, typer.Option("--严格", "--strict", help="有发现时退出码为 2")] = False,
) -> None:
    """Proofread a draft (or any report) for the usual slips."""
    from generator.analysis import proofread

    doc, findings = _run(lambda: proofread.check_file(draft, data))
    if as_json:
        result = {"file": str(draft), "findings": [f.to_json() for f in findings]}
        _say(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _say(proofread.render_plain(doc, findings))
    if strict and findings:
        raise typer.Exit(2)


@app.command(
    "汇总",
    cls=ChineseCommand,
    help="把一个文件夹中各县（市、区）的数据文件汇总成市级数据文件：期末数、累计数精确相加，标准和比率列出范围，"
    "只有部分县区填报的数、自定指标和各县区的工作写成注释；边汇总边核对（分项大于合计、户数大于人数、"
    "人均数与其他县区相差10倍、报告期不同）。有文件出错时照样汇总其余文件，退出码为 2。",
)
def rollup_command(
    folder: Annotated[
        Path,
        typer.Argument(help="存放各县区数据文件（.yaml）的文件夹", metavar="县区文件夹", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="写出的市级数据文件", metavar="市.yaml", show_default=False),
    ],
    unit: Annotated[
        str | None,
        typer.Option(
            "--单位", help="市级文件的单位（落款），如「天门市民政局」；默认为 <地区>民政局", metavar="单位"
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--地区", help="市级文件的地区，如「天门市」；默认为文件夹的名称", metavar="地区"),
    ] = None,
    table: Annotated[
        Path | None,
        typer.Option(
            "--表",
            help="另写各县区对比表（.xlsx）：县区为行，主要指标为列，含合计和同比",
            metavar="对比.xlsx",
        ),
    ] = None,
    with_trace: Annotated[
        bool, typer.Option("--trace", help="另写 <市>.trace.json：每个合计数来自哪些文件的哪一行")
    ] = False,
    partial: Annotated[
        bool,
        typer.Option(
            "--部分县区", help="只有部分县区填报的数也写进市级文件，注明是几个县区的合计（默认只写成注释）"
        ),
    ] = False,
    overwrite: OverwriteOption = False,
) -> None:
    """Roll the county files of a folder up into a city file."""
    from generator.rollup import run

    done = _run(
        lambda: run.run(
            folder,
            output,
            unit=unit,
            region=region,
            table=table,
            with_trace=with_trace,
            partial=partial,
            overwrite=overwrite,
        )
    )
    for line in run.report_lines(done):
        _say(line)
    if done.rollup.broken:
        raise typer.Exit(2)


def _terminate(_signum: int, _frame: Any) -> None:
    # SIGTERM (a killed batch, a closed terminal) unwinds like Ctrl-C, so no temp file is left behind.
    raise SystemExit(143)


def _main(command: typer.Typer, prog: str, quick: Callable[[], Any] | None = None) -> None:
    """Run ``command`` (or ``quick``, the same command with its arguments already read) as ``prog``."""
    gc.unfreeze()  # a caller that runs commands in-process (the tests) has earlier runs collected again
    try:
        _run_command(command, prog, quick)
    finally:
        # The process ends now: the collection at exit need not scan what it leaves behind.
        gc.freeze()


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """The garbage collector off while `generate` drafts one county file. Importing the drafting modules
    and building the data models makes many long-lived objects, which the collector would scan again and
    again; one draft makes little cyclic garbage (a 天门 file repeated 100 times peaks at the same 86 MB)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_command(command: typer.Typer, prog: str, quick: Callable[[], Any] | None) -> None:
    from generator import console

    console.make_safe()  # a GBK console, or LANG=C: no character may end the output mid-way
    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGTERM, _terminate)
    # Our models use no pydantic plugin; looking for them reads every installed package's entry points.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        code = quick() if quick else command(prog_name=prog, standalone_mode=False)
    # What typer does for the commands it runs, done for a quick one too:
    except KeyboardInterrupt:
        sys.exit(130)
    except EOFError:
        _say(err=True)
        _say("已中止。", err=True)
        sys.exit(1)
    except BrokenPipeError:
        # Whoever read our output has gone (`generate … | head`): leave quietly. Python's recipe: point
        # stdout at devnull, so that flushing it at exit does not fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except UserError as e:  # raised while parsing the command line (usage.UsageProblem)
        for line in e.problems:
            _say(f"{prog}: {line}", err=True)
        sys.exit(e.exit_code)
    except Exception as e:
        kinds = {c.__name__ for c in type(e).__mro__}
        if usage.is_usage_error(e):
            _say(f"{prog}: {usage.chinese(e)}", err=True)
            sys.exit(2)
        if "Exit" in kinds:
            sys.exit(getattr(e, "exit_code", 0))
        if "Abort" in kinds:
            _say("已中止。", err=True)
            sys.exit(1)
        if os.environ.get("MINZHENG_DEBUG"):
            raise
        # A bug: say so plainly; developers set MINZHENG_DEBUG=1 to see the traceback.
        first_line = (str(e).splitlines() or [""])[0]  # a pydantic error, say, runs to many lines
        _say(
            f"{prog}: 程序内部错误（{type(e).__name__}: {first_line}）。请把这行信息和所用的数据文件发给维护人员。",
            err=True,
        )
        sys.exit(1)
    # Without standalone mode, click returns the code of a `raise typer.Exit(code)` instead of exiting.
    sys.exit(code if isinstance(code, int) else 0)


def main() -> None:
    """Entry point of `generator`."""
    from generator import console

    console.ensure_utf8_names()
    _main(app, "generator")


def generate_main() -> None:
    """Entry point of `generate`."""
    from generator import console

    console.ensure_utf8_names()
    import typer.main

    from generator.argv import simple_call

    given = simple_call(typer.main.get_command(generate_app), sys.argv[1:])
    with _collector_off():
        _main(generate_app, "generate", None if given is None else lambda: generate(**given))
