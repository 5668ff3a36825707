"""Fit the pair model of the cross-check on the development stories' gold.

For every development story (``split: dev`` in its ``story.yaml``; held-out stories are
never read) the pipeline runs as in a report up to the candidate pairs of each block;
each candidate pair whose two claims both stand in the gold is labelled:

- one fact (1): both claims in one gold entry (a conflict, an agreement or a running
  figure);
- two facts (0): the pair is a gold trap, or its claims stand in different gold entries.

A logistic regression (L2, Newton's method, numpy) is fitted on the features of
:mod:`factcheck.crosscheck.evidence`, and two thresholds are chosen on the same pairs:
for values that agree, the one that maximises F1; for values that differ, the lowest one
whose precision reaches ``--precision`` (a false conflict costs more than a miss). The
weights, thresholds and the digest of the gold and texts they came from are written to
``src/factcheck/crosscheck/pair_model.json``.

Run: ``.venv/bin/python benchmarks/train_pairs.py [--check]`` (``--check`` prints the fit
without writing).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy

import factcheck
from factcheck.crosscheck.cache import embed_texts, get_embedder
from factcheck.crosscheck.cluster import (
    candidate_pairs,
    comparable_blocks,
    pair_evidence,
)
from factcheck.crosscheck.copies import collapse_copies
from factcheck.crosscheck.evidence import FEATURES, PairModel
from factcheck.crosscheck.pipeline import claims as stream_claims
from factcheck.crosscheck.pipeline import reference_date_for

MODEL = Path(__file__).resolve().parents[1] / "src" / "factcheck" / "crosscheck" / "pair_model.json"
L2 = 5.0
MIN_SUPPORT = 10
"""Linked pairs a threshold's precision must be read over before it counts."""
PRIOR = {
    "context_similarity": 3.0,
    "measure_similarity": 2.0,
    "measure_overlap": 1.0,
    "measure_missing": -0.5,
    "subject_match": 1.0,
    "entity_same": 1.0,
    "entity_clash": -2.0,
    "period_same": 0.5,
    "period_clash": -2.0,
    "period_old": -2.0,
    "attribution_differs": 0.0,
    "log_ratio": -1.0,
    "values_agree": 1.5,
    "nearby": 1.0,
    "minimal_pair": -2.0,
    "measure_swap": -2.0,
    "modality_differs": -1.5,
    "change_vs_level": -0.5,
    "loose_vs_precise": -1.0,
}
"""Where each weight starts before the data speak: the sign and rough size a careful reader
gives each piece of evidence (a different named entity or period speaks against one fact,
like wording for it). Written down before any fit and not tuned on any story; the fit
shrinks towards it (L2 around the prior), so that the few hand-read pairs of a small
development set move weights only as far as they have evidence for."""


_PRIOR_MODEL = PairModel(
    weights=tuple(PRIOR[name] for name in FEATURES),
    bias=0.0,
    link_agreeing=0.5,
    link_differing=0.5,
    provenance={},
)


def story_digest(folders: list[Path]) -> str:
    """sha256 over every development story's gold, story file and documents, in order."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(
            [folder / "gold.yaml", folder / "story.yaml", *(folder / "docs").iterdir()]
        ):
            digest.update(str(path.relative_to(folder.parent)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def labelled_pairs(
    folder: Path, settings: factcheck.Settings
) -> tuple[list[tuple[float, ...]], list[int], list[bool]]:
    gold = yaml.safe_load((folder / "gold.yaml").read_text("utf-8"))
    sources = factcheck.load_sources([folder / "docs"])
    settings = reference_date_for(sources, settings)
    claims = collapse_copies(list(stream_claims(sources, settings)))
    report = factcheck.models.Report(
        sources=tuple(sources), claims=tuple(claims), clusters=(), findings=()
    )
    entries_of: dict[str, set[str]] = {}
    for g in accuracy.entries(gold):
        claim = accuracy.locate(report, g)
        if claim is not None:
            entries_of.setdefault(claim.id, set()).add(g.entry)
    traps = set()
    for a, b in accuracy.trap_pairs(gold):
        ca, cb = accuracy.locate(report, a), accuracy.locate(report, b)
        if ca is not None and cb is not None:
            traps.add(frozenset((ca.id, cb.id)))
    embedder = get_embedder(settings)
    measures = [c.frame.measure or "" for c in claims]
    texts = [c.context for c in claims] + sorted(set(measures) - {""})
    vectors = embed_texts(embedder, texts, batch_size=settings.batch_size)
    row = {t: i for i, t in enumerate(texts[len(claims) :], start=len(claims))}
    measure_vectors = np.zeros((len(claims), vectors.shape[1]), dtype=np.float32)
    for i, m in enumerate(measures):
        if m:
            measure_vectors[i] = vectors[row[m]]
    vectors = vectors[: len(claims)]
    features, labels, agreeing = [], [], []
    for block in comparable_blocks(claims):
        members = [claims[i] for i in block]
        for (i, j), similarity in candidate_pairs(members, vectors[block], settings).items():
            a, b = members[i], members[j]
            key = frozenset((a.id, b.id))
            ea, eb = entries_of.get(a.id), entries_of.get(b.id)
            if key in traps:
                label = 0
            elif ea and eb:
                label = int(bool(ea & eb))
            else:
                continue
            evidence = pair_evidence(
                a,
                b,
                similarity,
                settings,
                measure_similarity=float(measure_vectors[block[i]] @ measure_vectors[block[j]]),
                model=_PRIOR_MODEL,  # only the features are read: the shipped model may be stale
            )
            if not evidence.features or evidence.reason == "two open bounds pin no fact":
                continue  # never linked, whatever the model says
            features.append(evidence.features)
            labels.append(label)
            agreeing.append(evidence.values_agree)
    return features, labels, agreeing


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method, shrunk towards :data:`PRIOR` (not the bias)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    prior = np.array([PRIOR[name] for name in FEATURES] + [0.0])
    weights = prior.copy()
    weights[-1] = -float(np.mean(x @ prior[:-1]))  # start centred: scores around zero
    penalty = np.eye(design.shape[1]) * L2
    penalty[-1, -1] = 1e-6  # the bias is all but free; a trace keeps Newton's step defined
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ weights, -40, 40)))
        gradient = design.T @ (p - y) + penalty @ (weights - prior)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return weights[:-1], float(weights[-1])


def choose_thresholds(
    p: np.ndarray, y: np.ndarray, agreeing: np.ndarray, precision: float
) -> tuple[float, float]:
    def f1_best(scores: np.ndarray, truth: np.ndarray) -> float:
        best, chosen = -1.0, 0.5
        for t in np.unique(np.round(scores, 3)):
            flagged = scores >= t
            tp = float((flagged & (truth == 1)).sum())
            if tp == 0:
                continue
            f1 = 2 * tp / (flagged.sum() + (truth == 1).sum())
            if f1 > best:
                best, chosen = f1, float(t)
        return chosen

    def precise(scores: np.ndarray, truth: np.ndarray) -> float:
        """The lowest threshold whose precision reaches the target over at least
        :data:`MIN_SUPPORT` linked pairs; where none does, the one with the best F0.5
        (precision weighs twice recall). A precision read off two or three pairs says
        nothing."""
        best, chosen = -1.0, 0.99
        for t in sorted(np.unique(np.round(scores, 3))):
            flagged = scores >= t
            tp = float((flagged & (truth == 1)).sum())
            if not flagged.sum() or tp == 0:
                continue
            if flagged.sum() >= MIN_SUPPORT and tp / flagged.sum() >= precision:
                return float(t)
            p_, r_ = tp / flagged.sum(), tp / (truth == 1).sum()
            f = 1.25 * p_ * r_ / (0.25 * p_ + r_)
            if f > best:
                best, chosen = f, float(t)
        return chosen

    return f1_best(p[agreeing], y[agreeing]), precise(p[~agreeing], y[~agreeing])


def dev_stories() -> list[Path]:
    """The development stories (``split: dev``), in name order; held-out ones never."""
    return [
        f
        for f in sorted(accuracy.DATA.iterdir())
        if (f / "gold.yaml").is_file()
        and yaml.safe_load((f / "story.yaml").read_text("utf-8"))["split"] == "dev"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="print the fit, write nothing")
    parser.add_argument("--precision", type=float, default=0.9, help="for differing values")
    args = parser.parse_args(argv)
    folders = dev_stories()
    settings = factcheck.Settings()
    rows, labels, agreeing = [], [], []
    for folder in folders:
        found, found_labels, found_agreeing = labelled_pairs(folder, settings)
        print(
            f"{folder.name:40} pairs {len(found_labels):5}  one fact {sum(found_labels):4}  "
            f"values differ {found_agreeing.count(False):4}"
        )
        rows += found
        labels += found_labels
        agreeing += found_agreeing
    x, y, agree = np.array(rows, dtype=float), np.array(labels, dtype=float), np.array(agreeing)
    weights, bias = fit(x, y)
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    link_agreeing, link_differing = choose_thresholds(p, y, agree, args.precision)
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:22} {w:+.3f}")
    print(f"  {'bias':22} {bias:+.3f}")
    for label, mask, t in (
        ("agreeing", agree, link_agreeing),
        ("differing", ~agree, link_differing),
    ):
        flagged = (p >= t) & mask
        tp = int((flagged & (y == 1)).sum())
        print(
            f"{label}: threshold {t:.3f}, pairs {int(mask.sum())}, "
            f"one fact {int((y[mask] == 1).sum())}, linked {int(flagged.sum())}, "
            f"of them one fact {tp}"
        )
    if args.check:
        return 0
    MODEL.write_text(
        json.dumps(
            {
                "features": list(FEATURES),
                "weights": [round(float(w), 6) for w in weights],
                "bias": round(bias, 6),
                "link_agreeing": round(link_agreeing, 6),
                "link_differing": round(link_differing, 6),
                "provenance": {
                    "script": "benchmarks/train_pairs.py",
                    "stories": [f.name for f in folders],
                    "data_sha256": story_digest(folders),
                    "pairs": len(y),
                    "one_fact_pairs": int(y.sum()),
                    "l2": L2,
                    "prior": PRIOR,
                    "precision_for_differing": args.precision,
                    "fitted": datetime.date.today().isoformat(),
                },
            },
            indent=2,
        )
        + "\n",
        "utf-8",
    )
    print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
