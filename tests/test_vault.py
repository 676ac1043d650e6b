"""Refresh tokens go to the keyring; without one they stay in memory and we say so."""

from __future__ import annotations

from keyring.backends import fail

from opiq_admin.services.vault import SERVICE, MemoryKeyring, TokenVault


async def test_tokens_go_to_the_keyring_backend():
    backend = MemoryKeyring()
    vault = TokenVault(backend)
    assert vault.persistent
    await vault.put("Tallinn", "opiq", "rt-1")
    assert backend.secrets[(SERVICE, "Tallinn:opiq")] == "rt-1"
    assert await vault.get("Tallinn", "opiq") == "rt-1"
    await vault.forget("Tallinn", "opiq")
    assert await vault.get("Tallinn", "opiq") is None
    await vault.forget("Tallinn", "opiq")  # forgetting twice is fine


async def test_no_keyring_keeps_tokens_in_memory_and_says_so():
    vault = TokenVault(fail.Keyring())
    assert not vault.persistent
    await vault.put("p", "ekool", "rt-2")
    assert await vault.get("p", "ekool") == "rt-2"
