"""What the command line writes, as Windows users get it: UTF-8 JSON whatever the console's
code page, --output FILE, CSV in the Estonian Excel convention with single CRLF line
ends; results for people on stdout, messages on stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opiq_admin.cli import main
from opiq_admin.commands import base

ESTONIAN = set("õäöüšžÕÄÖÜŠŽ")


@pytest.fixture(scope="module")
def practice(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("practice")


def cp1252_env() -> dict[str, str]:
    """A console whose code page is Windows-1252, as on a Western European Windows."""
    return {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}


@pytest.mark.slow
def test_json_redirected_from_a_cp1252_console_is_utf8(practice: Path, tmp_path: Path) -> None:
    """`duplicates scan --json > scan.json` on a cp1252 console, then `remediate plan
    --pairs scan.json` reads it back: the README's own sequence."""
    target = tmp_path / "scan.json"
    with target.open("wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "opiq_admin", "--practice", str(practice),
                               "duplicates", "scan", "--json"], stdout=stdout,
                              stderr=subprocess.PIPE, env=cp1252_env(), timeout=300)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    raw = target.read_bytes()
    text = raw.decode("utf-8")  # strict: one cp1252 byte would fail here
    assert ESTONIAN & set(text)
    document = json.loads(text)
    assert document["pairs"]
    assert not (ESTONIAN & set(raw.decode("cp1252", errors="replace")) - set(text))


@pytest.mark.slow
def test_output_file_is_utf8_and_stdout_stays_empty(practice: Path, tmp_path: Path) -> None:
    target = tmp_path / "kontod.json"
    done = subprocess.run([sys.executable, "-m", "opiq_admin", "--practice", str(practice),
                           "--output", str(target), "accounts", "list", "--json"],
                          capture_output=True, env=cp1252_env(), timeout=300)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout == b""
    document = json.loads(target.read_bytes().decode("utf-8"))
    assert len(document["accounts"]) >= 300
    assert ESTONIAN & set(json.dumps(document, ensure_ascii=False))
    assert not list(tmp_path.glob("*.part"))


def test_a_failed_run_leaves_an_earlier_output_file_as_it_was(tmp_path: Path, capsys) -> None:
    target = tmp_path / "scan.json"
    target.write_text("earlier", encoding="utf-8")
    code = main(["--output", str(target), "duplicates", "scan", "--accounts",
                 str(tmp_path / "missing.jsonl"), "--json"])
    assert code == 2 and "missing.jsonl" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "earlier"
    assert not list(tmp_path.glob("*.part"))


def windows_text_layer(monkeypatch) -> None:
    """Path.write_text as on Windows, where text mode turns every "\n" into "\r\n"
    unless newline="" is given: the way a CSV's CRLF became CR CR LF there."""
    write_text = Path.write_text

    def windows(self, data, encoding=None, errors=None, newline=None):
        if newline is None:
            data, newline = data.replace("\n", "\r\n"), ""
        return write_text(self, data, encoding=encoding, errors=errors, newline=newline)

    monkeypatch.setattr(Path, "write_text", windows)


@pytest.mark.slow
def test_prevention_csv_has_single_crlf_semicolons_and_a_bom(practice: Path, tmp_path: Path,
                                                            capsys, monkeypatch) -> None:
    windows_text_layer(monkeypatch)
    target = tmp_path / "ennetus.csv"
    assert main(["--practice", str(practice), "duplicates", "prevention", "--csv",
                 str(target)]) == 0
    out, _ = capsys.readouterr()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\r\n" not in raw
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and b"\r" not in line
                                    for line in lines)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) >= 2 and len(rows[0]) > 2 and len(set(map(len, rows))) == 1
    assert len(out.splitlines()) == len(rows) - 1  # one line a person, on stdout


def test_a_csv_cell_with_a_fraction_has_a_decimal_comma() -> None:
    from opiq_admin.services.csvsafe import csv_document

    text = csv_document(["Nimi", "Skoor"], [["Õunapuu; Kätlin", 0.93], ["=1+1", 2]])
    assert text == ('\ufeffNimi;Skoor\r\n"Õunapuu; Kätlin";0,93\r\n\'=1+1;2\r\n')


@pytest.mark.slow
def test_results_for_people_go_to_stdout_and_messages_to_stderr(practice: Path,
                                                                capsys) -> None:
    assert main(["--lang", "en", "--practice", str(practice), "status"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("opiq: Mari Maasikas (http://127.0.0.1:")
    assert err == ""
    assert main(["--practice", str(practice), "--lang", "en", "duplicates", "scan"]) == 0
    out, err = capsys.readouterr()
    assert " → " in out and out.count("\n") >= 1
    assert err.strip().endswith("ambiguous") and "→" not in err


@pytest.mark.slow
def test_journals_compare_is_shown_without_json(practice: Path, capsys) -> None:
    assert main(["--practice", str(practice), "--lang", "en", "journals", "list",
                 "--compare"]) == 0
    out, err = capsys.readouterr()
    assert "Not sent to Opiq yet (untransferred): " in out
    assert "Changed in eKool since the journal was sent to Opiq: " in out
    count = int(out.split("Not sent to Opiq yet (untransferred): ")[1].split()[0])
    assert count > 0
    assert err.strip().endswith("journals")
    # The same comparison in the default language, Estonian.
    assert main(["--practice", str(practice), "journals", "list", "--compare"]) == 0
    out, err = capsys.readouterr()
    assert f"Veel Opiqusse saatmata (üle kandmata): {count}" in out
    assert err.strip().endswith("päevikut")


@pytest.mark.slow
def test_scan_reads_the_programs_own_accounts_list(practice: Path, tmp_path: Path,
                                                   capsys) -> None:
    accounts = tmp_path / "kontod.json"
    assert main(["--practice", str(practice), "--output", str(accounts), "accounts", "list",
                 "--json"]) == 0
    assert main(["duplicates", "scan", "--accounts", str(accounts), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_file["pairs"]
    assert main(["--practice", str(practice), "duplicates", "scan", "--json"]) == 0
    live = json.loads(capsys.readouterr().out)
    assert {(p["old"], p["new"]) for p in from_file["pairs"]} == \
        {(p["old"], p["new"]) for p in live["pairs"]}


def test_a_progress_bar_only_on_a_terminal(monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert base.progress_bar(10, "pairs") is None  # plain lines for a pipe or a log
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = base.progress_bar(10, "pairs")
    assert bar is not None
    bar.n = 4
    bar.set_postfix(failed=0, skipped=1)
    bar.close()
    assert "4/10" in terminal.getvalue() and "skipped=1" in terminal.getvalue()
