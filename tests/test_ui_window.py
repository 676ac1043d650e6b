"""The main window in practice mode: signed in on both sides, in Estonian by default,
switchable to English, usable after a server failure, remembering its layout."""

from __future__ import annotations

import asyncio
import csv
import json
import socket
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit
from test_ui_fixtures import close_window, open_window, run

from opiq_admin.services.config.settings import ServerProfile, Settings, SystemProfile
from opiq_admin.services.signin.vault import SERVICE, MemoryKeyring, TokenVault
from opiq_admin.ui.activity.page import ActivityPage
from opiq_admin.ui.overview.page import OverviewPage
from opiq_admin.ui.shell.dialogs import SettingsDialog
from opiq_admin.ui.shell.main_window import MainWindow

NAV_ET = ["Ülevaade", "Liidestus", "Päevikud", "Topeltkontod", "Tegevuslogi"]
NAV_EN = ["Overview", "Integration", "Journals", "Duplicate accounts", "Activity log"]


def nav_texts(win: MainWindow) -> list[str]:
    return [win.nav.item(i).text() for i in range(win.nav.count())]


def test_practice_window_is_signed_in_on_both_sides(qtbot: Any, window: MainWindow) -> None:
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
                                                             window: MainWindow) -> None:
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
        qtbot: Any, window: MainWindow) -> None:
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


def test_activity_log_shows_filters_and_exports(qtbot: Any, window: MainWindow,
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
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert [r["target"] for r in rows] == ["Kätlin Õunapuu"]
    assert not rows[0]["detail"].startswith("=")
    exports = run(qtbot, ctx.store.activity(action="export_activity"))
    assert [e.target for e in exports] == ["activity.csv"]


def test_rehearsing_the_browser_sign_in_shows_the_address_and_can_be_cancelled(
        qtbot: Any, practice_ctx: Any, languages: Any) -> None:
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


def test_geometry_and_last_page_are_remembered(qtbot: Any, practice_ctx: Any,
                                               languages: Any) -> None:
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
        qtbot: Any, window: MainWindow) -> None:
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
        qtbot: Any, window: MainWindow) -> None:
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


# -- Settings → Server profiles ------------------------------------------------------------

SECRET = "harju-opiq-salajane"  # a made-up client secret


def settings_dialog(qtbot: Any, ctx: Any, backend: MemoryKeyring | None = None
                    ) -> SettingsDialog:
    vault = TokenVault(backend) if backend is not None else None
    dialog = SettingsDialog(ctx.settings, ctx=ctx, vault=vault)
    qtbot.addWidget(dialog)
    if dialog.reading is not None:
        qtbot.waitUntil(lambda: dialog.reading.task.done(), timeout=10_000)
    return dialog


def fill(dialog: SettingsDialog, system: str, **values: str) -> None:
    for key, value in values.items():
        widget = dialog.system_fields[system][key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)


def press_ok(qtbot: Any, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_editing_a_profile_round_trips_through_the_settings_file(
        qtbot: Any, practice_ctx: Any, languages: Any) -> None:
    languages.apply("en")
    dialog = settings_dialog(qtbot, practice_ctx, MemoryKeyring())
    dialog.add_button.click()
    dialog.fields["name"].setText("Harju")
    dialog.fields["ehis_url"].setText("https://enda.ehis.ee")
    fill(dialog, "opiq", api_url="https://api.opiq.ee", issuer="https://login.opiq.ee",
         token_endpoint="https://login.opiq.ee/oauth2/token", client_id="harju",
         scopes="openid  opiq.admin", auth_params="prompt=consent\n\nui_locales = et")
    fill(dialog, "ekool", api_url="https://api.ekool.eu")
    assert dialog.profile_list.item(0).text() == "Harju"
    dialog.active.setCurrentIndex(dialog.active.findText("Harju"))
    press_ok(qtbot, dialog)

    expected = ServerProfile(
        "Harju", SystemProfile("https://api.opiq.ee", issuer="https://login.opiq.ee",
                               token_endpoint="https://login.opiq.ee/oauth2/token",
                               client_id="harju", scopes=("openid", "opiq.admin"),
                               auth_params=(("prompt", "consent"), ("ui_locales", "et"))),
        SystemProfile("https://api.ekool.eu"), ehis_url="https://enda.ehis.ee")
    saved = Settings.load(practice_ctx.paths.settings_file)
    assert saved.active_profile() == expected

    again = settings_dialog(qtbot, practice_ctx, MemoryKeyring())
    assert again.profile_list.currentItem().text() == "Harju"
    assert again.active.currentText() == "Harju"
    opiq = again.system_fields["opiq"]
    assert opiq["scopes"].text() == "openid opiq.admin"
    assert opiq["auth_params"].toPlainText() == "prompt=consent\nui_locales=et"
    assert opiq["authorization_endpoint"].text() == ""
    assert again.system_fields["ekool"]["client_id"].text() == "opiq-admin"
    press_ok(qtbot, again)
    assert Settings.load(practice_ctx.paths.settings_file).active_profile() == expected


def test_bad_input_is_named_and_nothing_is_saved(qtbot: Any, practice_ctx: Any,
                                                 languages: Any) -> None:
    languages.apply("en")
    dialog = settings_dialog(qtbot, practice_ctx, MemoryKeyring())
    dialog.add_button.click()
    fill(dialog, "opiq", api_url="https://api.opiq.ee", auth_params="prompt consent",
         issuer="http://login.opiq.ee", client_secret="x" * 1281)
    fill(dialog, "ekool", api_url="")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    problems = dialog.error.text().splitlines()
    assert "server-1: the eKool API address is missing." in problems
    assert "server-1: Opiq authorization parameters, line 1: write it as key=value." in problems
    assert any("refusing plain http to 'login.opiq.ee'" in p for p in problems)
    assert any("client secret is too long" in p for p in problems)
    assert dialog.result() == 0 and not practice_ctx.paths.settings_file.exists()


def test_the_client_secret_goes_to_the_keyring_and_never_to_the_settings_file(
        qtbot: Any, practice_ctx: Any, languages: Any) -> None:
    languages.apply("et")
    backend = MemoryKeyring()
    dialog = settings_dialog(qtbot, practice_ctx, backend)
    assert dialog.keyring_note.isHidden()
    dialog.add_button.click()
    dialog.fields["name"].setText("Harju")
    fill(dialog, "opiq", api_url="https://api.opiq.ee", client_secret=SECRET)
    fill(dialog, "ekool", api_url="https://api.ekool.eu")
    secret_field = dialog.system_fields["opiq"]["client_secret"]
    assert secret_field.echoMode() == QLineEdit.EchoMode.Password
    press_ok(qtbot, dialog)
    assert backend.secrets == {(SERVICE, "Harju:opiq:client_secret"): SECRET}
    settings_bytes = practice_ctx.paths.settings_file.read_bytes()
    assert SECRET.encode() not in settings_bytes and b"client_secret" not in settings_bytes
    for path in practice_ctx.paths.config_dir.rglob("*"):
        assert not path.is_file() or SECRET.encode() not in path.read_bytes(), path

    # Shown again only as "stored"; renaming the profile takes its secret along.
    again = settings_dialog(qtbot, practice_ctx, backend)
    field = again.system_fields["opiq"]["client_secret"]
    assert field.text() == "" and field.placeholderText() == "salvestatud"
    assert again.system_fields["ekool"]["client_secret"].placeholderText() == "puudub"
    again.fields["name"].setText("Harjumaa")
    press_ok(qtbot, again)
    assert backend.secrets == {(SERVICE, "Harjumaa:opiq:client_secret"): SECRET}

    # Forget, and the keyring entry is gone on OK.
    third = settings_dialog(qtbot, practice_ctx, backend)
    third.forget_buttons["opiq"].click()
    assert third.system_fields["opiq"]["client_secret"].placeholderText() == \
        "unustatakse OK vajutamisel"
    press_ok(qtbot, third)
    assert backend.secrets == {}


def test_removing_a_profile_forgets_its_secrets(qtbot: Any, practice_ctx: Any,
                                                languages: Any) -> None:
    backend = MemoryKeyring()
    dialog = settings_dialog(qtbot, practice_ctx, backend)
    dialog.add_button.click()
    fill(dialog, "ekool", client_secret=SECRET, api_url="https://api.ekool.eu")
    fill(dialog, "opiq", api_url="https://api.opiq.ee")
    press_ok(qtbot, dialog)
    assert backend.secrets == {(SERVICE, "server-1:ekool:client_secret"): SECRET}
    again = settings_dialog(qtbot, practice_ctx, backend)
    again.remove_button.click()
    press_ok(qtbot, again)
    assert backend.secrets == {}
    assert Settings.load(practice_ctx.paths.settings_file).profiles() == []


def test_import_reads_the_file_profile_import_reads(qtbot: Any, practice_ctx: Any,
                                                    languages: Any,
                                                    tmp_path: Path) -> None:
    languages.apply("en")
    backend = MemoryKeyring()
    dialog = settings_dialog(qtbot, practice_ctx, backend)
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "opiq": {"api_url": "https://o", "scopes": 5}, '
                   '"ekool": {"api_url": "https://e"}}', encoding="utf-8")
    assert not dialog.import_file(bad)
    assert dialog.error.text() == f"{bad}: profile.opiq.scopes must be a list of scope names"
    good = tmp_path / "harju.json"
    good.write_bytes(b"\xef\xbb\xbf" + json.dumps({
        "name": "Harju", "opiq": {"api_url": "https://api.opiq.ee", "client_secret": SECRET,
                                  "auth_params": {"prompt": "consent"}},
        "ekool": {"api_url": "https://api.ekool.eu"}}).encode())
    assert dialog.import_file(good)
    assert dialog.error.text() == ""
    assert 'Imported the profile "Harju" from harju.json' in dialog.test_result.text()
    assert dialog.system_fields["opiq"]["auth_params"].toPlainText() == "prompt=consent"
    assert dialog.system_fields["opiq"]["client_secret"].text() == SECRET  # typed, unsaved
    assert dialog.import_file(good)
    assert 'Replaced the profile "Harju"' in dialog.test_result.text()
    assert dialog.profile_list.count() == 1
    press_ok(qtbot, dialog)
    assert backend.secrets == {(SERVICE, "Harju:opiq:client_secret"): SECRET}
    assert SECRET.encode() not in practice_ctx.paths.settings_file.read_bytes()
    assert [p.name for p in Settings.load(practice_ctx.paths.settings_file).profiles()] == [
        "Harju"]


def test_test_connection_shows_the_endpoints_the_emulator_names(
        qtbot: Any, practice_ctx: Any, languages: Any, emulator: Any) -> None:
    languages.apply("en")
    dialog = settings_dialog(qtbot, practice_ctx, MemoryKeyring())
    dialog.add_button.click()
    fill(dialog, "opiq", api_url=f"{emulator.url}/opiq")
    fill(dialog, "ekool", api_url="https://api.ekool.example", issuer=f"{emulator.url}/ekool/",
         token_endpoint="https://login.ekool.example/token")
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as shown:
        dialog.test_button.click()
    lines = shown.args[0].splitlines()
    assert lines[0] == (f"Opiq: the discovery document at {emulator.url}/opiq/.well-known/"
                        "openid-configuration says the sign-in uses:")
    assert f"    Authorization endpoint: {emulator.url}/opiq/oauth/authorize" in lines
    assert f"    Token endpoint: {emulator.url}/opiq/oauth/token" in lines
    assert f"    Revocation endpoint: {emulator.url}/opiq/oauth/revoke" in lines
    assert f"    User info endpoint: {emulator.url}/opiq/oauth/userinfo" in lines
    assert f"    Keys (JWKS): {emulator.url}/opiq/oauth/jwks" in lines
    assert (f"eKool: the discovery document at {emulator.url}/ekool/.well-known/"
            "openid-configuration says the sign-in uses:") in lines
    assert f"    Authorization endpoint: {emulator.url}/ekool/oauth/authorize" in lines
    assert "    Token endpoint: https://login.ekool.example/token" in lines  # the profile's
    assert dialog.test_result.text() == shown.args[0]
    assert dialog.test_button.isEnabled()


def test_test_connection_says_in_one_line_what_it_could_not_find(
        qtbot: Any, practice_ctx: Any, languages: Any, emulator: Any) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    languages.apply("et")
    dialog = settings_dialog(qtbot, practice_ctx, MemoryKeyring())
    dialog.add_button.click()
    fill(dialog, "opiq", api_url=f"http://127.0.0.1:{port}/opiq")
    fill(dialog, "ekool", api_url="http://ekool.example")
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as shown:
        dialog.test_button.click()
    opiq, ekool = shown.args[0].splitlines()
    assert opiq.startswith(f"Opiq: http://127.0.0.1:{port}/opiq ei ole kättesaadav (")
    # The refusal is the service's, said in the window's language too.
    assert ekool.startswith("eKool: krüpteerimata http-ühendust aadressile 'ekool.example' "
                            "ei looda")
    assert not dialog.error.text()

    # An address that answers, but with no discovery document: what the sign-in would try.
    fill(dialog, "opiq", api_url=f"{emulator.url}/ehis")
    fill(dialog, "ekool", api_url=f"{emulator.url}/ekool", issuer=f"{emulator.url}/nowhere",
         token_endpoint=f"{emulator.url}/ekool/oauth/token",
         authorization_endpoint=f"{emulator.url}/ekool/oauth/authorize")
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as shown:
        dialog.test_button.click()
    lines = shown.args[0].splitlines()
    assert lines[0] == (f"Opiq: aadressil {emulator.url}/ehis pole avastusdokumenti; "
                        f"sisselogimine prooviks vanemaid aadresse {emulator.url}/ehis/oauth "
                        "all.")
    assert lines[1] == (f"eKool: aadressil {emulator.url}/nowhere pole avastusdokumenti; "
                        "sisselogimine kasutab profiilis nimetatud otspunkte:")
    assert f"    Tõendi otspunkt: {emulator.url}/ekool/oauth/token" in lines


def test_the_window_hands_the_dialog_its_http_client_and_says_when_no_keyring_keeps_secrets(
        qtbot: Any, practice_ctx: Any, languages: Any) -> None:
    win = open_window(qtbot, practice_ctx, languages)
    try:
        dialog = win.open_settings()
        assert dialog.http is win.ctx.http
        # Practice sign-ins live in memory; a profile's secret is for the real keyring, of
        # which the tests' machine has none.
        assert dialog.vault is not win.ctx.vault and not dialog.vault.persistent
        assert not dialog.keyring_note.isHidden()
        assert "võtmehoidjat" in dialog.keyring_note.text()
        assert not dialog.test_button.isEnabled()  # no profile to test yet
        dialog.reject()
    finally:
        close_window(qtbot, win)
