"""`factcheck explain`: why two claims were or were not compared (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck.crosscheck.evidence import FEATURES
from factcheck.errors import InputError
from factcheck.models import Source
from tests.cli.running import run_cli as _run

A = "China accounts for about 70% of the global supply of rare earths, officials said."
B = "China produces more than 90% of the global supply of rare earths, the ministry said."
C = "Chile holds about 40% of the world's lithium reserves, the survey said."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(A + "\n" + C + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(B + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.model
def test_explain_shows_frames_features_and_the_values(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        ["explain", corpus, "--a", "a.txt:about 70%", "--b", "b.txt:more than 90%"], capsys
    )
    assert code == 0, err
    assert "A frame: measure=" in out
    assert "entity='China'" in out
    assert "context_similarity" in out
    assert "values: conflict" in out


@pytest.mark.model
def test_the_library_call_gives_the_same_evidence_as_the_cross_check() -> None:
    sources = [Source(id="a.txt", text=A + "\n" + C), Source(id="b.txt", text=B)]
    found = factcheck.explain(sources, "a.txt:about 70%", "b.txt:more than 90%")
    assert found.comparison.conflict
    assert set(found.features) == set(FEATURES)
    unrelated = factcheck.explain(sources, "a.txt:about 40%", "b.txt:more than 90%")
    assert unrelated.evidence.probability < found.evidence.probability


def test_a_claim_that_fits_nothing_is_one_line_and_exit_2(
    corpus: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    code, out, err = _run(
        ["explain", corpus, "--a", "a.txt:about 71%", "--b", "b.txt:more than 90%"], capsys
    )
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "a.txt:about 71%" in err


def test_claims_are_named_by_id_or_source_and_text() -> None:
    from factcheck.crosscheck.explain import find_claim
    from factcheck.extract import extract_claims

    claims = extract_claims(Source(id="a.txt", text=A + "\n" + C))
    by_text = find_claim(claims, "a.txt:about 70%")
    assert find_claim(claims, by_text.id) == by_text
    with pytest.raises(InputError):
        find_claim(claims, "a.txt:the")
    with pytest.raises(InputError):
        find_claim(claims, "no-colon")
