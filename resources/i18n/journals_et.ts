<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et" sourcelanguage="en">
<context>
    <name>JournalActions</name>
    <message>
        <source>Delete the selected eKool journals in Opiq; they stay in eKool</source>
        <translation>Kustuta valitud eKooli päevikud Opiqust; eKoolis jäävad need alles</translation>
    </message>
    <message>
        <source>Only journals transferred from eKool can be deleted here, and only at a school where you are an administrator</source>
        <translation>Siin saab kustutada ainult eKoolist üle toodud päevikuid ja ainult koolis, kus oled administraator</translation>
    </message>
    <message>
        <source>%v of %m journals</source>
        <translation>%v / %m päevikut</translation>
    </message>
    <message>
        <source>Updating journal data</source>
        <translation>Päevikute andmete uuendamine</translation>
    </message>
    <message>
        <source>{journal}: not updated: {why}</source>
        <translation>{journal}: jäi uuendamata: {why}</translation>
    </message>
    <message>
        <source>{journal}: already the same as in eKool</source>
        <translation>{journal}: juba sama mis eKoolis</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) added ({names})</source>
        <translation>
            <numerusform>lisandus %n õpilane ({names})</numerusform>
            <numerusform>lisandus %n õpilast ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) removed ({names})</source>
        <translation>
            <numerusform>eemaldati %n õpilane ({names})</numerusform>
            <numerusform>eemaldati %n õpilast ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n journal(s) in Opiq?</source>
        <translation>
            <numerusform>Kas kustutada %n päevik Opiqus?</numerusform>
            <numerusform>Kas kustutada %n päevikut Opiqus?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n õpilane</numerusform>
            <numerusform>%n õpilast</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal stays in eKool: nothing is changed or deleted there, and a teacher can transfer it to Opiq again.

In Opiq, these people lose it: the teachers {teachers} and {students}. The journal&apos;s work and results in Opiq go with it.</source>
        <translation>Päevik jääb eKooli alles: seal ei muudeta ega kustutata midagi ja õpetaja saab selle uuesti Opiqusse üle tuua.

Opiqus kaotavad selle päeviku õpetajad {teachers} ja {students}. Koos päevikuga kaovad Opiqust selle tööd ja tulemused.</translation>
    </message>
    <message>
        <source>The journals stay in eKool: nothing is changed or deleted there, and a teacher can transfer them to Opiq again.

In Opiq, these people lose them: the teachers {teachers} and {students}. The journals&apos; work and results in Opiq go with them.</source>
        <translation>Päevikud jäävad eKooli alles: seal ei muudeta ega kustutata midagi ja õpetaja saab need uuesti Opiqusse üle tuua.

Opiqus kaotavad need päevikud õpetajad {teachers} ja {students}. Koos päevikutega kaovad Opiqust nende tööd ja tulemused.</translation>
    </message>
    <message>
        <source>Journal data updated from eKool:</source>
        <translation>Päevikute andmed uuendati eKoolist:</translation>
    </message>
    <message>
        <source>Delete in Opiq</source>
        <translation>Kustuta Opiqust</translation>
    </message>
    <message>
        <source>Delete the journal “{name}” in Opiq?</source>
        <translation>Kas kustutada päevik „{name}“ Opiqust?</translation>
    </message>
    <message>
        <source>Deleting journals in Opiq</source>
        <translation>Päevikute kustutamine Opiqust</translation>
    </message>
    <message>
        <source>Deleted in Opiq; still in eKool: {names}</source>
        <translation>Kustutatud Opiqust, eKoolis alles: {names}</translation>
    </message>
    <message>
        <source>Not deleted: {items}</source>
        <translation>Jäi kustutamata: {items}</translation>
    </message>
    <message>
        <source>Export the journals</source>
        <translation>Päevikute eksport</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the journals</source>
        <translation>Päevikute eksportimine</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Katkesta</translation>
    </message>
</context>
<context>
    <name>JournalDetail</name>
    <message numerus="yes">
        <source>%n journal(s) selected.</source>
        <translation>
            <numerusform>Valitud %n päevik.</numerusform>
            <numerusform>Valitud %n päevikut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a journal to see its teachers and students.</source>
        <translation>Vali päevik, et näha selle õpetajaid ja õpilasi.</translation>
    </message>
    <message>
        <source>from {origin}</source>
        <translation>pärit: {origin}</translation>
    </message>
    <message>
        <source>course set {name}</source>
        <translation>komplekt {name}</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Õpetajad</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Õpilased</translation>
    </message>
    <message>
        <source>&lt;b&gt;Managed in eKool.&lt;/b&gt; The name, teachers and students of this journal come from eKool and cannot be changed in Opiq. Change them in eKool; Opiq takes the changes over at the nightly refresh, or now with &lt;b&gt;Update journal data&lt;/b&gt;.</source>
        <translation>&lt;b&gt;Hallatakse eKoolis.&lt;/b&gt; Selle päeviku nimi, õpetajad ja õpilased tulevad eKoolist ning neid ei saa Opiqus muuta. Muuda neid eKoolis; Opiq võtab muudatused üle öisel uuendusel või kohe nupuga &lt;b&gt;Uuenda päeviku andmeid&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Last refreshed: {when}</source>
        <translation>Viimati uuendatud: {when}</translation>
    </message>
    <message>
        <source>Changed in eKool since the last refresh</source>
        <translation>Muutunud eKoolis pärast viimast uuendust</translation>
    </message>
    <message>
        <source>Added in eKool ({count}):</source>
        <translation>eKoolis lisatud ({count}):</translation>
    </message>
    <message>
        <source>Removed in eKool ({count}):</source>
        <translation>eKoolis eemaldatud ({count}):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not transferred to Opiq.&lt;/b&gt; This journal is in eKool, but no teacher has transferred it yet. A teacher does that in eKool (&lt;b&gt;Seo päevik Opiquga&lt;/b&gt;). Students who already have an Opiq account should link it to eKool first (&lt;b&gt;Add integration&lt;/b&gt;), or the transfer makes them a second account.</source>
        <translation>&lt;b&gt;Opiqusse üle toomata.&lt;/b&gt; See päevik on eKoolis, kuid ükski õpetaja pole seda veel üle toonud. Õpetaja teeb seda eKoolis (&lt;b&gt;Seo päevik Opiquga&lt;/b&gt;). Õpilased, kellel on Opiqu konto juba olemas, peaksid enne selle eKooliga siduma (&lt;b&gt;Lisa liidestus&lt;/b&gt;), muidu tekitab ülekanne neile teise konto.</translation>
    </message>
    <message>
        <source>Students in eKool ({count})</source>
        <translation>Õpilased eKoolis ({count})</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>veel teadmata</translation>
    </message>
    <message>
        <source>linked to eKool</source>
        <translation>seotud eKooliga</translation>
    </message>
    <message>
        <source>not linked to eKool</source>
        <translation>eKooliga sidumata</translation>
    </message>
    <message>
        <source>{what} ({count}, {linked} linked to eKool)</source>
        <translation>{what} ({count}, neist eKooliga seotud {linked})</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>mitte kedagi</translation>
    </message>
</context>
<context>
    <name>JournalTable</name>
    <message>
        <source>Changed in eKool (+{added} −{removed})</source>
        <translation>Muutunud eKoolis (+{added} −{removed})</translation>
    </message>
    <message>
        <source>Not transferred</source>
        <translation>Üle toomata</translation>
    </message>
    <message>
        <source>Same as eKool</source>
        <translation>Sama mis eKoolis</translation>
    </message>
    <message>
        <source>Made in Opiq</source>
        <translation>Loodud Opiqus</translation>
    </message>
    <message>
        <source>Since the last refresh, {added} students were added to this journal in eKool and {removed} removed. Update journal data brings the changes over now.</source>
        <translation>Pärast viimast uuendust lisati eKoolis sellesse päevikusse {added} õpilast ja eemaldati {removed}. Nupp „Uuenda päeviku andmeid“ toob muudatused kohe üle.</translation>
    </message>
    <message>
        <source>This journal is in eKool but no teacher has transferred it to Opiq yet.</source>
        <translation>See päevik on eKoolis, kuid ükski õpetaja pole seda veel Opiqusse üle toonud.</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Päevik</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Päritolu</translation>
    </message>
    <message>
        <source>Compared with eKool</source>
        <translation>Võrreldes eKooliga</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Õpetajad</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Õpilased</translation>
    </message>
    <message>
        <source>Course set</source>
        <translation>Komplekt</translation>
    </message>
    <message>
        <source>Last refreshed</source>
        <translation>Viimati uuendatud</translation>
    </message>
</context>
<context>
    <name>JournalsPage</name>
    <message>
        <source>Journals</source>
        <translation>Päevikud</translation>
    </message>
    <message>
        <source>Reading the journals from Opiq and eKool</source>
        <translation>Päevikute lugemine Opiqust ja eKoolist</translation>
    </message>
    <message>
        <source>Filter: journal, school, teacher…</source>
        <translation>Filter: päevik, kool, õpetaja…</translation>
    </message>
    <message>
        <source>Filter journals</source>
        <translation>Filtreeri päevikuid</translation>
    </message>
    <message>
        <source>The selected journal</source>
        <translation>Valitud päevik</translation>
    </message>
    <message>
        <source>School:</source>
        <translation>Kool:</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Näita:</translation>
    </message>
    <message>
        <source>Update journal data</source>
        <translation>Uuenda päeviku andmeid</translation>
    </message>
    <message>
        <source>Bring the selected eKool journals&apos; name, teachers and students over from eKool now, instead of waiting for the nightly refresh</source>
        <translation>Too valitud eKooli päevikute nimi, õpetajad ja õpilased eKoolist kohe üle, ootamata öist uuendust</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Kustuta</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspordi CSV…</translation>
    </message>
    <message>
        <source>Compare with eKool</source>
        <translation>Võrdle eKooliga</translation>
    </message>
    <message numerus="yes">
        <source>{shown} shown of %n journal(s) not transferred</source>
        <translation>
            <numerusform>Näidatud {shown} / %n toomata päevikust</numerusform>
            <numerusform>Näidatud {shown} / %n toomata päevikust</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} shown of %n journal(s) in Opiq</source>
        <translation>
            <numerusform>Näidatud {shown} / %n Opiqu päevikust</numerusform>
            <numerusform>Näidatud {shown} / %n Opiqu päevikust</numerusform>
        </translation>
    </message>
    <message>
        <source>{changed} changed in eKool · {missing} in eKool not transferred</source>
        <translation>eKoolis muutunud {changed} · eKoolis üle toomata {missing}</translation>
    </message>
    <message>
        <source>from the last sync; comparing with eKool…</source>
        <translation>viimase sünkroonimise seis; võrdlen eKooliga…</translation>
    </message>
    <message>
        <source>all schools</source>
        <translation>kõik koolid</translation>
    </message>
    <message>
        <source>all journals in Opiq</source>
        <translation>kõik Opiqu päevikud</translation>
    </message>
    <message>
        <source>from eKool</source>
        <translation>eKoolist</translation>
    </message>
    <message>
        <source>made in Opiq</source>
        <translation>loodud Opiqus</translation>
    </message>
    <message>
        <source>changed in eKool</source>
        <translation>eKoolis muutunud</translation>
    </message>
    <message>
        <source>not transferred from eKool</source>
        <translation>eKoolist üle toomata</translation>
    </message>
    <message numerus="yes">
        <source>%n changed in eKool</source>
        <translation>
            <numerusform>%n muutunud eKoolis</numerusform>
            <numerusform>%n muutunud eKoolis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not transferred</source>
        <translation>
            <numerusform>%n toomata</numerusform>
            <numerusform>%n toomata</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing the activity log</source>
        <translation>Kirjutan tegevuslogi</translation>
    </message>
    <message>
        <source>Reading the roster from eKool</source>
        <translation>Nimekirja lugemine eKoolist</translation>
    </message>
</context>
</TS>
