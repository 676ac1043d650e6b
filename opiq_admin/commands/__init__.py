"""The command line's commands, by (command, action)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Coroutine
from typing import Any

from opiq_admin.commands import (
    activity,
    duplicates,
    integration,
    journals,
    profile,
    remediate,
    session,
)

Handler = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]

COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("status", None): session.cmd_status,
    ("login", None): session.cmd_login,
    ("logout", None): session.cmd_logout,
    ("accounts", "list"): session.cmd_accounts_list,
    ("duplicates", "scan"): duplicates.cmd_duplicates_scan,
    ("duplicates", "prevention"): duplicates.cmd_duplicates_prevention,
    ("duplicates", "decide"): duplicates.cmd_duplicates_decide,
    ("duplicates", "decisions"): duplicates.cmd_duplicates_decisions,
    ("integration", "check"): integration.cmd_integration_check,
    ("integration", "enable"): integration.cmd_integration_enable,
    ("journals", "list"): journals.cmd_journals_list,
    ("journals", "refresh"): journals.cmd_journals_refresh,
    ("journals", "delete"): journals.cmd_journals_delete,
    ("remediate", "plan"): remediate.cmd_remediate_plan,
    ("remediate", "run"): remediate.cmd_remediate_run,
    ("remediate", "resume"): remediate.cmd_remediate_run,
    ("remediate", "give-up"): remediate.cmd_remediate_give_up,
    ("profile", "import"): profile.cmd_profile_import,
    ("profile", "list"): profile.cmd_profile_list,
    ("profile", "use"): profile.cmd_profile_use,
    ("profile", "export"): profile.cmd_profile_export,
    ("activity", "list"): activity.cmd_activity_list,
}
