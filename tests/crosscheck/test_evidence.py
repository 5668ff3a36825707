"""What may be compared: pair features, the learned pair model and its provenance (issue 19)."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from factcheck.crosscheck.evidence import (
    FEATURES,
    contrastive,
    entities_match,
    load_pair_model,
    period_fit,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("the Bank of England", "the Bank", True),
        ("US", "United States", True),
        ("U.S.", "US", True),
        ("Erdogan", "Recep Tayyip Erdogan", True),
        ("Italy", "Argentina", False),
        ("Apple", "Samsung", False),
        ("Bank of England", "of", False),
    ],
)
def test_entities_meet_by_name_part_or_initials(a: str, b: str, same: bool) -> None:
    assert entities_match(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "fit"),
    [
        ("2023", "2023", 1),
        ("2023-02-06", "2023", 1),
        ("2023-02-06", "2023-02", 1),
        ("2023-Q1", "2023-02", 1),
        ("2023-Q1", "2023-05", -1),
        ("2023-Q4", "2023", -1),  # a year named alone is the whole year
        ("2022", "2023", -1),
        ("2023-02-06", "2023-02-07", -1),
        (None, "2023", 0),
        ("Q4", "2023-Q4", 1),
    ],
)
def test_periods_fit_clash_or_are_unknown(a: str | None, b: str | None, fit: int) -> None:
    assert period_fit(a, b) == fit
    assert period_fit(b, a) == fit


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Italy expects [NUM] growth this year", "Argentina expects [NUM] growth this year", True),
        ("exports of wheat rose to [NUM]", "exports of nickel rose to [NUM]", True),
        ("the quake struck at [NUM]", "the quake hit at [NUM]", False),
        ("Apple shipped [NUM] phones", "Samsung sold [NUM] tablets in Europe", False),
    ],
)
def test_minimal_pairs_name_two_facts(a: str, b: str, expected: bool) -> None:
    assert contrastive(a, b) is expected


def test_the_shipped_model_is_fitted_on_the_features_it_is_read_with() -> None:
    model = load_pair_model()
    assert len(model.weights) == len(FEATURES)
    assert 0.0 < model.link_agreeing < 1.0
    assert 0.0 < model.link_differing < 1.0


def _train_pairs_module() -> object:
    spec = importlib.util.spec_from_file_location(
        "train_pairs", ROOT / "benchmarks" / "train_pairs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


def test_the_model_names_the_script_and_the_digest_of_the_data_it_came_from() -> None:
    """The weights are reproducible: the development stories in the repository are the ones
    they were fitted on (refit with benchmarks/train_pairs.py when a story changes)."""
    data = json.loads(
        resources.files("factcheck.crosscheck").joinpath("pair_model.json").read_text("utf-8")
    )
    provenance = data["provenance"]
    assert provenance["script"] == "benchmarks/train_pairs.py"
    train = _train_pairs_module()
    folders = [ROOT / "benchmarks" / "data" / name for name in provenance["stories"]]
    assert all((f / "gold.yaml").is_file() for f in folders)
    assert train.story_digest(folders) == provenance["data_sha256"]  # type: ignore[attr-defined]
    assert train.dev_stories() == folders  # type: ignore[attr-defined]


def test_an_explanation_names_the_features_that_decided() -> None:
    model = load_pair_model()
    features = [0.0] * len(FEATURES)
    features[FEATURES.index("context_similarity")] = 0.9
    features[FEATURES.index("entity_clash")] = 1.0
    text = model.explain(features)
    assert "clauses read alike" in text
    parts = model.contributions(features)
    assert {name for name, _ in parts} <= {"context_similarity", "entity_clash"}
