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

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from generator.data import catalogue
from generator.data.facts import Fact, facts, normalize
from generator.data.schema import convert
from generator.draft.prose import Phrase, Phrasebook
from generator.tools import figureperiod, numbertally
from generator.tools.figurewords import figure_text

# Words that only say what is counted, not what: 城市低保人数 is named 城市低保 in a report's text.
_COUNT_SUFFIXES = ("总数", "人数", "户数", "人次", "金额", "对数", "例数", "个数", "次数", "条数", "数")
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")
_CLAUSE_MARK = re.compile(r"[,;:。!?；：，！？]")
_BEFORE_CHANGE = re.compile(r"由[^,;:。由]{0,8}$")
_RAISED_TO = re.compile(r"^[^,;:。]{0,4}?(提高|增加|上调|提升|调整|调高)(了)?(到|至)")
_UNIT_CARRIED = re.compile(
    r"(元/人·[月年])((?:提高|增加|上调|提升|调整|调高)了?(?:到|至))(\d+(?:\.\d+)?)元(?![/\d])"
)
_PER_PERSON = re.compile(r"每人每(月|年)\s*(\d+(?:\.\d+)?)\s*元")
_COMPARISON = re.compile(r"较|比上年|比去年|同比|上年|去年|增长|下降|增幅|降幅")
_APPROX_BEFORE = re.compile(
    r"(超过|超|近|约|逾|将近|接近|不足|不到|大约|不低于|不少于|不高于|不超过|至少|最少|最多|\d\s*[-~—–至到])\s*$"
)
_PLANNED = re.compile(r"预算")
_ONE_MONTH = re.compile(r"(?<![\d个])月(?:发放|支出|拨付)|每月(?:发放|支出|拨付)")
# 「主动发现并救助困难群众1.2万人次」: the count of something done together with another thing
_BOTH_VERBS = re.compile(r"[\u4e00-\u9fff]{2}并[\u4e00-\u9fff]{2}")
_APPROX_AFTER = re.compile(r"^\s*(余|多|以上|以下|左右|上下|万余|[-~—–至到]\s*\d)")
_STOCK = re.compile(
    r"全市|全县|全区|全旗|全州|全盟|全镇|全乡|共有|现有|共计|总计|截至|截止|累计|总数|合计|保障|(?<!新)纳入|在册|享受|核定"
    r"|共保障|我[市县区旗镇乡][^,;:。]{0,8}有"
)
# 「共退出97户」 after 「…低保户6户10人」: a change of cases names the kind of case said before it.
_CHANGE = re.compile(r"退出|新纳入")
_CASE = re.compile(r"低保|特困")
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


@dataclass(frozen=True)
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
    period: str | None = None  # a flow's span when less than a year (上半年, 1-11月)

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
                # 「发放残疾人两项补贴合计」 names 残疾人两项补贴: the verb and 合计 are not the name
                found.append(_core(re.sub(r"^(发放|实施|开展|享受|下拨)|(合计|总数)$", "", help_text)))
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


@dataclass(frozen=True)
class _Label:
    before: str  # the clause's words before the number (other numbers taken out)
    after: str  # its words after the number, up to the next number or the clause's end
    leaning: bool  # the words include the previous clause's (this clause names nothing itself)
    rest: str = ""  # the whole sentence (whether it names the other kind of a split)


@dataclass(frozen=True)
class _Clause:
    """What a number's clause says around it, for the figures it may lean on."""

    text: str  # the whole sentence, as read
    own: str  # the clause's words before the number
    after: str  # its words after
    previous: str  # the last clause before it that named something
    stock_before: bool  # that clause's numbers were placed as stocks
    parts: bool  # a 其中 came before it in the sentence
    program: str | None  # what the headings over it are about (城市低保)
    span: str | None  # the span of less than a year the text names before it
    earlier: str = ""  # the sentence before the clause


class Matcher:
    """Places the numbers of a report's summary text on catalogue figures."""

    def __init__(self, book: Phrasebook, period: str | None = None) -> None:
        self._names = figure_names(book)
        self._period = period  # the span the whole report covers, when less than a year
        self.counts: Counter[str] = Counter()  # numbers read as dates or heading markers, by kind
        self._seen: dict[tuple[str, tuple[str, ...], str | None, str], tuple[list[Placed], Counter[str]]] = {}
        self._catalogue = list(catalogue.figures().values())
        self._units = [frozenset(f.units()) for f in self._catalogue]
        # A name is found in a label only where its first two characters are: the names to try for a
        # label are those of the label's two-character pieces, not every name of every figure (the
        # catalogue's ~1,000 names against each of a long report's numbers took minutes).
        self._by_start: dict[str, list[tuple[int, int]]] = {}
        for i, figure in enumerate(self._catalogue):
            for j, name in enumerate(self._names[figure.key]):
                self._by_start.setdefault(name[:MIN_PIECE], []).append((i, j))

    def line(self, number: int, text: str, topics: tuple[str, ...], context: str = "") -> list[Placed]:
        """Every number of one line of the report, placed or not. ``context``: the headings it stands
        under, innermost last (they may say which kind of a figure the text names: 「(一)城市低保」)."""
        result: list[Placed] = []
        program = context_program(context)
        earlier = ""
        for sentence in (s.strip() for s in _SENTENCE.findall(text) if s.strip()):
            # A sentence met again in the same place (a report pasted twice, a repeated formula) is placed
            # as it was the first time, on its own line.
            key = (sentence, topics, program, earlier)
            if key not in self._seen:
                before = self.counts.copy()
                placed = self._sentence(number, sentence, topics, program, earlier)
                self._seen[key] = (placed, self.counts - before)
            else:
                self.counts.update(self._seen[key][1])
            known = self._seen[key][0]
            result += [p if p.line == number else replace(p, line=number) for p in known]
            earlier += sentence
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
            figure = self._catalogue[i]
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
        # 「新纳入城市低保对象81户……新纳入农村低保对象237户」: each is a part when the other is given too
        inside = words[start:end]
        for kind, other in (("城市", "农村"), ("农村", "城市")):
            if kind in inside and kind not in name and other in label.before + label.after + label.rest:
                return f"是{figure.key}的一部分"
        qualifier = _PART_BEFORE.search(ahead)
        own_words = name.startswith(("城市", "农村", "城镇", "乡村"))
        if qualifier and not own_words and qualifier.group() + name[:2] not in figure.help:
            return f"是{figure.key}的一部分"
        # 「孤儿及事实无人抚养儿童435人」 counts two things; 「1615名留守儿童和322名流动儿童」 does not
        joined_after = end + 1 < len(words) and words[end] in _JOINED
        if (start and words[start - 1] in _JOINED) or joined_after:
            return "是几项合计"
        if words is label.before and any(c in words[end:] for c in _JOINED[1:]) and not label.leaning:
            return "是几项合计"  # 「农村低保新申请及复查96人次」 counts 申请 and 复查, not 农村低保
        if "标准" in words[end : end + 3] and figure.kind != "standard":
            return None
        return ""

    def _sentence(
        self,
        number: int,
        sentence: str,
        topics: tuple[str, ...],
        program: str | None = None,
        earlier: str = "",
    ) -> list[Placed]:
        text = _PER_PERSON.sub(lambda m: f"{m.group(2)}元/人·{m.group(1)}", normalize(figure_text(sentence)))
        text = _UNIT_CARRIED.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(1)}", text)
        found = facts(text)
        marks = _clause_marks(text, found)
        topic = topics[0] if topics else None
        placed: list[Placed] = []
        previous, stock_before, parts = "", False, False
        for group in _groups(text, found):
            first, last = group[0].span[0], group[-1].span[1]
            clause_start = max((m for m in marks if m <= first), default=0)
            clause_end = min((m - 1 for m in marks if m > last), default=len(text))
            later = [f.span[0] for f in found if f.span[0] >= last]
            before = _without(text[clause_start:first], found)
            after = text[last : min([clause_end, *later])]
            raised = _RAISED_TO.match(after)
            own = _BEFORE_CHANGE.sub("", before)
            label = _Label(own, "" if raised else after, False, text)
            lead_in = text[:clause_start].rpartition(":")[0] if ":" in text[:clause_start] else ""
            stock = bool(_STOCK.search(own + lead_in[-20:]) or _STOCK_AFTER.search(after)) or stock_before
            parts = parts or bool(_PARTS_FOLLOW.search(own))
            for fact in group:
                why = self._why_not(text, fact, before, raised is not None, clause_start)
                if why:
                    placed.append(Placed(fact, sentence, number, topic, why=why))
                    continue
                span = figureperiod.said(earlier + text[: fact.span[0]])
                clause = _Clause(
                    text, own, after, previous, stock_before, parts, program, span, text[:clause_start]
                )
                figures, why, fact = self._figures(label, fact, topics, clause)
                result = self._place(fact, figures, why, stock, sentence, number, topic)
                if result.figure is not None and result.figure.period == "流量":
                    result = replace(result, period=span or self._period)
                placed.append(result)
            # The clause that names what is counted stays the subject through bare clauses (「支出……」) and
            # per-person asides (「平均每人救助760元」) until another clause names something.
            if not previous or not (_BARE.match(own) or _ASIDE.search(own)):
                previous = own
            stock_before = any(
                p.figure is not None and p.figure.period == "存量" for p in placed[-len(group) :]
            )
        return _siblings(text, placed) + self._others(text, found, sentence, number, topic)

    def _others(
        self, text: str, found: list[Fact], sentence: str, number: int, topic: str | None
    ) -> list[Placed]:
        """The sentence's numbers that are no number-with-unit: counted as dates or heading markers, else
        listed with why (no unit, an approximate 「50余户」, a number in characters 「两个」)."""
        listed: list[Placed] = []
        for n in numbertally.numbers(text):
            if any(f.span[0] <= n.span[0] < f.span[1] for f in found):
                continue
            kind = numbertally.kind(text, n)
            if kind:
                self.counts[kind] += 1
                continue
            value = Decimal(n.text) if n.digits else Decimal(0)
            fact = Fact(value, "", n.text, n.span)
            listed.append(Placed(fact, sentence, number, topic, why=numbertally.why_listed(text, n)))
        return listed

    def _figures(
        self, label: _Label, fact: Fact, topics: tuple[str, ...], c: _Clause
    ) -> tuple[list[catalogue.Figure], str, Fact]:
        """The figure(s) a number is, by its own words, else by the words its clause leans on."""
        figures, why = self._candidates(label, fact, topics)
        if not figures and (_BARE.match(c.own) or _ASIDE.search(c.own)) and c.previous:
            figures, why = self._candidates(_Label(c.previous + c.own, "", True), fact, topics)
            stocks = [f for f in figures if f.period == "存量"]
            if stocks and c.span and _SUM.search(c.previous + c.own):
                figures = stocks[:1]  # 「累计保障43072户、79612人」: summed below
            elif not c.stock_before:  # 「城市低保7719人，3256户」: the count after a count keeps its kind
                figures = [f for f in figures if f.period != "存量"]
                if stocks and not figures:
                    why = f"像是{stocks[0].key}，但不是全域的期末数"
        if not figures and _CHANGE.search(c.own) and not _CASE.search(c.own) and _CASE.search(c.earlier):
            case = _CASE.findall(c.earlier)[-1]
            named = _CHANGE.sub(lambda m: m.group() + case, c.own)
            figures, why = self._candidates(_Label(named, c.after, False, c.text), fact, topics)
        if not figures and c.program and not why.startswith("是"):
            # 「保障对象126343人次」 under a heading on 城市低保: the heading says what is counted
            figures, why = self._candidates(_Label(c.program + c.own, "", True), fact, topics)
            figures = [f for f in figures if f.key.startswith(c.program)]
            if figures and c.parts:
                figures, why = [], f"是{figures[0].key}的一部分（其中……）"
        figures = [_of_program(f, c.program, c.own) for f in figures]
        if len(figures) == 1 and figures[0].period == "存量" and _CHANGE.search(c.own):
            figures, why = [], f"是新纳入或退出的数，不是期末的{figures[0].key}"
        if len(figures) == 1 and c.span and figures[0].period == "存量" and _SUM.search(c.previous + c.own):
            figures, why = _summed(figures[0], fact, c.span)
            fact = replace(fact, unit="人次") if figures else fact
        return figures, why, fact

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
        if _PLANNED.search(before):
            return "是预算或计划的数，不是做到的"
        if _ONE_MONTH.search(before):
            return "是一个月的数"
        if (
            fact.unit == "元"
            and len(facts(before)) == 0
            and _counts_in(text[clause_start : fact.span[0]]) >= 2
        ):
            return "是发给前面几类对象的数"
        if _BOTH_VERBS.search(before):
            return "是两件事合在一起的数（……并……）"
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


# What a report's section may be about, as the catalogue's figures begin: the heading over 「全区低保对象2522户」
# says whether these are the 城市 or the 农村 ones.
_PROGRAM = re.compile(r"城乡低保|城市低保|农村低保|临时救助|特困供养")
_PROGRAM_NAMES = {"救急难": "临时救助", "急难救助": "临时救助"}  # the mechanism 临时救助 is the instrument of
# 「其中本级对象…，市属企业…」: what follows 其中 are parts of what came before.
_PARTS_FOLLOW = re.compile(r"其中")


_SUM = re.compile(r"累计")


def _summed(figure: catalogue.Figure, fact: Fact, span: str) -> tuple[list[catalogue.Figure], str]:
    """「1-6月份城市低保累计保障79612人」 sums monthly counts: person-times (人次), not people at the end."""
    if fact.unit == "人":
        times = catalogue.figures().get(figure.key.removesuffix("人数") + "人次")
        if times is not None:
            return [times], ""
    return [], f"是{span}按月累计的数，不是期末的{figure.key}"


@lru_cache(maxsize=256)  # every line under the same headings has the same context
def context_program(context: str) -> str | None:
    """The kind of figure the innermost heading that names one is about (None: 城乡, or none named)."""
    for heading in reversed(context.split("\n")):
        words = figure_text(heading)
        for name, program in _PROGRAM_NAMES.items():
            words = words.replace(name, program)
        named = set(_PROGRAM.findall(words))
        if named:
            return named.pop() if len(named) == 1 and "城乡低保" not in named else None
    return None


def _of_program(figure: catalogue.Figure, program: str | None, own: str) -> catalogue.Figure:
    """低保户数 under a heading on 城市低保 is 城市低保户数 (unless the clause itself says 城乡)."""
    if program == "临时救助" and figure.key.startswith("救助"):
        return catalogue.figures().get("临时" + figure.key, figure)  # 「共救助96人次」 under 临时救助
    if not program or "城乡" in own or not figure.key.startswith("低保"):
        return figure
    return catalogue.figures().get(program[:2] + figure.key, figure)


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


_SIBLING = re.compile(r"^[^,;:。0-9]{0,8}$")


def _siblings(text: str, placed: list[Placed]) -> list[Placed]:
    """「发放特困供养生活补助A万元、护理补贴B万元」: an amount listed with another that is no figure of its
    own is one of the parts of a payment, not the figure's total."""
    result = list(placed)
    for i, p in enumerate(placed):
        if p.figure is None or p.figure.kind != "amount":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(placed) or placed[j].figure is not None or placed[j].fact.unit != p.fact.unit:
                continue
            first, second = (p, placed[j]) if j > i else (placed[j], p)
            between = text[first.fact.span[1] : second.fact.span[0]]
            if (
                between.startswith("、")
                and _SIBLING.match(between[1:])
                and not placed[j].why.startswith("是")
            ):
                result[i] = Placed(p.fact, p.sentence, p.line, p.topic, why=f"是{p.figure.key}的一个分项")
    return result


def _counts_in(words: str) -> int:
    """How many counts of households or people ``words`` hold."""
    return sum(1 for f in facts(words) if f.unit in ("户", "人", "名"))


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
            result.append(
                Placed(p.fact, p.sentence, p.line, p.topic, why=f"与前面的{p.figure.key}是同一个数")
            )
        else:
            seen.add(p.figure.key)
            result.append(p)
    return result
