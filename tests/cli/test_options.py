"""Every setting has an option, on every command that reads it, named as settings.OPTIONS says."""

from __future__ import annotations

import pytest

from factcheck.cli import cli
from factcheck.cli.options import (
    EXTRACTION_SETTINGS,
    REPORT_SETTINGS,
    VALIDATE_SETTINGS,
    settings_from_options,
)
from factcheck.errors import SettingsError
from factcheck.settings import FACTSHEET_ONLY, OPTIONS, Settings


def _flags(command: str) -> set[str]:
    found = cli.commands[command]
    return {flag for param in found.params for flag in getattr(param, "opts", [])}


def test_every_setting_has_an_option() -> None:
    assert set(OPTIONS) == set(Settings.model_fields)
    assert set(VALIDATE_SETTINGS) == set(Settings.model_fields)
    assert set(VALIDATE_SETTINGS) - set(REPORT_SETTINGS) == FACTSHEET_ONLY


@pytest.mark.parametrize(
    ("command", "names"),
    [
        ("report", REPORT_SETTINGS),
        ("validate", VALIDATE_SETTINGS),
        ("check", VALIDATE_SETTINGS),
        ("claims", EXTRACTION_SETTINGS),
    ],
)
def test_each_command_offers_the_options_of_the_settings_it_reads(
    command: str, names: tuple[str, ...]
) -> None:
    flags = _flags(command)
    assert {OPTIONS[name] for name in names} <= flags
    others = set(OPTIONS) - set(names)
    assert not {OPTIONS[name] for name in others} & flags


def test_options_become_settings_and_bad_values_are_settings_errors() -> None:
    settings = settings_from_options(
        model="m",
        threshold=0.7,
        tolerance=0.1,
        approximate_margin=0.2,
        neighbours=3,
        reference_date=None,
        cache_dir=None,
        no_cache=True,
        batch_size=5,
        fact_threshold=0.5,
    )
    assert settings == Settings(
        model="m",
        similarity_threshold=0.7,
        tolerance=0.1,
        approximate_margin=0.2,
        neighbours=3,
        use_cache=False,
        batch_size=5,
        fact_threshold=0.5,
    )
    assert settings_from_options() == Settings()
    with pytest.raises(SettingsError):
        settings_from_options(neighbours=0)
    with pytest.raises(TypeError):
        settings_from_options(threshhold=0.5)
