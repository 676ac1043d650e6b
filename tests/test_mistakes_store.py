"""Opening the store whatever state its folder and file are in: one clear StoreError, or a
damaged file moved aside (never deleted) and a fresh store started."""

from __future__ import annotations

import asyncio
import os
import sqlite3

import pytest
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError

from opiq_admin.services.store import AsyncStore, StoreError, head_revision, open_store

pytestmark = pytest.mark.store  # an SQLite file's troubles, whatever the test database


def url_of(path):
    return f"sqlite:///{path}"


def test_open_store_creates_and_migrates_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    store = open_store(url_of(data / "store.sqlite3"), data)
    assert store.revision() == head_revision() and store.notice == ""
    store.close()


def test_a_data_folder_that_is_a_file_is_one_clear_error(tmp_path):
    """Simulated without permissions (tests may run as root): a path under a regular file."""
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match=r"^the data folder .*data cannot be written: it is a "
                                         r"file, not a folder$"):
        open_store(url_of(blocker / "store.sqlite3"), blocker)
    with pytest.raises(StoreError, match=r"the data folder .* cannot be written: Not a directory"):
        open_store(url_of(blocker / "x" / "store.sqlite3"), blocker / "x")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="folder permissions do not bind root")
def test_a_read_only_data_folder_is_one_clear_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=r"the data folder .* cannot be written: "
                                             "Permission denied"):
            open_store(url_of(data / "store.sqlite3"), data)
    finally:
        data.chmod(0o700)


def test_a_damaged_store_is_moved_aside_and_a_fresh_one_started(tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    garbage = b"this was never a database " * 200
    (data / "store.sqlite3").write_bytes(garbage)
    store = open_store(url_of(data / "store.sqlite3"), data)
    try:
        [moved] = data.glob("store.sqlite3.corrupt-*")
        assert moved.read_bytes() == garbage, "the damaged file is kept as it was"
        assert str(moved) in store.notice and "file is not a database" in store.notice
        assert store.notice in caplog.text
        assert store.revision() == head_revision()
        store.log("Mari", "sign_in", "ok")
        assert [e.action for e in store.activity()] == ["sign_in"]
    finally:
        store.close()


def test_a_store_of_a_newer_version_is_refused_and_left_untouched(tmp_path):
    data = tmp_path / "data"
    path = data / "store.sqlite3"
    store = open_store(url_of(path), data)
    store.log("Mari", "sign_in", "ok")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9f3e1c2a7b4d'")
    store.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        open_store(url_of(path), data)
    assert str(info.value) == (f"the store {path} was written by a newer opiq-admin "
                               f"(revision 9f3e1c2a7b4d); update the program")
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("select version_num from alembic_version").fetchall() == [
            ("9f3e1c2a7b4d",)]
        assert conn.execute("select count(*) from activity_log").fetchone() == (1,)


async def test_a_full_disk_while_writing_is_one_clear_error(tmp_path):
    data = tmp_path / "data"
    store = open_store(url_of(data / "store.sqlite3"), data)

    # SQLite's own page limit stands in for a full disk: the same SQLITE_FULL error.
    @event.listens_for(store.engine, "connect")
    def no_room(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()
    async_store = AsyncStore(store)
    try:
        with pytest.raises(StoreError, match=r"^the store .*store\.sqlite3 cannot be written: "
                                             r"the disk is full$"):
            for _ in range(50):
                await async_store.log("Mari", "sign_in", "ok", detail="x" * 100_000)
    finally:
        async_store.close()


def test_other_database_errors_are_not_disguised(tmp_path):
    """Only conditions an administrator can act on become StoreError."""
    store = open_store(url_of(tmp_path / "store.sqlite3"), tmp_path)
    store.log("Mari", "sign_in", "ok")
    async_store = AsyncStore(store)

    async def delete_all() -> None:
        def work() -> None:
            with store.engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM activity_log")
        await async_store.call(work)

    with pytest.raises(DBAPIError, match="append-only"):
        asyncio.run(delete_all())
    async_store.close()


def test_an_unusable_store_address_does_not_echo_a_password(tmp_path):
    with pytest.raises(StoreError, match="store_url") as info:
        open_store("mari:s3cret at the database server", tmp_path)
    assert "s3cret" not in str(info.value)
    for url in ("nosuchdb://mari:s3cret@host/db", "postgresql+nosuchdriver://mari:s3cret@h/db"):
        with pytest.raises(StoreError, match="cannot be used") as info:
            open_store(url, tmp_path)
        assert "s3cret" not in str(info.value) and "mari:***@" in str(info.value)
