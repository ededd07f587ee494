"""``redline analyze``'s reports: short by default, everything with ``--full``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.config import DEFAULT_MIN_CONFIDENCE, RedlineConfig, parse_threshold
from redline.errors import ConfigError

INTERVIEW = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples" / "interview.txt"


def test_analyze_full_adds_every_layer_to_text_and_markdown(
    runner: CliRunner, tmp_path: Path
) -> None:
    for fmt, findings in (("text", "Findings: actors"), ("md", "## Findings: actors")):
        short = runner.invoke(app, ["analyze", str(INTERVIEW), "-f", fmt])
        full = runner.invoke(app, ["analyze", str(INTERVIEW), "-f", fmt, "--full"])
        assert short.exit_code == 0 and full.exit_code == 0, short.output + full.output
        assert "Summary" in short.stdout and findings not in short.stdout
        assert findings in full.stdout
        assert len(full.stdout.splitlines()) > 2 * len(short.stdout.splitlines())


def test_analyze_full_opens_the_html_sections(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["analyze", str(INTERVIEW), "-f", "html", "-o", str(out), "--full"])
    assert result.exit_code == 0, result.output
    assert '<details class="rl-more" open>' in out.read_text(encoding="utf-8")


def test_analyze_min_confidence_from_the_cli_and_the_config_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    default = runner.invoke(app, ["analyze", str(INTERVIEW), "-f", "md", "--full"])
    assert (
        "_Hidden: techniques: " in default.stdout
        and f"below confidence {DEFAULT_MIN_CONFIDENCE['techniques']:g} hidden" in default.stdout
    )
    strict = runner.invoke(
        app, ["analyze", str(INTERVIEW), "-f", "md", "--full", "--min-confidence", "claims=0.6"]
    )
    assert strict.exit_code == 0, strict.output
    assert "claims: " in strict.stdout and "below confidence 0.6 hidden" in strict.stdout
    assert "techniques: " in strict.stdout  # the CLI adds to the default, it does not replace it
    config = tmp_path / "redline.toml"
    config.write_text("[redline.min_confidence]\ntechniques = 0\n", encoding="utf-8")
    everything = runner.invoke(
        app, ["analyze", str(INTERVIEW), "-f", "md", "--full", "--config", str(config)]
    )
    assert everything.exit_code == 0, everything.output
    assert "_Hidden" not in everything.stdout
    json_report = json.loads(runner.invoke(app, ["analyze", str(INTERVIEW), "-f", "json"]).stdout)
    assert min(s["confidence"] for s in json_report["layers"]["techniques"]) < 0.1


def test_analyze_min_confidence_out_of_range_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", str(INTERVIEW), "--min-confidence", "techniques=1.5"])
    assert result.exit_code == 2
    assert "LAYER=NUMBER" in result.output


def test_analyze_min_confidence_config_is_checked_and_merged() -> None:
    config = RedlineConfig().updated(min_confidence={"claims": 0.5})
    assert config.min_confidence == {**DEFAULT_MIN_CONFIDENCE, "claims": 0.5}
    with pytest.raises(ConfigError, match=r"min_confidence\.claims must be a number from 0 to 1"):
        RedlineConfig(min_confidence={"claims": 1.5})
    with pytest.raises(ConfigError, match="LAYER=NUMBER"):
        parse_threshold("claims")
