"""Clustering rules, with the deterministic test embedder (the real model is tested on the gold)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.crosscheck.cluster import cluster_claims
from factcheck.crosscheck.compare import compare_clusters
from factcheck.models import Claim, Kind, Qualifier, Verdict
from factcheck.settings import Settings
from tests.doubles import HashingEmbedder
from tests.factories import claim, quantity


def _vectors(claims: list[Claim]) -> np.ndarray:
    return HashingEmbedder().embed([c.context for c in claims])


def _fixture_claims() -> list[Claim]:
    return [
        claim(
            "The country accounts for about 70% of the global supply of the metal.",
            "70%",
            quantity(70, qualifier=Qualifier.APPROXIMATE, low=63, high=77),
            source="a.txt",
        ),
        claim(
            "The country accounts for more than 90% of the global supply of the metal.",
            "90%",
            quantity(90, qualifier=Qualifier.MORE_THAN, low=90, high=None),
            source="b.txt",
        ),
        claim(
            "Officials threatened to raise tariffs on imported cars to 100% next month.",
            "100%",
            quantity(100),
            source="a.txt",
            offset=3,
        ),
        claim(
            "Officials threatened to raise tariffs on imported cars to 100% soon.",
            "100%",
            quantity(100),
            source="c.txt",
        ),
        claim(
            "The firm makes up just 0.1% of global shipbuilding compared to its rival's 53.3% share.",
            "0.1%",
            quantity(0.1),
            source="a.txt",
            offset=6,
        ),
        claim(
            "The firm makes up just 0.1% of global shipbuilding compared to its rival's 53.3% share.",
            "53.3%",
            quantity(53.3),
            source="a.txt",
            offset=6,
        ),
    ]


def test_same_fact_in_two_sources_conflicts_and_others_agree() -> None:
    claims = _fixture_claims()
    clusters = cluster_claims(claims, _vectors(claims), Settings(similarity_threshold=0.5))
    findings = compare_clusters(clusters, claims)
    verdicts = {frozenset(f.claim_ids): f.verdict for f in findings}
    assert verdicts.get(frozenset({claims[0].id, claims[1].id})) is Verdict.CONFLICT
    assert verdicts.get(frozenset({claims[2].id, claims[3].id})) is Verdict.AGREE


def test_two_quantities_of_one_sentence_never_share_a_cluster() -> None:
    claims = _fixture_claims()
    clusters = cluster_claims(claims, _vectors(claims), Settings(similarity_threshold=-1.0))
    for cluster in clusters:
        assert not {claims[4].id, claims[5].id} <= set(cluster.claim_ids)


def test_a_threat_and_a_stated_level_stay_apart() -> None:
    threatened = claim(
        "Officials threatened to raise tariffs on imported cars to 100%.", "100%", quantity(100)
    )
    stated = claim(
        "Officials raised tariffs on imported cars to 25%.", "25%", quantity(25), source="b.txt"
    )
    claims = [threatened, stated]
    clusters = cluster_claims(claims, _vectors(claims), Settings(similarity_threshold=-1.0))
    assert clusters == []


def test_claims_without_context_are_never_clustered() -> None:
    bare = [
        claim("$5", "$5", quantity(5, Kind.MONEY, unit="USD"), source=name)
        for name in ("a.txt", "b.txt")
    ]
    assert cluster_claims(bare, _vectors(bare), Settings(similarity_threshold=-1.0)) == []


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_clusters_and_findings_do_not_depend_on_claim_order(rng: random.Random) -> None:
    claims = _fixture_claims()
    config = Settings(similarity_threshold=0.5)
    expected = cluster_claims(claims, _vectors(claims), config)
    shuffled = claims[:]
    rng.shuffle(shuffled)
    got = cluster_claims(shuffled, _vectors(shuffled), config)
    assert got == expected
    assert compare_clusters(got, shuffled, config) == compare_clusters(expected, claims, config)


@pytest.mark.model
def test_no_cluster_holds_an_unlinked_pair_of_differing_values_on_the_seeds() -> None:
    """Inside a cluster, every pair whose values differ is linked on its own (one false
    conflict costs much), and pairs that agree are linked on average."""
    from factcheck.crosscheck.cache import get_embedder
    from factcheck.crosscheck.cluster import pair_evidence
    from factcheck.crosscheck.evidence import load_pair_model
    from factcheck.crosscheck.pipeline import claims as stream_claims
    from factcheck.crosscheck.pipeline import embed_claims, reference_date_for
    from factcheck.sources import load_sources
    from tests.gold import SEEDS

    sources = load_sources([SEEDS])
    config = reference_date_for(sources, Settings())
    # Every source twice under another name, so that groups larger than pairs form.
    twins = [s.model_copy(update={"id": f"twin-{s.id}"}) for s in sources]
    claims = list(stream_claims([*sources, *twins], config))
    vectors, measures = embed_claims(claims, get_embedder(config), config)
    clusters = cluster_claims(claims, vectors, config, measure_vectors=measures)
    assert max(len(c.claim_ids) for c in clusters) >= 4
    index = {c.id: i for i, c in enumerate(claims)}
    agreeing: list[float] = []
    for cluster in clusters:
        members = [index[cid] for cid in cluster.claim_ids]
        for a, b in itertools.combinations(members, 2):
            evidence = pair_evidence(
                claims[a],
                claims[b],
                round(float(vectors[a] @ vectors[b]), 6),
                config,
                measure_similarity=round(float(measures[a] @ measures[b]), 6),
            )
            if evidence.values_agree:
                agreeing.append(evidence.probability)
            else:
                assert evidence.linked, (claims[a].citation.quote, claims[b].citation.quote)
    assert agreeing
    assert sum(agreeing) / len(agreeing) >= load_pair_model().link_agreeing
