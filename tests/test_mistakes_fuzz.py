"""Hostile account files through the real command line: whatever the bytes, `duplicates
scan --accounts FILE --json` ends in exit 0 with one JSON document (only for a valid file)
or exit 2 with exactly one line on stderr - never an exception, never a traceback."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from opiq_admin.cli import main
from opiq_admin.services.duplicates.records import record_from_mapping

RECORD = {"id": "opq-usr-1", "first_name": "Tõnis", "last_name": "Kõiv", "email": None,
          "id_code": None, "birth_date": "2012-03-04", "ekool_id": None, "roles": ["student"],
          "created_at": "2023-02-01T08:00:00Z", "has_license": True, "school": "11111",
          "journals": ["7.b matemaatika"]}

# Pieces that have broken readers: deep nesting, huge integers, lone surrogate escapes,
# characters that str.splitlines takes for line ends, BOMs, CR/LF, NUL, quotes, commas.
HOSTILE = ["[" * 3000, "]" * 3000, '{"a":' * 2000, "9" * 4400, "-" + "1" * 5000,
           "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\u2028", "\u2029", "\u0085",
           "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\ufeff", "\r\n", "\r", "\n", "\x00",
           '"', "'", ",", ";", ":", "{", "}", "[", "]", "null", "true", "1e999", "NaN",
           "Infinity", "-0", '"\\', "\t", " ", "id,first_name,last_name\n"]


def name_text() -> st.SearchStrategy[str]:
    return st.text(st.characters(codec=None, blacklist_categories=()), max_size=8) | \
        st.sampled_from(["", " ", "\ud800", "O'Neil", "Šarapov", "Õunapuu", "\u2028", "=1+1"])


@st.composite
def record_line(draw) -> str:
    """A record, often valid, sometimes with one field or its spelling made odd."""
    record = dict(RECORD)
    record["id"] = draw(st.sampled_from(["opq-usr-1", "opq-usr-2", "x\ud800", " ", ""]))
    record["first_name"] = draw(name_text())
    record["last_name"] = draw(name_text())
    if draw(st.booleans()):
        field = draw(st.sampled_from(sorted(RECORD)))
        record[field] = draw(st.none() | st.booleans() | st.integers() | name_text()
                             | st.lists(name_text(), max_size=2) | st.just({}))
    text = json.dumps(record, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
    return text


@st.composite
def jsonish(draw) -> bytes:
    lines = draw(st.lists(record_line() | st.sampled_from(HOSTILE) | st.text(max_size=20),
                          max_size=6))
    ending = draw(st.sampled_from(["\n", "\r\n", "\u2028", "\u0085", ""]))
    text = draw(st.sampled_from(["", "\ufeff"])) + "\n".join(lines) + ending
    return text.encode("utf-8", "surrogatepass" if draw(st.booleans()) else "replace")


def valid_jsonl(raw: bytes) -> bool:
    """The reference reading of the format: lines end only at \\n (a \\r before it is
    dropped), blank lines are skipped, every other line is one valid record, at least one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    count = 0
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            record_from_mapping(json.loads(line))
        except (ValueError, RecursionError):
            return False
        count += 1
    return count > 0


FILES = st.tuples(st.sampled_from(["accounts.jsonl", "accounts.csv"]),
                  st.binary(max_size=200) | jsonish())


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(FILES)
@example(("accounts.jsonl", b""))
@example(("accounts.csv", b""))
@example(("accounts.jsonl", b"[" * 100_000))
@example(("accounts.jsonl", json.dumps(RECORD).encode() + b"\r\n\r\n"))
@example(("accounts.jsonl", ('{"id": "\\ud800", "first_name": "\u2028", "last_name": '
                             '"\u0085"}').encode()))
@example(("accounts.csv", b"id,first_name,last_name\r\nx,\"a\rb\",c\r\n"))
def test_any_account_file_ends_in_0_or_2_and_one_line(tmp_path, capsys, case):
    name, raw = case
    path = tmp_path / name
    path.write_bytes(raw)
    capsys.readouterr()
    code = main(["duplicates", "scan", "--accounts", str(path), "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    assert code in (0, 2), err
    if code == 0:
        assert err == ""
        out.encode("utf-8")  # strict: valid UTF-8
        assert set(json.loads(out)) == {"pairs", "ambiguous"}
    else:
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"opiq-admin: {path}"), err
    if name.endswith(".jsonl"):
        assert (code == 0) == valid_jsonl(raw), (raw[:200], err)
