<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et">
<context>
    <name>RemediationDialog</name>
    <message>
        <source>Remedy duplicate accounts</source>
        <translation>Topeltkontode parandamine</translation>
    </message>
    <message>
        <source>For each approved student pair the old account loses the student role, which frees its licence, and the new, eKool-linked account gets a licence. The student signs in with the new account from now on; what they did in the old one stays there. Nothing is changed until you press Run.</source>
        <translation>Iga kinnitatud õpilaspaari vanalt kontolt eemaldatakse õpilase roll, mis vabastab selle litsentsi, ja uus, eKooliga liidestatud konto saab litsentsi. Õpilane siseneb edaspidi uue kontoga; vanas kontos tehtu jääb sinna. Midagi ei muudeta enne, kui vajutad „Käivita“.</translation>
    </message>
    <message>
        <source>Licences per school: before and after</source>
        <translation>Litsentsid koolide kaupa: enne ja pärast</translation>
    </message>
    <message>
        <source>I have checked these pairs and confirm taking the student role from this many students</source>
        <translation>Olen need paarid üle vaadanud ja kinnitan õpilase rolli eemaldamise nii paljudelt õpilastelt</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Salvesta aruanne…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulge</translation>
    </message>
    <message>
        <source>Making the remedy plan</source>
        <translation>Parandusplaani koostamine</translation>
    </message>
    <message>
        <source>Loading the unfinished remedy</source>
        <translation>Lõpetamata parandamise laadimine</translation>
    </message>
    <message>
        <source>Continue the run</source>
        <translation>Jätka käivitust</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Käivita</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Jätka</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Peata</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Katkesta</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Tulemused</translation>
    </message>
    <message>
        <source>Preview (dry run): nothing has been changed on either server</source>
        <translation>Eelvaade (proovikäivitus): kummaski süsteemis pole midagi muudetud</translation>
    </message>
    <message numerus="yes">
        <source>%n approved pair(s):</source>
        <translation>
            <numerusform>%n kinnitatud paar:</numerusform>
            <numerusform>%n kinnitatud paari:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to change</source>
        <translation>
            <numerusform>%n muudetakse</numerusform>
            <numerusform>%n muudetakse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old account(s) lose the student role</source>
        <translation>
            <numerusform>%n vanalt kontolt eemaldatakse õpilase roll</numerusform>
            <numerusform>%n vanalt kontolt eemaldatakse õpilase roll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new account(s) get a licence</source>
        <translation>
            <numerusform>%n uus konto saab litsentsi</numerusform>
            <numerusform>%n uut kontot saavad litsentsi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not changed.</source>
        <translation>
            <numerusform>%n jääb muutmata.</numerusform>
            <numerusform>%n jäävad muutmata.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n teacher pair(s) listed but not changed.</source>
        <translation>
            <numerusform>%n õpetajapaar on loendis, kuid seda ei muudeta.</numerusform>
            <numerusform>%n õpetajapaari on loendis, kuid neid ei muudeta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) will lose the student role on their old Opiq account. They keep access through their eKool-linked account, which gets the licence. This cannot be undone from this program.</source>
        <translation>
            <numerusform>%n õpilane</numerusform>
            <numerusform>%n õpilast</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n student role(s)</source>
        <translation>
            <numerusform>Eemalda %n õpilase roll</numerusform>
            <numerusform>Eemalda %n õpilase rollid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n pair(s) done,</source>
        <translation>
            <numerusform>Valmis: %n paar tehtud,</numerusform>
            <numerusform>Valmis: %n paari tehtud,</numerusform>
        </translation>
    </message>
    <message>
        <source>{skipped} not changed, {failed} failed.</source>
        <translation>{skipped} muutmata, {failed} ebaõnnestunud.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n pair(s) not finished. Continue the run to finish them; the program also offers it at the next start.</source>
        <translation>
            <numerusform>Katkestatud: %n paar jäi lõpetamata. Selle lõpetamiseks jätka käivitust; programm pakub seda ka järgmisel käivitamisel.</numerusform>
            <numerusform>Katkestatud: %n paari jäi lõpetamata. Nende lõpetamiseks jätka käivitust; programm pakub seda ka järgmisel käivitamisel.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mass-change guard</source>
        <translation>Massmuudatuse kaitse</translation>
    </message>
    <message>
        <source>this plan takes the student role from more than 10% of a school&apos;s students:</source>
        <translation>see plaan eemaldab õpilase rolli enam kui 10%-lt kooli õpilastest:</translation>
    </message>
    <message>
        <source>So many usually means the review approved pairs it should not have. Check the list below; a false pair takes a real student&apos;s access away.</source>
        <translation>Nii suur arv tähendab tavaliselt, et ülevaatusel kinnitati ka valesid paare. Kontrolli allolevat loendit: vale paar võtab päris õpilaselt ligipääsu.</translation>
    </message>
    <message>
        <source>Recording the confirmation</source>
        <translation>Kinnituse salvestamine</translation>
    </message>
    <message>
        <source>Confirm the remedy</source>
        <translation>Kinnita parandamine</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Loobu</translation>
    </message>
    <message>
        <source>Remedying duplicate accounts</source>
        <translation>Topeltkontode parandamine</translation>
    </message>
    <message>
        <source>{done} done, {failed} failed, {skipped} not changed, {left} left · {rate:.1f} pairs/s · time left {eta}</source>
        <translation>{done} tehtud, {failed} ebaõnnestus, {skipped} muutmata, {left} jäänud · {rate:.1f} paari/s · aega jäänud {eta}</translation>
    </message>
    <message>
        <source>Paused: steps under way finish, no new step starts.</source>
        <translation>Peatatud: pooleli sammud lõpetatakse, uusi ei alustata.</translation>
    </message>
    <message>
        <source>Stopping after the steps under way…</source>
        <translation>Katkestan, kui pooleli sammud on lõpetatud…</translation>
    </message>
    <message>
        <source>Reading the licence pools</source>
        <translation>Litsentside lugemine</translation>
    </message>
    <message>
        <source>Licences per school: before, and now after the run</source>
        <translation>Litsentsid koolide kaupa: enne ja nüüd, pärast käivitust</translation>
    </message>
    <message>
        <source>Save the remedy report</source>
        <translation>Salvesta parandamise aruanne</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>plan {plan}, %n pair(s)</source>
        <translation>
            <numerusform>plaan {plan}, %n paar</numerusform>
            <numerusform>plaan {plan}, %n paari</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving the remedy report</source>
        <translation>Parandamise aruande salvestamine</translation>
    </message>
    <message>
        <source>A run is in progress: pause or stop it first.</source>
        <translation>Käivitus on pooleli: peata või katkesta see enne.</translation>
    </message>
    <message>
        <source>give the new account a licence</source>
        <translation>anna uuele kontole litsents</translation>
    </message>
    <message>
        <source>remove the old account&apos;s student role</source>
        <translation>eemalda vanalt kontolt õpilase roll</translation>
    </message>
    <message>
        <source>give the freed licence to the new account</source>
        <translation>anna vabanenud litsents uuele kontole</translation>
    </message>
    <message>
        <source>Teacher accounts are not changed automatically: ask the teacher to sign in with the eKool-linked account from now on, and remove the teacher role from the old account in Opiq by hand once their materials are no longer needed.</source>
        <translation>Õpetajakontosid automaatselt ei muudeta: palu õpetajal edaspidi siseneda eKooliga liidestatud kontoga ja eemalda vanalt kontolt Opiqus käsitsi õpetaja roll, kui selle materjale enam vaja pole.</translation>
    </message>
    <message>
        <source>an account is gone or not in a school you administer</source>
        <translation>üks kontodest on kadunud või pole sinu hallatavas koolis</translation>
    </message>
    <message>
        <source>the old account has been linked to eKool since the review</source>
        <translation>vana konto on pärast ülevaatust eKooliga liidestatud</translation>
    </message>
    <message>
        <source>the old account no longer has the student role</source>
        <translation>vanal kontol pole enam õpilase rolli</translation>
    </message>
    <message>
        <source>the new account is not linked to eKool</source>
        <translation>uus konto pole eKooliga liidestatud</translation>
    </message>
    <message>
        <source>the two accounts are in different schools</source>
        <translation>kontod on eri koolides</translation>
    </message>
    <message>
        <source>cancelled before: {step}</source>
        <translation>katkestati enne sammu: {step}</translation>
    </message>
    <message>
        <source>waiting for a licence: the old role is removed, no free licence was left for the new account</source>
        <translation>ootab litsentsi: vanalt kontolt on roll eemaldatud, uuele kontole vaba litsentsi ei jäänud</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>plaanis</translation>
    </message>
    <message>
        <source>not changed</source>
        <translation>muutmata</translation>
    </message>
    <message>
        <source>done</source>
        <translation>tehtud</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ebaõnnestus</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>pooleli</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>õpetaja</translation>
    </message>
    <message>
        <source>student</source>
        <translation>õpilane</translation>
    </message>
    <message>
        <source>teacher account: not changed automatically (see the advice above)</source>
        <translation>õpetajakonto: automaatselt ei muudeta (vt nõuannet ülal)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Old account</source>
        <translation>Vana konto</translation>
    </message>
    <message>
        <source>New account (eKool)</source>
        <translation>Uus konto (eKool)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Liik</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Tulemus</translation>
    </message>
    <message>
        <source>Steps, in order</source>
        <translation>Sammud järjekorras</translation>
    </message>
    <message>
        <source>Why / detail</source>
        <translation>Põhjus / täpsustus</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Litsentse</translation>
    </message>
    <message>
        <source>In use before</source>
        <translation>Kasutusel enne</translation>
    </message>
    <message>
        <source>Free before</source>
        <translation>Vabu enne</translation>
    </message>
    <message>
        <source>In use after</source>
        <translation>Kasutusel pärast</translation>
    </message>
    <message>
        <source>Free after</source>
        <translation>Vabu pärast</translation>
    </message>
    <message>
        <source>{school}: {count} of {students} students ({share:.0f}%)</source>
        <translation>{school}: {count} õpilast {students}-st ({share:.0f}%)</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aeg</translation>
    </message>
    <message>
        <source>EHIS code</source>
        <translation>EHISe kood</translation>
    </message>
    <message>
        <source>Old account name</source>
        <translation>Vana konto nimi</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Uus konto</translation>
    </message>
    <message>
        <source>New account name</source>
        <translation>Uue konto nimi</translation>
    </message>
    <message>
        <source>Planned steps</source>
        <translation>Plaanitud sammud</translation>
    </message>
    <message>
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
        <source>Unfinished remedy</source>
        <translation>Lõpetamata parandamine</translation>
    </message>
    <message>
        <source>Finish it now</source>
        <translation>Lõpeta kohe</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Hiljem</translation>
    </message>
    <message>
        <source>Looking for unfinished remedies</source>
        <translation>Lõpetamata paranduste otsimine</translation>
    </message>
    <message>
        <source>Give it up</source>
        <translation>Loobu sellest</translation>
    </message>
    <message numerus="yes">
        <source>A remedy of duplicate accounts planned on {when} (%n pair(s) to change) did not finish. Nothing is lost: finishing it continues where it stopped, and steps already done are not repeated.</source>
        <translation>
            <numerusform>Topeltkontode parandamine, mis plaaniti {when} (%n muudetav paar), jäi lõpetamata. Midagi pole kadunud: lõpetamine jätkab sealt, kus see pooleli jäi, ja juba tehtud samme ei korrata.</numerusform>
            <numerusform>Topeltkontode parandamine, mis plaaniti {when} (%n muudetavat paari), jäi lõpetamata. Midagi pole kadunud: lõpetamine jätkab sealt, kus see pooleli jäi, ja juba tehtud samme ei korrata.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more unfinished run(s) offered after this one.</source>
        <translation>
            <numerusform>Pärast seda pakutakse veel %n lõpetamata käivitust.</numerusform>
            <numerusform>Pärast seda pakutakse veel %n lõpetamata käivitust.</numerusform>
        </translation>
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
