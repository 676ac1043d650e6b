"""The main window in practice mode: signed in on both sides, in Estonian by default,
switchable to English, usable after a server failure, remembering its layout."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_ui_fixtures import (  # noqa: F401 - fixtures
    close_window,
    languages,
    open_window,
    practice_ctx,
    qloop,
    run,
    window,
)

from opiq_admin.ui.activity.page import ActivityPage
from opiq_admin.ui.overview.page import OverviewPage
from opiq_admin.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NAV_ET = ["Ülevaade", "Liidestus", "Päevikud", "Topeltkontod", "Tegevuslogi"]
NAV_EN = ["Overview", "Integration", "Journals", "Duplicate accounts", "Activity log"]


def nav_texts(win: MainWindow) -> list[str]:
    return [win.nav.item(i).text() for i in range(win.nav.count())]


def test_practice_window_is_signed_in_on_both_sides(qtbot: Any, window: MainWindow) -> None:  # noqa: F811
    assert "Mari Maasikas" in window.opiq_label.text()
    assert "Mari Maasikas" in window.ekool_label.text()
    assert window.opiq_label.text().startswith("Opiq")
    assert window.ekool_label.text().startswith("eKool")
    assert window.practice_banner.isVisible()
    assert "Harjutusrežiim" in window.practice_banner.text()
    assert nav_texts(window) == NAV_ET
    for page in window.pages.values():
        assert page.heading.text() == nav_texts(window)[list(window.pages).index(page.page_id)]
    assert "Luba liidestus" in window.pages["integration"].body.text()
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.model.rowCount() > 0, timeout=10_000)
    assert "Mari Maasikas" in overview.opiq_panel.user.text()
    assert "Mari Maasikas" in overview.ekool_panel.user.text()
    names = {overview.model.row_at(r).name for r in range(overview.model.rowCount())}
    assert names == {s.name for s in window.ctx.opiq.schools}
    assert not window.error_banner.isVisible()
    assert window.keyring_label.isVisible()  # practice tokens live in memory only
    assert window.sign_out_actions["opiq"].isEnabled()
    assert not window.sign_in_actions["opiq"].isEnabled()


def test_switching_language_in_settings_changes_visible_text(qtbot: Any,
                                                             window: MainWindow) -> None:  # noqa: F811
    assert window.file_menu.title() == "&Fail"
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: nav_texts(window) == NAV_EN, timeout=5000)
    assert window.file_menu.title() == "&File"
    assert "Practice mode" in window.practice_banner.text()
    assert window.pages["overview"].heading.text() == "Overview"
    saved = json.loads(window.ctx.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    activity = window.pages["activity"]
    assert activity.action_name("delete_journal") == "Delete journal"
    window.set_language("et")
    qtbot.waitUntil(lambda: nav_texts(window) == NAV_ET, timeout=5000)
    assert "Harjutusrežiim" in window.practice_banner.text()
    assert activity.action_name("delete_journal") == "Päeviku kustutamine"
    assert activity.action_name("refresh_journal") == "Uuenda päeviku andmeid"


def test_a_failing_server_shows_a_message_and_the_window_stays_usable(
        qtbot: Any, window: MainWindow) -> None:  # noqa: F811
    run(qtbot, window.ctx.log("sign_in", "ok", target="Opiq"))
    run(qtbot, asyncio.to_thread(window.ctx.emulator.stop))
    with qtbot.waitSignal(window.host.failed, timeout=30_000) as failure:
        window.refresh_page()
    assert window.error_banner.isVisible()
    message = failure.args[0]
    assert message in window.error_banner.text()
    assert "Traceback" not in message
    qtbot.waitUntil(lambda: not window.host.busy, timeout=10_000)
    assert window.refresh_action.isEnabled()
    window.page_actions["activity"].trigger()
    assert window.current_page().page_id == "activity"
    activity = window.pages["activity"]
    assert isinstance(activity, ActivityPage)
    qtbot.waitUntil(lambda: activity.model.rowCount() > 0, timeout=10_000)


def test_activity_log_shows_filters_and_exports(qtbot: Any, window: MainWindow,  # noqa: F811
                                                tmp_path: Path) -> None:
    ctx = window.ctx
    run(qtbot, ctx.store.log("Mari Maasikas", "remove_role", "ok", school="Tartu Õunapuu Kool",
                             target="Kätlin Õunapuu", detail="=HYPERLINK(\"x\")"))
    run(qtbot, ctx.store.log("Mari Maasikas", "assign_licence", "ok", school="Pärnu Kool",
                             target="Märt Šarapov"))
    window.show_page("activity")
    page = window.pages["activity"]
    assert isinstance(page, ActivityPage)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=10_000)
    page.search.setText("katlin ounapuu")
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).target == "Kätlin Õunapuu"
    page.search.clear()
    page.school_box.setCurrentIndex(page.school_box.findData("Tartu Õunapuu Kool"))
    assert page.model.rowCount() == 1
    target = tmp_path / "activity.csv"
    op = page.export(target)
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=10_000)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["target"] for r in rows] == ["Kätlin Õunapuu"]
    assert not rows[0]["detail"].startswith("=")
    exports = run(qtbot, ctx.store.activity(action="export_activity"))
    assert [e.target for e in exports] == ["activity.csv"]


def test_rehearsing_the_browser_sign_in_shows_the_address_and_can_be_cancelled(
        qtbot: Any, practice_ctx: Any, languages: Any) -> None:  # noqa: F811
    opened: list[str] = []

    def no_browser(url: str) -> bool:
        opened.append(url)
        return False

    win = open_window(qtbot, practice_ctx, languages, opener=no_browser)
    try:
        trigger = win.rehearse_actions["ekool"]
        assert trigger.isVisible()
        trigger.trigger()
        qtbot.waitUntil(lambda: win.signin.url_dialog is not None, timeout=10_000)
        assert opened and win.signin.url_dialog.url == opened[0]
        assert "/oauth/authorize" in opened[0] and "code_challenge=" in opened[0]
        assert not trigger.isEnabled()
        qtbot.waitUntil(win.progress.isVisible, timeout=5000)
        win.progress.cancel_button.click()
        qtbot.waitUntil(lambda: not win.host.busy, timeout=10_000)
        assert win.signin.url_dialog is None
        assert trigger.isEnabled()
        assert not win.error_banner.isVisible()
    finally:
        close_window(qtbot, win)


def test_geometry_and_last_page_are_remembered(qtbot: Any, practice_ctx: Any,  # noqa: F811
                                               languages: Any) -> None:  # noqa: F811
    first = open_window(qtbot, practice_ctx, languages)
    first.resize(first.width(), 500)
    first.page_actions["journals"].trigger()
    close_window(qtbot, first)
    saved = json.loads(practice_ctx.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["last_page"] == "journals" and saved["window_geometry"]
    second = open_window(qtbot, practice_ctx, languages)
    try:
        assert second.current_page().page_id == "journals"
        assert second.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "journals"
        # The offscreen screen is narrower than the window's minimum width, so only the
        # height, which differs from the default, says the geometry came back.
        assert second.height() == 500
    finally:
        close_window(qtbot, second)


def test_heavy_pages_read_once_and_again_only_when_asked_or_signed_in_anew(
        qtbot: Any, window: MainWindow) -> None:  # noqa: F811
    reads: dict[str, int] = {"duplicates": 0, "activity": 0}
    for page_id in reads:
        page = window.pages[page_id]
        real = page.fetch

        async def counting(real: Any = real, page_id: str = page_id) -> None:
            reads[page_id] += 1
            await real()

        page.fetch = counting  # type: ignore[method-assign]

    def settle() -> None:
        qtbot.wait(50)  # an operation's task starts on the loop's next turn
        qtbot.waitUntil(lambda: not window.host.busy, timeout=20_000)

    def show(page_id: str) -> None:
        window.show_page(page_id)
        settle()

    show("duplicates")
    assert reads["duplicates"] == 1 and window.pages["duplicates"].review.items
    show("activity")
    show("duplicates")
    show("activity")
    # The full scan is not repeated on a switch of pages; the cheap activity log is.
    assert reads == {"duplicates": 1, "activity": 2}
    window.refresh_page()
    settle()
    assert reads == {"duplicates": 1, "activity": 3}
    show("duplicates")
    window.refresh_page()
    settle()
    assert reads["duplicates"] == 2
    # A sign-in attempt that changed nothing reads nothing again.
    show("activity")
    window.connections_changed()
    settle()
    assert reads == {"duplicates": 2, "activity": 4}
    # New sign-ins: the page in view reads at once, the others when next shown.
    run(qtbot, window.ctx.ekool.sign_out())
    window.connections_changed()
    settle()
    assert reads == {"duplicates": 2, "activity": 5}
    show("duplicates")
    assert reads["duplicates"] == 3


def test_overview_reads_again_only_after_something_was_done(
        qtbot: Any, window: MainWindow) -> None:  # noqa: F811
    qtbot.wait(50)  # the first read, started when the window opened, runs to its end
    qtbot.waitUntil(lambda: not window.host.busy, timeout=20_000)
    overview = window.pages["overview"]
    reads = [0]
    real = overview.fetch

    async def counting() -> None:
        reads[0] += 1
        await real()

    overview.fetch = counting  # type: ignore[method-assign]

    def show(page_id: str) -> None:
        window.show_page(page_id)
        qtbot.wait(50)
        qtbot.waitUntil(lambda: not window.host.busy, timeout=20_000)

    show("activity")
    overview.stale = True
    show("overview")
    assert reads == [1]
    show("activity")
    show("overview")
    assert reads == [1], "nothing was done: the scan behind the chart is not repeated"
    run(qtbot, window.ctx.log("review_approve", "ok", target="opq-usr-1 → opq-usr-2"))
    show("activity")
    show("overview")
    assert reads == [2], "a change logged since the last read brings the counts up to date"
