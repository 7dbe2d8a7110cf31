"""`generator 汇总` from folder to files: roll up, write the city file (checked to validate first), the
comparison table and the trace, never over a file this command did not write; and the run's summary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OutputError
from generator.rollup.combine import Rollup, roll_up
from generator.rollup.read import MARKER
from generator.rollup.write import Options, city_file, save_trace

XLSX = ".xlsx"


@dataclass(frozen=True)
class Done:
    """What a run wrote."""

    rollup: Rollup
    city: Path
    table: Path | None
    trace: Path | None
    partial: bool = False  # figures some counties left out were written (--部分县区)


def trace_path(city: Path) -> Path:
    return city.with_suffix(".trace.json")


def run(
    folder: Path,
    output: Path,
    *,
    unit: str | None = None,
    region: str | None = None,
    table: Path | None = None,
    with_trace: bool = False,
    partial: bool = False,
    overwrite: bool = False,
) -> Done:
    from generator.write import files, owned

    if table is not None and table.suffix.lower() != XLSX:
        raise OutputError(f"{table}：对比表应是 .xlsx 文件，如 对比.xlsx")
    files.guard(output, ours=lambda text: text.startswith(MARKER), overwrite=overwrite)
    if with_trace:
        owned.guard_bytes(
            trace_path(output), owned.is_json_with({"文件", "县区", "指标"}), overwrite=overwrite
        )
    if table is not None:
        owned.guard_bytes(table, owned.is_our_xlsx, overwrite=overwrite, what="对比表")
    rollup = roll_up(folder)
    try:
        return _write(rollup, output, region or folder.resolve().name, unit, table, with_trace, partial)
    except BaseException:
        rollup.close()
        raise


def _write(
    rollup: Rollup,
    output: Path,
    place: str,
    unit: str | None,
    table: Path | None,
    with_trace: bool,
    partial: bool,
) -> Done:
    from generator.write import files

    options = Options(unit or f"{place}民政局", place, partial)
    _city(rollup, options, output)
    trace = None
    if with_trace:
        trace = trace_path(output)
        files.write_streamed_atomically(trace, lambda out: save_trace(rollup, output, out))
    if table is not None:
        from generator.rollup.table import save

        title = f"{options.region}各县区民政主要指标对比（{rollup.timing[0]}年{rollup.timing[1]}）"
        files.write_streamed_atomically(table, lambda out: save(rollup, title, out))
    return Done(rollup, output, table, trace, partial)


def _city(rollup: Rollup, options: Options, output: Path) -> None:
    """The city file, checked to validate first (its text let go before the trace and table are written)."""
    from generator.tools import fill
    from generator.write import files

    text = city_file(rollup, options, _phrase)
    fill.check(text, output)  # a city file that does not validate is our bug: never written
    files.write_text_atomically(output, text)


def _phrase(topic: str, key: str) -> str:
    """The figure's clause in the built-in 句式 (with {值}), or its name and the number."""
    from generator import templateset

    entry = templateset.load(None).phrases.phrases.get(topic, {}).get(key)
    if entry is None:
        return f"{key}{{值}}"
    return entry if isinstance(entry, str) else entry.sentence


def report_lines(done: Done) -> Iterator[str]:
    """The run's summary, in Chinese, a line at a time (read from the roll-up's store as it is shown)."""
    rollup = done.rollup
    yield f"读取{rollup.files}个数据文件：计入合计{rollup.counted_count}个县区" + _left(rollup)
    for broken in rollup.broken_files():
        more = broken.more
        tail = f"（另有 {more} 处问题，运行 generator validate {broken.path} 可全部列出）" if more else ""
        yield f"  {broken.path.name}：出错，未计入：{broken.problem}{tail}"
    for left in rollup.left_files():
        yield f"  {left.path.name}：未计入：{left.finding}"
    for path in rollup.ours():
        yield f"  {path.name}：是汇总写出的市级文件，跳过"
    summed = [t for t in rollup.totals if not t.level and t.complete]
    partial = [t for t in rollup.totals if not t.level and not t.complete]
    levels = [t for t in rollup.totals if t.level]
    yield (
        f"合计{len(summed)}项；只有部分县区填报的{len(partial)}项"
        + ("（已写入，注明是几个县区的合计）" if done.partial else "（未合计，写成注释）")
        + f"；标准和比率{len(levels)}项（不合计，注释中列出最低、最高）"
    )
    found = rollup.checked_count
    if found:
        yield f"请核对{found}处："
        for finding in rollup.checked():
            yield f"  - {finding}"
    for note in rollup.notes():
        yield f"注意：{note}"
    yield f"已生成：{done.city}"
    if done.table:
        yield f"对比表：{done.table}"
    if done.trace:
        yield f"数字来源：{done.trace}"
    yield f"下一步：补上成文日期，据注释填写本市的标准和工作，再运行 generate {done.city}"


def _left(rollup: Rollup) -> str:
    out = rollup.broken_count + rollup.left_count
    return f"，{out}个未计入：" if out else "。" if not rollup.store.count("ours") else "："
