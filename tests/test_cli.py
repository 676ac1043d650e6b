"""The command line in practice mode (interfaces.md §5): JSON on stdout, exit codes, and no
token in any file under the practice folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opiq_admin.cli import main


@pytest.fixture(scope="module")
def practice(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("practice")


def run(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(["--lang", "en", *argv])  # the messages asserted are the English ones
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def test_status_reports_both_sides_and_leaves_no_token_on_disk(practice, capsys):
    code, doc, _ = run(capsys, "--practice", str(practice), "status", "--json")
    assert code == 0
    for side in ("opiq", "ekool"):
        assert doc[side]["signed_in"] is True
        assert doc[side]["user"] == "Mari Maasikas"
        assert doc[side]["school"]
    # The emulator's own database holds the tokens it issued (it is the server); the
    # program's files - store, settings - must hold none.
    program_files = [p for p in practice.rglob("*") if p.is_file()
                     and "emulator" not in p.relative_to(practice).parts]
    assert program_files, "the store should exist under the practice folder"
    for path in program_files:
        data = path.read_bytes()
        assert b"access_token" not in data and b"refresh_token" not in data, path


def test_integration_check_shows_every_kind_of_school(practice, capsys):
    code, doc, _ = run(capsys, "--practice", str(practice), "integration", "check", "--json")
    assert code == 0
    statuses = {s["status"] for s in doc["schools"]}
    assert {"ok", "missing_in_ekool", "mismatch"} <= statuses
    for school in doc["schools"]:
        assert set(school) >= {"school_id", "name", "opiq_ehis_id", "ekool_ehis_code",
                               "enabled", "status", "advice"}
        if school["status"] == "missing_in_ekool":
            assert "puudub Sinu eKooli kasutajate andmetes" in school["advice"]


def test_accounts_list_gives_records_and_licences(practice, capsys):
    code, doc, _ = run(capsys, "--practice", str(practice), "accounts", "list", "--json")
    assert code == 0
    assert len(doc["accounts"]) >= 300
    record = doc["accounts"][0]
    assert {"id", "first_name", "last_name", "ekool_id", "roles", "school", "journals",
            "has_license", "created_at"} <= set(record)
    pool = doc["licences"]
    assert pool["total"] == pool["assigned"] + pool["free"]


def test_journals_list_has_both_origins(practice, capsys):
    code, doc, _ = run(capsys, "--practice", str(practice), "journals", "list", "--json")
    assert code == 0
    origins = {j["origin"] for j in doc["journals"]}
    assert origins == {"ekool", "opiq"}
    assert all({"id", "name", "teachers", "students", "course_set", "refreshed_at"} <= set(j)
               for j in doc["journals"])


@pytest.mark.parametrize("bad", ["abc", "-5", "0", "12 34"])
def test_invalid_ehis_code_is_refused_before_any_call(tmp_path, capsys, bad):
    code, _, err = run(capsys, "--practice", str(tmp_path / "p"), "integration", "enable",
                       "--school", bad)
    assert code == 2
    assert "EHIS code" in err
    assert not (tmp_path / "p").exists(), "nothing may start for a bad code"


def test_journal_delete_wants_confirmation(practice, capsys):
    code, _, err = run(capsys, "--practice", str(practice), "journals", "delete", "opq-jnl-1")
    assert code == 2 and "--yes" in err


def test_bad_usage_exits_2(capsys):
    assert main(["integration", "frobnicate"]) == 2


async def test_no_token_in_any_file_under_the_practice_folder(tmp_path):
    from opiq_admin.app import build_context
    from opiq_admin.services.config.paths import AppPaths

    ctx = await build_context(AppPaths.under(tmp_path), practice_dir=tmp_path,
                              force_practice=True)
    try:
        await ctx.sign_in_practice()
        await ctx.log("sign_in", "ok")
        secrets = [t.encode() for c in (ctx.opiq, ctx.ekool)
                   for t in (c.session.tokens.access_token, c.session.tokens.refresh_token)]
    finally:
        await ctx.aclose()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret not in data, f"a token is in {path}"


def test_offline_scan_of_a_file_and_a_bad_line(tmp_path, capsys):
    good = [
        {"id": "old-1", "first_name": "tonis", "last_name": "koiv", "email": "tonu2011@gmail.com",
         "ekool_id": None, "roles": ["student"], "created_at": "2021-09-01T08:00:00Z",
         "has_license": True, "school": "18611", "journals": ["7b mata"]},
        {"id": "new-1", "first_name": "Tõnis", "last_name": "Kõiv", "email": None,
         "id_code": "51105050013", "birth_date": "2011-05-05", "ekool_id": "ek-9",
         "roles": ["student"], "created_at": "2026-09-20T08:00:00Z", "has_license": False,
         "school": "18611", "journals": ["7.b matemaatika"]},
    ]
    path = tmp_path / "accounts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in good) + "\n",
                    encoding="utf-8")
    code, doc, _ = run(capsys, "duplicates", "scan", "--accounts", str(path), "--json")
    assert code == 0
    assert [(p["old"], p["new"], p["kind"]) for p in doc["pairs"]] == [("old-1", "new-1",
                                                                         "student")]
    assert 0 <= doc["pairs"][0]["score"] <= 1 and doc["pairs"][0]["reasons"]

    path.write_text(path.read_text(encoding="utf-8") + "{\"id\": \"x\", \"first_name\": 5}\n",
                    encoding="utf-8")
    code, doc, err = run(capsys, "duplicates", "scan", "--accounts", str(path), "--json")
    assert code == 2 and doc == {}
    assert "accounts.jsonl:3" in err


@pytest.mark.parametrize(("lang", "words"), [("en", "has no EHIS code"),
                                             ("et", "profiilis EHISe koodi")])
def test_enable_refuses_a_school_without_its_code_in_ekool(practice, capsys, lang, words):
    code, doc, err = run(capsys, "--practice", str(practice), "integration", "enable",
                         "--school", "75606", "--lang", lang, "--json")
    assert code == 1
    assert doc["failed_step"] == "compare" and doc["enabled"] is False
    assert words in doc["message"] and "puudub Sinu eKooli kasutajate andmetes" in err
