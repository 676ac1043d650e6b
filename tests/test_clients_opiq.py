"""The Opiq client against the emulator: every call, typed results, paging, conflicts."""

from __future__ import annotations

import pytest
from support_clients import admin_clients

from opiq_admin.services.clients.models import Account, Journal
from opiq_admin.services.errors import Conflict, NotFound
from opiq_admin.services.signin.oauth import OAuthFlow, practice_sign_in


async def test_me_schools_and_school(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        me = await c.opiq.me()
        schools = await c.opiq.schools()
        one = await c.opiq.school("opq-sch-1")
    assert (me.id, me.first_name, me.last_name) == ("opq-usr-1", "Mari", "Maasikas")
    assert me.ekool_id is None
    assert set(me.schools_with_role("admin")) == {"opq-sch-1", "opq-sch-2"}
    assert [s.id for s in schools] == ["opq-sch-1", "opq-sch-2"]
    assert one == schools[0]
    assert one.name == "Tartu Mõisavahe Kool" and one.ehis_id == "12345"
    assert one.ekool.enabled is False and one.ekool.ekool_org_id is None


async def test_users_across_many_pages_in_stable_order(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        paged = await c.opiq.users("opq-sch-1", page_size=1)
        whole = await c.opiq.users("opq-sch-1", page_size=1000)
    assert len(paged) == 3 and paged == whole
    assert all(isinstance(a, Account) for a in paged)
    katlin = next(a for a in paged if a.id == "opq-usr-2")
    assert katlin.last_name == "Ounapuu" and katlin.has_license and katlin.school == "12345"
    assert katlin.roles == ("student",) and katlin.updated_at
    record = katlin.to_record()
    assert set(record) == {"id", "first_name", "last_name", "email", "id_code", "birth_date",
                           "ekool_id", "roles", "created_at", "has_license", "school",
                           "journals"}
    assert record["roles"] == ["student"] and record["ekool_id"] is None


async def test_users_filters(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        students = await c.opiq.users("opq-sch-1", role="student")
        linked = await c.opiq.users("opq-sch-1", linked=True)
        unlinked = await c.opiq.users("opq-sch-1", linked=False)
        later = await c.opiq.users("opq-sch-1", changed_since="2030-01-01T00:00:00Z")
    assert [a.id for a in students] == ["opq-usr-2"]
    assert linked == [] and len(unlinked) == 3
    assert later == []


async def test_user_activity_and_licences(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        user = await c.opiq.user("opq-usr-2")
        activity = await c.opiq.activity("opq-usr-2")
        pool = await c.opiq.licences("opq-sch-1")
        accounts = await c.opiq.users("opq-sch-1")
        with pytest.raises(NotFound) as err:
            await c.opiq.user("opq-usr-999")
    assert user.first_name == "Katlin"
    assert (activity.materials_added, activity.work_solved) == (4, 11)
    assert pool.assigned == sum(a.has_license for a in accounts) == 1
    assert pool.assigned + pool.free == pool.total
    assert err.value.call == "GET /opiq/api/users/opq-usr-999" and err.value.status == 404


async def test_remove_role_frees_the_licence_and_assigning_uses_it(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        before = await c.opiq.licences("opq-sch-1")
        account = await c.opiq.remove_role("opq-sch-1", "opq-usr-2", "student", key="rm-1")
        after_remove = await c.opiq.licences("opq-sch-1")
        pool = await c.opiq.assign_licence("opq-sch-1", "opq-usr-3", key="give-1")
        repeat = await c.opiq.assign_licence("opq-sch-1", "opq-usr-3", key="give-1")
        with pytest.raises(Conflict) as err:
            await c.opiq.assign_licence("opq-sch-1", "opq-usr-3", key="give-2")
    assert "student" not in account.roles and not account.has_license
    assert after_remove.free == before.free + 1
    assert pool.free == before.free and repeat == pool  # the repeat is answered, not redone
    assert err.value.code == "already_licensed"


async def test_an_opiq_journal_can_be_renamed(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        own = [j for j in await c.opiq.journals("opq-sch-1") if not j.from_ekool]
        renamed = await c.opiq.update_journal(own[0].id, name="Robootikaring „Õun & Šokk“")
        again = await c.opiq.journal(own[0].id)
    assert renamed.name == again.name == "Robootikaring „Õun & Šokk“"
    assert renamed.students == own[0].students


async def test_enabling_needs_the_ehis_code_in_ekool(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        token = await c.ekool_session.access_token()
        with pytest.raises(Conflict) as err:
            await c.opiq.enable_ekool("opq-sch-2", token)
        school = await c.opiq.enable_ekool("opq-sch-1", token)
    assert err.value.code == "ehis_code_missing" and "67890" in err.value.message
    assert "Pöördu Opiqu kasutajatoe poole" in str(err.value)
    assert school.ekool.enabled and school.ekool.ekool_org_id == "ek-org-1"
    assert school.ekool.ekool_name == "Tartu Mõisavahe Kool"


async def test_link_me_and_the_wrong_person(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        await c.practice.next_signin("ek-usr-2")
        flow = OAuthFlow(f"{fresh_emulator.url}/ekool", "opiq-admin", c.http)
        teacher = await practice_sign_in(flow, "mari.maasikas", "harjutus")
        with pytest.raises(Conflict) as err:
            await c.opiq.link_me(teacher.access_token)
        me = await c.opiq.link_me(await c.ekool_session.access_token())
    assert err.value.code == "identity_mismatch"
    assert me.ekool_id == "ek-usr-1"


async def test_an_ekool_journal_is_read_only_refreshable_and_deletable(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        await c.opiq.enable_ekool("opq-sch-1", await c.ekool_session.access_token())
        moved = await c.practice.transfer("ek-jnl-1", "Matemaatika 7. klassile")
        pairs = await c.practice.ground_truth()
        journals = await c.opiq.journals("opq-sch-1", page_size=1)
        one = await c.opiq.journal(moved.id)
        with pytest.raises(Conflict) as err:
            await c.opiq.update_journal(moved.id, name="Muudetud")
        await c.practice.change_roster("ek-jnl-1", remove=["ek-usr-4"], new_students=1)
        refresh = await c.opiq.refresh_journal(moved.id)
        await c.opiq.delete_journal(moved.id)
        with pytest.raises(NotFound):
            await c.opiq.journal(moved.id)
    assert isinstance(one, Journal) and one == moved and moved in journals
    assert one.from_ekool and one.ekool_class_id == "ek-jnl-1"
    assert one.course_set == "Matemaatika 7. klassile" and len(one.students) == 4
    assert err.value.code == "managed_by_ekool"
    # Kätlin's old, unlinked account got a twin from the transfer.
    assert any(p.old == "opq-usr-2" and p.new in one.students and p.kind == "student"
               for p in pairs)
    assert len(refresh.added) == 1 and len(refresh.removed) == 1
    assert set(refresh.journal.students) == (set(one.students) - set(refresh.removed)
                                             | set(refresh.added))


async def test_every_school_pages_alike_on_the_seeded_world(emulator) -> None:
    async with admin_clients(emulator.url) as c:
        for school in await c.opiq.schools():
            paged = await c.opiq.users(school.id, page_size=37)
            whole = await c.opiq.users(school.id, page_size=1000)
            assert paged == whole
            assert len({a.id for a in paged}) == len(paged)
            assert all(a.school == school.ehis_id for a in paged)
