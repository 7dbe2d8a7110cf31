"""The font table (word/fontTable.xml): every font the draft names, described so that Word and WPS can stand
in for one the machine lacks (ISO/IEC 29500-1 §17.8.3).

A stock Windows or WPS install has 仿宋, 楷体 and 宋体 but not 仿宋_GB2312, 楷体_GB2312 or 方正小标宋简体, the
fonts a 公文 asks for. When a named font is missing, Word tries the entry's ``w:altName``, then matches on
``w:panose1``, ``w:charset`` (86: GB2312), ``w:family`` and ``w:pitch``; without an entry it guesses from its
own defaults, and the body may come out in 宋体 or a Latin face.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from copy import deepcopy
from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

GB2312 = "86"
ANSI = "00"
# The attributes that name a font in w:rFonts (the *Theme ones point at the theme, which the styles drop).
_FONT_SLOTS = tuple(qn(f"w:{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs"))


@dataclass(frozen=True)
class Face:
    """What Word writes in the font table for a font it has (panose, charset, family, pitch)."""

    panose: str | None
    family: str  # ST_FontFamily: auto, roman, swiss, modern, script, decorative
    pitch: str  # ST_Pitch: default, fixed, variable
    charset: str = GB2312


# As Word writes them for the Windows fonts (SimSun, SimHei, FangSong, KaiTi) and the GB2312 fonts of the
# same foundry. Their panose proportion digit (the fourth byte, 09) says monospaced, hence pitch fixed, as
# Word writes for 黑体 and 楷体. 方正小标宋简体 has no published panose: it is left out rather than made up.
_SONG = Face("02010600030101010101", "auto", "variable")
_HEI = Face("02010609060101010101", "modern", "fixed")
_FANGSONG = Face("02010609060101010101", "modern", "fixed")
_KAI = Face("02010609060101010101", "modern", "fixed")
_GB2312_FACE = Face("02010609030101010101", "modern", "fixed")
KNOWN: dict[str, Face] = {
    "宋体": _SONG,
    "SimSun": _SONG,
    "黑体": _HEI,
    "SimHei": _HEI,
    "仿宋": _FANGSONG,
    "FangSong": _FANGSONG,
    "楷体": _KAI,
    "KaiTi": _KAI,
    "仿宋_GB2312": _GB2312_FACE,
    "FangSong_GB2312": _GB2312_FACE,
    "楷体_GB2312": _GB2312_FACE,
    "KaiTi_GB2312": _GB2312_FACE,
    "Times New Roman": Face("02020603050405020304", "roman", "variable", ANSI),
}
# A Chinese font we know nothing more of: GB2312, and the schema's "no information" family and pitch.
_UNKNOWN_CJK = Face(None, "auto", "default")


def declare(doc: DocumentObject, east_asian: Iterable[str], alternates: Mapping[str, str | None]) -> None:
    """Rewrite the font table of ``doc``: the fonts of ``east_asian`` (the Chinese fonts of the profile)
    first, then every other font its parts name; fonts nothing names (the template's theme fonts) go.
    ``alternates`` gives the ``w:altName`` of a font."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    kept = {font.get(qn("w:name")): font for font in table.findall(qn("w:font"))}
    chinese = list(dict.fromkeys(east_asian))
    for font in list(table):
        table.remove(font)
    table.text = None  # the template's indentation: pretty-printed afresh below
    for name in dict.fromkeys([*chinese, *named_fonts(doc)]):
        if name in chinese or name in KNOWN or name not in kept:
            face = KNOWN.get(name, _UNKNOWN_CJK if name in chinese else None)
            if face is not None and name in chinese and face.charset != GB2312:
                face = Face(face.panose, face.family, face.pitch, GB2312)  # set in the Chinese slot
            table.append(entry(name, face, alternates.get(name)))
        else:
            table.append(deepcopy(kept[name]))  # Symbol, Courier: as the template declares them
    part._blob = etree.tostring(
        table, xml_declaration=True, encoding="UTF-8", standalone=True, pretty_print=True
    )


def named_fonts(doc: DocumentObject) -> list[str]:
    """The fonts that the XML parts of ``doc`` (styles, numbering, footers, body) name, in order of first
    mention."""
    names: dict[str, None] = {}
    for part in doc.part.package.iter_parts():
        element = getattr(part, "element", None)  # XML parts python-docx parsed; the rest are bytes
        if element is None:
            continue
        for rfonts in element.iter(qn("w:rFonts")):
            for slot in _FONT_SLOTS:
                name = rfonts.get(slot)
                if name:
                    names.setdefault(name, None)
    return list(names)


def entry(name: str, face: Face | None, alternate: str | None) -> etree._Element:
    """A ``w:font`` element, its children in schema order (altName, panose1, charset, family, pitch)."""
    font = parse_xml(f'<w:font xmlns:w="{_W}"/>')
    font.set(qn("w:name"), name)
    children: list[tuple[str, str | None]] = [("w:altName", alternate if alternate != name else None)]
    if face is not None:
        children += [
            ("w:panose1", face.panose),
            ("w:charset", face.charset),
            ("w:family", face.family),
            ("w:pitch", face.pitch),
        ]
    for tag, value in children:
        if value:
            child = etree.SubElement(font, qn(tag))
            child.set(qn("w:val"), value)
    return font


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
