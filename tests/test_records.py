"""Reading account records: JSON Lines and CSV, bad lines named by number."""

from __future__ import annotations

import json
import os
import random
import re
import sys
import typing
from pathlib import Path

import pytest

from opiq_admin.services.duplicates.records import AccountRecord, RecordError, read_records

GOOD = {
    "id": "opq-usr-1", "first_name": "Tõnis", "last_name": "Kõiv", "email": "tonis@hot.ee",
    "id_code": None, "birth_date": "2012-03-04", "ekool_id": None, "roles": ["student"],
    "created_at": "2023-02-01T08:00:00Z", "has_license": True, "school": "11111",
    "journals": ["7.b matemaatika", "7b mata"], "favourite_colour": "green",
}


def write_jsonl(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                              for r in rows) + "\n", encoding="utf-8")
    return path


def test_jsonl_round_trip_and_unknown_fields_ignored(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [GOOD, "", {**GOOD, "id": "opq-usr-2",
                                                         "ekool_id": "ek-usr-9"}])
    records = read_records(path)
    assert [r.id for r in records] == ["opq-usr-1", "opq-usr-2"]
    first = records[0]
    assert first == AccountRecord(
        id="opq-usr-1", first_name="Tõnis", last_name="Kõiv", email="tonis@hot.ee",
        id_code=None, birth_date="2012-03-04", ekool_id=None, roles=("student",),
        created_at="2023-02-01T08:00:00Z", has_license=True, school="11111",
        journals=("7.b matemaatika", "7b mata"))
    assert not first.linked and records[1].linked


@pytest.mark.parametrize(("bad", "words"), [
    ("{not json", "not valid JSON"),
    ('["a list"]', "JSON object"),
    ({**GOOD, "id": None}, "'id' is required"),
    ({k: v for k, v in GOOD.items() if k != "last_name"}, "'last_name' is required"),
    ({**GOOD, "roles": ["pupil"]}, "unknown role"),
    ({**GOOD, "birth_date": "04.03.2012"}, "birth_date"),
    ({**GOOD, "created_at": "yesterday"}, "created_at"),
    ({**GOOD, "has_license": "yes"}, "has_license"),
    ({**GOOD, "journals": "7.b"}, "journals"),
])
def test_jsonl_bad_line_names_its_number(tmp_path, bad, words):
    path = write_jsonl(tmp_path / "a.jsonl", [GOOD, GOOD, bad, GOOD])
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")
    assert words in str(info.value)


def test_bad_utf8_names_its_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + b'{"id": "\xff"}\n')
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 2


CSV_HEADER = ("id,first_name,last_name,email,id_code,birth_date,ekool_id,roles,created_at,"
              "has_license,school,journals,extra\n")


def test_csv_lists_nulls_and_quotes(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        CSV_HEADER
        + 'opq-usr-1,Tõnis,Kõiv,,,2012-03-04,,student,2023-02-01T08:00:00Z,true,11111,'
        '"7.b matemaatika; 7b mata",x\n'
        + '\n'
        + 'opq-usr-2,"Mari-Liis","Tamm, Kask",m@x.ee,,,ek-1,student;teacher,,false,11111,,\n',
        encoding="utf-8-sig")
    first, second = read_records(path)
    assert first.email is None and first.ekool_id is None and first.has_license
    assert first.journals == ("7.b matemaatika", "7b mata")
    assert second.last_name == "Tamm, Kask" and second.roles == ("student", "teacher")
    assert second.linked and second.journals == () and second.created_at == ""


@pytest.mark.parametrize(("line", "words"), [
    ("opq-usr-3,A,B,,,,,wizard,,false,1,,\n", "unknown role"),
    ("opq-usr-3,A,B,,,,,student,,maybe,1,,\n", "has_license"),
    ("opq-usr-3,A,B\n", "cells"),
    (",A,B,,,,,student,,false,1,,\n", "'id'"),
])
def test_csv_bad_line_names_its_number(tmp_path, line, words):
    path = tmp_path / "a.csv"
    good = "opq-usr-1,Mari,Tamm,,,,,student,,false,1,,\n"
    # a quoted cell spanning two lines: the bad record after it is still on line 5
    multi = 'opq-usr-2,Mari,Tamm,,,,,student,,false,1,"7.b\nmata",\n'
    path.write_text(CSV_HEADER + good + multi + line, encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 5
    assert words in str(info.value)


def test_csv_without_required_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,first_name\n1,Mari\n", encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 1 and "last_name" in str(info.value)


def test_missing_file_is_a_record_error(tmp_path):
    with pytest.raises(RecordError):
        read_records(tmp_path / "nope.jsonl")


class _Text(str):
    """A string that is not exactly `str`: taken by the full checks only."""


ODD_VALUES = [None, "", " ", "x", " 3950101 ", 0, 1, True, False, [], {}, ["student"],
              ["student", "admin"], ["pupil"], [1], [["student"]], ["7.b", 7],
              "2012-03-04", "2012-02-30", "2023-02-01T08:00:00Z", "yesterday",
              _Text("student"), [_Text("teacher")], _Text("2012-03-04")]


@pytest.mark.parametrize("name", [*(k for k in GOOD if k != "favourite_colour"), "absent"])
def test_quick_path_agrees_with_the_full_checks(name):
    """Every record the quick path builds is the one the field-by-field checks build."""
    from opiq_admin.services.duplicates.records import (
        _checked_record,
        _plain_record,
        record_from_mapping,
    )

    variants = [{k: v for k, v in GOOD.items() if k != name}]
    variants += [{**GOOD, name: value} for value in ODD_VALUES]
    for data in variants:
        quick = _plain_record(data)
        try:
            full = _checked_record(data)
        except ValueError as exc:
            assert quick is None, data
            with pytest.raises(ValueError, match=re.escape(str(exc))):
                record_from_mapping(data)
            continue
        assert quick is None or quick == full, data
        assert record_from_mapping(data) == full


def test_padded_and_blank_jsonl_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("  " + json.dumps(GOOD) + "  \n \t\n\n" + json.dumps(GOOD) + "\n",
                    encoding="utf-8")
    assert [r.id for r in read_records(path)] == ["opq-usr-1", "opq-usr-1"]
    path.write_text(json.dumps(GOOD) + " " + json.dumps(GOOD) + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 1 and "Extra data" in str(info.value)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_only_a_newline_ends_a_jsonl_line(tmp_path, separator):
    """JSON allows U+2028, U+2029 and U+0085 raw inside a string; they end no line, so
    the bad line after them is still named by its own number."""
    path = write_jsonl(tmp_path / "a.jsonl", [{**GOOD, "first_name": f"Tõ{separator}nis"},
                                              {**GOOD, "last_name": f"K{separator}õiv"},
                                              {**GOOD, "roles": ["pupil"]}])
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 3 and "unknown role" in str(info.value)
    path = write_jsonl(path, [{**GOOD, "first_name": f"Tõ{separator}nis"}])
    assert read_records(path)[0].first_name == f"Tõ{separator}nis"


def test_crlf_lines_read_and_keep_their_numbers(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\r\n".join([json.dumps(GOOD).encode(), b"", json.dumps(GOOD).encode(),
                                   b"{bad"]) + b"\r\n")
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 4
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\r\n\r\n")
    assert [r.id for r in read_records(path)] == ["opq-usr-1"]


def test_deep_nesting_is_a_bad_line_not_a_crash(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [GOOD, "[" * 100_000 + "]" * 100_000])
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 2 and "nested too deeply" in str(info.value)
    path = write_jsonl(path, [GOOD, '{"id": ' + "[" * 100_000])
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 2


def test_a_too_long_integer_is_a_bad_line_not_a_crash(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl",
                       [GOOD, GOOD, '{"id": "x", "first_name": "A", "last_name": "B", '
                                    '"school": ' + "7" * 5000 + "}"])
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert info.value.line == 3 and "number longer than" in str(info.value)


def test_a_bad_value_is_quoted_short(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{**GOOD, "birth_date": "x" * 1_000_000}])
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert len(str(info.value)) < 400 and "\n" not in str(info.value)


@pytest.mark.parametrize(("name", "content"), [
    ("a.jsonl", b""), ("a.jsonl", b"\n\n  \n\r\n"), ("a.jsonl", b"\xef\xbb\xbf"),
    ("a.csv", b""), ("a.csv", b"\xef\xbb\xbf"), ("a.csv", CSV_HEADER.encode()),
    ("a.csv", CSV_HEADER.encode() + b"\n,,,\n"),
])
def test_a_file_without_records_is_bad_input(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert str(info.value) == f"{path}: no account records"


ROW = "opq-usr-1,Kätlin,Õunapuu,,,,,student,,false,1,,\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_utf8_with_or_without_a_bom_and_utf16_with_one_are_read(tmp_path, encoding):
    path = tmp_path / "a.csv"
    text = CSV_HEADER + ROW
    if encoding.startswith("utf-16-"):  # a BOM of its byte order first, as Excel writes
        text = "\ufeff" + text
    path.write_text(text, encoding=encoding)
    [record] = read_records(path)
    assert (record.first_name, record.last_name) == ("Kätlin", "Õunapuu")


def test_semicolons_of_estonian_excel_are_read(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(("\ufeff" + CSV_HEADER.replace(",", ";")
                      + '"opq-usr-1";Kätlin;Õunapuu;;;;;"student;teacher";;false;1;;\r\n')
                     .encode("utf-8"))
    [record] = read_records(path)
    assert record.last_name == "Õunapuu" and record.roles == ("student", "teacher")


def test_a_baltic_code_page_file_says_how_to_save_it(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes((CSV_HEADER + ROW).encode("cp1257"))
    with pytest.raises(RecordError) as info:
        read_records(path)
    assert str(info.value).startswith(f"{path}:2: not valid UTF-8 text: it looks like "
                                      "Windows-1257 (Baltic)")
    assert "CSV UTF-8" in str(info.value)


def test_accounts_list_json_output_is_read_as_records(tmp_path):
    """`duplicates scan --accounts` takes what `accounts list --json` wrote."""
    path = tmp_path / "accounts.json"
    record = {"id": "opq-usr-1", "first_name": "Kätlin", "last_name": "Õunapuu",
              "roles": ["student"], "has_license": False, "school": "1", "journals": []}
    path.write_text(json.dumps({"accounts": [record, {**record, "id": "opq-usr-2"}],
                                "licences": {"total": 1, "assigned": 0, "free": 1}},
                               ensure_ascii=False, indent=2), encoding="utf-16")
    assert [r.id for r in read_records(path)] == ["opq-usr-1", "opq-usr-2"]
    path.write_text(json.dumps({"accounts": [record, {"id": "x"}]}), encoding="utf-8")
    with pytest.raises(RecordError, match='account 2 of "accounts"'):
        read_records(path)


def test_a_folder_given_as_the_file_is_one_clear_error(tmp_path):
    with pytest.raises(RecordError) as info:
        read_records(tmp_path)
    assert str(info.value).startswith(f"{tmp_path}: cannot read the file")


# The quick reader (msgspec over the whole file) against the line-by-line one: every file
# gives the same records, or the same one-line complaint, whichever reader reads it.

@pytest.fixture(params=["one chunk", "small chunks"])
def chunked(request, monkeypatch):
    """The quick reader takes a file a chunk of lines at a time; a small chunk puts
    chunk boundaries between the lines of these small files."""
    if request.param == "small chunks":
        from opiq_admin.services.duplicates import records

        monkeypatch.setattr(records, "_CHUNK", 200)


def _outcome(path) -> list[AccountRecord] | str:
    try:
        return read_records(path)
    except RecordError as exc:
        return str(exc)


def _both(path, monkeypatch) -> tuple[list[AccountRecord] | str, list[AccountRecord] | str]:
    from opiq_admin.services.duplicates import records

    quick = _outcome(path)
    with monkeypatch.context() as patch:
        patch.setattr(records, "_fast_jsonl", lambda _raw: None)
        full = _outcome(path)
    return quick, full


PLAIN = {k: v for k, v in GOOD.items() if k != "favourite_colour"}
UNUSUAL_BUT_VALID = [
    {**PLAIN, "email": None, "id_code": None, "birth_date": None, "ekool_id": None},
    {"id": "opq-usr-2", "first_name": "", "last_name": "Kõiv"},  # the rest absent
    {**PLAIN, "email": "", "ekool_id": "", "id_code": "", "school": "", "created_at": ""},
    {**PLAIN, "id_code": " 39501010000 "},
    {**PLAIN, "id_code": "\t39501010000\u00a0"},
    {**PLAIN, "id_code": "   "},
    {**PLAIN, "id": " opq-usr-3 "},
    {**PLAIN, "roles": None, "journals": None, "school": None, "created_at": None,
     "has_license": None},
    {**PLAIN, "roles": [], "journals": []},
    {**PLAIN, "roles": ["student", "student", "admin"]},
    {**PLAIN, "created_at": "2023-02-01T08:00:00+00:00"},
    {**PLAIN, "created_at": "2023-02-01T08:00:00.123456"},
    {**PLAIN, "created_at": "2023-02-01 08:00:00Z"},
    {**PLAIN, "created_at": "2023-02-01t08:00"},
    {**PLAIN, "created_at": "2023-02-01"},
    {**PLAIN, "created_at": "2023-02-01Z"},  # json.loads and datetime disagree on this one
    {**PLAIN, "birth_date": "2012-02-29"},
    {**PLAIN, "first_name": "Tõ\u2028nis", "last_name": "K\u0085õiv"},
    {**PLAIN, "extra": {"nested": [1, {"deeper": None}]}, "big": 1e300, "many": "7" * 400},
]
RAW_VALID_LINES = [
    b'{"\\u0069d": "opq-usr-4", "first_name": "T\\u00f5nis", "last_name": "K\\u00f5iv"}',
    b'{"id": "opq-usr-5", "id": "opq-usr-6", "first_name": "A", "last_name": "B"}',
    b'{"id": "opq-usr-7", "first_name": "A", "last_name": "B", "x": NaN, "y": -Infinity}',
    b'{"id": "opq-usr-8", "first_name": "A", "last_name": "B", "x": "\\ud800"}',
    b'{"id": "opq-usr-9", "first_name": "\\ud83d\\ude00", "last_name": "B"}',
    b'\t {"id":"opq-usr-10","first_name":"A","last_name":"B","roles":["teacher"]} \r',
]


def _valid_lines() -> list[bytes]:
    return ([json.dumps(row, ensure_ascii=False).encode() for row in UNUSUAL_BUT_VALID]
            + RAW_VALID_LINES)


def _msgspec_reads(line: bytes) -> bool:
    from opiq_admin.services.duplicates.records import _DECODE_RECORD

    try:
        _DECODE_RECORD(line)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("layout", ["lf", "crlf", "bom", "blank lines", "no last newline"])
@pytest.mark.parametrize("which", ["all", "msgspec reads"])
def test_the_quick_reader_reads_unusual_lines_as_the_full_checks_do(tmp_path, monkeypatch,
                                                                   layout, which, chunked):
    """Lines msgspec decodes but the full checks normalise (an id code with spaces
    around it) are normalised alike; those it refuses (a null school, an unknown field)
    are read by the full checks, alone; in a file of either kind or both."""
    from opiq_admin.services.duplicates.records import _fast_jsonl

    lines = _valid_lines()
    if which == "msgspec reads":
        lines = [line for line in lines if _msgspec_reads(line)]
        assert len(lines) > 12
    raw = {"lf": b"\n".join(lines) + b"\n",
           "crlf": b"\r\n".join(lines) + b"\r\n",
           "bom": b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n",
           "blank lines": b"\n \t\n".join(lines) + b"\n\r\n\n",
           "no last newline": b"\n".join(lines)}[layout]
    path = tmp_path / "a.jsonl"
    path.write_bytes(raw)
    quick, full = _both(path, monkeypatch)
    assert isinstance(full, list) and len(full) == len(lines)
    assert quick == full
    # and the quick reader read them itself, not by leaving the file to the full checks
    assert _fast_jsonl(raw.removeprefix(b"\xef\xbb\xbf")) == full
    assert {record.id_code for record in full} == {None, "39501010000"}
    assert "" not in {record.email for record in full}


def test_usual_lines_are_decoded_straight_into_records():
    """The common case takes no detour: the field types alone make the record."""
    from opiq_admin.services.duplicates import records

    line = json.dumps({k: v for k, v in GOOD.items() if k != "favourite_colour"}).encode()
    assert records._DECODE_RECORD(line) == read_records_of(line)
    roles = typing.get_type_hints(AccountRecord, include_extras=True)["roles"]
    assert typing.get_args(typing.get_args(roles)[0]) == records.ROLES


def read_records_of(line: bytes) -> AccountRecord:
    from opiq_admin.services.duplicates.records import _iter_jsonl

    [record] = _iter_jsonl(line.decode(), "a.jsonl")
    return record


BAD_LINES = [
    b"{not json",
    b'["a list"]',
    b'{"id": "", "first_name": "A", "last_name": "B"}',
    b'{"id": " \\t\\u00a0", "first_name": "A", "last_name": "B"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "birth_date": "2012-02-30"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "birth_date": "2012-2-03"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "birth_date": "2012-03-04\\n2012-03-05"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "created_at": "2023-01-01T00:00:00z"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "created_at": "2023-02-30T00:00:00"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "created_at": "2023-01-01T24:00:00Z"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "roles": ["pupil"]}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "roles": "student"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "has_license": "yes"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "school": 11111}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "email": ""} {"id": "y"}',
    # what msgspec skips unchecked in a field it does not know, json refuses
    b'{"id": "x", "first_name": "A", "last_name": "B", "n": ' + b"7" * 5000 + b"}",
    b'{"id": "x", "first_name": "A", "last_name": "B", "note": "\xff"}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "\xc0\xaf": 1}',
    b'{"id": "x", "first_name": "A", "last_name": "B", "n": ' + b"[" * 990 + b"]" * 990 + b"}",
    b'{"id": "x", "first_name": "A", "last_name": "B"}\xef\xbb\xbf',
    b'{"id": "x", "first_name": "A", "last_name": "B"} {"id": "y", "first_name": "A", '
    b'"last_name": "B"}',
]


@pytest.mark.parametrize("bad", BAD_LINES)
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
@pytest.mark.parametrize("usual", [PLAIN, GOOD], ids=["known fields", "an unknown field"])
def test_a_bad_line_is_named_as_the_full_checks_name_it(tmp_path, monkeypatch, bad, newline,
                                                        usual, chunked):
    good = json.dumps(usual, ensure_ascii=False).encode()
    path = tmp_path / "a.jsonl"
    path.write_bytes(newline.join([good, good, bad, good]) + newline)
    quick, full = _both(path, monkeypatch)
    assert isinstance(full, str) and full.startswith(f"{path}:3: ")
    assert quick == full


def test_a_record_over_two_lines_is_not_hidden_by_two_on_another(tmp_path, monkeypatch,
                                                                 chunked):
    """As many records as lines, yet line 1 is not a record: msgspec reads a stream of
    values and would not notice; the line-by-line reader refuses line 1."""
    head = b'{"id": "x", "first_name": "A",'
    tail = b'"last_name": "B"} {"id": "y", "first_name": "A", "last_name": "B"}'
    path = tmp_path / "a.jsonl"
    one = b'{"id": "x", "first_name": "A", "last_name": "B"}'
    for raw in (head + b"\n" + tail + b"\n", head + b"\r\n" + tail,
                one + b"\n\n" + one + b" " + one + b"\n", one + b"\n" + head + b"\n"
                + b'"last_name": "B"}\n' + one):
        path.write_bytes(raw)
        quick, full = _both(path, monkeypatch)
        assert isinstance(full, str) and quick == full


def test_a_one_line_accounts_document_is_read_as_one(tmp_path, monkeypatch):
    record = {"id": "opq-usr-1", "first_name": "A", "last_name": "B"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps({**record, "accounts": [{**record, "id": "opq-usr-2"}]}),
                    encoding="utf-8")
    quick, full = _both(path, monkeypatch)
    assert quick == full and [r.id for r in full] == ["opq-usr-2"]


PLAIN_LINES = [json.dumps({**PLAIN, "id": f"opq-usr-{n}", **change}, ensure_ascii=False).encode()
               for n, change in enumerate([
                   {}, {"created_at": "2023-02-01T08:00:00+00:00"}, {"id_code": "39501010000"},
                   {"birth_date": None, "roles": ["teacher", "admin"], "journals": []},
                   {"email": None, "has_license": False, "ekool_id": "ek-usr-1"}])]


@pytest.mark.parametrize("base", [b"\n".join(_valid_lines()) + b"\n",
                                  b"\n".join(PLAIN_LINES) + b"\n",
                                  b"\r\n".join(PLAIN_LINES)], ids=["unusual", "usual", "crlf"])
def test_mutated_files_read_alike(tmp_path, monkeypatch, base, chunked):
    """Random damage to a valid file: both readers accept it alike or refuse it alike."""
    rng = random.Random(16)
    alphabet = b' \t\r\n{}[]",:0123456789-TZ+.\\u\xff\xc3\xb5naeltrsfx'
    path = tmp_path / "a.jsonl"
    accepted = 0
    for _ in range(400):
        raw = bytearray(base)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(raw))
            action = rng.random()
            if action < 0.4:
                raw[at] = rng.choice(alphabet)
            elif action < 0.7:
                del raw[at]
            else:
                raw.insert(at, rng.choice(alphabet))
        path.write_bytes(bytes(raw))
        quick, full = _both(path, monkeypatch)
        assert quick == full, bytes(raw)
        accepted += isinstance(full, list)
    assert 20 < accepted < 380  # both kinds of outcome were tried


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd on this system")
def test_a_pipe_is_read_once_and_whole(tmp_path):
    """`--accounts <(zcat accounts.jsonl.gz)`: a pipe cannot be mapped into memory, nor
    read twice; it is read once, by the same readers."""
    lines = b"\n".join(json.dumps({**PLAIN, "id": f"opq-usr-{n}"}).encode() for n in range(50))
    read_end, write_end = os.pipe()
    os.write(write_end, lines + b"\n")
    os.close(write_end)
    try:
        assert [r.id for r in read_records(f"/dev/fd/{read_end}")] == [
            f"opq-usr-{n}" for n in range(50)]
    finally:
        os.close(read_end)


@pytest.mark.parametrize("extra", [{}, {"favourite_colour": "green", "tags": [1, {"a": None}]}],
                         ids=["known fields", "unknown fields"])
def test_usual_files_take_no_line_by_line_detour(tmp_path, monkeypatch, extra):
    """A file of usual lines, with or without columns added by hand, is decoded a chunk at
    a time, never line by line; and reads as the full checks read it."""
    from opiq_admin.services.duplicates import records

    rows = [{**PLAIN, "id": f"opq-usr-{n}", "birth_date": f"2012-03-{n % 28 + 1:02}", **extra}
            for n in range(3000)]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    quick, full = _both(path, monkeypatch)
    assert quick == full and len(full) == 3000
    with monkeypatch.context() as patch:
        patch.setattr(records, "_line_by_line", None)
        assert read_records(path) == full


def test_a_lower_limit_on_integer_digits_is_kept(tmp_path, monkeypatch):
    """Python's limit on the digits of an integer may be set as low as 640 (an
    environment variable does it): a line short enough for the quick reader may then hold
    an integer json will not convert; both readers refuse it alike."""
    rows = [{**PLAIN, "id": f"opq-usr-{n}", "count": 7} for n in range(20)]
    long = '{"id": "x", "first_name": "A", "last_name": "B", "count": ' + "7" * 700 + "}"
    path = write_jsonl(tmp_path / "a.jsonl", [*rows, long])
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        quick, full = _both(path, monkeypatch)
    finally:
        sys.set_int_max_str_digits(before)
    assert full == f"{path}:21: not readable JSON (a number longer than 640 digits)"
    assert quick == full
