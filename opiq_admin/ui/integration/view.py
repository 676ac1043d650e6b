"""How an integration check looks: the status with its colour and icon, the table over the
checks, and the detail pane that says what to do for the selected school.

Every problem is shown by colour, icon and words together, so it reads the same to someone
who cannot tell red from green and on a screen reader.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle, QTextBrowser, QWidget

from opiq_admin.services.integration.advice import GUIDE_MESSAGE, advice_for
from opiq_admin.services.integration.check import SchoolCheck
from opiq_admin.ui.common.table_model import AnyIndex, Column, RowTableModel
from opiq_admin.ui.common.theme import colour, surface

# The theme's colour roles of success and failure, for rich text.
OK_GREEN, FAIL_RED = "ok", "error"
# status → (icon, the theme's text colour, symbol for rich text where no icon can go)
_LOOK = {
    "ok": (QStyle.StandardPixmap.SP_DialogApplyButton, "ok", "✔"),
    "not_enabled": (QStyle.StandardPixmap.SP_MessageBoxInformation, "info", "ℹ"),
    "missing_in_ekool": (QStyle.StandardPixmap.SP_MessageBoxWarning, "warning", "⚠"),
    "mismatch": (QStyle.StandardPixmap.SP_MessageBoxWarning, "warning", "⚠"),
    "not_found_in_ekool": (QStyle.StandardPixmap.SP_MessageBoxCritical, "error", "✖"),
}
ENABLEABLE = ("ok", "not_enabled")


class IntegrationStatus:
    """The words, colour and icon of each status; texts in Qt's translation context."""

    @staticmethod
    def label(status: str) -> str:
        translate = QCoreApplication.translate
        return {
            "ok": translate("IntegrationStatus", "Working"),
            "not_enabled": translate("IntegrationStatus", "Not enabled yet"),
            "missing_in_ekool": translate("IntegrationStatus", "EHIS code missing in eKool"),
            "mismatch": translate("IntegrationStatus", "EHIS codes differ"),
            "not_found_in_ekool": translate("IntegrationStatus", "School not found in eKool"),
        }.get(status, status)

    @staticmethod
    def colour(status: str) -> str:
        return colour(_LOOK.get(status, _LOOK["not_found_in_ekool"])[1])

    @staticmethod
    def symbol(status: str) -> str:
        return _LOOK.get(status, _LOOK["not_found_in_ekool"])[2]

    @staticmethod
    def icon(status: str, widget: QWidget | None = None) -> QIcon:
        style = widget.style() if widget is not None else QApplication.style()
        return style.standardIcon(_LOOK.get(status, _LOOK["not_found_in_ekool"])[0])

    @staticmethod
    def enabled_text(enabled: bool) -> str:
        return (QCoreApplication.translate("IntegrationStatus", "enabled") if enabled
                else QCoreApplication.translate("IntegrationStatus", "not enabled"))


def facts_of(check: SchoolCheck) -> dict[str, str]:
    """The facts `advice_for` fills in, read back from a finished check."""
    return {"school": check.name, "opiq_code": check.opiq_ehis_id,
            "ekool_name": check.ekool_name or "", "ekool_code": check.ekool_ehis_code or "",
            "official_code": check.official_code or "",
            "official_name": check.official_name or ""}


def in_language(check: SchoolCheck, lang: str) -> SchoolCheck:
    """The same check with its advice in `lang`; no need to ask the servers again."""
    return replace(check, advice=advice_for(check.status, lang, facts_of(check)))


class IntegrationTableModel(RowTableModel[SchoolCheck]):
    """The shared table model, plus the status column's icon and every cell's colour."""

    def __init__(self, view_parent: QWidget) -> None:
        super().__init__(self._columns(), parent=view_parent)
        self.widget = view_parent

    def _columns(self) -> list[Column[SchoolCheck]]:
        translate = QCoreApplication.translate
        return [
            Column("status", lambda: translate("IntegrationTableModel", "Status"),
                   lambda r: r.status, display=lambda r: IntegrationStatus.label(r.status)),
            Column("name", lambda: translate("IntegrationTableModel", "School in Opiq"),
                   lambda r: r.name),
            Column("ekool_name", lambda: translate("IntegrationTableModel", "School in eKool"),
                   lambda r: r.ekool_name, display=lambda r: r.ekool_name or "—"),
            Column("opiq_ehis", lambda: translate("IntegrationTableModel", "EHIS ID in Opiq"),
                   lambda r: r.opiq_ehis_id),
            Column("ekool_ehis",
                   lambda: translate("IntegrationTableModel", "EHIS code in eKool"),
                   lambda r: r.ekool_ehis_code, display=lambda r: r.ekool_ehis_code or "—"),
            Column("enabled", lambda: translate("IntegrationTableModel", "Integration"),
                   lambda r: r.enabled,
                   display=lambda r: IntegrationStatus.enabled_text(r.enabled)),
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        key = self.columns[index.column()].key
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return IntegrationStatus.icon(row.status, self.widget)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "status" or (key == "ekool_ehis" and row.status in (
                    "missing_in_ekool", "mismatch")):
                return QBrush(QColor(IntegrationStatus.colour(row.status)))
        if role == Qt.ItemDataRole.ToolTipRole and key == "status":
            return row.advice
        return super().data(index, role)


class SchoolDetail(QTextBrowser):
    """The selected school: both sides' facts, what is wrong, and what to do where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.check: SchoolCheck | None = None

    def show_check(self, check: SchoolCheck | None, empty: str = "") -> None:
        self.check = check
        if check is None:
            self.setHtml(f"<p style='color:{colour('muted')}'>{html.escape(empty)}</p>")
            return
        self.setHtml(self.check_html(check))

    def check_html(self, check: SchoolCheck) -> str:
        e = html.escape
        colour = IntegrationStatus.colour(check.status)
        parts = [
            f"<h3>{e(check.name)}</h3>",
            f"<p style='color:{colour}'><b>{IntegrationStatus.symbol(check.status)} "
            f"{e(IntegrationStatus.label(check.status))}</b></p>",
            "<table cellspacing='0' cellpadding='3'>",
            "<tr><th></th><th align='left'>Opiq</th><th align='left'>eKool</th></tr>",
            self._row(self.tr("School name"), check.name, check.ekool_name or "—"),
            self._row(self.tr("EHIS code"), check.opiq_ehis_id, check.ekool_ehis_code or "—",
                      colour if check.status in ("missing_in_ekool", "mismatch") else ""),
            self._row(self.tr("Integration"), IntegrationStatus.enabled_text(check.enabled),
                      ""),
            "</table>",
        ]
        if check.official_code:
            official = check.official_code + (f" — {check.official_name}"
                                              if check.official_name else "")
            parts.append("<p>" + e(self.tr("Official EHIS code (EHIS open data): {code}")
                                   .format(code=official)) + "</p>")
        what_to_do = self.tr("What to do")
        parts.append(f"<h4>{e(what_to_do)}</h4>")
        parts.append(self._advice_html(check))
        steps = self._steps(check)
        if steps:
            in_ekool = self.tr("In eKool: the school profile")
            parts.append(f"<p><b>{e(in_ekool)}</b></p><ol>"
                         + "".join(f"<li>{s}</li>" for s in steps) + "</ol>")
        return "".join(parts)

    @staticmethod
    def _row(caption: str, opiq: str, ekool: str, colour: str = "") -> str:
        e = html.escape
        style = f" style='color:{colour}'" if colour else ""
        return (f"<tr><td><b>{e(caption)}</b></td><td>{e(opiq)}</td>"
                f"<td{style}>{e(ekool)}</td></tr>")

    @staticmethod
    def _advice_html(check: SchoolCheck) -> str:
        """The advice, with the guide's own error message set apart as a quotation."""
        quoted = GUIDE_MESSAGE.format(code=check.opiq_ehis_id)
        text = check.advice
        if quoted not in text:
            return f"<p>{html.escape(text)}</p>"
        before, after = text.split(quoted, 1)
        before, after = before.rstrip().rstrip("«").rstrip(), after.lstrip().lstrip("»")
        background, _border, text = surface("neutral")
        return (f"<p>{html.escape(before)}</p>"
                "<blockquote style='margin:6px 18px; padding:6px; "
                f"background:{background}; color:{text}; border-left:3px solid "
                f"{colour('warning')}'><i>«{html.escape(quoted)}»</i></blockquote>"
                f"<p>{html.escape(after.strip())}</p>")

    def _steps(self, check: SchoolCheck) -> list[str]:
        if check.status == "mismatch" and (not check.official_code
                                           or check.official_code != check.opiq_ehis_id):
            return []  # eKool's code may be the right one: then only Opiq's support can help
        if check.status not in ("missing_in_ekool", "mismatch"):
            return []
        e = html.escape
        code = e(check.official_code or check.opiq_ehis_id)
        return [
            e(self.tr("An eKool school administrator signs in to eKool.")),
            self.tr("In the top menu they open <b>„+“</b> → <b>„Profiil“</b> (the school "
                    "profile)."),
            self.tr("They enter the EHIS code <b>{code}</b> and save it.").format(code=code),
            e(self.tr("Back here, press “Check again”.")),
        ]
