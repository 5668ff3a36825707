"""Hostile and broken inputs: the rows of docs/robustness.md that have no home elsewhere.

Rows covered by other files are named in the table (bad files in test_bad_input.py,
encodings and HTML in test_sources.py, YAML bombs in test_factsheet_hostile.py,
damaged caches in test_cache.py, atomic output in test_atomic.py).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.cli.app import main
from factcheck.crosscheck.cache import CACHE_FILE
from factcheck.errors import EmbeddingError, SettingsError
from factcheck.extract import extract_claims
from factcheck.extract.segment import MAX_SENTENCE_CHARS, split_sentences
from factcheck.models import Source
from factcheck.settings import Settings
from tests.gold import SEEDS

FACTCHECK = [sys.executable, "-m", "factcheck"]

# Runs a command as its only child and prints the child's peak resident set size (KiB):
# measuring from the test process would mix in every other child it ever started.
_PEAK_RSS = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}


def _seed_text() -> str:
    return "\n\n".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))


def _big_corpus(path: Path, size: int) -> int:
    """Seed text repeated to ``size`` bytes, each copy made distinct so nothing deduplicates."""
    base, written, copy = _seed_text(), 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            chunk = base.replace(" the ", f" the{copy} ") + "\n\n"
            out.write(chunk)
            written += len(chunk.encode())
            copy += 1
    return path.stat().st_size


def test_fifty_megabytes_stream_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    size = _big_corpus(big, 50 * 1024 * 1024)
    out = tmp_path / "claims.json"
    # Streaming is what is measured here: the parse's cost is benchmarks/parse_cost.py's.
    command = [
        *FACTCHECK,
        "claims",
        str(big),
        "--format",
        "json",
        "--output",
        str(out),
        "--no-parse",
    ]
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *command],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    peak = int(result.stdout.split()[-1]) * 1024
    assert peak < 10 * size, f"peak {peak / 2**20:.0f} MiB for {size / 2**20:.0f} MiB"
    with out.open(encoding="utf-8") as handle:
        claims = json.load(handle)
    assert len(claims) > 50_000
    assert claims[-1]["quote"] == big.read_text("utf-8")[claims[-1]["start"] : claims[-1]["end"]]


def test_megabyte_line_without_punctuation_is_cut_into_bounded_sentences() -> None:
    text = "".join(f"tariffs rose {n % 97} percent in town {n} and " for n in range(25_000))
    assert len(text) > 1_000_000
    assert not set(text) & set("\n.!?;")
    sentences = split_sentences(Source(id="line", text=text))
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    claims = extract_claims(text, Settings(parse=False))
    assert len(claims) == 50_000  # every percent and every town number
    assert all(text[c.citation.start : c.citation.end] == c.citation.quote for c in claims)


def test_ten_thousand_numbers_in_one_sentence_give_ten_thousand_claims() -> None:
    text = "The readings were " + ", ".join(str(n) for n in range(10_000, 20_000)) + "."
    claims = extract_claims(text, Settings())
    assert [c.quantity.value for c in claims] == [float(n) for n in range(10_000, 20_000)]
    # each context is a window around its own number, not the whole 70 kB sentence
    assert max(len(c.context) for c in claims) < 2 * MAX_SENTENCE_CHARS


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("Exports rose ٧٠٪ last year.", "٧٠٪", 70.0, "%"),  # Arabic-Indic digits, Arabic percent
        ("Prices fell ۵٫۵% there.", "۵٫۵%", 5.5, "%"),  # Persian digits, Arabic decimal point
        ("Exports rose ７．５％ last year.", "７．５％", 7.5, "%"),  # fullwidth
        ("Sales hit 1\u00a0000\u00a0000 units.", "1\u00a0000\u00a0000", 1e6, ""),  # NBSP groups
        ("Sales hit 1\u202f234 units.", "1\u202f234", 1234.0, ""),  # narrow NBSP
        ("The share was 70\u00a0%.", "70\u00a0%", 70.0, "%"),
        ("It cost $6\u00a0million.", "$6\u00a0million", 6e6, "USD"),
        ("Sales: ١٬٢٣٤٬٥٦٧ units.", "١٬٢٣٤٬٥٦٧", 1234567.0, ""),
        ("Prices fell \u22123.5% this quarter.", "\u22123.5%", -3.5, "%"),  # minus sign
    ],
)
def test_unicode_digits_and_look_alikes(text: str, quote: str, value: float, unit: str) -> None:
    (claim,) = extract_claims(text, Settings())
    assert (claim.citation.quote, claim.quantity.value, claim.quantity.unit) == (quote, value, unit)


def test_nul_bytes_inside_a_json_lines_text_are_kept_as_text(tmp_path: Path) -> None:
    # A NUL in a file means binary (test_bad_input.py); escaped inside JSON it is just text.
    source = tmp_path / "feed.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Up 5%\u0000 this week."}) + "\n", "utf-8")
    result = subprocess.run(
        [*FACTCHECK, "claims", str(source), "--format", "json"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert [c["quote"] for c in json.loads(result.stdout)] == ["5%"]


def test_debug_shows_the_traceback_and_the_default_does_not(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    plain = subprocess.run([*FACTCHECK, "claims", missing], capture_output=True, text=True)
    debug = subprocess.run(
        [*FACTCHECK, "--debug", "claims", missing], capture_output=True, text=True
    )
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr
    assert "missing.txt" in plain.stderr
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr
    assert "SourceError" in debug.stderr


def _hear_ctrl_c() -> None:
    # A suite started in the background (`make test &`, `nohup`) runs with SIGINT
    # ignored, and an ignored signal stays ignored across exec: Python then installs
    # no KeyboardInterrupt handler and the run, rightly, never hears Ctrl-C. Restore
    # the default in the child so that the test sees what a terminal user gets.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _cached_rows(cache_file: Path) -> int:
    if not cache_file.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM embeddings").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or busy: ask again
        return 0


@pytest.mark.model
def test_sigint_during_a_long_report_leaves_no_output_and_a_valid_cache(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "\n".join(
            f"The output index of district {n} rose {n % 90 + 1}% in the year to March."
            for n in range(8000)
        ),
        "utf-8",
    )
    out = tmp_path / "report.html"
    cache_file = tmp_path / "cache" / CACHE_FILE
    process = subprocess.Popen(
        [*FACTCHECK, "report", str(corpus), "--format", "html", "--output", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        preexec_fn=_hear_ctrl_c,
    )
    deadline = time.monotonic() + 300
    while _cached_rows(cache_file) == 0 and process.poll() is None:
        assert time.monotonic() < deadline, "the run stored no embedding in time"
        time.sleep(0.2)
    assert process.poll() is None, "the run ended before it could be interrupted"
    disposition = [
        line.strip()
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
        if line.startswith(("SigIgn", "SigCgt", "SigBlk"))
    ]
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        pytest.fail(
            f"the run went on for two minutes after SIGINT; stderr: {stderr!r}; "
            f"SIGINT disposition at start: {disposition}"
        )

    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "factcheck: interrupted"
    assert "Traceback" not in stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    with sqlite3.connect(cache_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM embeddings").fetchone()[0] > 0


@pytest.mark.parametrize(
    ("failure", "code", "words"),
    [
        (RuntimeError("boom"), 3, "internal error: RuntimeError: boom (rerun with --debug"),
        (EmbeddingError("model files missing", path="/models/x"), 3, "/models/x: model files"),
        (SettingsError("threshold must be in [-1, 1]", field="threshold"), 2, "threshold:"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_failures_map_to_exit_codes_and_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: BaseException,
    code: int,
    words: str,
) -> None:
    def failing_check(*_: object, **__: object) -> None:
        raise failure

    monkeypatch.setattr("factcheck.crosscheck.pipeline.report", failing_check)
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(SEEDS), "--quiet"])
    assert exit_info.value.code == code
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err


def test_error_and_warning_lines_show_control_characters_as_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "ok.txt").write_text("Prices rose 5% in May.", "utf-8")
    (folder / "evil\x1b[2J.txt").write_bytes(b"\x89PNG\r\n\x1a\n")  # binary: skipped, warned
    for args, code in (
        ([str(folder)], 0),
        ([str(tmp_path / "gone\x1b]8;;javascript:x\x07.txt")], 2),
    ):
        result = subprocess.run(
            [*FACTCHECK, "claims", *args, "--format", "csv"],
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            timeout=120,
        )
        assert result.returncode == code, result.stderr
        assert "\\x1b" in result.stderr
        assert "\x1b" not in result.stderr
        assert "\x07" not in result.stderr
