<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et">
<context>
    <name>RemediationDialog</name>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="84"/>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="85"/>
        <source>Remedy duplicate accounts</source>
        <translation>Topeltkontode parandamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="87"/>
        <source>For each approved student pair the old account loses the student role, which frees its licence, and the new, eKool-linked account gets a licence. The student signs in with the new account from now on; what they did in the old one stays there. Nothing is changed until you press Run.</source>
        <translation>Iga kinnitatud õpilaspaari vanalt kontolt eemaldatakse õpilase roll, mis vabastab selle litsentsi, ja uus, eKooliga liidestatud konto saab litsentsi. Õpilane siseneb edaspidi uue kontoga; vanas kontos tehtu jääb sinna. Midagi ei muudeta enne, kui vajutad „Käivita“.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="91"/>
        <source>Licences per school: before and after</source>
        <translation>Litsentsid koolide kaupa: enne ja pärast</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="93"/>
        <source>I have checked these pairs and confirm taking the student role from this many students</source>
        <translation>Olen need paarid üle vaadanud ja kinnitan õpilase rolli eemaldamise nii paljudelt õpilastelt</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="95"/>
        <source>Save report…</source>
        <translation>Salvesta aruanne…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="96"/>
        <source>Close</source>
        <translation>Sulge</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="114"/>
        <source>Making the remedy plan</source>
        <translation>Parandusplaani koostamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="124"/>
        <source>Loading the unfinished remedy</source>
        <translation>Lõpetamata parandamise laadimine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="166"/>
        <source>Continue the run</source>
        <translation>Jätka käivitust</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="167"/>
        <source>Run</source>
        <translation>Käivita</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="168"/>
        <source>Continue</source>
        <translation>Jätka</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="168"/>
        <source>Pause</source>
        <translation>Peata</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="169"/>
        <source>Stop</source>
        <translation>Katkesta</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="170"/>
        <source>Results</source>
        <translation>Tulemused</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="171"/>
        <source>Preview (dry run): nothing has been changed on either server</source>
        <translation>Eelvaade (proovikäivitus): kummaski süsteemis pole midagi muudetud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="177"/>
        <source>{total} approved pairs: {act} to change ({remove} old accounts lose the student role, {assign} new accounts get a licence); {skip} not changed.</source>
        <translation>{total} kinnitatud paari: {act} muudetakse ({remove} vanalt kontolt eemaldatakse õpilase roll, {assign} uut kontot saab litsentsi); {skip} jäetakse muutmata.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="186"/>
        <source>Mass-change guard</source>
        <translation>Massmuudatuse kaitse</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="187"/>
        <source>this plan takes the student role from more than 10% of a school&apos;s students:</source>
        <translation>see plaan eemaldab õpilase rolli enam kui 10%-lt kooli õpilastest:</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="189"/>
        <source>So many usually means the review approved pairs it should not have. Check the list below; a false pair takes a real student&apos;s access away.</source>
        <translation>Nii suur arv tähendab tavaliselt, et ülevaatusel kinnitati ka valesid paare. Kontrolli allolevat loendit: vale paar võtab päris õpilaselt ligipääsu.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="194"/>
        <source>{n} teacher pairs are listed but not changed.</source>
        <translation>{n} õpetajapaari on loendis, kuid neid ei muudeta.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="216"/>
        <source>Recording the confirmation</source>
        <translation>Kinnituse salvestamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="230"/>
        <source>Confirm the remedy</source>
        <translation>Kinnita parandamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="231"/>
        <source>{n} students will lose the student role on their old Opiq account. They keep access through their eKool-linked account, which gets the licence. This cannot be undone from this program.</source>
        <translation>{n} õpilase vanalt Opiqu kontolt eemaldatakse õpilase roll. Ligipääs jääb neile eKooliga liidestatud konto kaudu, mis saab litsentsi. Seda ei saa selles programmis tagasi võtta.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="234"/>
        <source>Remove {n} student roles</source>
        <translation>Eemalda {n} õpilase rolli</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="236"/>
        <source>Cancel</source>
        <translation>Loobu</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="258"/>
        <source>Remedying duplicate accounts</source>
        <translation>Topeltkontode parandamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="269"/>
        <source>{done} done, {failed} failed, {skipped} not changed, {left} left · {rate:.1f} pairs/s · time left {eta}</source>
        <translation>{done} tehtud, {failed} ebaõnnestus, {skipped} muutmata, {left} jäänud · {rate:.1f} paari/s · aega jäänud {eta}</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="293"/>
        <source>Paused: steps under way finish, no new step starts.</source>
        <translation>Peatatud: pooleli sammud lõpetatakse, uusi ei alustata.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="301"/>
        <source>Stopping after the steps under way…</source>
        <translation>Katkestan, kui pooleli sammud on lõpetatud…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="308"/>
        <source>Finished: {done} pairs done, {skipped} not changed, {failed} failed.</source>
        <translation>Valmis: {done} paari tehtud, {skipped} muutmata, {failed} ebaõnnestus.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="311"/>
        <source>Stopped: {n} pairs were not finished. Continue the run to finish them; the program also offers it at the next start.</source>
        <translation>Katkestatud: {n} paari jäi lõpetamata. Nende lõpetamiseks jätka käivitust; programm pakub seda ka järgmisel käivitamisel.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="316"/>
        <source>Reading the licence pools</source>
        <translation>Litsentside lugemine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="343"/>
        <source>Licences per school: before, and now after the run</source>
        <translation>Litsentsid koolide kaupa: enne ja nüüd, pärast käivitust</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="356"/>
        <source>Save the remedy report</source>
        <translation>Salvesta parandamise aruanne</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="357"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="373"/>
        <source>Saving the remedy report</source>
        <translation>Parandamise aruande salvestamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_dialog.py" line="382"/>
        <source>A run is in progress: pause or stop it first.</source>
        <translation>Käivitus on pooleli: peata või katkesta see enne.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="47"/>
        <source>give the new account a licence</source>
        <translation>anna uuele kontole litsents</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="49"/>
        <source>remove the old account&apos;s student role</source>
        <translation>eemalda vanalt kontolt õpilase roll</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="51"/>
        <source>give the freed licence to the new account</source>
        <translation>anna vabanenud litsents uuele kontole</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="64"/>
        <source>Teacher accounts are not changed automatically: ask the teacher to sign in with the eKool-linked account from now on, and remove the teacher role from the old account in Opiq by hand once their materials are no longer needed.</source>
        <translation>Õpetajakontosid automaatselt ei muudeta: palu õpetajal edaspidi siseneda eKooliga liidestatud kontoga ja eemalda vanalt kontolt Opiqus käsitsi õpetaja roll, kui selle materjale enam vaja pole.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="69"/>
        <source>an account is gone or not in a school you administer</source>
        <translation>üks kontodest on kadunud või pole sinu hallatavas koolis</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="71"/>
        <source>the old account has been linked to eKool since the review</source>
        <translation>vana konto on pärast ülevaatust eKooliga liidestatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="73"/>
        <source>the old account no longer has the student role</source>
        <translation>vanal kontol pole enam õpilase rolli</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="75"/>
        <source>the new account is not linked to eKool</source>
        <translation>uus konto pole eKooliga liidestatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="77"/>
        <source>the two accounts are in different schools</source>
        <translation>kontod on eri koolides</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="84"/>
        <source>cancelled before: {step}</source>
        <translation>katkestati enne sammu: {step}</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="87"/>
        <source>waiting for a licence: the old role is removed, no free licence was left for the new account</source>
        <translation>ootab litsentsi: vanalt kontolt on roll eemaldatud, uuele kontole vaba litsentsi ei jäänud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="99"/>
        <source>planned</source>
        <translation>plaanis</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="100"/>
        <source>not changed</source>
        <translation>muutmata</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="101"/>
        <source>done</source>
        <translation>tehtud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="102"/>
        <source>failed</source>
        <translation>ebaõnnestus</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="103"/>
        <source>in progress</source>
        <translation>pooleli</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="110"/>
        <source>teacher</source>
        <translation>õpetaja</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="111"/>
        <source>student</source>
        <translation>õpilane</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="121"/>
        <source>teacher account: not changed automatically (see the advice above)</source>
        <translation>õpetajakonto: automaatselt ei muudeta (vt nõuannet ülal)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="130"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="132"/>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="216"/>
        <source>Old account</source>
        <translation>Vana konto</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="134"/>
        <source>New account (eKool)</source>
        <translation>Uus konto (eKool)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="136"/>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="215"/>
        <source>Kind</source>
        <translation>Liik</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="138"/>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="150"/>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="213"/>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="140"/>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="221"/>
        <source>Result</source>
        <translation>Tulemus</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="142"/>
        <source>Steps, in order</source>
        <translation>Sammud järjekorras</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="144"/>
        <source>Why / detail</source>
        <translation>Põhjus / täpsustus</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="152"/>
        <source>Licences</source>
        <translation>Litsentse</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="154"/>
        <source>In use before</source>
        <translation>Kasutusel enne</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="156"/>
        <source>Free before</source>
        <translation>Vabu enne</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="158"/>
        <source>In use after</source>
        <translation>Kasutusel pärast</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="160"/>
        <source>Free after</source>
        <translation>Vabu pärast</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="193"/>
        <source>{school}: {count} of {students} students ({share:.0f}%)</source>
        <translation>{school}: {count} õpilast {students}-st ({share:.0f}%)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="206"/>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="207"/>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="213"/>
        <source>Time</source>
        <translation>Aeg</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="214"/>
        <source>EHIS code</source>
        <translation>EHISe kood</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="217"/>
        <source>Old account name</source>
        <translation>Vana konto nimi</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="218"/>
        <source>New account</source>
        <translation>Uus konto</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="219"/>
        <source>New account name</source>
        <translation>Uue konto nimi</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="220"/>
        <source>Planned steps</source>
        <translation>Plaanitud sammud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_views.py" line="222"/>
        <source>Detail</source>
        <translation>Täpsustus</translation>
    </message>
    <message>
        <source>the accounts have changed since the review</source>
        <translation>kontod on pärast ülevaatamist muutunud</translation>
    </message>
    <message>
        <source>not approved in the review</source>
        <translation>ülevaatusel kinnitamata</translation>
    </message>
    <message>
        <source>rejected in the review</source>
        <translation>ülevaatusel tagasi lükatud</translation>
    </message>
    <message>
        <source>the approval was withdrawn after the plan was made</source>
        <translation>kinnitus võeti pärast plaani koostamist tagasi</translation>
    </message>
    <message>
        <source>advice only</source>
        <translation>ainult soovitus</translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <location filename="../../opiq_admin/ui/remediation_resume.py" line="29"/>
        <source>Unfinished remedy</source>
        <translation>Lõpetamata parandamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_resume.py" line="37"/>
        <source>A remedy of duplicate accounts planned on {when} ({n} pairs to change) did not finish. Nothing is lost: finishing it continues where it stopped, and steps already done are not repeated.</source>
        <translation>Topeltkontode parandamine, mis plaaniti {when} ({n} muudetavat paari), jäi lõpetamata. Midagi pole kadunud: lõpetamine jätkab sealt, kus see pooleli jäi, ja juba tehtud samme ei korrata.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_resume.py" line="41"/>
        <source>{n} more unfinished runs are offered after this one.</source>
        <translation>Pärast seda pakutakse veel {n} lõpetamata käivitust.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_resume.py" line="44"/>
        <source>Finish it now</source>
        <translation>Lõpeta kohe</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_resume.py" line="46"/>
        <source>Later</source>
        <translation>Hiljem</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/remediation_resume.py" line="69"/>
        <source>Looking for unfinished remedies</source>
        <translation>Lõpetamata paranduste otsimine</translation>
    </message>
    <message>
        <source>Give it up</source>
        <translation>Loobu sellest</translation>
    </message>
    <message>
        <source>Leave the rest undone: the plan is no longer offered. What was done stays done; the decision is written to the activity log.</source>
        <translation>Ülejäänu jääb tegemata ja plaani enam ei pakuta. Tehtu jääb tehtuks; otsus kirjutatakse tegevuslogisse.</translation>
    </message>
    <message>
        <source>Giving the remedy up</source>
        <translation>Loobun parandusest</translation>
    </message>
</context>
</TS>
