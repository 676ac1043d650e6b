"""Review decisions from a spreadsheet: every bad row named, nothing recorded unless every
row is good; the window's store and the command line's are one."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_remediation import ground_truth_scan, practice_context
from test_remedy_safety import cli, one_line_no_traceback, student_pairs

from opiq_admin.services.duplicates import decisions


def write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_a_spreadsheet_with_semicolons_a_bom_and_crlf_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "otsused.csv",
                 "old;new;decision;note\r\nopq-usr-1;opq-usr-2;approve;Õie Šmidt, sama\r\n"
                 "\r\nopq-usr-3;opq-usr-4;Lükka tagasi;\r\nopq-usr-5;opq-usr-6;clear\r\n",
                 bom=True)
    rows = decisions.read_decisions_csv(path)
    assert [(r.line, r.old, r.new, r.decision, r.note) for r in rows] == [
        (2, "opq-usr-1", "opq-usr-2", "approved", "Õie Šmidt, sama"),
        (4, "opq-usr-3", "opq-usr-4", "rejected", ""),
        (5, "opq-usr-5", "opq-usr-6", None, "")]


@pytest.mark.parametrize("text, named", [
    ("", ["header"]),
    ("old,new,decision\n", ["no decisions"]),
    ("vana,uus,otsus\na,b,approve\n", ["header"]),
    ("old,new,decision,colour\na,b,approve,red\n", ["colour"]),
    ("old,new,decision\na,b,maybe\nc,c,approve\n,d,reject\na,b,approve\n",
     ["line 2", "'maybe'", "line 3", "same account", "line 4", "line 5"]),
    ("old,new,decision\na,b,approve,extra\n", ["line 2", "columns"]),
])
def test_every_bad_row_is_named(tmp_path: Path, text: str, named: list[str]) -> None:
    path = write(tmp_path / "d.csv", text)
    with pytest.raises(decisions.DecisionError) as caught:
        decisions.read_decisions_csv(path)
    for part in named:
        assert part in str(caught.value)


@pytest.mark.store
async def test_nothing_is_recorded_when_a_row_does_not_fit_the_accounts(tmp_path: Path
                                                                        ) -> None:
    ctx = await practice_context(tmp_path)
    try:
        first, second = student_pairs(await ground_truth_scan(ctx))[:2]
        good = decisions.DecisionRow(2, first["old"], first["new"], decisions.APPROVED)
        crossed = decisions.DecisionRow(3, second["old"], first["new"], decisions.APPROVED)
        reversed_ = decisions.DecisionRow(4, second["new"], second["old"], decisions.APPROVED)
        missing = decisions.DecisionRow(5, "opq-usr-999999", second["new"], decisions.REJECTED)
        with pytest.raises(decisions.DecisionError) as caught:
            await decisions.decide(ctx, [good, crossed, reversed_, missing], "d.csv")
        message = str(caught.value)
        assert "line 3" in message and "one account, one approved pair" in message
        assert "line 4" in message and "linked to eKool" in message
        assert "line 5" in message and "no school you administer" in message
        assert "line 2" not in message
        assert await ctx.store.decisions() == {}, "nothing applied"
        assert await ctx.store.activity(action="review_approve") == []

        assert await decisions.decide(ctx, [good], "d.csv") == 1
        recorded = await ctx.store.decisions()
        assert recorded[(first["old"], first["new"])].reviewed, "what the person saw is kept"
        clear = decisions.DecisionRow(2, first["old"], first["new"], None)
        assert await decisions.decide(ctx, [clear], "d.csv") == 1
        assert await ctx.store.decisions() == {}
        assert [e.action for e in await ctx.store.activity()][:2] == [
            "review_clear", "review_approve"]
    finally:
        await ctx.aclose()


def test_a_bad_decisions_file_exits_2_with_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "old,new,decision\nopq-usr-1,opq-usr-2,perhaps\n")
    result = cli("--practice", str(tmp_path / "p"), "duplicates", "decide", "--file", str(path))
    assert result.returncode == 2
    assert "line 2" in one_line_no_traceback(result)
    result = cli("--practice", str(tmp_path / "p"), "duplicates", "decide", "opq-usr-1")
    assert result.returncode == 2
    assert "OLD NEW" in one_line_no_traceback(result)
