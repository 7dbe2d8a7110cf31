"""The template deadline: counted in CPU time of the rendering thread, checked by the template's own loops
and calls, ended with its render. A busy machine never strikes a good render; a runaway one is stopped
with its template's file and line; nothing is raised outside a render (issue 20)."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.draft import sandbox
from generator.draft.render import make_env, render
from generator.errors import TemplateError
from tests.conftest import TIANMEN, docx_texts

RUNAWAY = "{% for i in [0]*100000 %}{% for j in [0]*100000 %}{% endfor %}{% endfor %}\n"


def _spin(seconds: float) -> None:
    """Spend ``seconds`` of this thread's CPU time, going through the deadline's check all along."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        for _ in range(sandbox._TICKS):
            sandbox.tick()


@pytest.fixture
def busy_siblings() -> Iterator[None]:
    """One process per core burning CPU: the machine is loaded while the test runs."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def test_time_off_the_cpu_does_not_count() -> None:
    # Descheduled for longer than the deadline (as on a loaded machine), then a little work: not stopped.
    with sandbox.deadline(0.05):
        time.sleep(0.3)
        for _ in sandbox.DraftSandbox.paced(range(20 * sandbox._TICKS)):
            pass


def test_cpu_time_past_the_deadline_stops_the_block_and_nothing_after_it() -> None:
    with pytest.raises(sandbox.RenderTimeout, match="处理器时间"), sandbox.deadline(0.05):
        _spin(5)
    _spin(0.1)  # the deadline ended with its block, though it fired
    with sandbox.deadline(0.05):
        pass
    _spin(0.1)  # and ended with a block left normally


@pytest.mark.usefixtures("busy_siblings")
def test_the_tianmen_draft_renders_while_sibling_processes_load_the_machine(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "天门.docx"
    result = run_cli(TIANMEN, "-o", out)
    assert result.code == 0, result.err
    assert "天门市民政局" in "\n".join(docx_texts(out))


def test_a_runaway_loop_is_stopped_with_its_template_line(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("第一行\n" + RUNAWAY, encoding="utf-8")
    with pytest.raises(TemplateError, match=r"t\.j2:2: 模板被安全限制阻止: 模板运行超过 1 秒（处理器时间）"):
        render(make_env([tmp_path]), "t.j2", {})


def test_a_macro_calling_itself_twice_over_is_stopped(tmp_path: Path) -> None:
    template = "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}\n"
    (tmp_path / "t.j2").write_text(template, encoding="utf-8")
    with pytest.raises(TemplateError, match="模板运行超过 1 秒（处理器时间）"):
        render(make_env([tmp_path]), "t.j2", {})


def test_a_runaway_render_in_another_thread_is_stopped(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text(RUNAWAY, encoding="utf-8")
    env = make_env([tmp_path])
    errors: list[BaseException] = []

    def draft() -> None:
        try:
            render(env, "t.j2", {})
        except TemplateError as e:
            errors.append(e)

    worker = threading.Thread(target=draft)
    worker.start()
    worker.join()
    assert len(errors) == 1 and "处理器时间" in str(errors[0])


def test_the_deadline_never_fires_inside_a_garbage_collector_callback(tmp_path: Path) -> None:
    """Collections run often during the runaway render, each with a callback that works a while: the
    deadline stops the render itself, never the callback (where it would be swallowed)."""
    (tmp_path / "t.j2").write_text(
        "{% for i in [0]*100000 %}{% for j in [0]*100000 %}{% set x = [j] %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    env = make_env([tmp_path])
    seen: list[BaseException] = []
    calls = 0

    def callback(_phase: str, _info: dict[str, Any]) -> None:
        nonlocal calls
        calls += 1
        try:
            sum(range(2000))
        except BaseException as e:  # what a signal-based deadline would raise here
            seen.append(e)
            raise

    unraisable: list[Any] = []
    old_hook, old_threshold = sys.unraisablehook, gc.get_threshold()
    sys.unraisablehook = unraisable.append
    gc.callbacks.append(callback)
    gc.set_threshold(50)
    enabled = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(TemplateError, match="处理器时间"):
            render(env, "t.j2", {})
        _spin(0.1)  # after the render: a collection's callback is never stopped either
        gc.collect()
    finally:
        gc.callbacks.remove(callback)
        gc.set_threshold(*old_threshold)
        sys.unraisablehook = old_hook
        if not enabled:
            gc.disable()
    assert calls > 0, "collections ran during the render"
    assert not seen and not unraisable
