"""Every standard sentence of 句式.yaml, rendered with each unit its figure allows, reads right and claims no
more than the figure counts.

The rules are general, about how Chinese uses a number with its measure word, not a list of known slips:

- a measure word keeps its noun: a value followed by a verb or a preposition needs a noun right before it
  (「为困难群众34882人发放」, never 「为59837名发放」); a unit that is not a classifier (人, 人次, 万元 …) is
  never followed by a noun (「34882人困难群众」); 名 (a classifier of persons) stands next to a noun naming persons;
- two values never run together in one clause, and the clause holds no word of estimate (余, 约 …), which
  belongs to the clerk's own text;
- no word is doubled where the sentence opener meets the clause (「全年累计累计」);
- a word that widens the claim (各类, 全部, 命名 …) or names whom or what a figure counts (农村, 留守, 高龄,
  离婚 …) is in the clause only when the figure's catalogue entry (key, official name, help) says it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from generator import templateset
from generator.data import catalogue
from generator.data.schema import FigureData
from generator.draft import prose
from generator.draft.markup import MARK, unmark, without_marked
from generator.draft.values import FigureValue

BOOK = templateset.load(None).phrases
SUMMARY = prose.Words(stock="截至年底", flow="全年", region="全县", year=2024)
PLAN = prose.Words(stock="截至年底", flow="全年", region="全县", plan=True)
SAMPLES = {"count": Decimal(34882), "amount": Decimal("85.5"), "quantity": Decimal("85.5")}

# Measure words that may stand before a noun (「56对新人」「20家社会组织」); any other unit may not.
CLASSIFIERS = set("名位个家所户对张条处座块支台具件起单笔项份")
PERSON_CLASSIFIERS = {"名", "位"}
# How a noun naming persons ends (对象, 人员, 群众, 老年人, 儿童, 孤儿, 职工, 社会工作师, 儿童主任, 逝者 …).
PERSON_NOUN_END = re.compile(r"(人|员|者|众|象|童|儿|工|师|任|属|民)$")
PERSON_NOUN_START = re.compile(
    r"^([\w、]{0,10}?)(人|员|者|众|象|童|儿|工|师|任|属|民)"
)  # 困难高龄、失能老年人
PREPOSITIONS = ("为", "向", "对", "将", "给", "把", "帮助", "惠及", "涉及", "共有", "累计", "达到", "其中")
VERBS = (
    "发放", "提供", "开展", "办理", "举行", "购买", "实施", "安置", "寻亲", "列入", "纳入", "完成", "享受",
    "领取", "获得", "落户", "减免", "接受", "参加", "救助", "保障", "资助", "评估", "核对", "培训", "设置",
    "建设", "新建", "新增", "登记", "注销", "查处", "处置", "整治", "整改", "排查", "组织", "支出", "下拨",
    "争取", "募集", "筹集", "使用", "销售", "记录", "护送", "走访", "慰问", "服务", "安葬", "火化", "补发",
)  # fmt: skip
ESTIMATES = re.compile(r"余|约|左右|逾|[多近超]\{值\}|\{值\}[多余]")
# Words that widen what a figure counts, and words that name whom or what it counts: in a clause only when
# the catalogue entry says so.
CLAIM_WORDS = ("各类", "各项", "全部", "所有", "全面", "全体", "命名", "更名", "清理")
SCOPE_WORDS = (
    "城乡", "城市", "农村", "留守", "困境", "流动", "高龄", "失能", "经济困难", "特殊困难", "离婚", "户籍",
    "集中", "分散", "重度", "节日", "未成年人", "长期滞留", "经营性", "公益性", "护理型", "认知障碍", "驻站",
    "持证", "中央", "省级", "本级", "提供住宿", "乡村", "生活无着", "60周岁", "100周岁", "80至89周岁",
    "90至99周岁",
)  # fmt: skip


def value(figure: catalogue.Figure, unit: str, number: Decimal | None = None) -> FigureValue:
    number = SAMPLES.get(figure.kind, Decimal(850)) if number is None else number
    return FigureValue(figure, FigureData(value=number, unit=unit), f"总结/{figure.topic}/{figure.key}")


def phrased() -> Iterator[catalogue.Figure]:
    for figure in catalogue.figures().values():
        if BOOK.has_phrase(figure):
            yield figure


def combos() -> Iterator[tuple[str, str, list[catalogue.Figure]]]:
    for topic_key, patterns in BOOK.combos.items():
        topic = catalogue.topic(topic_key)
        for pattern in patterns:
            members = [topic.figure(n) for n in prose._PLACE.findall(pattern)]
            yield topic_key, pattern, [f for f in members if f is not None]


def renderings(values: dict[str, prose.Value], words: prose.Words = SUMMARY) -> str:
    return prose.sentences(values, BOOK, words)


def description(figures: list[catalogue.Figure]) -> str:
    """What the catalogue says the figures count (a 「name」 in a help text points to another figure)."""
    return "".join(re.sub(r"「[^」]*」", "", f"{f.key}{f.official or ''}{f.help}") for f in figures)


def measure_word_slips(text: str) -> list[str]:
    """Every value of the marked ``text`` whose measure word lost its noun (see the module's rules)."""
    slips = []
    spans = [(m.start(), m.end(), m.group(2)) for m in MARK.finditer(text)]
    runs: list[tuple[int, int, str]] = []  # a 户 figure and its 人 figure (4829户10661人) are one value
    for start, end, shown in spans:
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end, runs[-1][2] + shown)
        else:
            runs.append((start, end, shown))
    for start, end, shown in runs:
        head, tail = unmark(text[:start]), unmark(text[end:])
        unit = re.sub(r"^[\d.]+[万亿]?", "", shown.split("户")[-1] if "户" in shown[:-1] else shown)
        head = head.removesuffix("达到")  # 「力争……达到36000名」: the noun is the subject before 达到
        noun_before = (
            bool(head) and not head.endswith(PREPOSITIONS + VERBS) and not head.endswith(("，", "。"))
        )
        verb_after = tail.startswith(VERBS + PREPOSITIONS)
        word_after = bool(tail) and bool(re.match(r"[\u4e00-\u9fff]", tail))
        where = f"「{unmark(text)}」中的「{shown}」"
        if verb_after and not noun_before:
            slips.append(f"{where}：量词后是动词或介词，前面没有名词")
        elif word_after and not verb_after and unit not in CLASSIFIERS:
            slips.append(f"{where}：「{unit}」后面直接跟名词")
        if unit in PERSON_CLASSIFIERS and not (
            PERSON_NOUN_END.search(head) or (not verb_after and PERSON_NOUN_START.match(tail))
        ):
            slips.append(f"{where}：「{unit}」前后没有指人的名词")
    return slips


def doubled(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"([\u4e00-\u9fff]{2})\1", text)]


def claim_slips(pattern: str, figures: list[catalogue.Figure]) -> list[str]:
    said = description(figures)
    return [w for w in (*CLAIM_WORDS, *SCOPE_WORDS) if w in pattern and w not in said]


@pytest.mark.parametrize("figure", list(phrased()), ids=lambda f: f.key)
def test_each_clause_reads_right_in_every_unit(figure: catalogue.Figure) -> None:
    phrase = BOOK.phrase(figure)
    for unit in figure.units():
        for number in (SAMPLES.get(figure.kind, Decimal(850)), Decimal(12)):
            values: dict[str, prose.Value] = {figure.key: value(figure, unit, number)}
            households = catalogue.figure(figure.households) if figure.households else None
            with_households = {
                **({households.key: value(households, "户", number)} if households else {}),
                **values,
            }
            for given in (values, with_households):
                text = renderings(given)
                assert not measure_word_slips(text), measure_word_slips(text)
                assert not doubled(unmark(text)), unmark(text)
                assert not doubled(unmark(renderings(given, PLAN))), unmark(renderings(given, PLAN))
    for pattern in filter(None, (phrase.sentence, phrase.part)):
        assert not ESTIMATES.search(pattern), f"{figure.key}：「{pattern}」含有估计的词"
        wider = claim_slips(pattern, [figure])
        assert not wider, f"{figure.key}：「{pattern}」中的「{'、'.join(wider)}」目录中这一项没有说"


@pytest.mark.parametrize(("topic", "pattern", "members"), list(combos()), ids=lambda x: str(x)[:20])
def test_each_combined_clause_reads_right_in_every_unit(
    topic: str, pattern: str, members: list[catalogue.Figure]
) -> None:
    assert "}{" not in pattern, f"{topic}：「{pattern}」两个数字连在一起"
    assert not ESTIMATES.search(pattern.replace("{值}", "")), f"{topic}：「{pattern}」含有估计的词"
    wider = claim_slips(pattern, members)
    assert not wider, f"{topic}：「{pattern}」中的「{'、'.join(wider)}」目录中这几项都没有说"
    for units in itertools.product(*(list(f.units()) for f in members)):
        values: dict[str, prose.Value] = {f.key: value(f, u) for f, u in zip(members, units, strict=True)}
        text = renderings(values)
        # 名 may stand before the people it counts (为{值}困难群众): the words around the values are kept.
        words = re.sub(r"\{[^{}]*\}", "", pattern)
        assert words in without_marked(text), f"「{pattern}」没有合写：{unmark(text)}"
        assert not measure_word_slips(text), measure_word_slips(text)
        assert not doubled(unmark(text)), unmark(text)


@pytest.mark.parametrize(
    ("pattern", "unit", "slip"),
    [
        ("为{值}发放高龄津贴", "名", "前面没有名词"),
        ("为{值}困难群众发放一次性生活补贴", "人", "后面直接跟名词"),
        ("帮助{值}受助人员寻亲成功", "人", "后面直接跟名词"),
        ("开展老年人能力综合评估{值}", "名", "没有指人的名词"),
        ("新纳入低保{值}", "名", "没有指人的名词"),
    ],
)
def test_the_rules_catch_a_lost_noun(pattern: str, unit: str, slip: str) -> None:
    figure = catalogue.figures()["高龄津贴人数"]
    book = prose.Phrasebook.model_construct(
        prompts={}, phrases={figure.topic: {figure.key: pattern}}, combos={}
    )
    text = prose.sentences({figure.key: value(figure, unit)}, book, SUMMARY)
    assert any(slip in s for s in measure_word_slips(text)), unmark(text)


@pytest.mark.parametrize(
    ("pattern", "unit"),
    [
        ("为困难群众{值}发放一次性生活补贴", "人"),
        ("为困难群众{值}发放一次性生活补贴", "名"),
        ("享受高龄津贴的老年人{值}", "名"),
        ("新纳入低保{值}", "人"),
    ],
)
def test_the_rules_pass_a_kept_noun(pattern: str, unit: str) -> None:
    figure = catalogue.figures()["高龄津贴人数"]
    book = prose.Phrasebook.model_construct(
        prompts={}, phrases={figure.topic: {figure.key: pattern}}, combos={}
    )
    assert not measure_word_slips(prose.sentences({figure.key: value(figure, unit)}, book, SUMMARY))


def test_the_claim_rules_catch_a_wider_clause() -> None:
    cleared = catalogue.figures()["地名清理规范条数"]
    named = catalogue.figures()["地名命名更名条数"]
    assert claim_slips("命名、更名和清理规范地名{值}", [cleared]) == ["命名", "更名"]
    assert claim_slips("命名、更名和清理规范地名{值}", [named]) == ["清理"]  # its help only points to 清理
    assert claim_slips(
        "为经济困难的高龄、失能老年人提供居家上门服务{值}", [catalogue.figures()["居家上门服务时长"]]
    ) == [
        "高龄",
        "失能",
    ]
    assert doubled("全年累计累计保障城乡低保对象") == ["累计累计"]
    assert ESTIMATES.search("推送核对信息{值}余条")
