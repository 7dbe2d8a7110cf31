"""Standard sentences from figures, in the order and collocations reports use.

The wording of each figure comes from the template folder's 句式.yaml (a :class:`Phrasebook`); this module
only arranges it: a topic's figures become one or two paragraphs, 标准 → 对象 → 资金 → 服务; a stock
opens 「截至10月底，全市共有」, a flow 「1-10月累计」, a level 「全市」; a total is followed by 「其中」 and its
parts; 户 and 人 of the same people are written together (4829户10661人); equal 城市 and 农村 standards
become one 城乡 standard; a plan's figures are targets (力争……达到……). Nothing is ever dropped: every
figure handed in is written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails

from generator.data import catalogue
from generator.data.numbers import plain, split_scale
from generator.data.schema import Strict, TopicName
from generator.draft import phrasing
from generator.draft.markup import MARK_CLOSE, MARK_OPEN, MARK_SEP, mark
from generator.draft.values import FigureValue, Missing
from generator.suggest import closest

PHRASEBOOK_NAME = "句式.yaml"
VALUE = "{值}"
NUMBER = "{数}"  # the bare number (with its 万/亿): 「每人每月{数}元」 writes 每人每月694元
UNIT = "{单位}"  # the unit that follows {数}: 元 of a standard in 元/人·月, 元 of 84.326万元
_PLACE = re.compile(r"\{([^{}]+)\}")
PERIOD_ORDER = {"存量": 0, "水平": 1, "流量": 2}
MAX_CLAUSES = 5  # clauses in one sentence before it is split
_TARGET_VERB = re.compile(r"(达到|提高到|增加到|为|的|占)$")
# A standard's name that says 「per person, per month」 itself: its amount in that unit needs no 每人每月.
_PER_PERSON_SAID = {"月人均": "每人每月", "年人均": "每人每年"}


def _unsaid_per(name: str, per: str) -> str:
    """``per`` (每人每月) unless ``name`` says it already (「月人均补助水平」); a yearly amount keeps 每人每年."""
    return "" if any(w in name and per == said for w, said in _PER_PERSON_SAID.items()) else per


Value = FigureValue | Missing


class Phrase(Strict):
    """How one figure is written: its clause (句), and (分项) its words as a part after 「其中」."""

    sentence: str = Field(alias="句")
    part: str | None = Field(None, alias="分项")


# 名 and 位 count the noun that follows them: 「为高龄老年人{值}发放」 reads 「为59837名高龄老年人发放」.
CLASSIFIERS = ("名", "位")
_BENEFICIARY = re.compile(r"(为|向|对|帮助|帮扶|救助|慰问)([^{}，。；]{1,14}?)$")


# A count of people as the draft carries it: the number, maybe marked with where it came from (see markup).
_PEOPLE = re.compile(rf"((?:{MARK_OPEN}[^{MARK_SEP}]*{MARK_SEP})?[\d.]+万?)人({MARK_CLOSE}?)")


def people_first(pattern: str, place: str, unit: str, text: str) -> str:
    """``pattern`` with ``text`` (the value, as written) at ``place``; a count of people put before the
    people it counts, as 名: 「为困难群众{值}发放」 with 34882人 reads 「为34882名困难群众发放」 (a person never
    writes 「为困难群众34882人发放」). Counts in 户, 人次 or with their 户 are left where the pattern puts them."""
    people = _PEOPLE.fullmatch(text) if unit == "人" else None
    moved = classifier_first(pattern, place, "名" if people else unit)
    if people and moved != pattern:
        text = f"{people.group(1)}名{people.group(2)}"
    return moved.replace(place, text, 1)


def classifier_first(pattern: str, place: str, unit: str) -> str:
    """``pattern`` with a 名/位 count put before the people it counts (「为{值}高龄老年人发放」), where the
    clause names them just before the value; any other pattern or unit unchanged."""
    if unit not in CLASSIFIERS or place not in pattern:
        return pattern
    head, tail = pattern.split(place, 1)
    m = _BENEFICIARY.search(head)
    if not m or not tail or tail[0] in "，、。；":
        return pattern  # 「惠及{值}」 or a value that ends the clause: 名 needs no noun after it there
    return head[: m.start(2)] + place + m.group(2) + tail


class Misworded(ValueError):
    """A 句式.yaml entry that cannot be used, with its path in the file (``where``) to locate it by."""

    def __init__(self, message: str, *where: str) -> None:
        super().__init__(message)
        self.where = where


def _one_value(pattern: str, *where: str) -> Iterator[Misworded]:
    whole, bare = pattern.count(VALUE), pattern.count(NUMBER)
    if not ((whole == 1 and bare == 0) or (whole == 0 and bare == 1)) or pattern.count(UNIT) > bare:
        yield Misworded(
            f"「{pattern}」应含有且只含一个{VALUE}（或者一个{NUMBER}，数字和单位分开写时用：{NUMBER}是不带单位的数，"
            f"其后可写一个{UNIT}）",
            *where,
        )


def bare_parts(value: Value) -> tuple[str, str]:
    """The number without its unit (keeping 万/亿) and the unit that goes after it: 694 and 元 of a
    standard of 694元/人·月, 84.326万 and 元 of 84.326万元, 3160 and 人."""
    unit = value.unit if isinstance(value, FigureValue) else value.figure.unit
    money = unit.split("/", 1)[0]
    if isinstance(value, FigureValue) and "/" in unit:
        return value.marked(plain(value.data.value)), money
    return value.数值, split_scale(money)[1]


# The period the house wording writes before a standard's bare number: 每人每月{数}, 每年{数}.
_PERIOD_BEFORE = re.compile(r"(每人)?每[月年日](?=" + re.escape(NUMBER) + ")")


def fill_bare(pattern: str, value: Value) -> str:
    """``pattern`` with {数} and {单位} filled. A period written before {数} (「每人每月{数}元」) is the
    one of the value's unit: a county that gave a yearly standard (6252元/人·年) gets 每人每年6252元,
    never a yearly number called monthly."""
    number, unit = bare_parts(value)
    per = phrasing.per_person(value.unit if isinstance(value, FigureValue) else value.figure.unit)
    if per.startswith("每人每"):
        pattern = _PERIOD_BEFORE.sub(lambda m: per if m.group(1) else per.removeprefix("每人"), pattern)
    return pattern.replace(NUMBER, number).replace(UNIT, unit)


class Phrasebook(Strict):
    """句式.yaml: the words of every figure, the figures prompted when missing, and combined clauses."""

    prompts: dict[TopicName, list[str]] = Field(default_factory=dict, alias="待补充")
    phrases: dict[TopicName, dict[str, str | Phrase]] = Field(default_factory=dict, alias="句式")
    combos: dict[TopicName, list[str]] = Field(default_factory=dict, alias="合写")

    @model_validator(mode="after")
    def _known_figures(self) -> Phrasebook:
        # Every mistake of the file at once, each at its own line: a maintainer fixes them in one pass.
        problems = [*self._phrase_problems(), *self._prompt_problems(), *self._combo_problems()]
        if problems:
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [InitErrorDetails(type="value_error", loc=(), input={}, ctx={"error": p}) for p in problems],
            )
        return self

    def _phrase_problems(self) -> Iterator[Misworded]:
        for topic_key, entries in self.phrases.items():
            topic = catalogue.topic(topic_key)
            for key, phrase in entries.items():
                if topic.figure(key) is None:
                    guess = closest(key, [f.key for f in topic.figures])
                    hint = f"，是否想写：{guess}" if guess else "（各专题的指标见 generator topics）"
                    yield Misworded(f"专题「{topic_key}」没有指标「{key}」{hint}", "句式", topic_key, key)
                elif isinstance(phrase, str):
                    yield from _one_value(phrase, "句式", topic_key, key)
                else:
                    yield from _one_value(phrase.sentence, "句式", topic_key, key, "句")
                    if phrase.part is not None:
                        yield from _one_value(phrase.part, "句式", topic_key, key, "分项")

    def _prompt_problems(self) -> Iterator[Misworded]:
        for topic_key, keys in self.prompts.items():
            topic = catalogue.topic(topic_key)
            for key in keys:
                if topic.figure(key) is None:
                    yield Misworded(f"专题「{topic_key}」没有指标「{key}」", "待补充", topic_key)

    def _combo_problems(self) -> Iterator[Misworded]:
        for topic_key, patterns in self.combos.items():
            topic = catalogue.topic(topic_key)
            for pattern in patterns:
                names = _PLACE.findall(pattern)
                unknown = [n for n in names if topic.figure(n) is None]
                if unknown:
                    yield Misworded(
                        f"「{pattern}」中的「{{{unknown[0]}}}」不是本专题的指标", "合写", topic_key
                    )
                elif len(set(names)) < 2 or len(set(names)) != len(names):
                    yield Misworded(f"「{pattern}」应引用两个以上不同的指标，每个一次", "合写", topic_key)

    def over(self, base: Phrasebook) -> Phrasebook:
        """This phrasebook laid over ``base``: its entries replace base's, figure by figure."""
        phrases = {t: dict(e) for t, e in base.phrases.items()}
        for topic_key, entries in self.phrases.items():
            phrases.setdefault(topic_key, {}).update(entries)
        return Phrasebook.model_construct(
            prompts={**base.prompts, **self.prompts},
            phrases=phrases,
            combos={**base.combos, **self.combos},
        )

    def phrase(self, figure: catalogue.Figure) -> Phrase:
        """The words of ``figure``; a figure with none is written 「键 + 值」 (check-templates warns)."""
        given = self.phrases.get(figure.topic, {}).get(figure.key)
        if given is None:
            return Phrase.model_construct(sentence=f"{figure.key}{VALUE}", part=None)
        return Phrase.model_construct(sentence=given, part=None) if isinstance(given, str) else given

    def has_phrase(self, figure: catalogue.Figure) -> bool:
        return figure.key in self.phrases.get(figure.topic, {})


@dataclass(frozen=True)
class Words:
    """The period and place words sentences open with."""

    stock: str  # 截至年底 / 截至10月底 / 截至目前
    flow: str  # 全年 / 1-10月 / 上半年 / 今年以来
    region: str  # 全市 / 全县 / 全区
    plan: bool = False
    year: int = 0  # the summary's year: a year's flows open 「2024年，全市累计」
    variant: int = 0  # the section's place in its part: neighbouring sections open their figures differently

    def flow_phrase(self) -> str:
        """The period of flows as a paragraph opens with it: 2024年 / 1-10月 / 上半年 / 今年以来."""
        return f"{self.year}年" if self.flow == "全年" and self.year else self.flow


@dataclass
class Opened:
    """What a section has said so far: the scope word (全市) once a section, a period phrase once a paragraph."""

    region: bool = False
    period: bool = False
    flow: bool = False  # a flow sentence has said 累计 in this paragraph


@dataclass
class _Clause:
    anchor: catalogue.Figure
    order: int
    text: str
    compound: bool = False  # carries 「其中」 or 「较上年……」: the next clause follows after 「；」
    own: bool = False  # the county's own clause (说法 with {值}, 「建成幸福食堂{值}」): it has its verb

    @property
    def key(self) -> tuple[int, int, int]:
        return (catalogue.ROLES.index(self.anchor.role), PERIOD_ORDER[self.anchor.period], self.order)

    @property
    def flow(self) -> bool:
        return self.anchor.period == "流量"


def _own_words(value: Value) -> str | None:
    """The county's own words for the figure (说法), if it gave any."""
    return value.data.words if isinstance(value, FigureValue) else None


def _own_clause(value: Value) -> bool:
    """Whether the county wrote the figure's whole clause (说法 with {值}), verb and all."""
    return VALUE in (_own_words(value) or "")


@dataclass
class _Writer:
    values: dict[str, Value]
    book: Phrasebook
    words: Words
    order: dict[str, int] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.order = {k: i for i, k in enumerate(self.values)}

    def phrase(self, value: Value) -> Phrase:
        """The figure's words: the county's own (说法: 幸福食堂, 新建幸福食堂{值}), else the phrasebook's."""
        own = _own_words(value)
        if own:
            sentence = own if VALUE in own else own + VALUE
            return Phrase.model_construct(sentence=sentence, part=sentence)
        return self.book.phrase(value.figure)

    def given(self, key: str | None) -> FigureValue | None:
        value = self.values.get(key) if key else None
        return value if isinstance(value, FigureValue) and key not in self.claimed else None

    def shown(self, value: Value, pattern: str, alone: bool = True) -> str:
        """``pattern`` with {值} filled: the value (with its 户 figure), then its comparison with last
        year; in a plan, a target (达到……). ``alone`` is false for a value inside a combined clause.
        A pattern with {数} (the house's own wording, 「每人每月{数}元」) gets the bare number and unit."""
        figure = value.figure
        if NUMBER in pattern:
            return fill_bare(pattern, value) + (value.同比 if alone and not self.words.plan else "")
        if figure.kind == "standard":
            text = value.standard(self.words.plan)
            head = pattern.split(VALUE, 1)[0]
            per = phrasing.per_person(value.unit if isinstance(value, FigureValue) else figure.unit)
            if per and not _unsaid_per(head, per):  # 「月人均补助水平为每人每月381元」 says it twice
                text = text.replace(per, "")
            if alone and not self.words.plan and not value.上年 and head and not _TARGET_VERB.search(head):
                pattern = pattern.replace(VALUE, "为" + VALUE)  # 城市低保标准为每人每月694元
        else:
            text = str(value)
            households = self.given(figure.households)
            if households is not None and not _own_words(households):  # 低保家庭3000户 is said apart
                self.claimed.add(households.figure.key)
                text = str(households) + text
        if alone and self.words.plan and figure.period != "流量" and figure.kind != "standard":
            head = pattern.split(VALUE, 1)[0]
            if not _TARGET_VERB.search(head):
                pattern = pattern.replace(VALUE, "达到" + VALUE)
        unit = value.unit if isinstance(value, FigureValue) else ""
        return people_first(pattern, VALUE, unit, text) + (self.compared(value) if alone else "")

    def compared(self, value: Value) -> str:
        """「，较上年增加……」 after a clause (a standard says 由……提高到…… itself; a plan has no past)."""
        if isinstance(value, FigureValue) and value.figure.kind != "standard" and not self.words.plan:
            return value.同比
        return ""

    def households_of_given(self, key: str) -> bool:
        """Whether ``key`` is the 户 figure of a 人 figure still to be written (which writes it)."""
        return any(self.given(k) is not None and v.figure.households == key for k, v in self.values.items())

    def clauses(self) -> list[_Clause]:
        found = [*self._merged_standards(), *self._paired_standards(), *self._wholes(), *self._combos()]
        for deferring in (True, False):  # 户 figures wait for their 人 figure; then whatever is left
            for key, value in self.values.items():
                if key in self.claimed or (deferring and self.households_of_given(key)):
                    continue
                self.claimed.add(key)
                text = self.shown(value, self.phrase(value).sentence)
                compound = bool(self.compared(value))
                found.append(_Clause(value.figure, self.order[key], text, compound, _own_clause(value)))
        return sorted(found, key=lambda c: c.key)

    def _merged_standards(self) -> list[_Clause]:
        """城市 and 农村 standards that are equal are one 城乡 standard (the whole the county left out)."""
        found = []
        for whole in {w.key: w for k in self.values for w in catalogue.wholes(k)}.values():
            if whole.kind != "standard" or whole.key in self.values:
                continue
            for split in whole.parts:
                parts = [self.given(k) for k in split]
                if None in parts or len(parts) < 2:
                    continue
                first = parts[0]
                assert first is not None
                if any(
                    (p.data.value, p.data.prev, p.unit) != (first.data.value, first.data.prev, first.unit)
                    for p in parts
                    if p is not None
                ):
                    continue
                shared = replace(first, figure=whole, source="|".join(p.source for p in parts if p))
                self.claimed.update(split)
                text = self.shown(shared, self.book.phrase(whole).sentence)
                found.append(_Clause(whole, min(self.order[k] for k in split), text))
        return found

    def _paired_standards(self) -> list[_Clause]:
        """城市 and 农村 standards in one clause: 「城市、农村低保标准分别为每人每月694元、521元」, or, both
        raised since last year, 「分别由每人每月650元、550元提高到720元、649元」."""
        found: list[_Clause] = []
        if self.words.plan:
            return found
        for whole in {w.key: w for k in self.values for w in catalogue.wholes(k)}.values():
            for split in whole.parts if whole.kind == "standard" else ():
                parts = [self.given(k) for k in split]
                if len(parts) != 2 or None in parts:
                    continue
                city, rural = parts
                assert city is not None and rural is not None
                raised = all(v.data.prev is not None and v.data.value > v.data.prev for v in (city, rural))
                if (not raised and (bool(city.上年) or bool(rural.上年))) or city.unit != rural.unit:
                    continue
                words = [self.phrase(p).sentence for p in (city, rural)]
                if not (words[0].startswith("城市") and words[1].startswith("农村")):
                    continue
                name = words[0].removeprefix("城市").split(VALUE, 1)[0]
                if words[1].removeprefix("农村").split(VALUE, 1)[0] != name:
                    continue
                per, money = phrasing.per_person(city.unit), city.unit.split("/", 1)[0]
                per = _unsaid_per(name, per)
                self.claimed.update(split)
                second = rural.marked(f"{plain(rural.data.value)}{money}")
                if raised:
                    first = city.marked(f"{plain(city.data.value)}{money}")
                    before = [
                        mark(f"{v.source}@上年", f"{per if v is city else ''}{plain(prev)}{money}")
                        for v in (city, rural)
                        if (prev := v.data.prev) is not None  # raised: both are known
                    ]
                    text = f"城市、农村{name}分别由{before[0]}、{before[1]}提高到{first}、{second}"
                else:
                    first = city.marked(f"{per}{plain(city.data.value)}{money}")
                    text = f"城市、农村{name}分别为{first}、{second}"
                found.append(_Clause(whole, min(self.order[k] for k in split), text))
        return found

    def _wholes(self) -> list[_Clause]:
        """A total with its parts: 「特困人员4397人，其中城市512人、农村3885人」."""
        found = []
        for key, value in self.values.items():
            if not isinstance(value, FigureValue) or key in self.claimed or not value.figure.parts:
                continue
            if self.households_of_given(key):
                continue  # 低保户数 is written with 低保人数 (4829户10661人), its parts with theirs
            splits = [[p for k in split if (p := self.given(k)) is not None] for split in value.figure.parts]
            splits = [s for s in splits if s]
            if not splits:
                continue
            self.claimed.add(key)
            for split in splits:
                self.claimed.update(p.figure.key for p in split)
            text = self.shown(value, self.phrase(value).sentence)
            listed = []
            for split in splits:
                words = []
                for part in split:
                    phrase = self.phrase(part)
                    words.append(self.shown(part, phrase.part or phrase.sentence))
                listed.append("、".join(words))
            text = f"{text}，其中{'，'.join(listed)}"
            found.append(_Clause(value.figure, self.order[key], text, True, _own_clause(value)))
        return found

    def _combos(self) -> list[_Clause]:
        """Clauses the phrasebook writes together: 「为85人发放生态安葬补助7.24万元」 (one may be a 【待补充】)."""
        found = []
        topics = dict.fromkeys(v.figure.topic for v in self.values.values())
        for topic_key in topics:
            for pattern in self.book.combos.get(topic_key, []):
                names = _PLACE.findall(pattern)
                found_members = [self.values.get(n) if n not in self.claimed else None for n in names]
                members = [m for m in found_members if m is not None]
                if len(members) < len(names) or not any(isinstance(m, FigureValue) for m in members):
                    continue
                if any(_own_words(m) for m in members):
                    continue  # the county's own words for a member are written, not the combined clause
                dated = [m for m in members if self.compared(m)]
                if len(dated) > 1 or (dated and not pattern.endswith("{" + dated[0].figure.key + "}")):
                    continue  # 「较上年……」 can only follow the clause, after its last value
                text = pattern
                for name, member in zip(names, members, strict=True):
                    self.claimed.add(name)
                    place = "{" + name + "}"
                    unit = member.unit if isinstance(member, FigureValue) else ""
                    text = people_first(text, place, unit, self.shown(member, VALUE, alone=False))
                text += self.compared(dated[0]) if dated else ""
                # A combo with a flow in it reads as a flow: 全年累计为5230名老年人发放高龄津贴2317万元.
                anchor = next((m for m in members if m.figure.period == "流量"), members[0])
                found.append(_Clause(anchor.figure, self.order[anchor.figure.key], text, bool(dated)))
        return found


def _prefix(clause: _Clause, words: Words, said: Opened) -> str:
    """How a sentence opens: the scope word the first time in a section, the period the first time in a
    paragraph (「截至目前，全市共有」「2024年，全市累计」), then nothing more than the verb (「现有」「累计」)."""
    # Sections take turns (the section's place in its part): the first says the period and the scope, the
    # next the scope only, the third the period only, so that no frame opens every section.
    turn = words.variant % 3
    region = "" if said.region or turn == 2 else words.region
    if words.plan:
        return "" if said.period else "力争"
    total = "" if clause.text.startswith("累计") else "累计"
    if clause.flow:
        if said.period:  # after 「截至4月底，全区共有……」 the period is said: 「累计实施……」 once
            return region + ("" if said.flow else total)
        period = words.flow_phrase()
        if turn == 1:
            # The year's figures (and 今年以来's) need no period, its title and opening say it; a part of the
            # year does, and then the period stands for the scope (「全市1-10月」 stacks the two): 「1-10月累计」.
            return region + total if words.flow == "全年" or period.endswith("以来") else period + total
        if region:  # period, scope and 累计 all at once stack up: 「2024年，全市发放……」
            return f"{period}，{region}"
        # 「2024年累计」「上半年累计」 read as one phrase; 「今年以来」 is a clause of its own: 「今年以来，累计」.
        return f"{period}，{total}" if period.endswith("以来") else f"{period}{total}"
    if clause.anchor.period == "存量":
        # The county's own clause has its verb (建成幸福食堂36个): 「共有建成……」 would stack another.
        if said.period or turn == 1:
            return region + ("" if clause.own else "现有")
        return f"{words.stock}，{region}" + ("" if clause.own else "共有")
    return ""  # a standard or rate: the scope waits for the figures that count people or places


# Verbs that several clauses of a sentence may share: 「发放城乡低保金……、特困人员救助供养金……」, not a list
# that reads like a table (「发放……，发放……」).
SHARED_VERBS = ("发放", "支出", "办理", "开展", "提供", "完成", "新增", "新建", "备案", "保障")


# A noun the next clause repeats (「养老机构床位4848张，养老机构在院老年人2283人」) is said once: 「床位……，在院老年人……」.
_SHARED_NOUN = re.compile(r"[\u4e00-\u9fff]+")
MIN_SHARED_NOUN = 4  # shorter shared heads (城市, 城乡) are the distinctions themselves


def _shared_noun(before: str, after: str) -> int:
    """How many leading characters of ``after`` repeat the noun ``before`` opens with (0 if too few)."""
    head = _SHARED_NOUN.match(before)
    if not head:
        return 0
    n = 0
    while n < len(head.group()) and n < len(after) and after[n] == head.group()[n]:
        n += 1
    rest = after[n:]
    return n if n >= MIN_SHARED_NOUN and rest[:1] and "\u4e00" <= rest[0] <= "\u9fff" else 0


def _joined(before: _Clause, after: _Clause) -> str:
    """The next clause after ``before``: 「，」 or (after a 其中 or a comparison) 「；」, its verb left out when
    it repeats the one before, and so a noun both open with."""
    verb = after.text[:2]
    if verb in SHARED_VERBS and before.text.startswith(verb) and len(after.text) > len(verb):
        return ("；" if before.compound else "、") + after.text[len(verb) :]
    shared = 0 if after.own else _shared_noun(before.text, after.text)
    return ("；" if before.compound else "，") + after.text[shared:]


def _total(clause: _Clause) -> bool:
    """A clause that counts every kind (「办理各类婚姻登记业务……」「纳入社会救助的各类对象……」): the clauses
    after it in its sentence are its parts."""
    head = re.split(r"[\d\ue000]", clause.text, maxsplit=1)[0]
    return "各类" in head and not clause.compound


def _sentences(clauses: list[_Clause], words: Words, said: Opened) -> list[str]:
    """Clauses of the same role and kind (a state at the period's end, a level such as a rate, or a flow
    over it) in one sentence: 「共有……」 never runs on into a rate, which nobody 「has」."""
    sentences: list[str] = []
    continued = False  # the run goes on from the sentence before (split for length): no new opening
    run: list[_Clause] = []
    for clause in [*clauses, None]:
        full = len(run) == MAX_CLAUSES
        if run and (
            clause is None
            or (clause.anchor.role, clause.anchor.period) != (run[0].anchor.role, run[0].anchor.period)
            or full
        ):
            opening = "" if continued else _prefix(run[0], words, said)
            said.region = said.region or bool(opening) or words.plan
            said.period = said.period or run[0].anchor.period != "水平" or words.plan
            said.flow = said.flow or run[0].flow
            continued = full and clause is not None
            text = run[0].text
            total = _total(run[0])
            for i, (before, after) in enumerate(itertools.pairwise(run)):
                joined = _joined(before, after)
                if total and i == 0:  # 办理各类婚姻登记业务7688例，其中结婚登记……
                    joined = "，其中" + joined[1:]
                elif total and joined[:1] == "，":  # the parts are one list: 其中城市低保对象……、农村……
                    joined = "、" + joined[1:]
                text += joined
            sentences.append(opening + text + "。")
            run = []
        if clause is not None:
            run.append(clause)
    return sentences


def paragraphs(values: dict[str, Value], book: Phrasebook, words: Words) -> list[str]:
    """The figures ``values`` (in the order they should come) as one or two paragraphs: 标准 and 对象 first,
    then 资金 and 服务; the scope word once, each paragraph's period said once."""
    clauses = _Writer(values, book, words).clauses()
    if not clauses:
        return []
    first = [c for c in clauses if c.anchor.role in ("标准", "对象")]
    second = [c for c in clauses if c.anchor.role not in ("标准", "对象")]
    said = Opened()
    if len(first) <= 1 or len(second) <= 1:
        return ["".join(_sentences(clauses, words, said))]
    one = "".join(_sentences(first, words, said))
    said.period = said.flow = False
    return [one, "".join(_sentences(second, words, said))]


def sentences(values: dict[str, Value], book: Phrasebook, words: Words) -> str:
    """The figures ``values`` as sentences to follow a work item's own words (its scope already said)."""
    said = Opened(region=True, period=True)  # the item's own words have set the scene
    return "".join(_sentences(_Writer(values, book, words).clauses(), words, said))
