"""`generator 汇总`: a city file made from its counties' files adds up exactly (checked against sums done by
hand), leaves out what it cannot add, validates and drafts; each check while rolling up is located."""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator import pipeline
from generator.data.loader import load_report, load_source
from generator.data.schema import FigureData, figure_values
from generator.draft.markup import unmark
from generator.rollup import checks
from generator.rollup.combine import roll_up
from generator.rollup.run import run


def _file(region: str, body: str, header: str = "") -> str:
    return f"单位: {region}民政局\n地区: {region}\n年度: 2024\n{header}" + textwrap.dedent(body)


# Seven counties that count, one half-year county (left out), one broken file (left out whole).
COUNTIES = {
    "01甲县": _file(
        "甲县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 700
              低保人数: {本年: 1200, 上年: 1100}
              城市低保人数: 400
              农村低保人数: 800
              低保户数: 600
              特困人数: {本年: 300, 上年: 280}
              低保金额: 100000元
              临时救助人次: 100
              临时救助金额: 50
            自定指标:
              互助照料中心: 13个
            工作:
              - 标题: 开展低收入人口动态监测
                内容: 全县监测{低保人数}，新增互助照料中心{互助照料中心}，每月比对一次数据，及时将符合条件的困难群众纳入救助范围。
          养老服务:
            指标:
              高龄津贴人数: 3000
        计划:
          社会救助:
            目标:
              - 新建救助服务站2个。
        """,
    ),
    "02乙县": _file(
        "乙县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 650
              低保人数: 2000
              特困人数: {本年: 500, 上年: 450}
              低保金额: 200000元
              临时救助人次: 200
              临时救助金额: 300000元
          养老服务:
            指标:
              高龄津贴人数: 0.5万
        """,
    ),
    "03丙县": _file(
        "丙县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 800
              低保人数: 1500
              特困人数: {本年: 410, 上年: 400}
              低保金额: 30
              临时救助人次: 150
              临时救助金额: 60
        """,
    ),
    "04丁县": _file(
        "丁县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 720
              低保人数: 1800
              特困人数: {本年: 350, 上年: 300}
              低保金额: 150000元
              临时救助人次: 120
              临时救助金额: 40.5
        """,
    ),
    "05戊县": _file(
        "戊县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 690
              低保人数: 900
              特困人数: {本年: 200, 上年: 210}
              低保金额: 50000元
              临时救助人次: 80
              临时救助金额: 123456元
        """,
    ),
    "06己县": _file(
        "己县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 700
              低保人数: 1100
              特困人数: {本年: 260, 上年: 250}
              低保金额: 20
              临时救助人次: 90
              临时救助金额: 45
        """,
    ),
    "07庚县": _file(
        "庚县",
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 710
              低保人数: 1300
              特困人数: {本年: 240, 上年: 230}
              低保金额: 1.5万元
              临时救助人次: 110
              临时救助金额: 55
        """,
    ),
    "08辛县": _file(
        "辛县",
        """\
        总结:
          社会救助:
            指标:
              低保人数: 700
        """,
        header="报告期: 上半年\n",
    ),
    "09坏县": _file(
        "坏县",
        """\
        总结:
          社会救助:
            指标:
              低保人数: 5000
              城市低保标准: 六百九十四
        """,
    ),
}

# The sums, done by hand over the seven counties that count (甲 乙 丙 丁 戊 己 庚).
DIBAO = 1200 + 2000 + 1500 + 1800 + 900 + 1100 + 1300  # 9800人; 上年 only 甲's: none in the city file
TEKUN = 300 + 500 + 410 + 350 + 200 + 260 + 240  # 2260人
TEKUN_LAST = 280 + 450 + 400 + 300 + 210 + 250 + 230  # 2120人
TEMP_CASES = 100 + 200 + 150 + 120 + 80 + 90 + 110  # 850人次
# 万元, the unit most counties typed (bare): 乙's 300000元 is 30万元, 戊's 123456元 is 12.3456万元
TEMP_AMOUNT = Decimal(50) + 30 + 60 + Decimal("40.5") + Decimal("12.3456") + 45 + 55  # 292.8456万元
# 元, the unit most counties typed (甲 乙 丁 戊): 丙's 30万元, 己's 20万元, 庚's 1.5万元 converted
DIBAO_AMOUNT = 100000 + 200000 + 300000 + 150000 + 50000 + 200000 + 15000  # 1015000元
ELDERLY = 3000 + 5000  # 高龄津贴人数 of 甲 and 乙 only: never a total


def _folder(tmp_path: Path, files: dict[str, str], name: str = "各县") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for stem, text in files.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def city(tmp_path: Path) -> Path:
    out = tmp_path / "市.yaml"
    run(_folder(tmp_path, COUNTIES), out, region="测试市", table=tmp_path / "对比.xlsx", with_trace=True)
    return out


def _figures(path: Path, topic: str) -> dict[str, FigureData]:
    return figure_values(load_report(path).section("总结", topic))


def test_sums_match_the_hand_computation(city: Path) -> None:
    given = _figures(city, "社会救助")
    assert given["低保人数"].value == DIBAO and given["低保人数"].prev is None
    assert given["特困人数"].value == TEKUN and given["特困人数"].prev == TEKUN_LAST
    assert given["临时救助人次"].value == TEMP_CASES
    amount = given["临时救助金额"]
    assert (amount.value, amount.unit, amount.written) == (TEMP_AMOUNT, None, False)  # bare 万元
    dibao = given["低保金额"]
    assert (dibao.value, dibao.unit, dibao.written) == (DIBAO_AMOUNT, "元", True)  # as most typed it
    assert "城市低保标准" not in given  # a standard is never summed
    assert "城市低保人数" not in given and "低保户数" not in given  # only 甲 gave them
    assert "养老服务" not in {k for k, v in load_report(city).summary if v}  # 高龄津贴人数: 2 of 7


def test_what_is_not_summed_is_a_comment(city: Path) -> None:
    text = city.read_text(encoding="utf-8")
    assert "城市低保标准：7个县区填报，最低650元/人·月（乙县），最高800元/人·月（丙县）" in text
    assert f"高龄津贴人数：7个县区中2个填报，合计{ELDERLY}人，缺：丙县、丁县、戊县、己县、庚县" in text
    assert (
        "甲县（01甲县.yaml:" in text
        and "开展低收入人口动态监测：全县监测1200人，新增互助照料中心13个，每月比对一次数据，" in text
    )
    assert "：互助照料中心：13个" in text
    assert "新建救助服务站2个。" in text  # the plan's goal, under 计划
    assert "09坏县.yaml（文件有误：" in text and "08辛县.yaml（辛县的报告期为2024年上半年" in text
    # every total names each county's value
    line = next(x for x in text.splitlines() if x.strip().startswith("低保人数:"))
    assert "7个县区合计：甲县1200人、乙县2000人" in line and "上年只有1个县区填写，未合计" in line


def test_the_city_file_validates_and_drafts(city: Path) -> None:
    draft = pipeline.prepare(city)
    text = "".join(unmark(b.text) for b in draft.blocks)
    assert "全市共有城乡低保对象9800人" in text
    assert f"特困人员{TEKUN}人" in text and "较上年增加140人" in text  # 上年 summed: 同比 works
    assert "292.8456万元" in text and "1015000元" in text


def test_every_number_traces_to_its_county_line(city: Path) -> None:
    trace = json.loads(city.with_suffix(".trace.json").read_text(encoding="utf-8"))
    entry = next(f for f in trace["指标"] if f["指标"] == "总结.社会救助.指标.低保人数")
    assert entry["合计"] == "9800人" and len(entry["县区"]) == 7
    for county in entry["县区"]:
        source, _ = load_source(Path(county["文件"]))
        assert source.text.splitlines()[county["行"] - 1].strip().startswith("低保人数:")
    assert not any("坏县" in c["文件"] or "辛县" in c["文件"] for c in entry["县区"])


def test_comparison_table(city: Path) -> None:
    sheet = openpyxl.load_workbook(city.parent / "对比.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(c).split("\n")[0] for c in rows[1]]
    regions = [r[0] for r in rows[2:9]]
    assert regions == ["甲县", "乙县", "丙县", "丁县", "戊县", "己县", "庚县"]
    by_label = {r[0]: r for r in rows}
    assert by_label["合计"][header.index("低保人数")] == DIBAO
    assert by_label["上年合计"][header.index("特困人数")] == TEKUN_LAST
    assert by_label["同比"][header.index("特困人数")] == pytest.approx((TEKUN - TEKUN_LAST) / TEKUN_LAST)
    assert by_label["乙县"][header.index("临时救助金额")] == 30  # 300000元 in the column's 万元
    assert sheet.freeze_panes == "B3"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize or 0) == 9  # A4
    assert {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None} == {"仿宋"}


def test_figures_of_some_counties_written_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "市.yaml"
    run(_folder(tmp_path, COUNTIES), out, region="测试市", partial=True)
    elderly = _figures(out, "养老服务")["高龄津贴人数"]
    assert elderly.value == ELDERLY and elderly.words and "7个县区中2个县区的合计" in elderly.words
    text = "".join(unmark(b.text) for b in pipeline.prepare(out).blocks)
    assert "8000人（7个县区中2个县区的合计）" in text
    # 低保户数 of one county is not joined to the 低保人数 of seven (600户9800人)
    assert "低保户数" not in _figures(out, "社会救助")


def test_cli(tmp_path: Path, run_cli) -> None:
    folder = _folder(tmp_path, COUNTIES)
    out = tmp_path / "市.yaml"
    result = run_cli("汇总", folder, "-o", out, "--地区", "测试市", maintainer=True)
    assert result.code == 2  # a broken file, as batch says it
    assert result.out.startswith("读取9个数据文件：计入合计7个县区，2个未计入：")
    assert f"09坏县.yaml：出错，未计入：{folder / '09坏县.yaml'}:8:" in result.out
    assert f"已生成：{out}" in result.out
    assert load_report(out).unit == "测试市民政局"
    (tmp_path / "别的.yaml").write_text("单位: x\n", encoding="utf-8")
    refused = run_cli("汇总", folder, "-o", tmp_path / "别的.yaml", maintainer=True)
    assert refused.code == 2 and "文件已存在" in refused.err
    again = run_cli("汇总", folder, "-o", folder / "市.yaml", maintainer=True)  # written into the folder
    rerun = run_cli("汇总", folder, "-o", folder / "市.yaml", maintainer=True)  # and read back: skipped
    assert again.code == rerun.code == 2 and "市.yaml：是汇总写出的市级文件，跳过" in rerun.out


def test_into_a_folder_not_yet_made(tmp_path: Path, run_cli) -> None:
    """`-o 新文件夹/市.yaml`: the folder is made, as generate and init make theirs (it was an internal error)."""
    folder = _folder(tmp_path, COUNTIES)
    out = tmp_path / "新文件夹" / "市.yaml"
    table = tmp_path / "新文件夹" / "对比.xlsx"
    result = run_cli("汇总", folder, "-o", out, "--表", table, "--trace", maintainer=True)
    assert result.code == 2 and "程序内部错误" not in result.err, result.err
    assert load_report(out).region and table.is_file()


# ---- each check, with a folder that trips only it ------------------------------------------------------


def _usual(region: str, figures: str, header: str = "") -> str:
    body = "总结:\n  社会救助:\n    指标:\n" + textwrap.indent(textwrap.dedent(figures), "      ")
    return _file(region, body, header)


def _findings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(f) for f in roll_up(_folder(tmp_path, files)).findings]


def test_parts_larger_than_their_total(tmp_path: Path) -> None:
    files = {
        "a": _usual("甲县", "低保人数: 1500\n城市低保人数: 900\n农村低保人数: 800\n"),
        "b": _usual("乙县", "低保人数: 1500\n城市低保人数: 1600\n"),
        "c": _usual("丙县", "低保人数: 1500\n城市低保人数: 700\n农村低保人数: 800\n"),
    }
    found = _findings(tmp_path, files)
    folder = tmp_path / "各县"
    assert found == [
        f"{folder / 'a.yaml'}:7: 甲县的城市低保人数（900人）+农村低保人数（800人）之和大于低保人数（1500人）",
        f"{folder / 'b.yaml'}:8: 乙县的城市低保人数（1600人）大于低保人数（1500人，第7行）",
    ]


def test_households_above_people(tmp_path: Path) -> None:
    files = {
        "a": _usual("甲县", "低保户数: 2000\n低保人数: 1500\n"),
        "b": _usual("乙县", "低保户数: 700\n低保人数: 1500\n"),
    }
    found = _findings(tmp_path, files)
    assert found == [
        f"{tmp_path / '各县' / 'a.yaml'}:7: 甲县的低保户数（2000户）大于低保人数（1500人，第8行）；户数不会多于人数"
    ]


def test_per_head_ten_times_off_the_others(tmp_path: Path) -> None:
    files = {
        "a": _usual("甲县", "城市低保标准: 700\n临时救助人次: 100\n临时救助金额: 50\n"),
        "b": _usual("乙县", "城市低保标准: 650\n临时救助人次: 200\n临时救助金额: 90\n"),
        "c": _usual("丙县", "城市低保标准: 720\n临时救助人次: 150\n临时救助金额: 80\n"),
        # a standard typed without its last digit, an amount typed in 元 as if 万元
        "d": _usual("丁县", "城市低保标准: 70\n临时救助人次: 120\n临时救助金额: 600000\n"),
    }
    found = _findings(tmp_path, files)
    d = tmp_path / "各县" / "d.yaml"
    assert found == [
        f"{d}:7: 丁县的城市低保标准（70元/人·月）不到其他县区中位数（700元/人·月）的十分之一；请核对数字和单位（月标准与年标准、元与万元）",
        (
            f"{d}:9: 丁县的每人次临时救助金额约50000000元（临时救助金额60亿元），约为其他县区中位数（约5000元）的10000倍；"
            "请核对金额的单位（元与万元）和人数"
        ),
    ]


def test_a_county_of_another_period_is_found_and_left_out(tmp_path: Path) -> None:
    files = {
        "a": _usual("甲县", "低保人数: 1000\n"),
        "b": _usual("乙县", "低保人数: 2000\n"),
        "c": _usual("丙县", "低保人数: 3000\n", header="统计截止: 2024-10-31\n"),
        "d": _usual("丁县", "低保人数: 4000\n", header="报告期: 上半年\n"),
    }
    rollup = roll_up(_folder(tmp_path, files))
    folder = tmp_path / "各县"
    assert [str(f) for f in rollup.findings] == [
        (
            f"{folder / 'c.yaml'}:4: 丙县的报告期为2024年1-10月（统计截止2024-10-31），其他县区为2024年全年（统计截止2024-12-31）；"
            "时段不同的数字不能相加，未计入合计（改正后重新汇总）"
        ),
        (
            f"{folder / 'd.yaml'}:4: 丁县的报告期为2024年上半年（统计截止2024-06-30），其他县区为2024年全年（统计截止2024-12-31）；"
            "时段不同的数字不能相加，未计入合计（改正后重新汇总）"
        ),
    ]
    assert [t.base for t in rollup.totals] == [3000]  # 甲 + 乙 only


def test_no_check_fires_on_sound_files(city: Path) -> None:
    rollup = roll_up(city.parent / "各县")
    assert [f for f in rollup.findings if f not in {left.finding for left in rollup.left}] == []
    assert all(isinstance(f, checks.Finding) for f in rollup.findings)


def test_a_city_file_too_big_to_read_carries_less_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.rollup import write

    folder = _folder(tmp_path, COUNTIES)
    full = tmp_path / "全.yaml"
    run(folder, full, region="测试市")
    size = len(full.read_bytes())
    monkeypatch.setattr(write, "MAX_BYTES", (size - 1) / 0.9)  # the full file just does not fit under 90%
    short = tmp_path / "短.yaml"
    run(folder, short, region="测试市")
    text = short.read_text(encoding="utf-8")
    assert (
        "开展低收入人口动态监测：全县监测1200人，新增互助照料中心13个，每月比对一次……" in text
    )  # the work item's first 40 characters
    assert _figures(short, "社会救助")["低保人数"].value == DIBAO
    monkeypatch.setattr(write, "MAX_BYTES", 1000)  # nothing fits: the texts are left out, the sums stay
    run(folder, short, region="测试市", overwrite=True)
    text = short.read_text(encoding="utf-8")
    assert "全县监测" not in text and "各县区的内容（2条）太多，未列出：请看各县区的数据文件" in text
    assert _figures(short, "社会救助")["低保人数"].value == DIBAO


# ---- memory flat in the number of files -----------------------------------------------------------------


def _tiny(i: int) -> str:
    return _usual(
        f"第{i:03d}县",
        f"城市低保标准: {700 + i % 7}\n低保人数: {{本年: {1000 + i}, 上年: {990 + i}}}\n特困人数: {200 + i}\n"
        f"临时救助人次: {100 + i % 13}\n临时救助金额: {50 + i % 11}\n",
    )


def _peak(tmp_path: Path, count: int) -> int:
    """The peak of Python's memory (tracemalloc) while ``count`` tiny county files roll up, with the
    comparison table and the trace."""
    import gc
    import tracemalloc

    folder = tmp_path / f"各县{count}"
    if not folder.exists():
        _folder(tmp_path, {f"{i:03d}": _tiny(i) for i in range(count)}, name=folder.name)
    gc.collect()
    tracemalloc.start()
    try:
        done = run(
            folder,
            tmp_path / f"市{count}.yaml",
            region="测试市",
            table=tmp_path / f"表{count}.xlsx",
            with_trace=True,
            overwrite=True,
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert done.rollup.counted_count == count


def test_memory_does_not_grow_with_the_counties(tmp_path: Path) -> None:
    """The counties are kept in the roll-up's temporary database, not as Python objects: four times the
    files does not take twice the memory (holding every county, as the roll-up once did, took 3.2 times).
    Each the lower of two runs: the interpreter now and then grows its table of interned strings (the file
    names of pathlib's paths go there), a one-off allocation of its own that is not the roll-up's."""
    _peak(tmp_path, 5)  # warm: models built, templates read
    few = min(_peak(tmp_path, 40), _peak(tmp_path, 40))
    many = min(_peak(tmp_path, 160), _peak(tmp_path, 160))
    assert many < 2 * few, (few, many)
    trace = json.loads((tmp_path / "市160.trace.json").read_text(encoding="utf-8"))
    assert len(trace["县区"]) == 160  # the trace still names every county
    text = (tmp_path / "市160.yaml").read_text(encoding="utf-8")
    assert "第000县、第001县" in text and "第049县等160个县区（全部县区见 --trace" in text


def test_a_full_temporary_folder_is_the_users_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    import sqlite3

    from generator.rollup.store import Store

    def full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "add_values", full)
    out = tmp_path / "市.yaml"
    result = run_cli("汇总", _folder(tmp_path, COUNTIES), "-o", out, maintainer=True)
    assert result.code == 2 and "汇总用的临时数据库无法写入（database or disk is full）" in result.err
    assert "TMPDIR" in result.err and not out.exists()
