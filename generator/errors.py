"""The few exception classes the core raises; the CLI turns them into Chinese messages and exit codes.

A :class:`UserError` is the user's to fix (exit 2): the county file, a template, a template folder's
config files, an output path. Anything else that escapes is our bug (exit 1, 「程序内部错误」).
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator


class GeneratorError(Exception):
    """Root of every error the generator raises on purpose."""


MAX_SHOWN = 50  # problems listed; past that, a count (a broken file can have thousands)


class UserError(GeneratorError):
    """An error whose message is written for the user: one line per problem, in Chinese."""

    exit_code = 2

    def __init__(self, problems: list[str] | str) -> None:
        problems = [problems] if isinstance(problems, str) else list(problems)
        if len(problems) > MAX_SHOWN:
            hidden = len(problems) - MAX_SHOWN
            problems = [
                *problems[:MAX_SHOWN],
                f"……另有 {hidden} 处问题未列出（共 {len(problems)} 处），请先改正以上各处",
            ]
        self.problems = problems
        super().__init__("\n".join(self.problems))


class InputError(UserError):
    """The county's YAML (or another input file) cannot be read or does not fit the schema."""


class ConfigError(UserError):
    """A template folder's config file (样式.yaml, skeleton.yaml, 无模板.yaml) is broken."""


class TemplateError(UserError):
    """A template is broken: syntax, an undefined name, or unsafe behaviour."""


class OutputError(UserError):
    """The draft cannot be written where asked."""


class MissingDataError(UserError):
    """``--strict`` was given and the draft still has 【待补充】 items."""


class TemplateUsageError(GeneratorError, ValueError):
    """A template called a filter or helper with arguments it cannot use (raised inside our helpers on
    purpose, so the renderer blames the calling template line rather than our code)."""


@contextlib.contextmanager
def reading(shown: str, wanted: str) -> Iterator[None]:
    """Reading the input file ``shown``: a file missing, a folder given, or a failing disk becomes an
    :class:`InputError` that says what to do (``wanted`` names the file wanted, as 「YAML 文件」)."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{shown}: 找不到这个文件，请检查文件名和所在文件夹") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: 这是一个文件夹，请给出文件的路径（{wanted}）") from None
    except PermissionError:
        raise InputError(f"{shown}: 没有读取这个文件的权限，请检查文件属性，或关掉正在使用它的程序") from None
    except OSError as e:
        raise InputError(f"{shown}: 无法读取文件（{os_reason(e)}）") from None


_REASONS = {
    errno.ENOSPC: "磁盘空间已满，请腾出空间后再试",
    errno.EDQUOT: "超出了磁盘配额，请腾出空间后再试",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.ENOTDIR: "路径中的某一段不是文件夹，而是文件",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "磁盘读写出错",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENFILE: "同时打开的文件太多",
    errno.ELOOP: "链接层层相套（可能指向自身）",
    errno.EINVAL: "文件名或路径中有不允许的字符",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EFBIG: "文件太大",
}


def os_reason(error: OSError) -> str:
    """What the operating system said, in Chinese (its own words are English: 「No space left on device」)."""
    reason = _REASONS.get(error.errno or 0)
    if reason is not None:
        return reason
    code = errno.errorcode.get(error.errno or 0)
    return f"操作系统报错 {code}" if code else f"操作系统报错（{type(error).__name__}）"
