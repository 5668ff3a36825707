"""Every setting has an option, generated from its field, on every command that reads it."""

from __future__ import annotations

from typing import Annotated

import click
import pytest
from click.testing import CliRunner
from pydantic import Field

from factcheck.cli import cli
from factcheck.cli.options import setting_option, settings_from_options, settings_options
from factcheck.errors import SettingsError
from factcheck.settings import (
    COMMANDS,
    FACTSHEET_ONLY,
    OPTIONS,
    Option,
    Settings,
    option_of,
    settings_of,
)


def _flags(command: str) -> set[str]:
    found = cli.commands[command]
    return {flag for param in found.params for flag in getattr(param, "opts", [])}


def test_every_setting_has_an_option_on_validate() -> None:
    assert set(OPTIONS) == set(Settings.model_fields)
    assert len(set(OPTIONS.values())) == len(OPTIONS)
    assert set(settings_of("validate")) == set(Settings.model_fields)
    assert set(settings_of("validate")) - set(settings_of("report")) == FACTSHEET_ONLY


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_offers_the_options_of_the_settings_it_reads(command: str) -> None:
    names = settings_of(command)  # type: ignore[arg-type]
    flags = _flags(command)
    assert {OPTIONS[name] for name in names} <= flags
    others = set(OPTIONS) - set(names)
    assert not {OPTIONS[name] for name in others} & flags


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_the_option_says_what_the_field_says(name: str) -> None:
    field = Settings.model_fields[name]
    command = cli.commands["validate"]
    (param,) = [p for p in command.params if option_of(field).flag in p.opts]
    assert param.name == name
    assert field.description
    assert field.description.removesuffix(".") in (getattr(param, "help", "") or "")
    assert param.envvar == option_of(field).envvar


def test_options_become_settings_and_bad_values_are_settings_errors() -> None:
    settings = settings_from_options(
        model="m",
        similarity_threshold=0.7,
        tolerance=0.1,
        neighbours=3,
        use_cache=False,
        batch_size=5,
        fact_threshold=0.5,
    )
    assert settings == Settings(
        model="m",
        similarity_threshold=0.7,
        tolerance=0.1,
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


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--threshold", "0.7"], {"similarity_threshold": 0.7}),
        (["--neighbours", "3"], {"neighbours": 3}),
        (["--no-cache"], {"use_cache": False}),
        (["--reference-date", "2024-05-01"], {"reference_date": "2024-05-01"}),
        (["--embedder", "other"], {"embedder": "other"}),
    ],
)
def test_the_command_line_reaches_the_settings(
    args: list[str], expected: dict[str, object]
) -> None:
    seen: list[Settings] = []

    @click.command()
    @settings_options("validate")
    def probe(**options: object) -> None:
        seen.append(settings_from_options(**options))

    result = CliRunner().invoke(probe, args)
    assert result.exit_code == 0, result.output
    assert seen[0] == Settings(**expected)  # type: ignore[arg-type]
    assert {k: v for k, v in seen[0].model_dump(mode="json").items() if k in expected} == {
        k: Settings(**expected).model_dump(mode="json")[k]  # type: ignore[arg-type]
        for k in expected
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tolerance", "inf"], "--tolerance: must be a number from 0 to 1"),
        (["--batch-size", "2.5"], "--batch-size: must be a whole number from 1 to 4096"),
        (["--reference-date", "May 1"], "--reference-date: must be a date written YYYY-MM-DD"),
    ],
)
def test_bad_values_are_refused_in_one_line(args: list[str], message: str) -> None:
    @click.command()
    @settings_options("validate")
    def probe(**options: object) -> None:
        settings_from_options(**options)

    result = CliRunner().invoke(probe, args)
    assert isinstance(result.exception, SettingsError)
    assert message in str(result.exception)


def test_a_new_setting_is_one_field() -> None:
    # A settings class with one more field: its option is generated with its flag, bounds,
    # help and default, and it joins the runtime-only settings, from the field alone.
    class More(Settings):
        window: Annotated[
            int,
            Field(ge=1, le=9, description="How many sentences a frame reads around a claim."),
            Option("--window", commands=("claims",), runtime=True),
        ] = 3

    @click.command()
    @setting_option("window", More.model_fields["window"])
    def probe(window: int) -> None:
        click.echo(window)

    runner = CliRunner()
    assert runner.invoke(probe, ["--window", "4"]).output == "4\n"
    assert runner.invoke(probe, []).output == "3\n"
    assert isinstance(runner.invoke(probe, ["--window", "10"]).exception, SettingsError)
    assert "How many sentences a frame reads around a claim (1 to 9)." in " ".join(
        runner.invoke(probe, ["--help"]).output.split()
    )
