"""The Integration page and the enable wizard, in practice mode against the emulator's
seeded schools: one working, one whose EHIS code is missing in eKool, one with codes that
differ."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard
from test_ui_fixtures import run

from opiq_admin import __version__
from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.integration.advice import GUIDE_MESSAGE
from opiq_admin.ui.integration.page import IntegrationPage
from opiq_admin.ui.integration.wizard import EnableWizard
from opiq_admin.ui.overview.page import OverviewPage
from opiq_admin.ui.shell.main_window import MainWindow


def integration_page(qtbot: Any, win: MainWindow) -> IntegrationPage:
    win.show_page("integration")
    page = win.pages["integration"]
    assert isinstance(page, IntegrationPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not win.host.busy, timeout=15_000)
    return page


def by_status(page: IntegrationPage) -> dict[str, Any]:
    return {c.status: c for c in page.checks}


def drive_to_link_page(qtbot: Any, wizard: EnableWizard) -> None:
    qtbot.waitUntil(wizard.precheck_page.isComplete, timeout=10_000)
    wizard.next()
    assert wizard.currentPage() is wizard.compare_page
    assert wizard.compare_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.link_page, timeout=10_000)


def activity(qtbot: Any, ctx: Any, action: str) -> list[Any]:
    return run(qtbot, ctx.store.activity(action=action))


def test_page_shows_each_kind_of_school_with_advice(qtbot: Any, window: MainWindow) -> None:
    page = integration_page(qtbot, window)
    checks = by_status(page)
    assert set(checks) == {"ok", "missing_in_ekool", "mismatch"}
    model = page.model
    status_col = [c.key for c in model.columns].index("status")
    colours = set()
    for row in range(model.rowCount()):
        index = model.index(row, status_col)
        assert not model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
        colours.add(model.data(index, Qt.ItemDataRole.ForegroundRole).color().name())
        assert model.data(index, Qt.ItemDataRole.DisplayRole)
    assert len(colours) >= 2  # ok and problems differ in colour as well as icon and words

    missing = checks["missing_in_ekool"]
    page.select_school(missing.opiq_ehis_id)
    shown = page.detail.toPlainText()
    assert GUIDE_MESSAGE.format(code=missing.opiq_ehis_id) in shown
    assert "„+“ → „Profiil“" in shown
    assert missing.opiq_ehis_id in shown and missing.name in shown
    assert not page.enable_button.isEnabled()

    mismatch = checks["mismatch"]
    page.select_school(mismatch.opiq_ehis_id)
    shown = page.detail.toPlainText()
    assert mismatch.opiq_ehis_id in shown and mismatch.ekool_ehis_code in shown
    assert "ametlik kood" in shown
    assert not page.enable_button.isEnabled()

    page.select_school(checks["ok"].opiq_ehis_id)
    assert page.enable_button.isEnabled()
    assert page.check_button.text() == "Kontrolli uuesti"
    assert page.enable_button.text() == "Luba liidestus"

    window.ctx.settings.set("language", "en")
    window.set_language("en")
    page.select_school(missing.opiq_ehis_id)
    qtbot.waitUntil(lambda: page.check_button.text() == "Check again", timeout=5000)
    shown = page.detail.toPlainText()
    assert "is missing from your eKool user data" in shown
    assert GUIDE_MESSAGE.format(code=missing.opiq_ehis_id) in shown  # quoted verbatim


def test_wizard_enables_a_matching_school_and_ends_green(qtbot: Any,
                                                          window: MainWindow) -> None:
    ctx = window.ctx
    page = integration_page(qtbot, window)
    missing = by_status(page)["missing_in_ekool"]
    # An eKool school administrator enters the code on the profile, as the advice says.
    run(qtbot, ctx.ekool.client.set_ehis_code(missing.ekool_school_id, missing.opiq_ehis_id))
    page.check_button.click()
    qtbot.waitUntil(lambda: "not_enabled" in by_status(page) and not window.host.busy,
                    timeout=10_000)
    page.select_school(missing.opiq_ehis_id)
    assert page.enable_button.isEnabled()
    page.enable_button.click()
    wizard = page.wizard
    assert isinstance(wizard, EnableWizard) and wizard.isVisible()
    assert not page.enable_button.isEnabled()  # one wizard at a time
    drive_to_link_page(qtbot, wizard)
    link = wizard.link_page
    # Step 3 went by itself; step 4 says so.
    assert "Step 3 is done" in link.subTitle() or "3. samm on tehtud" in link.subTitle()
    qtbot.waitUntil(link.confirm_button.isVisible, timeout=10_000)
    assert link.confirm_button.text() == "Kinnita liidestus"
    assert link.identities is not None and link.identities.same_person
    masked = link.identities.ekool.masked
    assert masked.startswith("•") and masked[-4:].isdigit()
    assert link.cells[(2, 2)].text() == masked
    link.confirm_button.click()
    done = wizard.done_page
    qtbot.waitUntil(lambda: wizard.currentPage() is done and done.isComplete(), timeout=10_000)
    assert "#107c10" in done.school.text()
    assert done.shown_name in done.school.text() and done.block.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    me = run(qtbot, ctx.opiq.client.me())
    assert me.ekool_id
    school = run(qtbot, ctx.opiq.client.school(missing.school_id))
    assert school.ekool.enabled
    wizard.accept()
    qtbot.waitUntil(lambda: not window.host.busy and page.wizard is None, timeout=10_000)
    qtbot.waitUntil(lambda: by_status(page).get("ok") is not None
                    and sum(c.status == "ok" for c in page.checks) == 2, timeout=10_000)
    assert [e.result for e in activity(qtbot, ctx, "enable_integration")] == ["ok"]
    assert [e.result for e in activity(qtbot, ctx, "link_account")] == ["ok"]
    assert [e.result for e in activity(qtbot, ctx, "enable_wizard")] == ["ok"]


def test_wizard_refuses_to_link_two_different_people(qtbot: Any,
                                                     window: MainWindow) -> None:
    ctx = window.ctx
    practice = PracticeClient(ctx.emulator.url, http=ctx.http)
    other = run(qtbot, practice.info())["ekool_other"]
    run(qtbot, practice.next_signin(other["user_id"]))
    run(qtbot, ctx.ekool.sign_out())
    run(qtbot, ctx.ekool.sign_in_with_password("mari.maasikas", "harjutus"))
    assert ctx.ekool.user.sourced_id == other["user_id"]
    page = integration_page(qtbot, window)
    page.select_school(by_status(page)["ok"].opiq_ehis_id)
    wizard = page.open_wizard()
    assert wizard is not None
    drive_to_link_page(qtbot, wizard)
    link = wizard.link_page
    qtbot.waitUntil(lambda: link.identities is not None and link.frame.isVisible(),
                    timeout=10_000)
    assert not link.identities.same_person
    assert not link.confirm_button.isVisible()
    assert not link.isComplete()
    for hidden in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                   QWizard.WizardButton.FinishButton):
        assert not wizard.button(hidden).isVisible()
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Katkesta"
    assert "kaks erinevat inimest" in link.verdict.text()
    assert link.identities.ekool.name in link.message.text()
    qtbot.waitUntil(lambda: bool(activity(qtbot, ctx, "link_account")), timeout=10_000)
    wizard.reject()
    qtbot.waitUntil(lambda: bool(activity(qtbot, ctx, "enable_wizard")), timeout=10_000)
    assert [e.result for e in activity(qtbot, ctx, "link_account")] == ["refused"]
    cancelled = activity(qtbot, ctx, "enable_wizard")
    assert [e.result for e in cancelled] == ["cancelled"] and "link" in cancelled[0].detail
    assert run(qtbot, ctx.opiq.client.me()).ekool_id is None


def test_support_report_holds_no_token(qtbot: Any, window: MainWindow) -> None:
    ctx = window.ctx
    page = integration_page(qtbot, window)
    QGuiApplication.clipboard().clear()
    op = page.copy_report()
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=5000)
    text = QGuiApplication.clipboard().text()
    assert __version__ in text and "Mari Maasikas" in text
    for check in page.checks:
        assert check.name in text and check.opiq_ehis_id in text and check.status in text
    secrets = []
    for connection in (ctx.opiq, ctx.ekool):
        tokens = connection.session.tokens
        secrets += [tokens.access_token, tokens.refresh_token]
    assert all(secret and secret not in text for secret in secrets)
    assert "Bearer" not in text and "@" not in text
    assert ctx.ekool.user.identifier and ctx.ekool.user.identifier not in text


def test_a_failed_step_is_named_with_what_to_do(qtbot: Any, window: MainWindow) -> None:
    ctx = window.ctx
    page = integration_page(qtbot, window)
    page.select_school(by_status(page)["ok"].opiq_ehis_id)
    run(qtbot, ctx.ekool.sign_out())
    wizard = page.open_wizard()
    assert wizard is not None
    prechecks = wizard.precheck_page
    qtbot.waitUntil(prechecks.retry_button.isVisible, timeout=10_000)
    assert "Samm „Eelkontroll“ ebaõnnestus" in prechecks.message.text()
    assert "Mida teha" in prechecks.message.text()
    assert not prechecks.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()
    qtbot.waitUntil(lambda: bool(activity(qtbot, ctx, "enable_wizard")), timeout=10_000)
    cancelled = activity(qtbot, ctx, "enable_wizard")
    assert cancelled[0].result == "cancelled" and "prechecks" in cancelled[0].detail


def test_overview_pairs_each_school_with_the_ekool_school_the_check_found(
        qtbot: Any, window: MainWindow) -> None:
    page = integration_page(qtbot, window)
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.model.rowCount() == 3, timeout=15_000)
    shown = {r.opiq_ehis: r.ekool_ehis for r in overview.model.rows()}
    assert shown == {c.opiq_ehis_id: c.ekool_ehis_code for c in page.checks}
    assert any(c.status == "mismatch" for c in page.checks)
