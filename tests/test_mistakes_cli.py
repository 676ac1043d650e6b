"""Every mistake a user can make ends in one clear line on stderr and exit 2 (bad input) or
1 (the work failed) - never a traceback - and `--json` output is always valid UTF-8 JSON."""

from __future__ import annotations

import errno
import io
import json
import logging
import sqlite3
import sys
from pathlib import Path

import pytest

from opiq_admin import commands
from opiq_admin.cli import main
from opiq_admin.commands.base import emit, say
from opiq_admin.services.store import open_store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])  # the messages asserted are the English ones
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("opiq-admin: ")
    return lines[0]


# -- the store -------------------------------------------------------------------------------

def test_a_data_folder_that_cannot_be_written(tmp_path, capsys):
    (tmp_path / "data").write_text("a file where the data folder should be")
    code, out, err = run(capsys, "--practice", str(tmp_path), "status", "--json")
    assert code == 1 and out == ""
    assert one_line(err) == (f"opiq-admin: the data folder {tmp_path / 'data'} cannot be "
                             f"written: it is a file, not a folder")


def test_a_store_of_a_newer_version_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    store = open_store(f"sqlite:///{data / 'store.sqlite3'}", data)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'a1b2c3d4e5f6'")
    store.close()
    code, out, err = run(capsys, "--practice", str(tmp_path), "status", "--json")
    assert code == 1 and out == ""
    assert "newer opiq-admin (revision a1b2c3d4e5f6); update the program" in one_line(err)
    with sqlite3.connect(data / "store.sqlite3") as conn:
        assert conn.execute("select version_num from alembic_version").fetchall() == [
            ("a1b2c3d4e5f6",)]


def test_a_damaged_store_is_moved_aside_and_said_once(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "store.sqlite3").write_bytes(b"\x00garbage" * 1000)
    code, out, err = run(capsys, "--practice", str(tmp_path), "status", "--json")
    assert code == 0 and json.loads(out)["opiq"]["signed_in"] is True
    [moved] = data.glob("store.sqlite3.corrupt-*")
    line = one_line(err)
    assert str(moved) in line and "a new, empty store was started" in line


# -- settings --------------------------------------------------------------------------------

def write_settings(root: Path, text: str) -> Path:
    path = root / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_settings_file(tmp_path, capsys):
    path = write_settings(tmp_path, '{"language": "et",}')
    code, out, err = run(capsys, "--practice", str(tmp_path), "status", "--json")
    assert code == 2 and out == ""
    assert one_line(err) == (f"opiq-admin: Settings file {path} is not valid JSON: Expecting "
                             f"property name enclosed in double quotes at line 1, column 19")


@pytest.mark.parametrize("value", [0, -1])
def test_concurrency_zero_or_negative_is_refused_not_hung(tmp_path, capsys, value):
    path = write_settings(tmp_path, json.dumps({"schema_version": 2, "concurrency": value}))
    code, _, err = run(capsys, "--practice", str(tmp_path), "journals", "refresh", "x",
                       "--json")
    assert code == 2
    assert one_line(err) == (f"opiq-admin: Settings file {path}: Setting 'concurrency' must "
                             f"be from 1 to 32, not {value}")


# -- account files ---------------------------------------------------------------------------

PAIR = [
    {"id": "old-\ud800", "first_name": "tonis", "last_name": "koiv",
     "email": "tonu2011@gmail.com", "ekool_id": None, "roles": ["student"],
     "created_at": "2021-09-01T08:00:00Z", "has_license": True, "school": "18611",
     "journals": ["7b mata"]},
    {"id": "new-\udfff", "first_name": "Tõnis", "last_name": "Kõiv", "email": None,
     "id_code": "51105050013", "birth_date": "2011-05-05", "ekool_id": "ek-9",
     "roles": ["student"], "created_at": "2026-09-20T08:00:00Z", "has_license": False,
     "school": "18611", "journals": ["7.b matemaatika"]},
]


def test_lone_surrogates_in_json_output_stay_valid_utf8_json(tmp_path, capsys):
    path = tmp_path / "accounts.jsonl"
    # json.dumps writes the lone surrogates as \ud800 escapes: valid JSON, valid ASCII.
    path.write_text("\n".join(json.dumps(r) for r in PAIR) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "duplicates", "scan", "--accounts", str(path), "--json")
    assert code == 0, err
    out.encode("utf-8")  # strict: no lone surrogate reached stdout
    doc = json.loads(out)
    assert [(p["old"], p["new"]) for p in doc["pairs"]] == [("old-\ud800", "new-\udfff")]
    assert "\\ud800" in out and "\\udfff" in out


def test_emit_and_say_never_fail_on_a_strict_utf8_stream(monkeypatch):
    raw_out, raw_err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw_out, encoding="utf-8"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw_err, encoding="utf-8"))
    emit({"name": "Õie \ud800 Sööt", "\udc00key": ["\u2028"]})
    say("opiq-admin: x\ud800y")
    sys.stdout.flush()
    sys.stderr.flush()
    text = raw_out.getvalue().decode("utf-8")
    assert "Õie" in text, "non-ASCII letters are written as they are"
    assert json.loads(text) == {"name": "Õie \ud800 Sööt", "\udc00key": ["\u2028"]}
    assert raw_err.getvalue().decode("utf-8") == "opiq-admin: x\\ud800y\n"


def test_u2028_inside_names_does_not_shift_line_numbers(tmp_path, capsys):
    path = tmp_path / "accounts.jsonl"
    rows = [json.dumps({**PAIR[0], "id": "a", "first_name": "to\u2028nis"}, ensure_ascii=False),
            json.dumps({**PAIR[1], "id": "b", "last_name": "K\u0085õiv"}, ensure_ascii=False),
            '{"id": "c", "first_name": 5}']
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "duplicates", "scan", "--accounts", str(path), "--json")
    assert code == 2 and out == ""
    assert one_line(err).startswith(f"opiq-admin: {path}:3: ")


@pytest.mark.parametrize(("name", "content"), [
    ("a.jsonl", b""), ("a.jsonl", b"\n \n"), ("a.csv", b""),
    ("a.csv", b"id,first_name,last_name\n"),
])
def test_an_empty_or_headerless_file_is_bad_input(tmp_path, capsys, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "duplicates", "scan", "--accounts", str(path), "--json")
    assert code == 2 and out == ""
    assert one_line(err) == f"opiq-admin: {path}: no account records"


@pytest.mark.parametrize(("content", "words"), [
    (b"[" * 100_000, ":1: not readable JSON (nested too deeply)"),
    (b'{"id": "x", "first_name": "a", "last_name": "b", "school": ' + b"1" * 4400 + b"}",
     ":1: not readable JSON (a number longer than 4300 digits)"),
    (b'{"id": "x"}\n\xff\xfe\n',
     ":2: not valid UTF-8 text; save the file as UTF-8 (in Excel: \u201cCSV UTF-8\u201d)"),
])
def test_hostile_account_files_are_one_bad_line(tmp_path, capsys, content, words):
    path = tmp_path / "a.jsonl"
    path.write_bytes(content)
    code, _, err = run(capsys, "duplicates", "scan", "--accounts", str(path), "--json")
    assert code == 2
    assert one_line(err) == f"opiq-admin: {path}{words}"


def test_a_missing_accounts_file_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "duplicates", "scan", "--accounts", str(tmp_path / "no.jsonl"))
    assert code == 2 and "cannot read the file (No such file or directory)" in one_line(err)


# -- the last line ---------------------------------------------------------------------------

def failing_with(monkeypatch, exc: BaseException) -> None:
    async def handler(args):
        raise exc
    monkeypatch.setitem(commands.COMMANDS, ("duplicates", "scan"), handler)


def test_disk_full_or_permission_is_one_line_exit_1(monkeypatch, capsys):
    failing_with(monkeypatch, OSError(errno.ENOSPC, "No space left on device", "/tmp/out.csv"))
    code, _, err = run(capsys, "duplicates", "scan", "--accounts", "x.jsonl")
    assert code == 1
    assert one_line(err) == "opiq-admin: /tmp/out.csv: the disk is full"
    failing_with(monkeypatch, PermissionError(errno.EACCES, "Permission denied", "/x/plan.json"))
    code, _, err = run(capsys, "duplicates", "scan", "--accounts", "x.jsonl")
    assert code == 1 and one_line(err) == "opiq-admin: /x/plan.json: Permission denied"


def test_an_unexpected_error_is_one_line_and_a_logged_traceback(tmp_path, monkeypatch, capsys,
                                                                 caplog):
    failing_with(monkeypatch, RuntimeError("it broke\nacross lines"))
    with caplog.at_level(logging.ERROR):
        code, _, err = run(capsys, "--practice", str(tmp_path), "duplicates", "scan",
                           "--accounts", "x.jsonl")
    assert code == 1
    log_file = tmp_path / "data" / "logs" / "opiq-admin.log"
    assert one_line(err) == (f"opiq-admin: internal error: RuntimeError: it broke across "
                             f"lines (details in {log_file})")
    # The traceback is in the log (and so in pytest's report of a failing test), not on stderr.
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "Traceback" in log_file.read_text(encoding="utf-8")
