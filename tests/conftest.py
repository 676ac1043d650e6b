"""Shared fixtures: the emulator on loopback, signing in to it the way the program does, and
a fresh store (SQLite, or PostgreSQL when OPIQ_ADMIN_TEST_STORE_URL names one)."""

from __future__ import annotations

import os
import shutil
import tempfile

# No test may reach the OS keyring of the machine it runs on: where a test needs one, it
# hands in opiq_admin.services.signin.vault.MemoryKeyring; everything else sees none at all.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# A practice folder's shared emulator (a process of its own, see sandbox/shared.py) stops
# one second after its last user; `shared_emulators_all_stop` checks that each one does.
os.environ["OPIQ_ADMIN_EMULATOR_LINGER"] = "1"
# Ready practice worlds (sandbox/ready.py) are cached for this test run only.
os.environ["OPIQ_ADMIN_CACHE_DIR"] = tempfile.mkdtemp(prefix="opiq-admin-test-cache-")
# Headless whoever starts pytest: without a display Qt aborts the whole run while making
# the first QApplication, with no word of why. `make test` says the same.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import base64
import hashlib
import secrets
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import psutil
import pytest

from opiq_admin.app import AppContext, build_context
from opiq_admin.sandbox.model import (
    EkoolJournal,
    EkoolPerson,
    EkoolSchool,
    OpiqAccount,
    OpiqJournal,
    OpiqSchool,
    World,
)
from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import Settings

# The window's fixtures (languages, practice_ctx, qloop, window), for every UI test module;
# they live with their helpers.
pytest_plugins = ["test_ui_fixtures"]

REDIRECT = "http://127.0.0.1:53682/callback"

# -- the store under test ---------------------------------------------------------------------
# `OPIQ_ADMIN_TEST_STORE_URL=postgresql+psycopg://user@host:port/db pytest -m store` runs the
# store's tests against that database: each test gets a schema of its own (search_path),
# dropped at the end of the run. Without it, each test gets a new SQLite file.
TEST_STORE_URL = os.environ.get("OPIQ_ADMIN_TEST_STORE_URL", "")
# Fixtures that give a test a store: a test using one is marked `store` by itself.
STORE_FIXTURES = {"store_url", "ctx"}
_schemas: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if STORE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.store)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _schemas:
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(TEST_STORE_URL)
    with engine.begin() as connection:
        for schema in _schemas:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def new_store_url(folder: Path) -> str:
    """A fresh, empty store: a new schema on the test database, else a new SQLite file in
    `folder`."""
    if not TEST_STORE_URL:
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / f'store-{uuid.uuid4().hex[:8]}.sqlite3'}"
    from sqlalchemy import create_engine, make_url, text

    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(TEST_STORE_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    _schemas.append(schema)
    url = make_url(TEST_STORE_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def use_test_store(root: Path) -> str:
    """Point the program run over `root` (`--practice root`, `AppPaths.under(root)`) at a
    fresh test store on the test database; a no-op for SQLite, where the program's own file
    under `root` is as fresh. Answers the store's URL."""
    if not TEST_STORE_URL:
        return f"sqlite:///{AppPaths.under(root).store_file}"
    url = new_store_url(root)
    settings = Settings.load(AppPaths.under(root).settings_file)
    settings.set("store_url", url)
    settings.save()
    return url


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """The URL of a fresh, empty store (not yet migrated)."""
    return new_store_url(tmp_path / "stores")


def small_world(seed: int = 1, schools: int = 2, students: int = 6) -> World:
    """A hand-made world whose every id the tests know.

    School 1 (EHIS 12345) has the code in eKool; school 2 (EHIS 67890) lacks it in eKool.
    Kätlin Õunapuu and the teacher Jüri Juurikas have old, unlinked Opiq accounts.
    """
    clock = "2026-09-01T08:00:00Z"
    world = World(seed=seed, clock=clock)
    world.ekool_schools = {
        "ek-org-1": EkoolSchool("ek-org-1", "Tartu Mõisavahe Kool", "12345", clock),
        "ek-org-2": EkoolSchool("ek-org-2", "Pärnu Ülejõe Põhikool", "", clock)}

    def person(n: int, given: str, family: str, code: str, roles: dict[str, str],
               username: str = "") -> None:
        world.ekool_people[f"ek-usr-{n}"] = EkoolPerson(
            id=f"ek-usr-{n}", given_name=given, family_name=family,
            email=f"{username or n}@example.ee", id_code=code, id_country="EE",
            birth_date=f"20{code[1:3]}-{code[3:5]}-{code[5:7]}", roles=roles,
            username=username, password="harjutus" if username else "",
            date_last_modified=clock)

    person(1, "Mari", "Maasikas", "48001010001",
           {"ek-org-1": "administrator", "ek-org-2": "administrator"}, "mari.maasikas")
    person(2, "Jüri", "Juurikas", "37505050002", {"ek-org-1": "teacher"}, "juri.juurikas")
    pupils = [("Kätlin", "Õunapuu"), ("Märt", "Šarapov"), ("Ülle", "Žukova"),
              ("Tõnu", "Mägi"), ("Liis", "Pärn"), ("Karl", "Kõiv")]
    for i, (given, family) in enumerate(pupils, start=3):
        person(i, given, family, f"6120{i}0{i}00{i}"[:11], {"ek-org-1": "student"})
    world.ekool_journals = {
        "ek-jnl-1": EkoolJournal("ek-jnl-1", "ek-org-1", "7.b matemaatika", "7.b", "scheduled",
                                 "matemaatika", ["ek-usr-2"],
                                 ["ek-usr-3", "ek-usr-4", "ek-usr-5", "ek-usr-6"], clock),
        "ek-jnl-2": EkoolJournal("ek-jnl-2", "ek-org-1", "7.b klass", "7.b", "homeroom", "",
                                 ["ek-usr-2"], ["ek-usr-7", "ek-usr-8"], clock)}
    world.opiq_schools = {
        "opq-sch-1": OpiqSchool("opq-sch-1", "Tartu Mõisavahe Kool", "12345", 4),
        "opq-sch-2": OpiqSchool("opq-sch-2", "Pärnu Ülejõe Põhikool", "67890", 10)}
    created = "2025-09-01T08:00:00Z"
    world.opiq_accounts = {
        "opq-usr-1": OpiqAccount("opq-usr-1", "Mari", "Maasikas", "mari@example.ee",
                                 "48001010001", "", "", created,
                                 {"opq-sch-1": ["admin"], "opq-sch-2": ["admin"]},
                                 username="mari.maasikas", password="harjutus"),
        "opq-usr-2": OpiqAccount("opq-usr-2", "Katlin", "Ounapuu", "katlin@example.ee", "", "",
                                 "", created, {"opq-sch-1": ["student"]},
                                 licence_school_id="opq-sch-1", materials_added=4,
                                 work_solved=11, updated_at=created),
        "opq-usr-3": OpiqAccount("opq-usr-3", "Jüri", "Juurikas", "juri@example.ee", "", "", "",
                                 created, {"opq-sch-1": ["teacher"]}, username="juri.opiq",
                                 password="harjutus"),
    }
    world.opiq_journals = {
        "opq-jnl-1": OpiqJournal("opq-jnl-1", "opq-sch-1", "Robootikaring", "opiq", "",
                                 "Robootika", ["opq-usr-3"], ["opq-usr-2"], "", created)}
    world.old_account_of = {"ek-usr-3": "opq-usr-2", "ek-usr-2": "opq-usr-3"}
    world.admin_opiq_id, world.admin_ekool_id, world.other_ekool_id = (
        "opq-usr-1", "ek-usr-1", "ek-usr-2")
    return world


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """One emulator with the default seed for the whole run: read mostly, change carefully."""
    with EmbeddedServer(tmp_path_factory.mktemp("emulator")) as srv:
        yield srv


@pytest.fixture
def fresh_emulator(tmp_path: Path) -> Iterator[EmbeddedServer]:
    """A small emulator of its own, with the hand-made world of `small_world`."""
    with EmbeddedServer(tmp_path / "emulator", make_world=small_world) as srv:
        yield srv


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize(client: httpx.Client, system: str, username: str, password: str,
              challenge: str, state: str = "st-1", redirect_uri: str = REDIRECT
              ) -> dict[str, list[str]]:
    """Fills in the sign-in form; answers the query of the redirect back to the client."""
    params = {"response_type": "code", "client_id": "opiq-admin", "redirect_uri": redirect_uri,
              "state": state, "code_challenge": challenge, "code_challenge_method": "S256"}
    form = client.get(f"/{system}/oauth/authorize", params=params)
    assert form.status_code == 200 and "<form" in form.text
    answer = client.post(f"/{system}/oauth/authorize",
                         data={**params, "username": username, "password": password})
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(redirect_uri)
    return parse_qs(urlsplit(location).query)


def sign_in(client: httpx.Client, system: str, username: str = "mari.maasikas",
            password: str = "harjutus") -> dict[str, str]:
    """The whole authorization-code flow with PKCE; answers the token response."""
    verifier, challenge = pkce_pair()
    query = authorize(client, system, username, password, challenge)
    token = client.post(f"/{system}/oauth/token", data={
        "grant_type": "authorization_code", "code": query["code"][0],
        "redirect_uri": REDIRECT, "client_id": "opiq-admin", "code_verifier": verifier})
    assert token.status_code == 200, token.text
    return token.json()


@pytest.fixture
def signed_in() -> Callable[..., httpx.Client]:
    """Makes a client for one system signed in as someone (the practice admin by default)."""
    clients: list[httpx.Client] = []

    def make(base_url: str, system: str, username: str = "mari.maasikas",
             password: str = "harjutus") -> httpx.Client:
        client = httpx.Client(base_url=base_url, timeout=30)
        clients.append(client)
        token = sign_in(client, system, username, password)
        client.headers["Authorization"] = f"Bearer {token['access_token']}"
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
async def ctx(tmp_path: Path) -> AsyncIterator[AppContext]:
    """The program's context in practice mode over tmp_path, signed in to both sides."""
    use_test_store(tmp_path)
    context = await build_context(AppPaths.under(tmp_path), practice_dir=tmp_path,
                                  force_practice=True, share_emulator=False)
    await context.sign_in_practice()
    yield context
    await context.aclose()


def shared_emulator_processes() -> list[psutil.Process]:
    """The practice emulators that runs of the program started from this test run."""
    found = []
    for process in psutil.Process().children(recursive=True):
        try:
            if "--shared" in process.cmdline():
                found.append(process)
        except psutil.Error:
            pass
    return found


@pytest.fixture(scope="session", autouse=True)
def shared_emulators_all_stop() -> Iterator[None]:
    """No practice emulator outlives the test run: once its last user is gone, each one
    stops by itself (it is waited for, never killed)."""
    yield
    _, alive = psutil.wait_procs(shared_emulator_processes(), timeout=30)
    shutil.rmtree(os.environ["OPIQ_ADMIN_CACHE_DIR"], ignore_errors=True)
    assert not alive, f"practice emulators still running: {[p.pid for p in alive]}"
