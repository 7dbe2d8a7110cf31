"""The period a report covers (报告期) and the date its figures stop at (统计截止), and the words a
draft takes from them: 「全年」「1-10月」「上半年」 for flows, 「截至年底」「截至10月底」 for stocks, and the
names of the summary and plan periods in the title, the opening and the part headers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# 报告期 forms: the label drafts print, the last month it covers, what the plan part covers then, and
# the first month (a single quarter's report adds up its flows from the quarter's start).
_NAMED = {
    "全年": ("全年", 12, None, 1),
    "年度": ("全年", 12, None, 1),
    "上半年": ("上半年", 6, "下半年", 1),
    "一季度": ("一季度", 3, "二季度", 1),
    "第一季度": ("一季度", 3, "二季度", 1),
    "二季度": ("二季度", 6, "三季度", 4),
    "第二季度": ("二季度", 6, "三季度", 4),
    "三季度": ("三季度", 9, "四季度", 7),
    "第三季度": ("三季度", 9, "四季度", 7),
    "前三季度": ("前三季度", 9, "第四季度", 1),
}
_MONTHS = re.compile(r"^1\s*(?:-|—|–|－|~|～|至|到)\s*(\d{1,2})\s*月份?$")
# 1-N月 from this N on is a year's report written before the year ends (titled as the year's); before it,
# a report of those months, whose plan is the next steps (下一步工作计划).
ANNUAL_FROM = 10
FORMS = "全年、上半年、一季度、二季度、三季度、前三季度，或「1-10月」这样的月份区间"


@dataclass(frozen=True)
class ReportPeriod:
    """What 报告期 says: its label (全年, 上半年, 1-10月 …), its last month, and the plan period after it."""

    label: str
    last_month: int
    next_label: str | None  # 下半年 after 上半年; None when the plan is for the next year
    first_month: int = 1

    @property
    def annual(self) -> bool:
        """A year's report (全年, or 1-N月 of a report written before the year ends)."""
        return self.next_label is None


def parse_period(text: str) -> ReportPeriod:
    """Read 报告期 as clerks write it; raise ValueError with the accepted forms otherwise."""
    value = text.strip()
    if value in _NAMED:
        return ReportPeriod(*_NAMED[value])
    m = _MONTHS.match(value)
    if m and 1 <= int(m.group(1)) <= 12:
        last = int(m.group(1))
        if last < ANNUAL_FROM:  # 1-4月 is not the year's report: its plan is 下一步, its title says 1-4月
            return ReportPeriod(f"1-{last}月", last, "下一步", 1)
        return ReportPeriod("全年" if last == 12 else f"1-{last}月", last, None, 1)
    raise ValueError(f"不是可用的报告期：「{text}」；可写{FORMS}")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_from_cutoff(cutoff: dt.date) -> ReportPeriod:
    """The 报告期 a cutoff date implies when only 统计截止 is given: figures of the year up to it."""
    if cutoff != month_end(cutoff.year, cutoff.month) or cutoff.month == 12:
        return ReportPeriod(*_NAMED["全年"])
    return ReportPeriod(f"1-{cutoff.month}月", cutoff.month, None, 1)


@dataclass(frozen=True)
class Period:
    """The report's period and figure cutoff, and the words drafts print from them."""

    year: int
    plan_year: int
    period: ReportPeriod
    cutoff: dt.date
    dated: dt.date | None = None  # 成文日期
    cutoff_given: bool = False  # 统计截止 was written (else the cutoff is the period's last day)

    @property
    def early(self) -> bool:
        """Written before the period's figures are complete (成文日期 12月25日 of a year's report, with no
        统计截止): the draft can say only 截至目前 and 今年以来, never 截至年底 or 全年."""
        return not self.cutoff_given and self.dated is not None and self.dated < self.cutoff

    @property
    def stock(self) -> str:
        """截至年底 / 截至10月底 / 截至11月20日 / 截至目前: when a stock figure was counted."""
        if self.early:
            return "截至目前"
        if self.cutoff == dt.date(self.year, 12, 31):
            return "截至年底"
        if self.cutoff == month_end(self.year, self.cutoff.month):
            return f"截至{self.cutoff.month}月底"
        return f"截至{self.cutoff.month}月{self.cutoff.day}日"

    @property
    def flow(self) -> str:
        """全年 / 1-10月 / 上半年 / 三季度 / 1月1日至11月20日 / 今年以来: the span a flow figure was added up over."""
        end, first = self.cutoff, self.period.first_month
        if self.early:
            return "今年以来" if first == 1 else f"{first}月以来"
        if end == month_end(self.year, end.month):
            if end.month == self.period.last_month:
                return self.period.label
            if first == 1:
                return "全年" if end.month == 12 else f"1-{end.month}月"
            return f"{first}-{end.month}月"
        return f"{first}月1日至{end.month}月{end.day}日"

    @property
    def summary_name(self) -> str:
        """2024年 / 2024年上半年 / 2024年1-4月: the period the summary part reviews."""
        if self.period.annual:
            return f"{self.year}年"
        return f"{self.year}年{self.period.label}"

    @property
    def plan_name(self) -> str:
        """2025年 / 下半年 / 第四季度 / 下一步: the period the plan part looks ahead to."""
        if self.plan_year == self.year and self.period.next_label:
            return self.period.next_label
        return f"{self.plan_year}年"

    @property
    def joiner(self) -> str:
        """及 between an annual summary and plan (the usual title), 和 for a half-year or quarter report."""
        return "及" if self.period.annual or self.period.next_label == "下一步" else "和"

    def title(self, unit: str, *, plan: bool = True) -> str:
        """The report's title; a summary-only report (no plan part) promises no plan."""
        if not plan:
            return f"{unit}{self.summary_name}工作总结"
        return f"{unit}{self.summary_name}工作总结{self.joiner}{self.plan_name}工作计划"
