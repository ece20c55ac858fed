"""``contentlint corpus``: records in, records out, same order, other fields untouched."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.cli import main
from lint.corpus.rawjson import RecordError, parse_object

STABLE = ["--select", "encoding,html-comment"]

# Other fields are spelled in ways a parse-and-dump round trip would change:
# 1.50, 2.0e3, \u escapes, odd spacing, key order.
RECORDS = [
    '{"id": 1, "text": "Caf\\u00c3\\u00a9 menu", "score": 1.50, "tags": ["a",  "b"]}',
    '{"id":2,"text":"Nothing to see here.","meta":{"n":2.0e3,"s":"\\u00e9"}}',
    '{"text": "Hello<!-- leftover -->\\nworld", "id": 3}',
    '{"id": 4, "text": "Clean line one.\\nClean line two."}',
]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["corpus", *args])
    return code, capsys.readouterr().err


def summary_line(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("contentlint corpus:"))


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_fixes_text_keeps_other_fields_byte_identical_and_order(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "out.jsonl"
    code, stderr = run(capsys, str(source), "-o", str(out), *STABLE)
    assert code == 0
    lines = read_lines(out)
    assert lines == [
        '{"id": 1, "text": "Caf\\u00e9 menu", "score": 1.50, "tags": ["a",  "b"], '
        '"contentlint": {"fixed": 1, "findings": []}}',
        '{"id":2,"text":"Nothing to see here.","meta":{"n":2.0e3,"s":"\\u00e9"},'
        '"contentlint":{"fixed":0,"findings":[]}}',
        '{"text": "Hello\\nworld", "id": 3, "contentlint": {"fixed": 1, "findings": []}}',
        '{"id": 4, "text": "Clean line one.\\nClean line two.", '
        '"contentlint": {"fixed": 0, "findings": []}}',
    ]
    assert summary_line(stderr) == (
        "contentlint corpus: 4 records, 2 changed (2 fixes), 0 dropped, 0 failed"
    )
    assert "  encoding/mojibake" in stderr
    assert "records/s" in stderr


def test_unescaped_utf8_text_stays_unescaped(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", ['{"text": "CafÃ© — ok", "lang": "fr"}'])
    out = tmp_path / "out.jsonl"
    run(capsys, str(source), "-o", str(out), *STABLE)
    assert read_lines(out) == [
        '{"text": "Café — ok", "lang": "fr", "contentlint": {"fixed": 1, "findings": []}}'
    ]


def test_findings_field_shape(tmp_path, capsys):
    text = "First line.\\nSecond a\\ufffdb line."
    source = write(tmp_path / "in.jsonl", [f'{{"text": "{text}"}}'])
    out = tmp_path / "out.jsonl"
    run(capsys, str(source), "-o", str(out), *STABLE)
    record = json.loads(read_lines(out)[0])
    assert record["contentlint"] == {
        "fixed": 0,
        "findings": [
            {
                "check": "encoding",
                "rule": "replacement-char",
                "severity": "warning",
                "message": "replacement character U+FFFD: a character was lost in an earlier "
                "conversion; restore from the source",
                "line": 2,
                "column": 9,
                "end_line": 2,
                "end_column": 10,
                "fixable": False,
                "fix": None,
            }
        ],
    }


def test_findings_only_leaves_text_and_reports_original_positions(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", [RECORDS[2]])
    out = tmp_path / "out.jsonl"
    code, stderr = run(capsys, str(source), "-o", str(out), "--findings-only", *STABLE)
    assert code == 0
    line = read_lines(out)[0]
    assert line.startswith('{"text": "Hello<!-- leftover -->\\nworld", "id": 3, "contentlint": ')
    findings = json.loads(line)["contentlint"]["findings"]
    assert [(f["rule"], f["line"], f["column"], f["message"], f["fixable"]) for f in findings] == [
        ("comment", 1, 6, "leftover HTML comment <!-- leftover -->", True)
    ]
    assert summary_line(stderr).startswith("contentlint corpus: 1 records, 0 changed,")


def test_existing_result_field_is_replaced_so_a_rerun_is_stable(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    run(capsys, str(source), "-o", str(first), *STABLE)
    run(capsys, str(first), "-o", str(second), *STABLE)
    rerun = [json.loads(line) for line in read_lines(second)]
    assert [r["contentlint"]["fixed"] for r in rerun] == [0, 0, 0, 0]
    assert [line.count('"contentlint"') for line in read_lines(second)] == [1, 1, 1, 1]


def test_drop_if_drops_counts_and_keeps_dropped_records(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    out, dropped = tmp_path / "out.jsonl", tmp_path / "dropped.jsonl"
    code, stderr = run(
        capsys,
        str(source),
        "-o",
        str(out),
        "--drop-if",
        "html-comment",
        "--dropped-output",
        str(dropped),
        *STABLE,
    )
    assert code == 0
    assert [json.loads(line)["id"] for line in read_lines(out)] == [1, 2, 4]
    assert read_lines(dropped) == [RECORDS[2]]
    assert summary_line(stderr) == (
        "contentlint corpus: 4 records, 1 changed (1 fix), 1 dropped, 0 failed"
    )
    assert "dropped by rule: html-comment 1" in stderr


def test_drop_if_by_rule_code(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "out.jsonl"
    run(capsys, str(source), "-o", str(out), "--drop-if", "encoding/mojibake", *STABLE)
    assert [json.loads(line)["id"] for line in read_lines(out)] == [2, 3, 4]


def test_unknown_drop_if_code_is_a_usage_error(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    code, stderr = run(capsys, str(source), "-o", str(tmp_path / "o.jsonl"), "--drop-if", "spam")
    assert code == 2
    assert "contentlint: error: --drop-if: unknown check or rule 'spam'" in stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_error_file_gets_malformed_and_missing_or_non_string_text(tmp_path, capsys):
    lines = [
        RECORDS[0],
        '{"id": 2, "text": "unterminated',
        '{"id": 3, "body": "no text field"}',
        '{"id": 4, "text": 42}',
        '["an", "array"]',
        "",
        RECORDS[3],
    ]
    source = write(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    code, stderr = run(capsys, str(source), "-o", str(out), *STABLE)
    assert code == 1
    assert [json.loads(line)["id"] for line in read_lines(out)] == [1, 4]
    errors = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert [(e["line"], e["reason"], e["record"]) for e in errors] == [
        (2, "invalid JSON: Unterminated string starting at column 19", lines[1]),
        (3, "no field 'text'", lines[2]),
        (4, "field 'text' is a number, not a string", lines[3]),
        (5, "not a JSON object but an array", lines[4]),
    ]
    assert {e["source"] for e in errors} == {str(source)}
    assert summary_line(stderr) == (
        "contentlint corpus: 6 records, 1 changed (1 fix), 0 dropped, "
        f"4 failed (see {tmp_path / 'out.errors.jsonl'})"
    )


def test_exit_zero_and_errors_path(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", ["{oops", RECORDS[3]])
    errors = tmp_path / "bad.jsonl"
    code, _ = run(
        capsys, str(source), "-o", str(tmp_path / "o.jsonl"), "--errors", str(errors), "--exit-zero"
    )
    assert code == 0
    assert json.loads(read_lines(errors)[0])["reason"].startswith("invalid JSON: Expecting")


def test_invalid_utf8_line_is_an_error_and_kept_losslessly(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "caf\xe9"}\n' + RECORDS[3].encode() + b"\n")
    out = tmp_path / "out.jsonl"
    run(capsys, str(source), "-o", str(out), *STABLE)
    (error,) = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert error["reason"] == "not valid UTF-8 (byte 14 of the line)"
    assert error["record"].encode("utf-8", "surrogateescape") == b'{"text": "caf\xe9"}'
    assert len(read_lines(out)) == 1


def test_empty_errors_file_and_crlf_input(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + RECORDS[3].encode() + b"\r\n" + RECORDS[1].encode())
    out = tmp_path / "out.jsonl"
    code, _ = run(capsys, str(source), "-o", str(out), *STABLE)
    assert code == 0
    assert [json.loads(line)["id"] for line in read_lines(out)] == [4, 2]
    assert (tmp_path / "out.errors.jsonl").read_bytes() == b""


def test_gzip_in_and_out(tmp_path, capsys):
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress("".join(r + "\n" for r in RECORDS).encode()))
    plain = write(tmp_path / "plain.jsonl", RECORDS)
    out_gz, out_plain = tmp_path / "out.jsonl.gz", tmp_path / "out.jsonl"
    run(capsys, str(source), "-o", str(out_gz), "--batch-size", "1", *STABLE)
    run(capsys, str(plain), "-o", str(out_plain), *STABLE)
    raw = out_gz.read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    assert raw[4:8] == b"\0\0\0\0"  # no timestamp: equal input, equal bytes
    assert gzip.decompress(raw) == out_plain.read_bytes()


def test_empty_input_gives_a_valid_empty_gzip(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", [])
    out = tmp_path / "out.jsonl.gz"
    code, stderr = run(capsys, str(source), "-o", str(out), *STABLE)
    assert code == 0
    assert gzip.decompress(out.read_bytes()) == b""
    assert summary_line(stderr).startswith("contentlint corpus: 0 records")


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path, capsys):
    data = gzip.compress("".join(RECORDS[3] + "\n" for _ in range(2000)).encode())
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    code, _ = run(capsys, str(source), "-o", str(out), *STABLE)
    assert code == 1
    kept = len(read_lines(out))
    assert 0 < kept < 2000
    (error,) = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert error["line"] == kept + 1
    assert error["reason"].startswith("cannot read further:")


def test_two_workers_write_the_same_bytes_as_one(tmp_path, capsys):
    lines = [RECORDS[i % len(RECORDS)].replace('"id"', f'"n": {i}, "id"', 1) for i in range(400)]
    lines[77] = "{broken"
    source = write(tmp_path / "in.jsonl", lines)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(capsys, str(source), "-o", str(one), "--batch-size", "16", *STABLE)
    run(capsys, str(source), "-o", str(two), "--batch-size", "16", "--workers", "2", *STABLE)
    assert one.read_bytes() == two.read_bytes()
    assert [json.loads(line)["n"] for line in read_lines(two)][:3] == [0, 1, 2]
    assert (tmp_path / "one.errors.jsonl").read_bytes() == (
        tmp_path / "two.errors.jsonl"
    ).read_bytes()


def test_stdin_to_stdout(tmp_path, capsys, monkeypatch):
    import io
    import sys

    data = "".join(r + "\n" for r in RECORDS).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    stdout = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout))
    code = main(["corpus", "-", "-o", "-", "-q", *STABLE])
    assert code == 0
    assert [json.loads(line)["id"] for line in stdout.getvalue().decode().splitlines()] == [
        1,
        2,
        3,
        4,
    ]


def test_output_that_is_an_input_is_refused(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    code, stderr = run(capsys, str(source), "-o", str(source))
    assert code == 2
    assert f"contentlint: error: {source} is also an input" in stderr
    assert read_lines(source) == RECORDS


def test_missing_input_fails_before_any_output(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "out.jsonl"
    code, stderr = run(capsys, str(source), str(tmp_path / "nope.jsonl"), "-o", str(out))
    assert code == 2
    assert "nope.jsonl: No such file or directory" in stderr
    assert not out.exists()


def test_dask_engine_without_dask_says_how_to_install(tmp_path, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # makes the import fail
    source = write(tmp_path / "in.jsonl", RECORDS)
    code, stderr = run(capsys, str(source), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask")
    assert code == 2
    assert stderr.strip().endswith(
        "contentlint: error: the dask engine needs the dask extra: pip install 'contentlint[dask]'"
    )
    assert not (tmp_path / "o.jsonl").exists()


def test_summary_json(tmp_path, capsys):
    source = write(tmp_path / "in.jsonl", RECORDS)
    summary = tmp_path / "summary.json"
    run(
        capsys,
        str(source),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--summary-json",
        str(summary),
        *STABLE,
    )
    data = json.loads(summary.read_text())
    assert (data["records"], data["changed"], data["dropped"], data["errors"]) == (4, 2, 0, 0)
    assert data["findings"] == {"encoding/mojibake": 1, "html-comment/comment": 1}


def test_parquet_input(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow", reason="Parquet input needs the parquet extra (pyarrow)")
    import datetime

    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": [1, 2, 3],
            "text": ["CafÃ© menu", "fine", None],
            "day": [datetime.date(2024, 5, 1)] * 3,
        }
    )
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    out = tmp_path / "out.jsonl"
    code, _ = run(capsys, str(source), "-o", str(out), *STABLE)
    assert code == 1
    assert read_lines(out) == [
        '{"id": 1, "text": "Café menu", "day": "2024-05-01", '
        '"contentlint": {"fixed": 1, "findings": []}}',
        '{"id": 2, "text": "fine", "day": "2024-05-01", '
        '"contentlint": {"fixed": 0, "findings": []}}',
    ]
    (error,) = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert (error["line"], error["reason"]) == (3, "field 'text' is null, not a string")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"a": 1} x', "invalid JSON: Extra data at column 10"),
        ('{"a" 1}', "invalid JSON: Expecting ':' delimiter at column 6"),
        ("[" * 100_000, "invalid JSON: nested too deeply"),
        ('"text"', "not a JSON object but a string"),
        ("null", "not a JSON object but null"),
    ],
)
def test_raw_parser_reasons(line, reason):
    with pytest.raises(RecordError) as caught:
        parse_object(line)
    assert str(caught.value) == reason


def test_splice_appends_in_the_record_style():
    assert parse_object("{}").splice({"k": "1"}) == '{"k": 1}'
    assert parse_object('{"a":1 }').splice({"k": "2"}) == '{"a":1,"k":2 }'
    spaced = parse_object('{ "a" : [1, {"text": 0}], "text": "x" }')
    assert (
        spaced.splice({"text": '"y"', "k": "3"})
        == '{ "a" : [1, {"text": 0}], "text": "y", "k": 3 }'
    )


def test_usage_errors(tmp_path, capsys):
    source = str(write(tmp_path / "in.jsonl", RECORDS))
    out = str(tmp_path / "o.jsonl")
    cases = [
        (["--engine", "local", "--scheduler", "tcp://x:8786"], "--scheduler needs --engine dask"),
        (["--dropped-output", "d.jsonl"], "--dropped-output needs --drop-if"),
        (["--select", "nope"], "unknown check or rule 'nope'"),
        (["--workers", "0"], "expected a positive whole number, got '0'"),
    ]
    for extra, message in cases:
        code, stderr = run(capsys, source, "-o", out, *extra)
        assert (code, message in stderr) == (2, True), extra
    code, stderr = run(capsys, source, "-o", str(tmp_path / "o.parquet"))
    assert "the output is JSONL: name it OUT.jsonl or OUT.jsonl.gz" in stderr
    assert not (tmp_path / "o.jsonl").exists()


def _crashing_work(batch):
    import os

    from lint.corpus import local
    from lint.corpus.process import process_batch

    if b"CRASH" in batch.data:
        os._exit(1)  # what a segfault or the OOM killer looks like to the pool
    return process_batch(batch, local._WORKER_JOB[0])


@pytest.mark.skipif(
    __import__("multiprocessing").get_start_method() != "fork",
    reason="the crashing worker is patched in by fork",
)
def test_a_dying_worker_costs_only_its_batch(tmp_path, capsys, monkeypatch):
    from lint.corpus import local

    monkeypatch.setattr(local, "_work", _crashing_work)
    lines = [f'{{"id": {n}, "text": "record {n}"}}' for n in range(1, 41)]
    lines[12] = '{"id": 13, "text": "CRASH"}'
    source = write(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    code, stderr = run(capsys, str(source), "-o", str(out), "--workers", "2", "--batch-size", "4")
    assert code == 1
    assert [json.loads(line)["id"] for line in read_lines(out)] == [
        n for n in range(1, 41) if not 13 <= n <= 16
    ]
    errors = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert [(e["line"], e["reason"]) for e in errors] == [
        (n, "a worker process died while processing this batch") for n in range(13, 17)
    ]
    assert "40 records, 0 changed, 0 dropped, 4 failed" in summary_line(stderr)


def test_progress_bar_counts_records():
    import io

    from lint.cli.progress import Progress

    now = [0.0]
    screen = io.StringIO()
    progress = Progress(screen, total=2000, enabled=True, unit="record", clock=lambda: now[0])
    now[0] = 1.0
    progress.advance(500)
    assert " 500/2,000 records  " in screen.getvalue()
    progress.close()
    assert screen.getvalue().endswith("\r\x1b[K")
    unknown = io.StringIO()
    Progress(unknown, total=None, enabled=True, unit="record", clock=lambda: now[0]).advance(7)
    assert unknown.getvalue().startswith("\r\x1b[Kcontentlint 0 records")  # drawn at once
    assert "contentlint 7 records  " not in unknown.getvalue()  # the same instant: not redrawn


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=8,
)


@given(
    st.dictionaries(st.text(max_size=8), _VALUES, max_size=6),
    st.sampled_from([(",", ":"), (", ", ": "), (" ,\t", " :  ")]),
    st.booleans(),
)
def test_raw_parser_agrees_with_json_and_splices_losslessly(record, separators, ascii_only):
    line = json.dumps(record, separators=separators, ensure_ascii=ascii_only)
    parsed = parse_object(line)
    assert parsed.values == json.loads(line)
    assert parsed.splice({}) == line
    spliced = parsed.splice({"contentlint": "[1]"})
    assert json.loads(spliced) == {**json.loads(line), "contentlint": [1]}
    if "contentlint" not in record and record:
        assert spliced.startswith(line[: parsed.last_value_end])
