"""The one log of window and command line: where it is, what level, and that no OAuth code,
token or secret ever reaches it."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from opiq_admin.cli import main
from opiq_admin.diagnostics import current_log_file, redact, setup_logging
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.signin import oauth


@pytest.fixture(autouse=True)
def _own_log_handler():
    """Each test starts without the program's handler and leaves none behind."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if type(h).__name__ == "LogFileHandler"]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_redact_hides_codes_tokens_and_secrets() -> None:
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHEtdXNyLTEifQ.c2lnbmF0dXJl"
    text = redact(
        'GET http://127.0.0.1:53682/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj '
        'body grant_type=authorization_code&code=abc123&code_verifier=v3r1f13r&'
        'client_secret=s3cr3t {"access_token": "at-9f8e7d", "refresh_token":"rt-1a2b3c"} '
        f"Authorization: Bearer abcdefghijklmnop id {jwt} {{'password': 'harjutus'}}")
    for secret in ("SplxlOBeZQQYbYS6WxSbIA", "abc123", "v3r1f13r", "s3cr3t", "at-9f8e7d",
                   "rt-1a2b3c", "abcdefghijklmnop", jwt, "harjutus"):
        assert secret not in text, (secret, text)
    assert "code=[hidden]" in text and "/callback?" in text and "state=af0ifjsldkj" in text


def test_the_log_is_in_the_platform_log_folder_and_rotates(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path))
    paths = AppPaths.default()
    assert paths.log_folder.is_relative_to(tmp_path)  # platformdirs.user_log_dir
    file = setup_logging(paths, "warning")
    assert file == paths.log_file == current_log_file()
    assert logging.getLogger().level == logging.WARNING
    assert logging.getLogger("httpx").level == logging.WARNING
    # Set up again (the next command of a run): one handler, never two.
    setup_logging(AppPaths.under(tmp_path / "p"), None)
    handlers = [h for h in logging.getLogger().handlers if type(h).__name__ == "LogFileHandler"]
    assert len(handlers) == 1 and handlers[0].maxBytes == 2_000_000
    assert logging.getLogger().level == logging.INFO


@pytest.mark.slow
def test_a_practice_sign_in_and_commands_leave_no_code_or_token_in_the_log(
        tmp_path: Path, monkeypatch, capsys) -> None:
    """Every code and token the sign-ins really exchanged is looked for in the log file,
    written at DEBUG, after a sign-in and the commands that use it."""
    seen: list[str] = []
    exchange = oauth.OAuthFlow.exchange_code
    from_response = oauth.Tokens.from_response.__func__  # type: ignore[attr-defined]

    async def recording_exchange(self, code, *args, **kwargs):
        seen.append(code)
        return await exchange(self, code, *args, **kwargs)

    def recording_from_response(cls, call, body, *args, **kwargs):
        if isinstance(body, dict):
            seen.extend(str(body[k]) for k in ("access_token", "refresh_token", "id_token")
                        if body.get(k))
        return from_response(cls, call, body, *args, **kwargs)

    monkeypatch.setattr(oauth.OAuthFlow, "exchange_code", recording_exchange)
    monkeypatch.setattr(oauth.Tokens, "from_response", classmethod(recording_from_response))
    for argv in (["login", "opiq"], ["status", "--json"], ["accounts", "list", "--json"],
                 ["journals", "list", "--compare", "--json"]):
        assert main(["--practice", str(tmp_path), "--log-level", "DEBUG", *argv]) == 0, argv
    capsys.readouterr()
    log_file = tmp_path / "data" / "logs" / "opiq-admin.log"
    text = log_file.read_text(encoding="utf-8")
    assert "command: journals list" in text and " DEBUG " in text
    assert len(seen) >= 8, seen  # codes and tokens of both systems, in four runs
    for secret in seen:
        assert secret not in text
    assert not re.search(r"code=(?!\[hidden\])", text)
    assert "harjutus" not in text  # the practice administrator's password
