"""The local store: Alembic migrations, the append-only activity log, snapshots, decisions."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from opiq_admin.services.duplicates.decisions import Decided, DecisionRow
from opiq_admin.services.duplicates.decisions import write as write_decisions
from opiq_admin.services.store import HEAD_REVISION, AsyncStore, Store, head_revision
from opiq_admin.services.store.schema import Base

pytestmark = pytest.mark.store


def test_migrations_build_the_schema_on_an_empty_store(store_url):
    store = Store(store_url)
    store.migrate()
    assert store.revision() == HEAD_REVISION == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspect(store.engine).get_columns(name)}
        assert columns == {c.name for c in table.columns}, name
    store.close()


def test_migration_keeps_data_from_the_previous_schema(store_url):
    store = Store(store_url)
    store.migrate("0001")
    store.log("Mari Maasikas", "sign_in", "ok", school="12345", detail="Tõnis Kõiv")
    assert "review_decision" not in inspect(store.engine).get_table_names()
    store.close()

    store = Store(store_url)
    store.migrate()
    assert store.revision() == HEAD_REVISION
    [entry] = store.activity()
    assert entry.detail == "Tõnis Kõiv"
    write_decisions(store, [Decided(DecisionRow(0, "opq-usr-1", "opq-usr-2", "approved",
                                                "sama inimene"))], "Mari")
    assert store.decisions()[("opq-usr-1", "opq-usr-2")].note == "sama inimene"
    store.close()


def test_activity_log_is_append_only(store_url):
    store = Store(store_url)
    store.migrate()
    store.log("Mari", "delete_journal", "ok", target="7.b")
    with store.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.exec_driver_sql("UPDATE activity_log SET result = 'failed'")
    with store.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.exec_driver_sql("DELETE FROM activity_log")
    if store.dialect == "postgresql":  # SQLite has no TRUNCATE; its DELETE is refused above
        with store.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.exec_driver_sql("TRUNCATE activity_log")
    assert [e.result for e in store.activity()] == ["ok"]
    store.close()


def test_activity_filter_and_csv_neutralises_formulas(store_url):
    store = Store(store_url)
    store.migrate()
    store.log("Mari", "sign_in", "ok", school="111")
    store.log("Mari", "delete_journal", "ok", school="222", target="=HYPERLINK(\"x\")")
    store.log("Mari", "delete_journal", "failed", school="222", target="Šveitsi Žanna")
    assert len(store.activity(action="delete_journal")) == 2
    assert len(store.activity(school="111")) == 1
    assert [e.target for e in store.activity(text="žanna")] == ["Šveitsi Žanna"]
    text = store.activity_csv(store.activity())
    assert text.startswith("\ufeff"), "a BOM, so spreadsheets read Estonian letters right"
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["at", "actor", "action"]
    targets = [r[4] for r in rows[1:]]
    assert "'=HYPERLINK(\"x\")" in targets and "Šveitsi Žanna" in targets
    store.close()


def test_snapshots_round_trip_estonian_text(store_url):
    store = Store(store_url)
    store.migrate()
    store.put_snapshots("journal", "111", {"j1": {"name": "7.b eesti keel", "who": "Õie Sööt"}})
    assert store.snapshots("journal", "111")["j1"]["who"] == "Õie Sööt"
    assert store.synced_at("journal", "111") is not None
    store.put_snapshots("journal", "111", {"j2": {"name": "8.a"}}, replace=True)
    assert set(store.snapshots("journal")) == {"j2"}
    store.close()


def test_unknown_decision_refused(store_url):
    store = Store(store_url)
    store.migrate()
    with pytest.raises(ValueError, match="unknown review decision"):
        write_decisions(store, [Decided(DecisionRow(0, "a", "b", "maybe"))], "Mari")
    store.close()


async def test_async_store_runs_calls_off_the_loop(store_url):
    store = AsyncStore(Store(store_url))
    await store.migrate()
    await store.log("Mari", "sign_in", "ok")
    entries = await store.activity()
    assert [e.action for e in entries] == ["sign_in"]
    store.close()
    again = Store(store_url)
    with again.engine.connect() as connection:
        assert connection.exec_driver_sql("select count(*) from activity_log").scalar() == 1
    again.close()
