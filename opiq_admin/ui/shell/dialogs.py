"""Settings, About, and the "open this address yourself" dialog of a browser sign-in.

Every dialog is opened with `open()` and answers through `finished`: a nested `exec()`
inside the asyncio-on-Qt loop would stall every running operation.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opiq_admin import __version__
from opiq_admin.services.clients.http import RetryPolicy, check_base_url
from opiq_admin.services.clients.roster_access import SECRET_SYSTEM as ROSTER_SECRET
from opiq_admin.services.config.profile_file import SecretTooLong, check_secret, read_profile_file
from opiq_admin.services.config.settings import (
    ENDPOINTS,
    LOG_LEVELS,
    ROSTER,
    SYSTEMS,
    ServerProfile,
    Settings,
    SettingsError,
    SystemProfile,
)
from opiq_admin.services.errors import ApiError, ConnectionFailed
from opiq_admin.services.signin.discovery import ProviderEndpoints, endpoints_from, read_metadata
from opiq_admin.services.signin.vault import TokenVault
from opiq_admin.ui.common.async_ops import Op, OperationHost, ProgressIndicator
from opiq_admin.ui.common.i18n import LANGUAGE_NAMES
from opiq_admin.ui.common.theme import RoleLabel
from opiq_admin.ui.common.widgets import SYSTEM_NAMES, Retranslating

if TYPE_CHECKING:
    from opiq_admin.app import AppContext

# The fields of one system's part of a profile, as the form shows them (all text).
SYSTEM_FIELDS = ("api_url", "issuer", *ENDPOINTS, "client_id", "client_secret", "scopes",
                 "auth_params")
URL_FIELDS = ("api_url", "issuer", *ENDPOINTS)


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


def _system_text(system: SystemProfile) -> dict[str, str]:
    # The OneRoster client's keys (`ROSTER`) have no field on the form: carried through.
    text = {key: getattr(system, key) for key in ("api_url", "issuer", *ENDPOINTS,
                                                  "client_id", *ROSTER)}
    text["scopes"] = " ".join(system.scopes)
    text["auth_params"] = "\n".join(f"{k}={v}" for k, v in system.auth_params)
    return text


def parse_auth_params(text: str) -> tuple[dict[str, str], list[int]]:
    """`key=value` per line; the numbers of the lines that are not."""
    params: dict[str, str] = {}
    bad = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            bad.append(number)
            continue
        params[key.strip()] = value.strip()
    return params, bad


@dataclass
class ProfileDraft:
    """One server profile as the dialog edits it: the form's text per system, and what is
    to happen to each system's client secret (kept in the keyring only).

    `original` is the name the profile's keyring entries are under (None: a new profile);
    `stored` says which systems have a secret there; `secrets` holds a secret typed or
    imported (text) or one to forget (None) per system, until OK."""

    name: str
    ehis_url: str = ""
    systems: dict[str, dict[str, str]] = field(default_factory=dict)
    original: str | None = None
    stored: dict[str, bool] = field(default_factory=dict)
    secrets: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, profile: ServerProfile, original: str | None = None) -> ProfileDraft:
        return cls(name=profile.name, ehis_url=profile.ehis_url, original=original,
                   systems={s: _system_text(profile.system(s)) for s in SYSTEMS})

    def to_dict(self) -> dict[str, Any]:
        """The profile as settings keep it (bad parameter lines left out: see problems)."""
        data: dict[str, Any] = {"name": self.name, "ehis_url": self.ehis_url}
        for system in SYSTEMS:
            text = self.systems[system]
            part: dict[str, Any] = {key: text[key] for key in ("api_url", "issuer",
                                                               *ENDPOINTS, "client_id",
                                                               *ROSTER)
                                    if text.get(key)}
            part["scopes"] = text.get("scopes", "").split()
            part["auth_params"] = parse_auth_params(text.get("auth_params", ""))[0]
            data[system] = part
        return data

    def profile(self) -> ServerProfile:
        return ServerProfile.from_dict(self.to_dict(), self.name)


class SettingsDialog(Retranslating, QDialog):
    """Language (applied at once), server profiles and the store URL, saved on OK.

    A profile's client secrets go to the keyring (`vault`) when OK is pressed, never to the
    settings file; a stored one is shown only as "stored". Secrets go to this computer's
    keyring even in practice mode, whose own vault keeps practice sign-ins in memory.
    Test connection finds each system's endpoints as its sign-in does (the discovery of
    `services/signin/discovery.py`) through the program's HTTP client (`ctx.http`), in an
    `Op` of the dialog's own, so the window never waits.
    """

    applied = Signal(str)  # the language chosen
    tested = Signal(str)  # what Test connection found

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 ctx: AppContext | None = None, vault: TokenVault | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        ctx = ctx if ctx is not None else getattr(parent, "ctx", None)
        self.http: httpx.AsyncClient | None = ctx.http if ctx is not None else None
        if vault is None:
            vault = ctx.vault if ctx is not None and not ctx.practice else TokenVault()
        self.vault = vault
        self.drafts = [ProfileDraft.of(p, original=p.name) for p in settings.profiles()]
        self._originals = {d.name for d in self.drafts}
        self.active_draft = next((d for d in self.drafts
                                  if d.name == settings.get("profile")), None)
        self._loading = False
        self.reading: Op[None] | None = None
        layout = QVBoxLayout(self)
        general = QFormLayout()
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        self.active = QComboBox(self)
        self.active.currentIndexChanged.connect(self._choose_active)
        self.store_url = QLineEdit(settings.get("store_url"), self)
        self.store_url.setPlaceholderText("postgresql+psycopg://host/opiq_admin")
        self.log_level = QComboBox(self)
        self.log_level.addItems(list(LOG_LEVELS))
        self.log_level.setCurrentText(settings.get("log_level"))
        self.language_label, self.active_label, self.store_label = (
            QLabel(self), QLabel(self), QLabel(self))
        self.log_level_label = QLabel(self)
        general.addRow(self.language_label, self.language)
        general.addRow(self.active_label, self.active)
        general.addRow(self.store_label, self.store_url)
        general.addRow(self.log_level_label, self.log_level)
        layout.addLayout(general)

        self.profile_box = QGroupBox(self)
        row = QHBoxLayout(self.profile_box)
        side = QVBoxLayout()
        self.profile_list = QListWidget(self)
        self.add_button, self.remove_button, self.import_button = (
            QPushButton(self), QPushButton(self), QPushButton(self))
        self.add_button.clicked.connect(self._add_profile)
        self.remove_button.clicked.connect(self._remove_profile)
        self.import_button.clicked.connect(self._choose_import_file)
        side.addWidget(self.profile_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        side.addLayout(buttons)
        side.addWidget(self.import_button)
        row.addLayout(side, 1)

        editor = QVBoxLayout()
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        for key in ("name", "ehis_url"):
            self.fields[key] = QLineEdit(self)
            self.fields[key].textChanged.connect(self._store_fields)
            self.field_labels[key] = QLabel(self)
            form.addRow(self.field_labels[key], self.fields[key])
        editor.addLayout(form)
        self.tabs = QTabWidget(self)
        self.system_fields: dict[str, dict[str, QLineEdit | QPlainTextEdit]] = {}
        self.system_labels: dict[str, dict[str, QLabel]] = {}
        self.forget_buttons: dict[str, QPushButton] = {}
        for system in SYSTEMS:
            self.tabs.addTab(self._system_form(system), SYSTEM_NAMES[system])
        editor.addWidget(self.tabs)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self)
        self.test_button.clicked.connect(self.test_connection)
        self.test_button.setEnabled(self.http is not None)
        self.progress = ProgressIndicator(self)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.progress, 1)
        test_row.addStretch(0)
        editor.addLayout(test_row)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        editor.addWidget(self.test_result)
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not self.vault.persistent)
        editor.addWidget(self.keyring_note)
        row.addLayout(editor, 3)
        layout.addWidget(self.profile_box, 1)

        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = RoleLabel("error", self)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # The dialog's operations report here, not to the window behind it.
        self.host = OperationHost(self.progress, self.error.setText, self)
        self.profile_list.currentRowChanged.connect(self._show_profile)
        self.import_dialog: QFileDialog | None = None
        self._fill_profiles()
        self.retranslate()
        self.resize(900, 680)
        self._read_stored_secrets()

    def _system_form(self, system: str) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        labels: dict[str, QLabel] = {}
        for key in SYSTEM_FIELDS:
            labels[key] = QLabel(page)
            if key == "auth_params":
                params = QPlainTextEdit(page)
                params.setTabChangesFocus(True)
                params.setFixedHeight(params.fontMetrics().lineSpacing() * 4 + 12)
                params.textChanged.connect(self._store_fields)
                fields[key] = params
                form.addRow(labels[key], params)
                continue
            line = QLineEdit(page)
            fields[key] = line
            if key == "client_secret":
                line.setEchoMode(QLineEdit.EchoMode.Password)
                line.textChanged.connect(
                    lambda text, system=system: self._secret_typed(system, text))
                forget = QPushButton(page)
                forget.clicked.connect(lambda _=False, system=system: self.forget_secret(system))
                self.forget_buttons[system] = forget
                secret_row = QHBoxLayout()
                secret_row.addWidget(line, 1)
                secret_row.addWidget(forget)
                form.addRow(labels[key], secret_row)
                continue
            line.textChanged.connect(self._store_fields)
            form.addRow(labels[key], line)
        self.system_fields[system] = fields
        self.system_labels[system] = labels
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.active_label.setText(self.tr("Server profile in use"))
        self.store_label.setText(self.tr("Local store URL"))
        self.log_level_label.setText(self.tr("Log level"))
        self.log_level.setToolTip(self.tr("How much goes to the log file (Help → Open log "
                                          "folder); DEBUG when support asks for it."))
        self.store_url.setToolTip(self.tr("Empty: a SQLite file in this computer's data "
                                          "folder. A team may share a PostgreSQL database."))
        self.profile_box.setTitle(self.tr("Server profiles"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr(
            "A server profile your IT department handed out, as a JSON file (the same file "
            "as opiq-admin profile import)."))
        self.field_labels["name"].setText(self.tr("Name"))
        self.field_labels["ehis_url"].setText(self.tr("EHIS URL"))
        labels = {"api_url": self.tr("API address"),
                  "issuer": self.tr("Issuer (sign-in server)"),
                  "authorization_endpoint": self.tr("Authorization endpoint"),
                  "token_endpoint": self.tr("Token endpoint"),
                  "revocation_endpoint": self.tr("Revocation endpoint"),
                  "userinfo_endpoint": self.tr("User info endpoint"),
                  "client_id": self.tr("Client ID"),
                  "client_secret": self.tr("Client secret"),
                  "scopes": self.tr("Scopes"),
                  "auth_params": self.tr("Authorization parameters")}
        for system in SYSTEMS:
            for key, text in labels.items():
                self.system_labels[system][key].setText(text)
            fields = self.system_fields[system]
            fields["issuer"].setPlaceholderText(self.tr("Empty: the API address"))
            for key in ENDPOINTS:
                fields[key].setPlaceholderText(self.tr("Empty: as the discovery document says"))
            fields["client_id"].setPlaceholderText("opiq-admin")
            fields["scopes"].setPlaceholderText(self.tr("Separated by spaces, e.g. openid "
                                                        "offline_access"))
            fields["auth_params"].setPlaceholderText(self.tr("One key=value a line, e.g. "
                                                             "prompt=consent"))
            fields["client_secret"].setToolTip(self.tr(
                "Only for a confidential client. Kept in this computer's keyring only, never "
                "in the settings file. Leave it empty to keep the stored secret."))
            self.forget_buttons[system].setText(self.tr("Forget"))
        self.test_button.setText(self.tr("Test connection"))
        self.test_button.setToolTip(self.tr(
            "Reads the discovery document of each system's issuer and shows the endpoints "
            "it names."))
        self.keyring_note.setText(self.tr(
            "This computer has no keyring: a client secret cannot be kept, and has to be "
            "typed or imported again each time the program starts."))
        self.note.setText(self.tr("A change of server profile or store takes effect the next "
                                  "time the program starts."))
        self._fill_active()
        self._show_secret_state()
        _translate_buttons(self.buttons)

    # -- profiles --------------------------------------------------------------------------
    @property
    def profiles(self) -> list[dict[str, Any]]:
        """The profiles as they would be saved now."""
        return [d.to_dict() for d in self.drafts]

    def current_draft(self) -> ProfileDraft | None:
        row = self.profile_list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def _fill_active(self) -> None:
        self.active.blockSignals(True)
        self.active.clear()
        self.active.addItem(self.tr("Practice mode (no server)"), -1)
        for index, draft in enumerate(self.drafts):
            self.active.addItem(draft.name, index)
        chosen = self.drafts.index(self.active_draft) if self.active_draft in self.drafts \
            else -1
        self.active.setCurrentIndex(max(0, self.active.findData(chosen)))
        self.active.blockSignals(False)

    def _choose_active(self, _index: int) -> None:
        index = self.active.currentData()
        self.active_draft = self.drafts[index] if isinstance(index, int) and 0 <= index < len(
            self.drafts) else None

    def _fill_profiles(self, row: int | None = None) -> None:
        current = self.profile_list.currentRow() if row is None else row
        self._fill_active()
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        self.profile_list.addItems([d.name for d in self.drafts])
        self.profile_list.blockSignals(False)
        self.profile_list.setCurrentRow(min(max(current, 0), len(self.drafts) - 1))
        self._show_profile(self.profile_list.currentRow())

    def _show_profile(self, row: int) -> None:
        draft = self.drafts[row] if 0 <= row < len(self.drafts) else None
        self._loading = True
        try:
            for key, edit in self.fields.items():
                edit.setEnabled(draft is not None)
                edit.setText(getattr(draft, key) if draft else "")
            for system in SYSTEMS:
                for key, widget in self.system_fields[system].items():
                    widget.setEnabled(draft is not None)
                    if isinstance(widget, QLineEdit) and key == "client_secret":
                        widget.setText((draft.secrets.get(system) if draft else None) or "")
                    else:
                        text = draft.systems[system].get(key, "") if draft else ""
                        if isinstance(widget, QPlainTextEdit):
                            widget.setPlainText(text)
                        else:
                            widget.setText(text)
        finally:
            self._loading = False
        self.tabs.setEnabled(draft is not None)
        self.remove_button.setEnabled(draft is not None)
        self.test_button.setEnabled(draft is not None and self.http is not None)
        self.test_result.clear()
        self._show_secret_state()

    def _show_secret_state(self) -> None:
        draft = self.current_draft()
        for system in SYSTEMS:
            edit = self.system_fields[system]["client_secret"]
            assert isinstance(edit, QLineEdit)
            pending = draft is not None and system in draft.secrets
            stored = draft is not None and draft.stored.get(system, False)
            if pending and draft is not None and draft.secrets[system] is None:
                edit.setPlaceholderText(self.tr("forgotten when you press OK"))
            elif stored:
                edit.setPlaceholderText(self.tr("stored"))
            else:
                edit.setPlaceholderText(self.tr("none"))
            self.forget_buttons[system].setEnabled(
                stored or (pending and draft is not None and draft.secrets[system] is not None))

    def _store_fields(self) -> None:
        draft = self.current_draft()
        if self._loading or draft is None:
            return
        old_name = draft.name
        draft.name = self.fields["name"].text().strip()
        draft.ehis_url = self.fields["ehis_url"].text().strip()
        for system in SYSTEMS:
            for key, widget in self.system_fields[system].items():
                if key == "client_secret":
                    continue
                text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) \
                    else widget.text()
                draft.systems[system][key] = text if key == "auth_params" else text.strip()
        if draft.name != old_name:
            item = self.profile_list.item(self.profile_list.currentRow())
            if item is not None:
                item.setText(draft.name)
            self._fill_active()

    def _secret_typed(self, system: str, text: str) -> None:
        draft = self.current_draft()
        if self._loading or draft is None:
            return
        if text:
            draft.secrets[system] = text
        else:
            draft.secrets.pop(system, None)
        self._show_secret_state()

    def forget_secret(self, system: str) -> None:
        """The stored secret of `system` is forgotten on OK (a public client)."""
        draft = self.current_draft()
        if draft is None:
            return
        draft.secrets[system] = None
        edit = self.system_fields[system]["client_secret"]
        assert isinstance(edit, QLineEdit)
        self._loading = True
        try:
            edit.setText("")
        finally:
            self._loading = False
        self._show_secret_state()

    def _add_profile(self) -> None:
        taken = {d.name for d in self.drafts}
        name = next(f"server-{n}" for n in range(1, len(taken) + 2)
                    if f"server-{n}" not in taken)
        self.drafts.append(ProfileDraft.of(ServerProfile(
            name=name, opiq=SystemProfile("https://"), ekool=SystemProfile("https://"))))
        self._fill_profiles(len(self.drafts) - 1)

    def _remove_profile(self) -> None:
        row = self.profile_list.currentRow()
        if 0 <= row < len(self.drafts):
            if self.drafts[row] is self.active_draft:
                self.active_draft = None
            del self.drafts[row]
            self._fill_profiles()

    # -- import ----------------------------------------------------------------------------
    def _choose_import_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Import a server profile"), "",
                             self.tr("Server profiles (*.json);;All files (*)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_file)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()

    def import_file(self, path: str | Path) -> bool:
        """Read a profile file as `opiq-admin profile import` does; it is saved on OK."""
        try:
            loaded = read_profile_file(Path(path))
        except SettingsError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        draft = ProfileDraft.of(loaded.profile)
        draft.secrets = dict(loaded.secrets)
        same = next((i for i, d in enumerate(self.drafts) if d.name == draft.name), None)
        if same is None:
            self.drafts.append(draft)
            row = len(self.drafts) - 1
            text = self.tr('Imported the profile "{name}" from {file}; OK saves it.')
        else:
            old = self.drafts[same]
            draft.original, draft.stored = old.original, old.stored
            self.drafts[same] = draft
            if self.active_draft is old:
                self.active_draft = draft
            row = same
            text = self.tr('Replaced the profile "{name}" with the one in {file}; OK saves it.')
        self._fill_profiles(row)
        self.test_result.setText(text.format(name=draft.name, file=Path(path).name))
        return True

    # -- keyring ---------------------------------------------------------------------------
    def _read_stored_secrets(self) -> Op[None] | None:
        drafts = [d for d in self.drafts if d.original is not None]
        if not drafts:
            return None

        async def read() -> None:
            for draft in drafts:
                for system in SYSTEMS:
                    secret = await self.vault.get_secret(draft.original or "", system)
                    draft.stored[system] = secret is not None

        op = Op(self.host, read, label=self.tr("Reading stored client secrets"))
        op.success(lambda _: self._show_secret_state()).run_in_background()
        self.reading = op
        return op

    def _keyring_work(self) -> list[tuple[str, str, str, str | None]]:
        """What OK does to the keyring: (verb, profile, system, value) with the verb "put"
        (value: the secret), "forget", or "move" (value: the profile's name before)."""
        final = {d.name for d in self.drafts}
        keeping = {d.original for d in self.drafts if d.original == d.name}
        work: list[tuple[str, str, str, str | None]] = []
        # The OneRoster client's secret ("ekool-roster", put there by a profile import) has
        # no field here, but goes with its profile when renamed and is forgotten with it.
        kept = (*SYSTEMS, ROSTER_SECRET)
        for draft in self.drafts:
            for system in kept:
                if system in draft.secrets:
                    secret = draft.secrets[system]
                    work.append(("put", draft.name, system, secret) if secret
                                else ("forget", draft.name, system, None))
                elif draft.original is not None and draft.original != draft.name:
                    work.append(("move", draft.name, system, draft.original))
                elif draft.original is None:  # nothing of another profile by this name
                    work.append(("forget", draft.name, system, None))
        for name in sorted(self._originals - keeping - final):  # removed or renamed away
            work.extend(("forget", name, system, None) for system in kept)
        return work

    async def _apply_keyring(self, work: list[tuple[str, str, str, str | None]]) -> None:
        # Secrets that move are read first, so two profiles may even swap names.
        moved = {(name, system): await self.vault.get_secret(old or "", system)
                 for verb, name, system, old in work if verb == "move"}
        for verb, name, system, value in work:
            if verb == "move":
                value = moved[(name, system)]
            if value:
                await self.vault.put_secret(name, system, value)
            else:
                await self.vault.forget_secret(name, system)

    # -- test connection -------------------------------------------------------------------
    def test_connection(self) -> Op[Any] | None:
        """Find each system's endpoints as its sign-in does (discovery, the profile's own
        endpoints over it); show them, or in one line why not."""
        draft = self.current_draft()
        if draft is None or self.http is None:
            return None
        http = self.http
        lines: dict[str, str] = {}
        systems: dict[str, SystemProfile] = {}
        data = draft.to_dict()
        for system in SYSTEMS:
            try:
                profile = SystemProfile.from_dict(data[system], system)
                check_base_url(profile.sign_in_issuer)
            except (ValueError, httpx.InvalidURL) as exc:  # SettingsError, InsecureUrl
                lines[system] = f"{SYSTEM_NAMES[system]}: {exc}"
                continue
            systems[system] = profile

        async def find(profile: SystemProfile) -> ProviderEndpoints:
            found = await read_metadata(profile.sign_in_issuer, http,
                                        retry=RetryPolicy(attempts=1))
            return endpoints_from(profile, found)

        async def read() -> dict[str, ProviderEndpoints | BaseException]:
            answers = await asyncio.gather(*(find(p) for p in systems.values()),
                                           return_exceptions=True)
            return dict(zip(systems, answers, strict=True))

        def show(found: dict[str, ProviderEndpoints | BaseException]) -> None:
            for system, answer in found.items():
                lines[system] = self._describe(system, systems[system], answer)
            text = "\n".join(lines[s] for s in SYSTEMS if s in lines)
            self.test_result.setText(text)
            self.tested.emit(text)

        self.test_result.setText(self.tr("Testing…"))
        op = Op(self.host, read, label=self.tr("Testing the connection"),
                trigger=self.test_button)
        op.success(show).run_in_background()
        return op

    def _describe(self, system: str, profile: SystemProfile,
                  answer: ProviderEndpoints | BaseException) -> str:
        name, issuer = SYSTEM_NAMES[system], profile.sign_in_issuer
        if isinstance(answer, ProviderEndpoints):
            if answer.fallback:
                return self.tr("{system}: no discovery document at {issuer}; the sign-in "
                               "would try the older addresses under {base}.").format(
                    system=name, issuer=issuer,
                    base=answer.authorization_endpoint.rsplit("/", 1)[0])
            if answer.document:
                head = self.tr("{system}: the discovery document at {url} says the sign-in "
                               "uses:").format(system=name, url=answer.document)
            else:
                head = self.tr("{system}: no discovery document at {issuer}; the sign-in "
                               "uses the endpoints the profile names:").format(
                    system=name, issuer=issuer)
            labels = {"authorization_endpoint": self.tr("Authorization endpoint"),
                      "token_endpoint": self.tr("Token endpoint"),
                      "revocation_endpoint": self.tr("Revocation endpoint"),
                      "userinfo_endpoint": self.tr("User info endpoint"),
                      "jwks_uri": self.tr("Keys (JWKS)")}
            rows = [head]
            rows += [f"    {label}: {getattr(answer, key)}" for key, label in labels.items()
                     if getattr(answer, key)]
            return "\n".join(rows)
        if isinstance(answer, ConnectionFailed):
            return self.tr("{system}: {issuer} cannot be reached ({detail}).").format(
                system=name, issuer=issuer, detail=answer.message or answer.code)
        if isinstance(answer, ApiError):
            return f"{name}: {answer}"
        return f"{name}: {type(answer).__name__}: {answer}"

    # -- saving ----------------------------------------------------------------------------
    def problems(self) -> list[str]:
        found = []
        names = [d.name for d in self.drafts]
        if any(not n for n in names) or len(set(names)) != len(names):
            found.append(self.tr("Every server profile needs a name of its own."))
        for draft in self.drafts:
            urls = [(draft.ehis_url, "")] if draft.ehis_url else []
            for system in SYSTEMS:
                text, name = draft.systems[system], SYSTEM_NAMES[system]
                if not text.get("api_url"):
                    found.append(self.tr("{profile}: the {system} API address is missing.")
                                 .format(profile=draft.name, system=name))
                urls += [(text[key], name) for key in URL_FIELDS if text.get(key)]
                for line in parse_auth_params(text.get("auth_params", ""))[1]:
                    found.append(self.tr("{profile}: {system} authorization parameters, line "
                                         "{line}: write it as key=value.")
                                 .format(profile=draft.name, system=name, line=line))
                secret = draft.secrets.get(system)
                if secret:
                    try:
                        check_secret(secret)
                    except SecretTooLong:
                        found.append(self.tr(
                            "{profile}: the {system} client secret is too long for the "
                            "keyring (at most 2,560 bytes, 1,280 plain characters).")
                            .format(profile=draft.name, system=name))
            for url, _system in urls:
                try:
                    check_base_url(url)
                except (ValueError, httpx.InvalidURL) as exc:
                    found.append(f"{draft.name}: {exc}")
            if not found:
                try:
                    draft.profile()
                except SettingsError as exc:
                    found.append(str(exc))
        return found

    def _accept(self) -> None:
        self._store_fields()
        problems = self.problems()
        if problems:
            self.error.setText("\n".join(problems))
            return
        self.error.clear()
        work = self._keyring_work()
        if not work:
            self.save()
            self.accept()
            return

        def done(_: None) -> None:
            self.save()
            self.accept()

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        Op(self.host, lambda: self._apply_keyring(work), label=self.tr(
            "Saving client secrets"), trigger=ok).success(done).run_in_background()

    def save(self) -> None:
        """The settings file; the keyring is written before, by `_accept`."""
        language = self.language.currentData()
        self.settings.set("language", language)
        self.settings.set("profiles", [d.profile().to_dict() for d in self.drafts])
        self.settings.set("profile", self.active_draft.name if self.active_draft in self.drafts
                          and self.active_draft is not None else "")
        self.settings.set("store_url", self.store_url.text().strip())
        self.settings.set("log_level", self.log_level.currentText())
        self.settings.save()
        logging.getLogger().setLevel(self.log_level.currentText())  # this run too
        for draft in self.drafts:
            for system, secret in draft.secrets.items():
                draft.stored[system] = bool(secret)
            draft.original = draft.name
            draft.secrets.clear()
        self._originals = {d.name for d in self.drafts}
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
