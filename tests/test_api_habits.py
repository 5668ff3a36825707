"""The API as analysts expect it: strings in, findings out; flat claims; pandas frames."""

from __future__ import annotations

import pytest

import factcheck
from factcheck.models import ClaimRecord, Report, Verdict
from factcheck.render.document import to_document
from factcheck.render.tables import claims_frame, findings_frame
from tests.doubles import HashingEmbedder
from tests.report_samples import sample_report

TEXTS = {
    "a": "China accounts for about 70% of global rare-earth supply.",
    "b": "China accounts for more than 90% of global rare-earth supply.",
}
FLAT = ("kind", "value", "unit", "qualifier", "low", "high", "quote", "line", "sentence",
        "subject", "measure", "entity", "period", "attribution")  # fmt: skip


def test_report_texts_takes_a_mapping_and_names_sources_by_its_keys() -> None:
    report = factcheck.report_texts(TEXTS, embedder=HashingEmbedder())
    assert [source.id for source in report.sources] == ["a", "b"]
    assert {claim.source for claim in report.claims} == {"a", "b"}
    assert [claim.display for claim in report.claims] == ["about 70%", "more than 90%"]


def test_report_texts_takes_a_list_and_numbers_its_sources() -> None:
    report = factcheck.report_texts(list(TEXTS.values()), embedder=HashingEmbedder())
    assert [source.id for source in report.sources] == ["text1", "text2"]


def test_report_texts_refuses_nothing_and_non_strings() -> None:
    with pytest.raises(factcheck.SourceError, match="no texts"):
        factcheck.report_texts([], embedder=HashingEmbedder())
    with pytest.raises(factcheck.SourceError, match="expected a string"):
        factcheck.report_texts({"a": 70}, embedder=HashingEmbedder())  # type: ignore[dict-item]


def test_text_given_as_a_path_gets_a_hint() -> None:
    with pytest.raises(factcheck.SourceError, match=r"report_texts\(\)") as caught:
        factcheck.report(list(TEXTS.values()), embedder=HashingEmbedder())
    assert "no such file or folder" in str(caught.value)
    assert len(str(caught.value)) < 250  # the text is shortened, not repeated whole


def test_a_missing_path_that_looks_like_a_path_gets_no_text_hint(tmp_path: object) -> None:
    with pytest.raises(factcheck.SourceError) as caught:
        factcheck.load_sources("no/such/file.txt")
    assert "report_texts" not in str(caught.value)


def test_source_from_text_is_a_plain_text_source() -> None:
    source = factcheck.Source.from_text("Sales rose 5% in 2024.", id="memo", title="Memo")
    assert (source.id, source.format, source.title) == ("memo", "text", "Memo")
    report = factcheck.report([source], embedder=HashingEmbedder())
    assert [claim.quote for claim in report.claims] == ["5%", "2024"]


def test_claims_have_the_flat_attributes_of_their_published_record() -> None:
    report = sample_report()
    documents = {doc.id: doc for doc in to_document(report).claims}
    for claim in report.claims:
        record = ClaimRecord.of(claim)
        for name in FLAT:
            assert getattr(claim, name) == getattr(record, name), name
        assert claim.display == documents[claim.id].display
    with pytest.raises((AttributeError, ValueError)):  # frozen: read-only
        report.claims[0].value = 1  # type: ignore[misc]


def test_report_to_pandas_is_the_claims_frame_and_names_other_tables() -> None:
    report = sample_report()
    assert report.to_pandas().equals(claims_frame(report))
    assert report.to_pandas("findings").equals(findings_frame(report))
    assert len(report.to_pandas("sources")) == len(report.sources)
    with pytest.raises(factcheck.SettingsError, match="unknown table"):
        report.to_pandas("nonsense")  # type: ignore[arg-type]


def test_claims_frame_takes_any_list_of_claims() -> None:
    claims = factcheck.extract_claims(
        factcheck.Source.from_text("Prices rose 3.2% in May. Sales fell 4% in June.")
    )
    frame = claims_frame(claims)
    assert list(frame["quote"]) == [claim.quote for claim in claims]
    assert frame["cluster_id"].isna().all()
    assert frame.loc[frame["unit"] == "%", "value"].mean() == pytest.approx(3.6)


def test_report_changed_lists_running_figures_that_moved() -> None:
    report = sample_report()
    moved = report.findings[0].model_copy(update={"verdict": Verdict.CHANGED})
    changed = Report(
        sources=report.sources,
        claims=report.claims,
        clusters=report.clusters,
        findings=(moved, *report.findings[1:]),
    )
    assert changed.changed == (moved,)
    assert moved not in changed.conflicts
    assert moved not in changed.agreements
    assert report.changed == ()
    assert "changed" in set(changed.to_pandas("findings")["verdict"])
