"""Click's help furniture and usage errors, said in Chinese.

Messages are built from what click knows (the parameter, the option, the extra arguments), never by
parsing click's English sentences, whose wording changes between versions.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup

from generator.errors import UserError
from generator.suggest import closest

HELP_OPTION = "显示本帮助并退出。"


class UsageProblem(UserError):
    """The command line is wrong (exit 2); the message already says what to write."""


def _chinese_rich() -> None:
    """Typer's help screens are in English by default; our users read Chinese. (Set when help is shown:
    rich takes a while to import, and a clerk's `generate` does not need it.)"""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
    rich_utils.OPTIONS_PANEL_TITLE = "选项"
    rich_utils.COMMANDS_PANEL_TITLE = "命令"
    rich_utils.ERRORS_PANEL_TITLE = "错误"
    rich_utils.ABORTED_TEXT = "已中止。"
    rich_utils.REQUIRED_LONG_STRING = "[必填]"
    rich_utils.DEFAULT_STRING = "[默认: {}]"
    rich_utils.RICH_HELP = "查看帮助: [blue]{command_path} {help_option}[/]"
    _wide_command_names(rich_utils)


def _wide_command_names(rich_utils: Any) -> None:
    """Typer sizes the command-name column by characters, not screen cells: 复制、对比 take two cells per
    character and were cut to 「…」 in `generator 模板 --help`. Size it by cells (once)."""
    from rich.cells import cell_len

    panel = rich_utils._print_commands_panel
    if getattr(panel, "by_cells", False):
        return

    def by_cells(*, commands: list[Any], cmd_len: int, **rest: Any) -> None:
        widest = max([cmd_len, *(cell_len(command.name or "") for command in commands)])
        panel(commands=commands, cmd_len=widest, **rest)

    by_cells.by_cells = True  # type: ignore[attr-defined]
    rich_utils._print_commands_panel = by_cells


class _ChineseHelp:
    """Say "用法" and the --help line in Chinese (click hard-codes them in English)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _chinese_rich()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        usage: str = super().get_usage(ctx)  # type: ignore[misc]
        return (
            usage.replace("Usage:", "用法:", 1)
            .replace("[OPTIONS]", "[选项]")
            .replace("COMMAND [ARGS]...", "命令 [参数]...")
        )

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option


class ChineseCommand(_ChineseHelp, TyperCommand):
    """A typer command with Chinese help furniture; extra arguments are our own Chinese error."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # we say it ourselves, below
        rest: list[str] = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:
            shown = "、".join(f"「{a}」" for a in ctx.args)
            raise UsageProblem(f"多了参数：{shown}。本命令的用法见 --help")
        return rest


class ChineseGroup(_ChineseHelp, TyperGroup):
    """A typer group with Chinese help furniture; an unknown command is our own Chinese error."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            guess = closest(name, self.list_commands(ctx))
            hint = f"，是否想写 {guess}？" if guess else "。可用命令见 --help"
            raise UsageProblem(f"没有「{name}」这个命令{hint}")
        return super().resolve_command(ctx, args)


def _class_names(error: BaseException) -> set[str]:
    # Typer vendors its own copy of click, so match click's exception classes by name, not identity.
    return {c.__name__ for c in type(error).__mro__}


def is_usage_error(error: BaseException) -> bool:
    return "UsageError" in _class_names(error)


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "option":
        return "/".join(param.opts)
    return str(param.metavar or param.name or "").strip()


def _type_wanted(param: Any) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is int:
        if low is not None and high is not None:
            return f"{low} 到 {high} 之间的整数"
        if low is not None:
            return f"不小于{low}的整数"
        return f"不大于{high}的整数" if high is not None else "整数"
    if annotation is float:
        return "数字"
    return "合适的值"


def chinese(error: Any) -> str:
    """A click usage error as one Chinese sentence (built from its parts, not its English text)."""
    kinds = _class_names(error)
    param = getattr(error, "param", None)
    if "MissingParameter" in kinds:
        name = _param_name(param)
        return f"缺少参数「{name}」。用法见 --help" if name else "缺少参数。用法见 --help"
    if "NoSuchOption" in kinds:
        ctx = getattr(error, "ctx", None)
        known = [o for p in getattr(getattr(ctx, "command", None), "params", []) for o in p.opts]
        guess = closest(error.option_name, known, cutoff=0.6)
        hint = f"，是否想写 {guess}？" if guess else "。可用选项见 --help"
        return f"没有选项「{error.option_name}」{hint}"
    if "BadOptionUsage" in kinds:
        return f"选项「{error.option_name}」的写法不对。用法见 --help"
    if "BadParameter" in kinds:
        wanted = _type_wanted(param)
        space = " " if wanted[:1].isdigit() else ""  # 应为 1949 到 2100 之间的整数；应为不小于1的整数
        return f"参数「{_param_name(param)}」的取值不对：应为{space}{wanted}。用法见 --help"
    return "命令用法有误。用法见 --help"
