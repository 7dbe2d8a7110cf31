"""Read a YAML file into plain data while keeping each value's line and column for error messages.

Numbers are read as ``Decimal`` from their source text so that 485.14 stays exactly 485.14. Whatever a
clerk may paste or a stranger may send is either read or refused with a located Chinese message: text
pasted from Word, control and private-use characters, YAML 1.1 number forms nobody means (1:30, 0x1F),
absurd magnitudes, deep nesting and oversized files.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.data import inputfile
from generator.errors import MAX_SHOWN, InputError, reading

_YAML_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现「键: 值」。请检查缩进；若文字里含英文冒号「:」，请给整段文字加引号",
    "could not find expected ':'": "缺少冒号「:」（应写成「键: 值」，冒号后留一个空格）",
    "found character '\\t' that cannot start any token": "不能用 Tab 键缩进，请改用空格",
    "found unexpected end of stream": "引号没有闭合，请补上另一半引号",
    "did not find expected key": "缩进不一致：同一层的键应当左侧对齐",
    "did not find expected '-' indicator": "缩进不一致：列表各项的「- 」应当左侧对齐",
    "found undefined alias": "引用了未定义的锚点（*…）",
    "expected '<document start>'": "缩进不一致或多写了内容",
    "expected <document start>": "缩进不一致或多写了内容",
    "expected <block end>, but found": "缩进不一致：同一层的键应当左侧对齐（用相同个数的空格缩进）",
    "expected ',' or '}'": "花括号 {…} 内的写法有误，或缺少「}」",
    "expected ',' or ']'": "方括号 […] 内的写法有误，或缺少「]」",
    "found unhashable key": "键的写法有误",
    "found unacceptable character": "含有不可见的控制字符，请删除",
}

MAX_BYTES = 1024 * 1024  # a real county file is 1-40 KB
MAX_DEPTH = 32  # the schema nests 7 levels deep
MAX_MAGNITUDE = 15  # no figure of a county reaches 10^16 in any unit
# Values added by aliases (*名称) beyond those written: a clerk's file has none or a few dozen.
MAX_ALIASED = 10_000
MAX_EXPANDED = 1_000_000  # values of a whole file with aliases expanded (a 1 MB file has at most ~500,000)
_ANCHOR = re.compile(r"&[^\s,\[\]{}]+")
# Word's soft line break (Shift+Enter) and page break paste as VT and FF; Unicode has two more separators.
_SOFT_BREAKS = re.compile("[\v\f\u2028\u2029]")
# Invisible formatting that Word and web pages carry along: dropped, with a note.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Anything else unprintable, bidi overrides (they make text read other than it is) and private use.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff\ufffe\uffff\U000f0000-\U0010ffff]"
)
# A key written with a full-width colon: 城市低保标准：720
_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:- )?)([^\s:：\"'#{}\[\],]{1,30})：")
_BRACE_START = re.compile(
    r"(?:^\s*(?:- )?[^:#\s][^:#]*:\s+|^\s*- )\{[^{}]*\}[^\s,}\]]"
)  # linear: the indent and the key never share a space
_BRACE_FULL_COMMA = re.compile(r"\{[^{}]*，[^{}]*\}")


def _cjk(char: str) -> bool:
    """Chinese text or full-width punctuation (a character class of these takes milliseconds to compile)."""
    return bool(char) and ("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef")


class _Refused(Exception):
    """A value YAML could read but a clerk never means (raised while constructing, with its place)."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


@dataclass(frozen=True)
class Source:
    """A parsed YAML document with its node tree (for line numbers)."""

    path: Path
    data: Any
    root: Node
    text: str
    notes: list[str] = field(default_factory=list)
    _index: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def _pair(self, node: MappingNode, key: str) -> tuple[Node, Node] | None:
        # Indexed once per mapping: thousands of errors in one mapping must not cost quadratic time.
        index = self._index.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                index.setdefault(_key_text(k), (k, v))
            self._index[id(node)] = index
        return index.get(key)

    def locate(self, loc: tuple[str | int, ...], *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``; with ``at_key`` the key itself.

        Walks as deep as the document goes, so a missing key is reported at its parent.
        """
        node = self.root
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, MappingNode):
                match = self._pair(node, str(part))
                if match is None:
                    break
                node = match[0] if (last and at_key) else match[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
        return node.start_mark.line + 1, node.start_mark.column + 1


def _key_text(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else ""


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads numbers as Decimal and refuses duplicate keys."""


def _construct_number(loader: _Loader, node: ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")  # `!!int [1]`: a located YAML error
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _Refused(_odd_number(node.value), node.start_mark) from None
    if not value.is_finite():
        raise _Refused(f"「{node.value}」不是一个数", node.start_mark)
    if value and not -MAX_MAGNITUDE <= value.adjusted() <= MAX_MAGNITUDE:
        raise _Refused(f"数字「{node.value}」大得（或小得）不合常理，请写实际的统计数", node.start_mark)
    return abs(value) if value == 0 else value  # -0 is 0


def _odd_number(text: str) -> str:
    """What to say about a YAML 1.1 number form (read by YAML as a number nobody meant)."""
    plain = text.lstrip("+-")
    if ":" in text:
        return f'「{text}」会被读成六十进制数；若是时刻或比例，请加引号写成 "{text}"'
    if plain[:2].lower() in ("0x", "0o", "0b"):
        return f"「{text}」是十六进制（或八进制、二进制）写法，请直接写十进制数"
    return f"「{text}」不是可用的数字写法，请直接写阿拉伯数字"


def _construct_mapping(loader: _Loader, node: Node) -> dict[Any, Any]:
    if not isinstance(node, MappingNode):  # `!!map 文字`: the tag written by hand on a scalar or a list
        raise _Refused("「!!map」只能用于「键: 值」的写法，请删去「!!map」", node.start_mark)
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):  # `? {a: 1}`: a mapping or a list where a key goes
            raise _Refused(
                f"「{_flow(loader.construct_object(key_node, deep=True))}」不能用作键；"
                "键应当是一个名称，如「城市低保人数: 720」",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _flow(value: Any) -> str:
    """``value`` (read from YAML) written back in YAML's one-line form, as the user would have typed it."""

    def plain(v: Any) -> Any:
        if isinstance(v, dict):
            return {str(plain(k)): plain(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        if isinstance(v, Decimal):
            return int(v) if v == v.to_integral_value() else float(v)
        return v

    text = yaml.safe_dump(plain(value), allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _construct_timestamp(loader: _Loader, node: ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    # ValueError: an impossible date such as 2024-13-25; AttributeError: text that is no date at all given
    # the tag by hand (!!timestamp 20241220). Kept as text: the schema reports it with its place.
    except (ValueError, AttributeError):
        return node.value


def _construct_bool(loader: _Loader, node: ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))  # a list or mapping tagged !!bool: a located YAML error
    # `!!bool 也许`: kept as text, for the schema to report with its place
    return loader.bool_values.get(text.lower(), text)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


# libyaml's parser, when PyYAML was built with it: ten times faster, with the same line and column marks.
# It only reads well-formed files: a file it refuses is parsed again by _Loader, whose messages we translate.
_CParser: type[yaml.CSafeLoader] | None = None
if hasattr(yaml, "CSafeLoader"):

    class _LibYAML(yaml.CSafeLoader):
        """libyaml's parser with _Loader's constructors."""

    _LibYAML.yaml_constructors = _Loader.yaml_constructors  # shared: a constructor added later counts too
    _CParser = _LibYAML


def _parse(loader: yaml.SafeLoader | yaml.CSafeLoader, text: str) -> tuple[Node | None, Any]:
    """The node tree (for line numbers) and the data of the loader's document."""
    root = loader.get_single_node()
    if root is not None:
        shape = _shape(root, text)
        if shape.depth > MAX_DEPTH:
            raise _Refused(
                f"层次嵌套过深（{shape.depth} 层，最多 {MAX_DEPTH} 层），请检查缩进", shape.deepest.start_mark
            )
    return root, loader.construct_document(root) if root is not None else None


def _parse_fast(text: str) -> tuple[Node | None, Any] | None:
    """:func:`_parse` through libyaml; None when libyaml is missing or finds a syntax problem."""
    if _CParser is None:
        return None
    loader = _CParser(text)
    try:
        return _parse(loader, text)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _translate(problem: str) -> str:
    if problem.startswith("duplicate key "):
        return f"键「{problem.removeprefix('duplicate key ')}」重复出现，请合并为一处"
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem:
            return chinese
    return "YAML 格式有误：请检查这一行和上一行的缩进、冒号和引号"


_BRACE_START_PROBLEM = '以「{」开头的文字会被当成花括号写法；请给整段文字加引号，如：内容: "{名称}……"'


def _brace_starts(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) of every value that starts with a {名称} reference: YAML stops at the first, the
    clerk should learn of all of them at once."""
    return [(i, row.index("{") + 1) for i, row in enumerate(lines, 1) if _BRACE_START.search(row)]


def _slip(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """The commonest slips behind a YAML error at 1-based ``line``: (line, column, message), or None."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if _BRACE_FULL_COMMA.search(here):
        return (
            line,
            here.index("，") + 1,
            "花括号里要用半角逗号「,」分隔，如 {本年: 2188, 上年: 2050}；这里用了全角逗号「，」",
        )
    if _BRACE_START.search(here):
        return line, here.index("{") + 1, _BRACE_START_PROBLEM
    for number in range(line, max(line - 4, 0), -1):  # YAML notices a full-width colon a line or two late
        m = _FULL_WIDTH_KEY.match(lines[number - 1]) if number <= len(lines) else None
        if m:
            key = m.group(2)
            return (
                number,
                len(m.group(1)) + len(key) + 1,
                (f"「{key}」后面用了全角冒号「：」；键和值之间要用半角冒号加一个空格，如「{key}: 720」"),
            )
    first = next((i for i, row in enumerate(lines, 1) if row.strip() and not row.lstrip().startswith("#")), 0)
    if first and first <= line and lines[first - 1][:1].isspace() and line <= first + 1:
        return first, 1, "最外层的键前面不能有空格，请删去这一行行首的空格"
    return None


def full_width_colon_hint(text: str, line: int) -> str:
    """A hint when the value at ``line`` is a string because its key was written with a full-width colon."""
    row = text.split("\n")[line - 1] if line > 0 else ""
    m = _FULL_WIDTH_KEY.match(row)
    return f"（「{m.group(2)}」后面用了全角冒号「：」，应为半角冒号加空格「: 」）" if m else ""


def _clean(text: str, shown: str) -> tuple[str, list[str]]:
    """Text pasted from Word made readable: soft breaks joined, invisible formatting dropped (noted)."""
    notes = []
    if _SOFT_BREAKS.search(text):
        at = _LineIndex(text)
        lines = sorted({at.line(m.start()) for m in _SOFT_BREAKS.finditer(text)})
        notes.append(
            f"{shown}: 第 {_line_list(lines)} 行有从 Word 粘贴来的软回车，已按换行处理，接在前文之后"
        )

        def join(m: re.Match[str]) -> str:
            before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
            return "" if _cjk(before) or _cjk(after) else " "

        text = _SOFT_BREAKS.sub(join, text)
    if _INVISIBLE.search(text):
        at = _LineIndex(text)
        lines = sorted({at.line(m.start()) for m in _INVISIBLE.finditer(text)})
        notes.append(f"{shown}: 第 {_line_list(lines)} 行有看不见的格式字符（如零宽空格），已删去")
        text = _INVISIBLE.sub("", text)
    return text, notes


class _LineIndex:
    """Where each line of a text starts, so that an offset's line is found by bisection: a flood of
    characters to report (1 MB of soft breaks) costs a pass, not a count from the top per character."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        return bisect.bisect_right(self.starts, offset)


def _line_list(lines: list[int]) -> str:
    return "、".join(map(str, lines[:10])) + ("等" if len(lines) > 10 else "")


def _forbidden(text: str, shown: str) -> list[str]:
    """Located errors for control, bidi and private-use characters, naming the field each is in."""
    found = [(m.start(), m.group()) for m in _FORBIDDEN.finditer(text)]
    if not found:
        return []
    root = None
    with contextlib.suppress(yaml.YAMLError, _Refused, RecursionError):
        root = _compose(_FORBIDDEN.sub("?", text))  # a neutralised copy, to name the fields
    problems = []
    at = _LineIndex(text)
    for offset, char in found[:MAX_SHOWN]:
        line = at.line(offset)
        column = offset - at.starts[line - 1] + 1
        where = _field_at(root, line - 1, column - 1) if root is not None else ""
        problems.append(
            f"{shown}:{line}:{column}: {where + ': ' if where else ''}"
            f"含有不可见的控制字符或专用字符 U+{ord(char):04X}，请删除（常见于从网页或其他软件复制的文字）"
        )
    # Past MAX_SHOWN the message only counts them: one shared placeholder each, not a located line.
    return problems + ["（同上）"] * (len(found) - len(problems))


def _field_at(node: Node, line: int, column: int) -> str:
    """The dotted key path of the scalar at 0-based (line, column), as far as it can be found."""
    path: list[str] = []
    seen: set[int] = set()  # an alias inside its own anchor covers its own place: stop there
    while id(node) not in seen:
        seen.add(id(node))
        if isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if _covers(k, line, column) or _covers(v, line, column)]
            if not pairs:
                break
            key, node = pairs[0]
            path.append(_key_text(key))
        elif isinstance(node, SequenceNode):
            items = [(i, v) for i, v in enumerate(node.value) if _covers(v, line, column)]
            if not items:
                break
            index, node = items[0]
            path[-1:] = [f"{path[-1] if path else ''}[第{index + 1}项]"]
        else:
            break
    return ".".join(path)


def _covers(node: Node, line: int, column: int) -> bool:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column) <= (line, column) < (end.line, end.column) or (
        start.line <= line < end.line
    )


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _flow_colons(root: Node) -> list[tuple[int, int, str]]:
    """(line, column, message) of every key in braces typed with a full-width colon: {本年：2188，上年：2050}
    parses as one key with no value, which the schema would only call an unknown key."""
    found = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode) and node.flow_style:
            for key, value in node.value:
                empty = isinstance(value, ScalarNode) and value.tag.endswith(":null") and not value.value
                if isinstance(key, ScalarNode) and "：" in str(key.value) and empty:
                    comma = "，还有全角逗号「，」（应为「, 」）" if "，" in str(key.value) else ""
                    mark = key.start_mark
                    found.append(
                        (
                            mark.line + 1,
                            mark.column + 1 + str(key.value).index("："),
                            (
                                "花括号里键和值之间要用半角冒号加一个空格「: 」，如 {本年: 2188, 上年: 2050}；"
                                f"这里用了全角冒号「：」{comma}"
                            ),
                        )
                    )
        stack.extend(_children(node))
    return sorted(found)


def _refuse_flow_colons(root: Node, shown: str) -> None:
    slips = _flow_colons(root)
    if slips:
        raise InputError([f"{shown}:{line}:{column}: {message}" for line, column, message in slips])


def _anchor(node: Node, text: str) -> str:
    """The anchor written at ``node`` (its start mark stands on the 「&」), as the clerk wrote it."""
    lines = text.split("\n", node.start_mark.line + 1)
    row = lines[node.start_mark.line] if node.start_mark.line < len(lines) else ""
    m = _ANCHOR.match(row, node.start_mark.column)
    return m.group() if m else "&…"


@dataclass(frozen=True)
class _Shape:
    depth: int  # the deepest nesting of values, aliases followed
    deepest: Node  # a node at that depth


def _shape(root: Node, text: str) -> _Shape:
    """Depth of ``root`` with every alias followed, checked for alias loops and alias floods.

    One pass over the distinct nodes (iterative: no recursion limit); a node reached again through an
    alias is measured once. An alias inside its own anchor (``a: &a [*a]``) never ends when read, and a
    few anchors each used ten times (「billion laughs」) expand a 1 KB file to a billion values: both are
    refused at the anchor, before anything is read.
    """
    height: dict[int, tuple[int, Node]] = {}  # id -> (height over values, a leaf at that height)
    size: dict[int, int] = {}  # id -> values once every alias is expanded
    uses: dict[int, int] = {}  # id -> times the node is referred to
    nodes: dict[int, Node] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = _children(node)
        if done:
            on_path.discard(key)
            values = [v for _, v in node.value] if isinstance(node, MappingNode) else kids
            tallest = max((height[id(v)] for v in values), key=lambda h: h[0], default=(0, node))
            height[key] = (tallest[0] + 1, tallest[1] if values else node)
            size[key] = 1 + sum(size[id(kid)] for kid in kids)
            if size[key] > MAX_EXPANDED:
                raise _flood(_most_used(nodes, uses, size), text)
            continue
        if key in height:
            continue
        nodes[key] = node
        on_path.add(key)
        stack.append((node, True))
        for kid in kids:
            uses[id(kid)] = uses.get(id(kid), 0) + 1
            if id(kid) in on_path:
                raise _Refused(_LOOP.format(anchor=_anchor(kid, text)), kid.start_mark)
            if id(kid) not in height:
                stack.append((kid, False))
    depth, deepest = height[id(root)]
    if size[id(root)] - len(nodes) > MAX_ALIASED:
        raise _flood(_most_used(nodes, uses, size), text)
    return _Shape(depth, deepest)


def _most_used(nodes: dict[int, Node], uses: dict[int, int], size: dict[int, int]) -> Node:
    """The anchored node whose copies weigh most (referred to more than once)."""
    shared = [key for key, n in uses.items() if n > 1 and key in size]
    best = max(shared, key=lambda key: (uses[key] - 1) * size[key], default=next(iter(nodes)))
    return nodes[best]


_LOOP = "锚点「{anchor}」的内容里又引用了它自己（*…），展开没有尽头；请直接写出内容，不要用 & 和 * 引用"


def _flood(node: Node, text: str) -> _Refused:
    return _Refused(
        f"锚点「{_anchor(node, text)}」被层层引用（*…），展开后的内容多得不合常理"
        f"（超过 {MAX_ALIASED} 项）；请直接写出内容，不要用 & 和 * 引用",
        node.start_mark,
    )


def _read(path: Path, shown: str) -> str:
    with reading(shown, "YAML 文件"):
        try:
            data = inputfile.read_regular(path, shown, MAX_BYTES)
        except inputfile.TooLarge as e:
            raise InputError(
                f"{shown}: 文件有 {e.size / 1024 / 1024:.1f} MB，超过了 {MAX_BYTES // 1024 // 1024} MB 的上限"
                "（一个县的年报数据通常不到 50 KB），请确认选对了文件"
            ) from None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                f"{shown}: 文件不是 UTF-8 编码，请用记事本或 VS Code 另存为 UTF-8 后再试"
            ) from None


def load(path: Path, *, display: str | None = None) -> Source:
    """Parse ``path``; a syntax problem becomes an :class:`InputError` with file:line:column."""
    shown = display or str(path)
    return from_text(_read(path, shown), path, display=shown)


def from_text(raw: str, path: Path, *, display: str | None = None) -> Source:
    """Parse ``raw``, the text of (or meant for) the file at ``path``: problems name ``path`` and its
    lines. Checking a text before writing it needs no temporary file (nor a folder that takes one)."""
    shown = display or str(path)
    text, notes = _clean(raw, shown)
    problems = _forbidden(text, shown)
    if problems:
        raise InputError(problems)
    lines = text.split("\n")
    loader = None
    try:
        parsed = _parse_fast(text)
        if parsed is None:
            loader = _Loader(text)
            parsed = _parse(loader, text)
        root, data = parsed
    except _Refused as e:
        raise InputError(f"{shown}:{e.mark.line + 1}:{e.mark.column + 1}: {e.message}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        slip = _slip(lines, mark.line + 1) if mark else None
        if slip and slip[2] == _BRACE_START_PROBLEM:
            found = _brace_starts(lines)
            raise InputError(
                [f"{shown}:{n}:{column}: {_BRACE_START_PROBLEM}" for n, column in found]
            ) from None
        if slip:
            raise InputError(f"{shown}:{slip[0]}:{slip[1]}: {slip[2]}") from None
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise InputError(f"{where}: {_translate(str(e.problem or e.context))}") from None
    except yaml.YAMLError as e:
        raise InputError(f"{shown}: {_translate(str(e))}") from None
    except RecursionError:
        raise InputError(f"{shown}: 层次嵌套过深（如层层套叠的括号），请检查文件内容") from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise InputError(f"{shown}: 文件是空的，请参照 inputs/ 中的示例填写")
    if not isinstance(data, dict):
        raise InputError(f"{shown}:1:1: 文件最外层应为「键: 值」的形式（如「地区: 天门市」）")
    _refuse_flow_colons(root, shown)
    return Source(path=path, data=data, root=root, text=text, notes=notes)
