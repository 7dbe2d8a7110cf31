"""Which catalogue figure a number of a report's text is, judged by the words next to it (the figure's key,
old keys, official name and 句式 phrase) and by its unit.

Precision comes first: a wrong 上年 is worse than a missing one. A number is placed only when one figure
fits the words right before or right after it and its unit. Left unplaced, each with the reason: a
comparison (较上年减少674对), a former value (由520元提高到570元), an approximate number or a range
(1500余份, 超1亿元, 100-6000元), a part of a split (城市社区社会组织945个) or of a group (低保家庭中的……),
several things counted together (孤困、事实无人抚养儿童122名), a stock figure with no stock word in its
clause (全市/共有/截至/累计…), and a figure that two different numbers of the report fit.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from decimal import Decimal

from generator.data import catalogue
from generator.data.facts import Fact, facts, normalize
from generator.data.schema import convert
from generator.draft.prose import Phrase, Phrasebook

# Words that only say what is counted, not what: 城市低保人数 is named 城市低保 in a report's text.
_COUNT_SUFFIXES = ("总数", "人数", "户数", "人次", "金额", "对数", "例数", "个数", "次数", "条数", "数")
_SENTENCE = re.compile(r"[^。！？!?；;]*[。！？!?；;]?")
_CLAUSE_MARK = re.compile(r"[,;:。!?；：，！？]")
_BEFORE_CHANGE = re.compile(r"由[^,;:。由]{0,8}$")
_RAISED_TO = re.compile(r"^[^,;:。]{0,4}?(提高|增加|上调|提升|调整|调高)(了)?(到|至)")
_UNIT_CARRIED = re.compile(
    r"(元/人·[月年])((?:提高|增加|上调|提升|调整|调高)了?(?:到|至))(\d+(?:\.\d+)?)元(?![/\d])"
)
_PER_PERSON = re.compile(r"每人每(月|年)\s*(\d+(?:\.\d+)?)\s*元")
_COMPARISON = re.compile(r"较|比上年|比去年|同比|上年|去年|增长|下降|增幅|降幅")
_APPROX_BEFORE = re.compile(r"(超过|超|近|约|逾|将近|接近|不足|不到|大约|\d\s*[-~—–至到])\s*$")
_APPROX_AFTER = re.compile(r"^\s*(余|多|以上|以下|左右|上下|万余|[-~—–至到]\s*\d)")
_STOCK = re.compile(
    r"全市|全县|全区|全旗|全州|全盟|共有|现有|共计|截至|截止|累计|总数|合计|保障|纳入|在册|享受|核定|共保障"
)
_STOCK_AFTER = re.compile(r"纳入|享受|在册")
# What may stand right before a two-character name (低保, 特困) for it to name the figure, not a kind of it
# (大病慈善救助, 农村特困).
_SHORT_NAME_AFTER = re.compile(
    r"(^|[^\u4e00-\u9fff]|共有|现有|保障|纳入|享受|全市|全县|全区|城乡|发放|共|为|有|的)$"
)
_BARE = re.compile(
    r"^(支出|发放|投入|拨付|下拨|筹集|筹款|救助|资金|金额|补贴|共计|累计|合计|共|全年|年内|其中|达到|达|为|\d|年|度|月|\s)*$"
)
_ASIDE = re.compile(r"平均|每人|人均")
# Words right before a figure's name that make the number a part, not the figure itself.
_PART_BEFORE = re.compile(r"(城市|农村|城镇|乡村|[^其]中的?|其余|重点|部分)$")
_JOINED = "、及和与"
# A label of a verb and money words alone ("支出", "发放资金") names nothing by itself: the clause before it
# in the sentence says what (「临时救助2188人次，支出485.14万元」).
MAX_HELP_NAME = 20  # a figure's help text this short, one phrase, is a name too
MIN_NAME_ELSEWHERE = 6  # characters of a name that places a number on another topic's figure
MIN_PIECE = 2  # a name matches in pieces of two characters or more
MAX_GAP = 6  # characters a name's pieces may be apart
NEAR_BEFORE = 8  # characters between a name and the number after it
NEAR_AFTER = 3  # characters between a number and the name after it
NEAR_AFTER_WHO = 10  # the same for a count of people or households (为4261名困难群众发放临时救助金)


@dataclasses.dataclass(frozen=True)
class Placed:
    """A number of the report's text: the figure it is (or None, with why not), its value in that
    figure's unit, and the sentence it stands in."""

    fact: Fact
    sentence: str
    line: int
    topic: str | None
    figure: catalogue.Figure | None = None
    value: Decimal | None = None  # in ``unit``
    why: str = ""
    unit: str | None = (
        None  # the unit the text gave it in, when the figure may be given in it; else the figure's
    )

    @property
    def standard_value(self) -> Decimal | None:
        """The value in the figure's own unit (None when it does not convert exactly)."""
        if self.figure is None or self.value is None:
            return None
        value = convert(self.value, self.figure, self.unit or self.figure.unit, self.figure.unit)
        return None if value is None else value.normalize()


def _core(name: str) -> str:
    name = re.sub(r"[（(][^）)]*[）)]", "", name)
    for suffix in _COUNT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= MIN_PIECE:
            return name[: -len(suffix)]
    return name


def figure_names(book: Phrasebook) -> dict[str, tuple[str, ...]]:
    """Every figure's names as a report's text would word them."""
    names: dict[str, tuple[str, ...]] = {}
    for topic in catalogue.topics():
        phrases = book.phrases.get(topic.key, {})
        for figure in topic.figures:
            found = [_core(figure.key), *(_core(old) for old in figure.old)]
            if figure.official:
                found += [_core(figure.official), _core(figure.official.replace("平均", ""))]
            help_text = re.sub(r"[（(][^（）()]*[）)]", "", figure.help)
            if len(help_text) <= MAX_HELP_NAME and not re.search(r"[，、；：:]", help_text):
                found.append(_core(help_text))
            phrase = phrases.get(figure.key)
            if phrase is not None:
                sentence = phrase.sentence if isinstance(phrase, Phrase) else phrase
                found.append(_core(sentence.replace("{值}", "")))
            names[figure.key] = tuple(dict.fromkeys(n for n in found if len(n) >= MIN_PIECE))
    return names


def find(name: str, label: str, *, last: bool = True) -> tuple[int, int] | None:
    """Where ``label`` holds ``name`` in order, in pieces of two characters or more, at most MAX_GAP apart
    in all: the occurrence that ends last (nearest a number that follows), or (``last`` False) the one
    that starts first (nearest a number before it)."""
    if name[:MIN_PIECE] not in label:  # every occurrence starts with it: most names are ruled out here
        return None
    found: list[tuple[int, int]] = []
    for first in range(MIN_PIECE, len(name) + 1):
        start = label.find(name[:first])
        while start >= 0:
            end = _rest(name[first:], label, start + first, 0)
            if end is not None:
                found.append((start, end))
            start = label.find(name[:first], start + 1)
    if not found:
        return None
    return max(found, key=lambda f: f[1]) if last else min(found)


def _rest(name: str, label: str, pos: int, gaps: int) -> int | None:
    if not name:
        return pos
    for j in range(len(name), MIN_PIECE - 1, -1):
        k = label.find(name[:j], pos)
        if k >= 0 and gaps + k - pos <= MAX_GAP:
            end = _rest(name[j:], label, k + j, gaps + k - pos)
            if end is not None:
                return end
    return None


def _unit_fits(figure: catalogue.Figure, fact: Fact, units: frozenset[str] | None = None) -> bool:
    units = frozenset(figure.units()) if units is None else units
    if units & {"万元", "亿元"} and fact.unit == "元":
        # facts() reads 万元/亿元 as 元; a bare 元 amount under 1万 is a per-person sum, not the total
        return fact.text.rstrip().endswith(("万元", "亿元")) or fact.value >= 10000
    if figure.kind == "standard" and fact.unit == "元" and "元" not in units:
        return False  # a standard in bare 元 is read only when the text carried its period (每人每月)
    return fact.unit in units or (figure.unit == "人" and fact.unit == "名")


def _in_unit(figure: catalogue.Figure, fact: Fact) -> Decimal | None:
    """The fact's value in the figure's own unit, exactly (None when it does not convert exactly)."""
    unit = fact.unit if fact.unit in figure.units() else figure.unit
    value = convert(fact.value, figure, unit, figure.unit)
    return None if value is None else value.normalize()


@dataclasses.dataclass(frozen=True)
class _Label:
    before: str  # the clause's words before the number (other numbers taken out)
    after: str  # its words after the number, up to the next number or the clause's end
    leaning: bool  # the words include the previous clause's (this clause names nothing itself)


class Matcher:
    """Places the numbers of a report's summary text on catalogue figures."""

    def __init__(self, book: Phrasebook) -> None:
        self._names = figure_names(book)
        self._seen: dict[tuple[str, tuple[str, ...]], list[Placed]] = {}
        self._figures = list(catalogue.figures().values())
        self._units = [frozenset(f.units()) for f in self._figures]
        # A name is found in a label only where its first two characters are: the names to try for a
        # label are those of the label's two-character pieces, not every name of every figure (the
        # catalogue's ~1,000 names against each of a long report's numbers took minutes).
        self._by_start: dict[str, list[tuple[int, int]]] = {}
        for i, figure in enumerate(self._figures):
            for j, name in enumerate(self._names[figure.key]):
                self._by_start.setdefault(name[:MIN_PIECE], []).append((i, j))

    def line(self, number: int, text: str, topics: tuple[str, ...]) -> list[Placed]:
        """Every number of one line of the report, placed or not."""
        result: list[Placed] = []
        for sentence in (s.strip() for s in _SENTENCE.findall(text) if s.strip()):
            # A sentence met again under the same topics (a report pasted twice, a repeated formula) is
            # placed as it was the first time, on its own line.
            known = self._seen.get((sentence, topics))
            if known is None:
                known = self._seen[(sentence, topics)] = self._sentence(number, sentence, topics)
            result += [p if p.line == number else dataclasses.replace(p, line=number) for p in known]
        return result

    def _candidates(
        self, label: _Label, fact: Fact, topics: tuple[str, ...]
    ) -> tuple[list[catalogue.Figure], str]:
        """The figures whose longest name stands next to the number (several: a tie), or why none."""
        matched: dict[str, tuple[int, str, catalogue.Figure]] = {}
        # Every place _fits looks lies in before + after (its window around the number included).
        words = label.before + label.after
        starts = {words[i : i + MIN_PIECE] for i in range(len(words) - MIN_PIECE + 1)}
        tried = sorted(entry for start in starts for entry in self._by_start.get(start, ()))
        for i, entries in itertools.groupby(tried, key=lambda entry: entry[0]):
            figure = self._figures[i]
            if not _unit_fits(figure, fact, self._units[i]):
                continue
            elsewhere = bool(topics) and figure.topic not in topics
            names = self._names[figure.key]
            for name in (names[j] for _, j in entries):
                if elsewhere and len(name) < MIN_NAME_ELSEWHERE:
                    continue  # a figure of another topic than the heading's: only by a long, specific name
                problem = self._fits(name, label, figure, fact)
                if problem is not None and len(name) > matched.get(figure.key, (0, "", figure))[0]:
                    matched[figure.key] = (len(name), problem, figure)
        whole = _whole(matched)
        if whole is not None:
            return [whole], ""
        if not matched:
            return [], "没有对应的标准指标"
        top = max(n for n, _, _ in matched.values())
        tied = [(why, f) for n, why, f in matched.values() if n == top]
        problems = [why for why, _ in tied if why]
        if problems:
            return [], problems[0]
        return [f for _, f in tied], ""

    def _fits(self, name: str, label: _Label, figure: catalogue.Figure, fact: Fact) -> str | None:
        """None when ``name`` is not next to the number; "" when it names the figure; else why it does not."""
        found = find(name, label.before)
        # 孤儿及事实无人抚养儿童435人: a name joined to the next one is as near as that one
        joined = found is not None and label.before[found[1] : found[1] + 1] in tuple(_JOINED)
        if found is not None and (label.leaning or joined or len(label.before) - found[1] <= NEAR_BEFORE):
            start, end, words = found[0], found[1], label.before
        else:
            found = find(name, label.after, last=False)
            near = NEAR_AFTER_WHO if fact.unit in ("人", "户") else NEAR_AFTER
            if found is not None and found[0] <= near:
                start, end, words = found[0], found[1], label.after
            else:
                # 「新成立9家社会组织」: the name around the number
                tail = label.before[-NEAR_BEFORE:]
                words = tail + label.after[: NEAR_AFTER + 1 + len(name)]
                found = find(name, words)
                if found is None or not found[0] < len(tail) < found[1] or label.leaning:
                    return None
                start, end = found
        ahead = words[:start]
        if len(name) <= MIN_PIECE and not _SHORT_NAME_AFTER.search(ahead):
            return None
        qualifier = _PART_BEFORE.search(ahead)
        own_words = name.startswith(("城市", "农村", "城镇", "乡村"))
        if qualifier and not own_words and qualifier.group() + name[:2] not in figure.help:
            return f"是{figure.key}的一部分"
        # 「孤儿及事实无人抚养儿童435人」 counts two things; 「1615名留守儿童和322名流动儿童」 does not
        joined_after = end + 1 < len(words) and words[end] in _JOINED
        if (start and words[start - 1] in _JOINED) or joined_after:
            return "是几项合计"
        if "标准" in words[end : end + 3] and figure.kind != "standard":
            return None
        return ""

    def _sentence(self, number: int, sentence: str, topics: tuple[str, ...]) -> list[Placed]:
        text = _PER_PERSON.sub(lambda m: f"{m.group(2)}元/人·{m.group(1)}", normalize(sentence))
        text = _UNIT_CARRIED.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(1)}", text)
        found = facts(text)
        marks = _clause_marks(text, found)
        topic = topics[0] if topics else None
        placed: list[Placed] = []
        previous, stock_before = "", False
        for group in _groups(text, found):
            first, last = group[0].span[0], group[-1].span[1]
            clause_start = max((m for m in marks if m <= first), default=0)
            clause_end = min((m - 1 for m in marks if m > last), default=len(text))
            later = [f.span[0] for f in found if f.span[0] >= last]
            before = _without(text[clause_start:first], found)
            after = text[last : min([clause_end, *later])]
            raised = _RAISED_TO.match(after)
            own = _BEFORE_CHANGE.sub("", before)
            label = _Label(own, "" if raised else after, False)
            stock = bool(_STOCK.search(own) or _STOCK_AFTER.search(after)) or stock_before
            for fact in group:
                why = self._why_not(text, fact, before, raised is not None, clause_start)
                if why:
                    placed.append(Placed(fact, sentence, number, topic, why=why))
                    continue
                figures, why = self._candidates(label, fact, topics)
                if not figures and _BARE.match(own) and previous:
                    figures, why = self._candidates(_Label(previous + own, "", True), fact, topics)
                    figures = [f for f in figures if f.period != "存量"]
                placed.append(self._place(fact, figures, why, stock, sentence, number, topic))
            # The clause that names what is counted stays the subject through bare clauses (「支出……」) and
            # per-person asides (「平均每人救助760元」) until another clause names something.
            if not previous or not (_BARE.match(own) or _ASIDE.search(own)):
                previous = own
            stock_before = any(
                p.figure is not None and p.figure.period == "存量" for p in placed[-len(group) :]
            )
        return placed

    @staticmethod
    def _why_not(text: str, fact: Fact, before: str, raised: bool, clause_start: int) -> str:
        if _BEFORE_CHANGE.search(before) and raised:
            return "是调整前的数（由……提高到……）"
        if _APPROX_BEFORE.search(text[clause_start : fact.span[0]]) or _APPROX_AFTER.match(
            text[fact.span[1] :]
        ):
            return "是约数或范围"
        if _COMPARISON.search(before):
            return "是与上年的比较"
        return ""

    @staticmethod
    def _place(
        fact: Fact,
        figures: list[catalogue.Figure],
        why: str,
        stock: bool,
        sentence: str,
        number: int,
        topic: str | None,
    ) -> Placed:
        if not figures:
            return Placed(fact, sentence, number, topic, why=why)
        if len(figures) > 1:
            return Placed(
                fact, sentence, number, topic, why=f"可能是{'、'.join(f.key for f in figures)}，无法确定"
            )
        figure = figures[0]
        if figure.period == "存量" and not stock:
            return Placed(fact, sentence, number, topic, why=f"像是{figure.key}，但不是全域的期末数")
        if fact.unit in figure.units() and fact.unit != figure.unit and figure.kind != "amount":
            return Placed(
                fact, sentence, number, figure.topic, figure, fact.value.normalize(), unit=fact.unit
            )
        value = _in_unit(figure, fact)
        if value is None:
            return Placed(fact, sentence, number, topic, why=f"不能精确换算为{figure.unit}")
        return Placed(fact, sentence, number, figure.topic, figure, value)


def _whole(matched: dict[str, tuple[int, str, catalogue.Figure]]) -> catalogue.Figure | None:
    """Figures named together that make up another (孤儿及事实无人抚养儿童) are that other one."""
    for key in matched:
        for whole in catalogue.wholes(key):
            if any(len(split) > 1 and set(split) <= set(matched) for split in whole.parts):
                return whole
    return None


def _clause_marks(text: str, found: list[Fact]) -> list[int]:
    """Where clauses start: after a comma-like mark, or after a 、 that follows or precedes a number."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text)]
    ends = {f.span[1] for f in found}
    starts = {f.span[0] for f in found}
    marks += [m.end() for m in re.finditer("、", text) if m.start() in ends or m.end() in starts]
    return sorted(marks)


def _groups(text: str, found: list[Fact]) -> list[list[Fact]]:
    """Numbers written one after the other (4829户10661人, 7620人次702.44万元) share their words."""
    groups: list[list[Fact]] = []
    for fact in found:
        if groups and not text[groups[-1][-1].span[1] : fact.span[0]].strip():
            groups[-1].append(fact)
        else:
            groups.append([fact])
    return groups


def _without(words: str, found: list[Fact]) -> str:
    for fact in found:
        words = words.replace(fact.text, "")
    return words


def resolve(placed: list[Placed]) -> list[Placed]:
    """A figure two different numbers fit is placed by neither; the same number twice keeps the first."""
    values: dict[str, set[Decimal | None]] = {}
    for p in placed:
        if p.figure is not None:
            values.setdefault(p.figure.key, set()).add(p.standard_value)
    result, seen = [], set()
    for p in placed:
        if p.figure is None:
            result.append(p)
        elif len(values[p.figure.key]) > 1:
            others = "、".join(sorted(str(v) for v in values[p.figure.key] if v != p.standard_value))
            why = f"像是{p.figure.key}，但另有{others}也像，无法确定"
            result.append(Placed(p.fact, p.sentence, p.line, p.topic, why=why))
        elif p.figure.key in seen:
            continue
        else:
            seen.add(p.figure.key)
            result.append(p)
    return result
