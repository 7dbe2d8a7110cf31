"""The opening paragraph written from the county's own data: the period, the topics its summary covers
and the duties of the bureau they belong to. Two or three results from its figures (成效) are there for an
office's own opening; the standard one leaves them to the body, which writes every figure once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.data import catalogue
from generator.data.schema import FigureData, Report, figure_values
from generator.draft.context import referenced
from generator.draft.phrasing import listing
from generator.draft.prose import NUMBER, VALUE, Phrasebook, classifier_first, fill_bare, people_first
from generator.draft.values import FigureValue

if TYPE_CHECKING:
    from collections.abc import Iterator

MAX_RESULTS = 3
MAX_TOPICS = 4
# The three duties of 民政 (as the Ministry's own reports name them) and the topics of each.
DUTIES = {
    "基本民生保障": ("社会救助", "流浪乞讨救助", "养老服务", "儿童福利", "残疾人福利", "慈善事业"),
    "基层社会治理": ("基层治理", "社会组织", "社会工作"),
    "基本社会服务": ("区划地名", "婚姻登记", "殡葬管理"),
}


def _figures(report: Report, topic: catalogue.Topic) -> Iterator[tuple[str, FigureData]]:
    section = report.section("总结", topic.key)
    if section is None or not getattr(section, "standard", True):
        return  # a county writing this topic in its own words chose its own emphasis
    own = referenced(section)  # a figure the county's own text writes means what that text says
    yield from ((k, v) for k, v in figure_values(section).items() if k not in own)


def _rank(figure: catalogue.Figure, data: FigureData) -> int | None:
    """How well a figure sums up the year (lower first): a raised standard, money spent, people served."""
    if figure.kind == "standard":
        return 0 if data.prev is not None and data.value > data.prev else None
    if figure.period != "流量":
        return None  # a count at the period's end says where things stand, not what was done
    return 1 if figure.role == "资金" else 2


def _clause(value: FigureValue, book: Phrasebook) -> str:
    pattern = value.data.words or book.phrase(value.figure).sentence
    if NUMBER in pattern:
        return fill_bare(pattern, value)
    pattern = pattern if VALUE in pattern else pattern + VALUE
    if value.figure.kind == "standard":
        return classifier_first(pattern, VALUE, value.unit).replace(VALUE, value.standard())
    return people_first(pattern, VALUE, value.unit, str(value))


def opening_words(report: Report, topics: list[str], book: Phrasebook) -> dict[str, str]:
    """The pieces report.j2 writes the standard opening from: 重点 (the fields of work the summary covers,
    in its order), 职责 (the duties they belong to: 「基本民生保障和基本社会服务」) and 成效 (results from the
    figures, 「……，……」, empty when the county gave none)."""
    topics = [t for t in topics if t != catalogue.GENERAL]
    # 资金 is how the work is paid for, not a field of it: 「围绕社会救助和资金工作」 reads as a slip.
    fields = [t for t in topics if t != "资金"]
    shown = fields[:MAX_TOPICS]
    focus = "、".join(shown) + "等" if len(fields) > len(shown) else listing(shown)
    duties = [duty for duty, members in DUTIES.items() if any(t in members for t in topics)]
    return {"重点": focus, "职责": listing(duties), "成效": "，".join(results_for(report, topics, book))}


def results_for(report: Report, topics: list[str], book: Phrasebook) -> list[str]:
    """Up to three results, one a topic, in the order the summary writes its topics."""
    found: list[str] = []
    for key in topics:
        topic = catalogue.topic(key)
        ranked = [
            (rank, order, name, data)
            for order, (name, data) in enumerate(_figures(report, topic))
            if (rank := _rank(catalogue.figures()[name], data)) is not None
        ]
        if not ranked:
            continue
        _, _, name, data = min(ranked)
        figure = catalogue.figures()[name]
        clause = _clause(FigureValue(figure, data, f"总结/{key}/{name}"), book)
        first_flow = figure.period == "流量" and not any(f for f in found if f.startswith("累计"))
        found.append("累计" + clause if first_flow and not clause.startswith("累计") else clause)
        if len(found) == MAX_RESULTS:
            break
    return found
