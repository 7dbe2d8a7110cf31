"""The style profile (templates/样式.yaml): fonts, sizes, margins and numbering of the Word output."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from generator.data.schema import Strict

PROFILE_NAME = "样式.yaml"
HeadingLayout = Literal["单独成段", "段首"]
DEFAULT_HEADING_LAYOUT: tuple[HeadingLayout, ...] = ("单独成段", "单独成段", "段首", "段首")
# What a stock Windows or WPS install has in place of the fonts a 公文 asks for: the font table names it
# (w:altName), and Word and WPS use it when the font itself is missing.
DEFAULT_ALTERNATES: dict[str, str] = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
MAX_FONT_NAME = 31  # Windows keeps a face name in 32 UTF-16 units with the terminator (LF_FACESIZE)


class Fonts(Strict):
    body: str = Field("仿宋_GB2312", alias="正文")
    title: str = Field("方正小标宋简体", alias="标题")
    heading1: str = Field("黑体", alias="一级标题")
    heading2: str = Field("楷体_GB2312", alias="二级标题")
    heading3: str = Field("仿宋_GB2312", alias="三级标题")
    heading4: str = Field("仿宋_GB2312", alias="四级标题")
    page_number: str = Field("宋体", alias="页码")
    latin: str = Field("Times New Roman", alias="西文")

    def east_asian(self) -> list[str]:
        """The fonts set in the Chinese slot (the page numbers' font names every slot)."""
        return [
            self.body,
            self.title,
            self.heading1,
            self.heading2,
            self.heading3,
            self.heading4,
            self.page_number,
        ]


class Sizes(Strict):
    body: float = Field(16, alias="正文", gt=5, lt=72)
    title: float = Field(22, alias="标题", gt=5, lt=72)
    page_number: float = Field(14, alias="页码", gt=5, lt=72)


class Margins(Strict):
    top: float = Field(37, alias="上", ge=0, le=100)
    bottom: float = Field(35, alias="下", ge=0, le=100)
    left: float = Field(28, alias="左", ge=0, le=100)
    right: float = Field(26, alias="右", ge=0, le=100)


class Profile(Strict):
    """Everything about the look of the draft that an office may want to change."""

    fonts: Fonts = Field(default_factory=Fonts, alias="字体")
    sizes: Sizes = Field(default_factory=Sizes, alias="字号")
    bold_heading3: bool = Field(True, alias="三级标题加粗")
    margins_mm: Margins = Field(default_factory=Margins, alias="页边距")
    line_pt: float = Field(28.95, alias="行距", gt=10, lt=80)
    footer_mm: float = Field(24.7, alias="页脚距离", ge=0, le=100)
    numbering: list[str] = Field(
        default_factory=lambda: ["{一}、", "（{一}）", "{1}.", "（{1}）"],
        alias="编号",
        min_length=4,
        max_length=4,
    )
    item_numbering: str = Field("{一}是", alias="条目编号")
    # Real reports write 1. and (1) headings at the start of their paragraph (all 16 third-level headings
    # of the seeds do); the levels that stand alone are Word headings, shown in the navigation pane.
    heading_layout: list[HeadingLayout] = Field(
        default_factory=lambda: list(DEFAULT_HEADING_LAYOUT),
        alias="标题排法",
        min_length=4,
        max_length=4,
    )
    # An office's 替代字体 changes or adds to the defaults, font by font; an empty value drops one.
    alternates: dict[str, str | None] = Field(
        default_factory=lambda: dict[str, str | None](DEFAULT_ALTERNATES), alias="替代字体"
    )

    @field_validator("alternates")
    @classmethod
    def _over_defaults(cls, given: dict[str, str | None]) -> dict[str, str | None]:
        for font, alternate in given.items():
            for name in (font, alternate or ""):
                if len(name) > MAX_FONT_NAME:
                    raise ValueError(f"字体名「{name}」超过 {MAX_FONT_NAME} 个字符，Word 和 WPS 认不出")
                if any(not c.isprintable() for c in name):
                    raise ValueError(f"字体名「{name}」含有不可见的字符")
            if not font.strip():
                raise ValueError("替代字体的每一行应写成「字体: 替代字体」，字体名不能为空")
            if alternate == font:
                raise ValueError(f"「{font}」的替代字体就是它自己；不需要替代时写成「{font}:」（空值）")
        merged = {**DEFAULT_ALTERNATES, **given}
        return {font: alternate for font, alternate in merged.items() if alternate}
