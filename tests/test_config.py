"""Analyzer settings: one place for the config file, the CLI and the service."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.analysis import get_pipeline
from redline.config import RedlineConfig, parse_setting
from redline.errors import ConfigError
from redline.pipeline import Pipeline

CLAIMS_ONLY = ("structure", "actors", "voices", "groups", "claims")


def _claims(pipeline: Pipeline) -> object:
    return next(a for a in pipeline.analyzers if a.name == "claims")


def test_config_setting_reaches_the_analyzer(tmp_path: Path) -> None:
    toml = tmp_path / "redline.toml"
    toml.write_text(
        "[redline]\nanalyzers = " + str(list(CLAIMS_ONLY)).replace("'", '"') + "\n"
        '[redline.analyzer_options.claims]\nmodel = "rules-only"\n',
        encoding="utf-8",
    )
    config = RedlineConfig.from_toml(toml).updated(
        **{"analyzer_options": parse_setting("claims.model=none")}
    )
    assert config.analyzer_options == {"claims": {"model": None}}  # the CLI's --set wins
    assert _claims(Pipeline.from_config(config)).model_path is None  # type: ignore[attr-defined]
    # Each distinct set of settings is its own cached pipeline.
    default = RedlineConfig(analyzers=CLAIMS_ONLY)
    assert get_pipeline(config) is not get_pipeline(default)
    assert _claims(get_pipeline(default)).model_path == "default"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"claims": {"modell": "x"}}, "has no setting 'modell'; it takes \\['model'\\]"),
        ({"nothing": {"x": 1}}, "no analyzer named 'nothing'"),
        ({"claims": {"model": ["a"]}}, "must be a plain value"),
    ],
)
def test_config_bad_settings_say_what_is_wrong(options: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        RedlineConfig(analyzer_options=options)


@pytest.mark.parametrize("setting", ["claims.model", "model=x", ".model=x", "claims.=x"])
def test_config_setting_shape_is_checked(setting: str) -> None:
    with pytest.raises(ConfigError, match=r"ANALYZER\.PARAMETER=VALUE"):
        parse_setting(setting)
