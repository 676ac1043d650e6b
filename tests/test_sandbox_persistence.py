"""State and idempotency records survive a restart; the same seed gives the same data."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from conftest import sign_in, small_world

from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.sandbox.store import FILE_NAME


def _server(data_dir: Path) -> EmbeddedServer:
    return EmbeddedServer(data_dir, make_world=small_world)


def test_a_repeated_key_returns_the_first_answer_without_acting_again(
        fresh_emulator: EmbeddedServer) -> None:
    with httpx.Client(base_url=fresh_emulator.url) as client:
        key = {"Idempotency-Key": "0b8e1c6a-7f0e-4f43-9a53-6f1e3e0f2a11"}
        first = client.post("/practice/ekool/classes/ek-jnl-1/roster",
                            json={"new_students": 2}, headers=key)
        again = client.post("/practice/ekool/classes/ek-jnl-1/roster",
                            json={"new_students": 2}, headers=key)
        assert first.status_code == again.status_code == 200
        assert again.content == first.content
        assert again.headers["Idempotent-Replayed"] == "true"
        assert len(first.json()["students"]) == 6  # not 8: the repeat did nothing
        # The same key on another path is another call.
        other = client.post("/practice/ekool/classes/ek-jnl-2/roster",
                            json={"new_students": 1}, headers=key)
        assert other.json()["sourcedId"] == "ek-jnl-2" and len(other.json()["added"]) == 1
        # Without a key every call acts.
        plain = client.post("/practice/ekool/classes/ek-jnl-1/roster", json={"new_students": 1})
        assert len(plain.json()["students"]) == 7
        too_long = client.post("/practice/clock/advance", json={"days": 0},
                               headers={"Idempotency-Key": "k" * 201})
        assert too_long.status_code == 400


def test_state_tokens_and_idempotency_records_survive_a_restart(tmp_path: Path) -> None:
    key = {"Idempotency-Key": "step-7:remove-role"}
    with _server(tmp_path) as first, httpx.Client(base_url=first.url) as client:
        tokens = sign_in(client, "opiq")
        auth = {"Authorization": f"Bearer {tokens['access_token']}", **key}
        removed = client.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student",
                                headers=auth)
        assert removed.status_code == 200
        client.post("/practice/clock/advance", json={"days": 3})
        client.post("/practice/ekool/classes/ek-jnl-1/roster",
                    json={"new_students": 1, "remove": ["ek-usr-3"]})
    assert (tmp_path / FILE_NAME).is_file()
    with _server(tmp_path) as second, httpx.Client(base_url=second.url) as client:
        repeat = client.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student",
                               headers=auth)
        assert repeat.status_code == 200 and repeat.content == removed.content
        unkeyed = client.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student",
                                headers={"Authorization": auth["Authorization"]})
        assert unkeyed.status_code == 404  # the role really is gone
        assert client.get("/practice/info").json()["clock"] == "2026-09-04T08:00:00Z"
        licences = client.get("/opiq/api/schools/opq-sch-1/licences", headers=auth).json()
        assert licences == {"total": 4, "assigned": 0, "free": 4}
        rotated = client.post("/opiq/oauth/token", data={
            "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"],
            "client_id": "opiq-admin"})
        assert rotated.status_code == 200
        ek = sign_in(client, "ekool")
        students = client.get("/ekool/ims/oneroster/rostering/v1p2/classes/ek-jnl-1/students",
                              headers={"Authorization": f"Bearer {ek['access_token']}"})
        ids = [u["sourcedId"] for u in students.json()["users"]]
        assert "ek-usr-3" not in ids and ids[-1] == "ek-usr-9"
        assert students.json()["users"][-1]["identifier"]


def test_a_deleted_journal_stays_deleted_after_restart(tmp_path: Path) -> None:
    with _server(tmp_path) as first, httpx.Client(base_url=first.url) as client:
        auth = {"Authorization": f"Bearer {sign_in(client, 'opiq')['access_token']}"}
        assert client.delete("/opiq/api/journals/opq-jnl-1", headers=auth).status_code == 204
    with _server(tmp_path) as second, httpx.Client(base_url=second.url) as client:
        auth = {"Authorization": f"Bearer {sign_in(client, 'opiq')['access_token']}"}
        assert client.get("/opiq/api/journals/opq-jnl-1", headers=auth).status_code == 404


def _snapshot(url: str) -> dict:
    with httpx.Client(base_url=url) as client:
        opiq = {"Authorization": f"Bearer {sign_in(client, 'opiq')['access_token']}"}
        ekool = {"Authorization": f"Bearer {sign_in(client, 'ekool')['access_token']}"}
        schools = client.get("/opiq/api/schools", headers=opiq).json()["items"]
        users = {s["id"]: client.get(f"/opiq/api/schools/{s['id']}/users",
                                     params={"limit": 1000}, headers=opiq).json()
                 for s in schools}
        roster = client.get("/ekool/ims/oneroster/rostering/v1p2/users",
                            params={"limit": 1000}, headers=ekool).json()
        truth = client.get("/practice/ground-truth").json()
        info = client.get("/practice/info").json()
    snapshot = {"schools": schools, "users": users, "roster": roster, "truth": truth,
                "info": info}
    # Addresses (the roster's `href`s, the practice client's URLs) name the server's port.
    return json.loads(json.dumps(snapshot, ensure_ascii=False).replace(url, "{emulator}"))


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    """The default world, generated twice from the same seed and sizes."""
    snapshots = []
    for name in ("a", "b"):
        with EmbeddedServer(tmp_path / name, seed=7, schools=2, students=60) as server:
            snapshots.append(_snapshot(server.url))
    assert snapshots[0] == snapshots[1]
    assert snapshots[0]["users"] and snapshots[0]["roster"]["users"]


def test_the_session_emulator_serves_the_default_seed(emulator: EmbeddedServer) -> None:
    info = httpx.get(f"{emulator.url}/practice/info").json()
    assert info["seed"] == 1 and info["opiq"]["username"] == "mari.maasikas"
    assert (emulator.data_dir / FILE_NAME).is_file()
