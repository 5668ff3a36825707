"""The public API: an explicit, complete __all__, and an import that loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys

import pytest

import factcheck

STAGE_VERBS = {"load_sources", "split_sentences", "extract_claims", "report", "validate"}
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


def test_check_is_the_old_name_of_report() -> None:
    assert factcheck.check is factcheck.report
    assert "check" in factcheck.__all__


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
