"""One structural golden test of the whole pipeline: style and text of every paragraph of the 天门 draft.

After an intended change of wording or layout, refresh it with:  UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator import pipeline
from tests.conftest import TIANMEN, paragraphs

GOLDEN = Path(__file__).parent / "golden" / "天门市2024.json"


def test_tianmen_draft_matches_golden(tmp_path: Path) -> None:
    out = tmp_path / "tianmen.docx"
    pipeline.build(TIANMEN, out=out)
    actual = [list(p) for p in paragraphs(out)]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert actual == expected
