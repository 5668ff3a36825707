"""The public API: an explicit, complete __all__, and an import that loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys

import pytest

import factcheck

STAGE_VERBS = {
    "load_sources",
    "split_sentences",
    "extract_claims",
    "claims",
    "report",
    "validate",
}
MODELS = {
    "Source",
    "Sentence",
    "Citation",
    "Quantity",
    "Frame",
    "Claim",
    "Cluster",
    "Finding",
    "Report",
}


def test_all_is_sorted_unique_and_resolvable() -> None:
    names = factcheck.__all__
    assert len(names) == len(set(names))
    assert list(names) == sorted(names)
    for name in names:
        assert getattr(factcheck, name) is not None, name


def test_all_names_every_stage_verb_model_and_error() -> None:
    from factcheck import errors

    expected = STAGE_VERBS | MODELS | set(errors.__all__) | {"Settings", "__version__"}
    assert expected <= set(factcheck.__all__)


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from factcheck import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(factcheck.__all__)


def test_one_name_per_verb() -> None:
    # `check` was once the old name of `report`; no alias is left.
    assert not hasattr(factcheck, "check")
    from factcheck.crosscheck import pipeline

    assert not hasattr(pipeline, "check")
    assert not hasattr(pipeline, "extract_all")


def test_each_command_calls_the_exported_function_of_its_name() -> None:
    from factcheck.cli import cli

    for name in cli.commands:
        assert name in factcheck.__all__, name
        assert callable(getattr(factcheck, name))


def test_type_checkers_see_exactly_the_public_names() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(factcheck.__file__).read_text("utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    imported = {
        (node.module, alias.name)
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    public = factcheck._PUBLIC  # type: ignore[attr-defined]
    assert imported == {(module, name) for module, names in public.items() for name in names}


def test_old_import_paths_that_docs_name_keep_working() -> None:
    from factcheck.extract import extract_claims, split_sentences
    from factcheck.factsheet import load_factsheet
    from factcheck.sources import load_sources

    assert factcheck.extract_claims is extract_claims
    assert factcheck.split_sentences is split_sentences
    assert factcheck.load_factsheet is load_factsheet
    assert factcheck.load_sources is load_sources


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        factcheck.no_such_name  # noqa: B018


def test_import_and_cli_help_load_no_heavy_module() -> None:
    code = (
        "import sys, factcheck, factcheck.cli\n"
        "heavy = {'torch', 'sentence_transformers', 'pandas', 'matplotlib', 'transformers'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_root_lists_every_model_the_models_module_exports() -> None:
    # The root cannot read models.__all__ without importing pydantic (import speed), so it
    # names the models itself; this keeps the two lists from drifting apart.
    from factcheck import models

    public = factcheck._PUBLIC  # type: ignore[attr-defined]
    assert list(public["factcheck.models"]) == models.__all__
