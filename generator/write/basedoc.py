"""The styled base document of a profile (page, styles, footers, settings), made once and copied by every
draft; and a draft as its parts (:class:`Docx`), to be fingerprinted and written in one pass.

Made once per process, and kept in the user's cache folder between runs (keyed by the profile and by the
code that makes it), so that a clerk's single `generate` does not build and compress 800 KB of styles.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterable
from copy import deepcopy
from pathlib import Path
from typing import IO, Any

import docx
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.coreprops import CT_CoreProperties
from docx.oxml.document import CT_Document
from docx.oxml.section import CT_SectPr
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph

from generator import cache
from generator.write import package
from generator.write.package import Member

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
_ABOUT = "minzheng/base.json"  # in the cached copy only: style ids by name, the default style, digests


class _Collector:
    """Takes the parts python-docx would zip (its PackageWriter writes through ``write``)."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes | Member] = {}

    def write(self, name: PackURI, blob: bytes) -> None:
        self.parts[name.membername] = blob


class Docx:
    """A built draft: its parts in zip order, to be fingerprinted and written once."""

    def __init__(self, parts: dict[str, bytes | Member], core: CT_CoreProperties) -> None:
        self.parts = parts
        self.core = core

    @classmethod
    def of(cls, doc: DocumentObject) -> Docx:
        """The parts of a python-docx document, as its ``save`` would write them."""
        pkg = doc.part.package
        parts = pkg.parts
        for part in parts:
            part.before_marshal()
        collector: Any = _Collector()  # stands in for the zip writer python-docx would use
        PackageWriter._write_content_types_stream(collector, parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(collector, pkg.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(collector, parts)
        return cls(collector.parts, doc.core_properties._element)

    @property
    def document_xml(self) -> bytes:
        """word/document.xml: the body, where the text is."""
        return _data(self.parts[DOCUMENT])

    def set_identifier(self, identifier: str) -> None:
        """Record ``identifier`` in the core properties (dc:identifier)."""
        CoreProperties(self.core).identifier = identifier

    def part_digests(self) -> list[tuple[str, bytes]]:
        """The sha256 of each part (name, digest): what the fingerprint is made of."""
        self.parts[CORE] = serialize_part_xml(self.core)
        return [
            (name, part.sha256 if isinstance(part, Member) else hashlib.sha256(part).digest())
            for name, part in self.parts.items()
        ]

    def members(self) -> Iterable[Member]:
        self.parts[CORE] = serialize_part_xml(self.core)
        for name, part in self.parts.items():
            yield part if isinstance(part, Member) else package.member(name, part)

    def save(self, out: IO[bytes]) -> None:
        """Write the .docx to ``out``."""
        package.write_zip(out, self.members())


def _data(part: bytes | Member) -> bytes:
    return package.inflate(part) if isinstance(part, Member) else part


class _Body:
    """The parent of a draft's paragraphs. python-docx asks a parent for its part only to look up styles
    and the like; then the base is opened as a whole document."""

    def __init__(self, base: BaseDocument) -> None:
        self._base = base

    @property
    def part(self) -> Any:
        return self._base.document_object().part


class BaseDocument:
    """The styled, empty document: each draft copies its body and shares every other part."""

    def __init__(self, parts: dict[str, Member], style_ids: dict[str, str], default_style: str) -> None:
        self.parts = parts  # a draft replaces the body and the core properties
        for member in parts.values():
            package.remember(member)
        self.document: CT_Document = parse_xml(_data(parts[DOCUMENT]))
        self.core: CT_CoreProperties = parse_xml(_data(parts[CORE]))
        self.style_ids = style_ids
        self.default_style = default_style
        self.paragraphs: dict[str, CT_P] = {}  # an empty paragraph of each style used so far
        self.body = _Body(self)
        self._doc: DocumentObject | None = None

    @classmethod
    def of(cls, doc: DocumentObject) -> BaseDocument:
        parts = {name: package.member(name, _data(p)) for name, p in Docx.of(doc).parts.items()}
        styles = {s.name: s.style_id for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        base = cls(parts, styles, doc.styles.default(WD_STYLE_TYPE.PARAGRAPH).name)
        base._doc = doc
        return base

    def document_object(self) -> DocumentObject:
        """The base as a python-docx document (opened on first need)."""
        if self._doc is None:
            buffer = io.BytesIO()
            package.write_zip(buffer, self.parts.values())
            self._doc = Document(buffer)
        return self._doc

    def new_document(self) -> tuple[CT_Document, CT_SectPr]:
        """A copy of the empty document element, and its section properties (paragraphs go before them)."""
        document = deepcopy(self.document)
        section = document.body.sectPr
        assert section is not None  # the base has one: _page_setup set it up
        return document, section

    def add_paragraph(self, section: CT_SectPr, style: str) -> Paragraph:
        """An empty paragraph of ``style`` inserted before ``section``.

        python-docx would search the body for ``section`` on each insert, and every style for the name.
        """
        if style not in self.paragraphs:
            p = OxmlElement("w:p")
            p.style = None if style == self.default_style else self.style_ids[style]
            self.paragraphs[style] = p
        p = deepcopy(self.paragraphs[style])
        section.addprevious(p)
        return Paragraph(p, self.body)

    def draft(self, document: CT_Document) -> Docx:
        """The parts of a draft whose body is ``document`` (its core properties still the base's)."""
        core = deepcopy(self.core)
        parts: dict[str, bytes | Member] = {**self.parts, DOCUMENT: serialize_part_xml(document)}
        return Docx(parts, core)

    def dump(self) -> bytes:
        """The base as a zip (a .docx with one more member), for the cache."""
        about = {
            "ids": self.style_ids,
            "default": self.default_style,
            "sha256": {name: m.sha256.hex() for name, m in self.parts.items()},
        }
        buffer = io.BytesIO()
        text = json.dumps(about, ensure_ascii=False).encode()
        package.write_zip(buffer, [*self.parts.values(), package.member(_ABOUT, text)])
        return buffer.getvalue()

    @classmethod
    def load(cls, data: bytes) -> BaseDocument:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            about = json.loads(z.read(_ABOUT))
        digests = {name: bytes.fromhex(h) for name, h in about["sha256"].items()}
        digests[_ABOUT] = b""
        members = package.read_zip(data, digests)
        del members[_ABOUT]
        return cls(members, about["ids"], about["default"])


_CODE = (Path(__file__), Path(package.__file__))
_bases: dict[str, BaseDocument] = {}


def get(profile: str, code: Iterable[Path], make: Callable[[], DocumentObject]) -> BaseDocument:
    """The base document of ``profile`` (its JSON), made by ``make``, whose source files are ``code``."""
    if profile in _bases:
        return _bases[profile]
    key = cache.digest(profile, str(getattr(docx, "__version__", "")), *_CODE, *code)
    folder = cache.folder("base")
    path = folder / f"{key}.docx" if folder else None
    base = None
    if path is not None:
        try:
            data = cache.load(path)  # None unless the bytes are the ones stored
            base = BaseDocument.load(data) if data is not None else None
        except (OSError, ValueError, KeyError, zlib.error, zipfile.BadZipFile, SyntaxError):  # not ours
            base = None
    if base is None:
        base = BaseDocument.of(make())
        if path is not None:
            cache.store(path, base.dump())
    _bases[profile] = base
    return base
