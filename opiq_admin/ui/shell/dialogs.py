"""Settings, About, and the "open this address yourself" dialog of a browser sign-in.

Every dialog is opened with `open()` and answers through `finished`: a nested `exec()`
inside the asyncio-on-Qt loop would stall every running operation.
"""

from __future__ import annotations

from dataclasses import asdict

import httpx
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opiq_admin import __version__
from opiq_admin.services.clients.http import check_base_url
from opiq_admin.services.config.settings import ServerProfile, Settings
from opiq_admin.ui.common.i18n import LANGUAGE_NAMES
from opiq_admin.ui.common.widgets import Retranslating

PROFILE_FIELDS = ("name", "opiq_url", "ekool_url", "ehis_url", "opiq_client_id",
                  "ekool_client_id")


def _translate_buttons(box: QDialogButtonBox) -> None:
    # Qt ships no Estonian for its own buttons; name them through the program's translation.
    buttons = QDialogButtonBox.StandardButton
    names = {buttons.Ok: QCoreApplication.translate("Dialogs", "OK"),
             buttons.Cancel: QCoreApplication.translate("Dialogs", "Cancel"),
             buttons.Close: QCoreApplication.translate("Dialogs", "Close")}
    for standard, text in names.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)


class SettingsDialog(Retranslating, QDialog):
    """Language (applied at once), server profiles and the store URL, saved on OK."""

    applied = Signal(str)  # the language chosen

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.profiles: list[dict[str, str]] = [asdict(p) for p in settings.profiles()]
        layout = QVBoxLayout(self)
        general = QFormLayout()
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        self.active = QComboBox(self)
        self.store_url = QLineEdit(settings.get("store_url"), self)
        self.store_url.setPlaceholderText("postgresql+psycopg://host/opiq_admin")
        self.language_label, self.active_label, self.store_label = (
            QLabel(self), QLabel(self), QLabel(self))
        general.addRow(self.language_label, self.language)
        general.addRow(self.active_label, self.active)
        general.addRow(self.store_label, self.store_url)
        layout.addLayout(general)

        self.profile_box = QGroupBox(self)
        row = QHBoxLayout(self.profile_box)
        side = QVBoxLayout()
        self.profile_list = QListWidget(self)
        self.add_button, self.remove_button = QPushButton(self), QPushButton(self)
        self.add_button.clicked.connect(self._add_profile)
        self.remove_button.clicked.connect(self._remove_profile)
        side.addWidget(self.profile_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        side.addLayout(buttons)
        row.addLayout(side, 1)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        for key in PROFILE_FIELDS:
            self.fields[key] = QLineEdit(self)
            self.fields[key].editingFinished.connect(self._store_fields)
            self.field_labels[key] = QLabel(self)
            form.addRow(self.field_labels[key], self.fields[key])
        row.addLayout(form, 2)
        layout.addWidget(self.profile_box, 1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c50f1f")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.profile_list.currentRowChanged.connect(self._show_profile)
        self._fill_profiles()
        self.retranslate()
        self.resize(760, 460)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.active_label.setText(self.tr("Server profile in use"))
        self.store_label.setText(self.tr("Local store URL"))
        self.store_url.setToolTip(self.tr("Empty: a SQLite file in this computer's data "
                                          "folder. A team may share a PostgreSQL database."))
        self.profile_box.setTitle(self.tr("Server profiles"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        labels = {"name": self.tr("Name"), "opiq_url": self.tr("Opiq URL"),
                  "ekool_url": self.tr("eKool URL"), "ehis_url": self.tr("EHIS URL"),
                  "opiq_client_id": self.tr("Opiq client ID"),
                  "ekool_client_id": self.tr("eKool client ID")}
        for key, text in labels.items():
            self.field_labels[key].setText(text)
        self.active.setItemText(0, self.tr("Practice mode (no server)"))
        self.note.setText(self.tr("A change of server profile or store takes effect the next "
                                  "time the program starts."))
        _translate_buttons(self.buttons)

    # -- profiles --------------------------------------------------------------------------
    def _fill_profiles(self) -> None:
        chosen = self.active.currentData() if self.active.count() else self.settings.get(
            "profile")
        self.active.blockSignals(True)
        self.active.clear()
        self.active.addItem(self.tr("Practice mode (no server)"), "")
        for profile in self.profiles:
            self.active.addItem(profile["name"], profile["name"])
        self.active.setCurrentIndex(max(0, self.active.findData(chosen)))
        self.active.blockSignals(False)
        current = self.profile_list.currentRow()
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        self.profile_list.addItems([p["name"] for p in self.profiles])
        self.profile_list.blockSignals(False)
        self.profile_list.setCurrentRow(min(max(current, 0), len(self.profiles) - 1))
        self._show_profile(self.profile_list.currentRow())

    def _show_profile(self, row: int) -> None:
        profile = self.profiles[row] if 0 <= row < len(self.profiles) else None
        for key, edit in self.fields.items():
            edit.setEnabled(profile is not None)
            edit.setText(profile.get(key, "") if profile else "")
        self.remove_button.setEnabled(profile is not None)

    def _store_fields(self) -> None:
        row = self.profile_list.currentRow()
        if not 0 <= row < len(self.profiles):
            return
        old_name = self.profiles[row]["name"]
        self.profiles[row] = {key: edit.text().strip() for key, edit in self.fields.items()}
        if self.profiles[row]["name"] != old_name:
            self._fill_profiles()

    def _add_profile(self) -> None:
        taken = {p["name"] for p in self.profiles}
        name = next(f"server-{n}" for n in range(1, len(taken) + 2)
                    if f"server-{n}" not in taken)
        self.profiles.append(asdict(ServerProfile(name=name, opiq_url="https://",
                                                  ekool_url="https://")))
        self._fill_profiles()
        self.profile_list.setCurrentRow(len(self.profiles) - 1)

    def _remove_profile(self) -> None:
        row = self.profile_list.currentRow()
        if 0 <= row < len(self.profiles):
            del self.profiles[row]
            self._fill_profiles()

    # -- saving ----------------------------------------------------------------------------
    def problems(self) -> list[str]:
        found = []
        names = [p["name"] for p in self.profiles]
        if any(not n for n in names) or len(set(names)) != len(names):
            found.append(self.tr("Every server profile needs a name of its own."))
        for profile in self.profiles:
            for key in ("opiq_url", "ekool_url", "ehis_url"):
                if key == "ehis_url" and not profile.get(key):
                    continue
                try:
                    check_base_url(profile.get(key, ""))
                except (ValueError, httpx.InvalidURL) as exc:
                    found.append(f"{profile['name']}: {exc}")
        return found

    def _accept(self) -> None:
        self._store_fields()
        problems = self.problems()
        if problems:
            self.error.setText("\n".join(problems))
            return
        self.save()
        self.accept()

    def save(self) -> None:
        language = self.language.currentData()
        self.settings.set("language", language)
        self.settings.set("profiles", [dict(p) for p in self.profiles])
        self.settings.set("profile", self.active.currentData() or "")
        self.settings.set("store_url", self.store_url.text().strip())
        self.settings.save()
        self.applied.emit(language)


class BrowserUrlDialog(QDialog):
    """Where no browser could be opened: the address to open by hand, ready to copy."""

    def __init__(self, system: str, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.system = system
        self.url = url
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.field = QLineEdit(url, self)
        self.field.setReadOnly(True)
        self.field.setCursorPosition(0)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.url))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.text)
        layout.addWidget(self.field)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.retranslate()
        self.resize(620, 160)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to {system}").format(system=self.system))
        self.text.setText(self.tr(
            "No web browser could be opened here. Open this address in a browser on this "
            "computer and sign in to {system}; this program notices when you are done.")
            .format(system=self.system))
        self.copy_button.setText(self.tr("Copy address"))
        _translate_buttons(self.buttons)


def about_box(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "About opiq-admin"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>opiq-admin {__version__}</h3>" + QCoreApplication.translate("Dialogs",
        "<p>Runs the integration between Opiq and eKool for the schools you manage: checks "
        "the integration, prepares journal transfers, and finds and remedies duplicate "
        "accounts.</p><p>Sign-ins are kept in the system keyring; nothing is sent anywhere "
        "except to the Opiq and eKool servers you chose.</p>"))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box
