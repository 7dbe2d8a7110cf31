"""`generate` reads a plain command line itself (generator.argv) and leaves the rest to click: the two
must agree on every line the fast reading accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main

from generator import cli
from generator.argv import simple_call
from tests.conftest import MINIMAL, ROOT

COMMAND = typer.main.get_command(cli.generate_app)

PLAIN = [
    ["县.yaml"],
    ["县.yaml", "-o", "草稿.docx"],
    ["-o", "草稿.docx", "县.yaml", "--strict"],
    ["县.yaml", "--output", "out/草稿.docx", "--review", "--trace", "--pdf", "--覆盖"],
    ["县.yaml", "--上年", "上年.yaml", "--templates", "我的模板"],
    ["--prev", "上年.yaml", "县.yaml"],
]

FOR_CLICK = [
    [],  # missing argument: click's message
    ["--help"],
    ["-h"],
    ["县.yaml", "另一个.yaml"],  # extra argument
    ["县.yaml", "--stric"],  # unknown option (click suggests --strict)
    ["县.yaml", "-o"],  # option without its value
    ["县.yaml", "-o", "--strict"],  # a value that looks like an option
    ["县.yaml", "--output=草稿.docx"],
    ["县.yaml", "-o草稿.docx"],
    ["县.yaml", "--strict", "--strict"],
    ["县.yaml", "-o", "a.docx", "--output", "b.docx"],  # click takes the last; we let click say so
    ["县.yaml", "--", "-x.yaml"],
    ["-"],
    [""],
]


def click_reads(args: list[str]) -> dict[str, object]:
    """What click (through typer) hands the command for ``args``: only the values the line gave."""
    ctx = COMMAND.make_context("generate", list(args))
    defaults = {p.name: p.get_default(ctx) for p in COMMAND.params}
    return {name: value for name, value in ctx.params.items() if value != defaults[name]}


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_plain_lines_read_as_click_reads_them(args: list[str]) -> None:
    given = simple_call(COMMAND, args)
    assert given is not None
    assert given == click_reads(args)
    assert all(isinstance(v, Path) for k, v in given.items() if not isinstance(v, bool))


@pytest.mark.parametrize("args", FOR_CLICK, ids=repr)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert simple_call(COMMAND, args) is None


def test_the_fast_reading_drafts_and_the_click_reading_too(run_cli, county, tmp_path: Path) -> None:
    data = county()
    fast = run_cli(data, "-o", tmp_path / "快.docx")
    slow = run_cli("generate", data, "-o", tmp_path / "慢.docx", maintainer=True)
    assert fast.code == slow.code == 0
    assert fast.out.replace("快", "慢") == slow.out
    assert (tmp_path / "快.docx").is_file() and (tmp_path / "慢.docx").is_file()


def test_a_bad_line_still_gets_clicks_chinese_message(run_cli, county) -> None:
    result = run_cli(county(), "--stric")
    assert result.code == 2
    assert "--strict" in result.err and "Usage" not in result.err


def test_ctrl_c_ends_both_readings_alike(run_cli, county, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import pipeline

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    data = county()
    fast, slow = run_cli(data), run_cli("generate", data, maintainer=True)
    assert fast.code == slow.code == 130
    assert "程序内部错误" not in fast.err + slow.err


def test_a_closed_output_pipe_is_no_internal_error(tmp_path: Path) -> None:
    code = "import sys; from generator.cli import generate_main; sys.argv[0] = 'generate'; generate_main()"
    command = [sys.executable, "-c", code, str(MINIMAL), "-o", str(tmp_path / "d.docx")]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader goes away before the run summary is printed
        err = process.stderr.read().decode()
        assert process.wait(timeout=120) == 1
    assert "程序内部错误" not in err and "Traceback" not in err


def test_other_parameters_and_windows_go_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    counted = typer.Typer()

    @counted.command()
    def run(data: Path, jobs: int = typer.Option(1, "-j")) -> None:  # an option that is no path
        """A command like `batch`."""

    assert simple_call(typer.main.get_command(counted), ["x.yaml", "-j", "2"]) is None
    assert simple_call(COMMAND, ["县.yaml"]) is not None
    monkeypatch.setattr("generator.argv.os.name", "nt")  # click expands ~ and wildcards there
    assert simple_call(COMMAND, ["县.yaml"]) is None


def test_the_collector_is_back_after_a_draft(run_cli, county, tmp_path: Path) -> None:
    """`generate` drafts with the garbage collector off; a caller running it in-process gets it back."""
    import gc

    assert run_cli(county(), "-o", tmp_path / "d.docx").code == 0
    assert gc.isenabled()
    assert run_cli("--stric", county(), maintainer=False).code == 2
    assert gc.isenabled()
