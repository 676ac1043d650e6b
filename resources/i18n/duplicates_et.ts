<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et">
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Duplicate accounts</source>
        <translation>Topeltkontod</translation>
    </message>
    <message>
        <source>Looking for duplicate accounts</source>
        <translation>Topeltkontode otsimine</translation>
    </message>
    <message>
        <source>Pairs to review</source>
        <translation>Ülevaatamist ootavad paarid</translation>
    </message>
    <message>
        <source>Prevention report</source>
        <translation>Ennetusaruanne</translation>
    </message>
</context>
<context>
    <name>PreventionPanel</name>
    <message>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <source>Journals not yet transferred</source>
        <translation>Veel toomata päevikud</translation>
    </message>
    <message>
        <source>People at risk</source>
        <translation>Ohus inimesed</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Päevik</translation>
    </message>
    <message>
        <source>Person in eKool</source>
        <translation>Isik eKoolis</translation>
    </message>
    <message>
        <source>Unlinked Opiq account</source>
        <translation>Liidestamata Opiqu konto</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skoor</translation>
    </message>
    <message>
        <source>People in eKool journals that have not been transferred to Opiq yet, who already have an Opiq account not linked to eKool. When the journal is transferred they would get a second account. Ask each of them to link their account first: Settings → Integrations → eKool → &quot;Lisa liidestus&quot;.</source>
        <translation>Inimesed eKooli päevikutes, mida pole veel Opiqusse toodud, kellel on juba eKooliga liidestamata Opiqu konto. Päeviku toomisel tekiks neile teine konto. Palu igaühel enne oma konto liidestada: Seaded → Liidestused → eKool → „Lisa liidestus“.</translation>
    </message>
    <message>
        <source>Filter: name, journal, school…</source>
        <translation>Filter: nimi, päevik, kool…</translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation>Filtreeri inimesi</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>Koolid</translation>
    </message>
    <message>
        <source>People to ask to link their account</source>
        <translation>Inimesed, keda paluda oma konto siduda</translation>
    </message>
    <message>
        <source>Make the report</source>
        <translation>Koosta aruanne</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspordi CSV…</translation>
    </message>
    <message>
        <source>Copy letters</source>
        <translation>Kopeeri kirjad</translation>
    </message>
    <message>
        <source>Save letters…</source>
        <translation>Salvesta kirjad…</translation>
    </message>
    <message>
        <source>Copy a ready letter to each person to the clipboard</source>
        <translation>Kopeeri igale inimesele valmis kiri lõikelauale</translation>
    </message>
    <message>
        <source>The report has not been made yet.</source>
        <translation>Aruannet pole veel koostatud.</translation>
    </message>
    <message>
        <source>{shown} of {total} rows shown; {people} people in {journals} journals</source>
        <translation>Näidatud {shown} rida {total}-st; {people} inimest {journals} päevikus</translation>
    </message>
    <message>
        <source>Making the prevention report</source>
        <translation>Ennetusaruande koostamine</translation>
    </message>
    <message numerus="yes">
        <source>Letters to %n person(s) copied to the clipboard.</source>
        <translation>
            <numerusform>Kiri %n inimesele kopeeriti lõikelauale.</numerusform>
            <numerusform>Kirjad %n inimesele kopeeriti lõikelauale.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the prevention report</source>
        <translation>Ennetusaruande eksport</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <source>Save the letters</source>
        <translation>Kirjade salvestamine</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tekstifailid (*.txt)</translation>
    </message>
    <message>
        <source>Saving {file}</source>
        <translation>Salvestan faili {file}</translation>
    </message>
</context>
<context>
    <name>ReviewDetail</name>
    <message>
        <source>Choose a pair in the table to see its two accounts side by side.</source>
        <translation>Vali tabelist paar, et näha selle kaht kontot kõrvuti.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>jah</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ei</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>ID code</source>
        <translation>Isikukood</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Sünniaeg</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Loodud</translation>
    </message>
    <message>
        <source>Journals</source>
        <translation>Päevikud</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Litsents</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollid</translation>
    </message>
    <message>
        <source>Linked to eKool</source>
        <translation>eKooliga liidestatud</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>Konto ID</translation>
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
        <source>Fields in which the two accounts differ are marked.</source>
        <translation>Väljad, milles kontod erinevad, on esile tõstetud.</translation>
    </message>
    <message>
        <source>{status}, score {score:.2f}, {kind}, {school}</source>
        <translation>{status}, skoor {score:.2f}, {kind}, {school}</translation>
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
        <source>Why they look like one person</source>
        <translation>Miks need paistavad ühe inimese kontodena</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administraator</translation>
    </message>
    <message>
        <source>Materials added: {materials}; work solved: {work}.</source>
        <translation>Lisatud materjale: {materials}; lahendatud töid: {work}.</translation>
    </message>
    <message>
        <source>Last active {date}.</source>
        <translation>Viimati aktiivne {date}.</translation>
    </message>
    <message>
        <source>The old account&apos;s activity could not be read.</source>
        <translation>Vana konto tegevust ei õnnestunud lugeda.</translation>
    </message>
    <message>
        <source>Reading the old account&apos;s activity…</source>
        <translation>Loen vana konto tegevust…</translation>
    </message>
    <message>
        <source>The old account holds a licence; the remedy returns it to the school&apos;s pool and gives one to the new account.</source>
        <translation>Vanal kontol on litsents; parandamine annab selle kooli litsentside hulka tagasi ja annab uuele kontole litsentsi.</translation>
    </message>
    <message>
        <source>The old account holds no licence.</source>
        <translation>Vanal kontol litsentsi pole.</translation>
    </message>
    <message>
        <source>Accounts cannot be merged. What the person did in the old account stays there and does not move to the new one.</source>
        <translation>Kontosid ei saa liita. Mida inimene vanas kontos tegi, jääb sinna ega liigu uude kontosse.</translation>
    </message>
    <message>
        <source>Stays behind in the old account</source>
        <translation>Jääb vanasse kontosse</translation>
    </message>
    <message>
        <source>{decision} by {who} on {date}.</source>
        <translation>{decision}: {who}, {date}.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Märkus: {note}</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>proposed</source>
        <translation>pakutud</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>kahtlane</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>kinnitatud</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>tagasi lükatud</translation>
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
        <source>Status</source>
        <translation>Olek</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skoor</translation>
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
        <source>Old account</source>
        <translation>Vana konto</translation>
    </message>
    <message>
        <source>New account (eKool)</source>
        <translation>Uus konto (eKool)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Märkus</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>parandatud</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Filter: name, school, note…</source>
        <translation>Filter: nimi, kool, märkus…</translation>
    </message>
    <message>
        <source>Filter pairs</source>
        <translation>Filtreeri paare</translation>
    </message>
    <message>
        <source>Lowest score shown</source>
        <translation>Väikseim näidatav skoor</translation>
    </message>
    <message>
        <source>Pairs scored below this are hidden</source>
        <translation>Sellest väiksema skooriga paare ei näidata</translation>
    </message>
    <message>
        <source>Duplicate pairs</source>
        <translation>Topeltkontode paarid</translation>
    </message>
    <message>
        <source>The selected pair, side by side</source>
        <translation>Valitud paar kõrvuti</translation>
    </message>
    <message>
        <source>School:</source>
        <translation>Kool:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Liik:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Olek:</translation>
    </message>
    <message>
        <source>Score at least:</source>
        <translation>Skoor vähemalt:</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Kinnita (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Lükka tagasi (R)</translation>
    </message>
    <message>
        <source>Note… (N)</source>
        <translation>Märkus… (N)</translation>
    </message>
    <message>
        <source>Approve the selected pairs: the same person</source>
        <translation>Kinnita valitud paarid: sama inimene</translation>
    </message>
    <message>
        <source>Reject the selected pairs: different people</source>
        <translation>Lükka valitud paarid tagasi: eri inimesed</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspordi CSV…</translation>
    </message>
    <message>
        <source>Remedy approved pairs…</source>
        <translation>Paranda kinnitatud paarid…</translation>
    </message>
    <message>
        <source>{shown} of {total} pairs shown; {approved} approved, {rejected} rejected, {fixed} fixed, {open} to review</source>
        <translation>Näidatud {shown} paari {total}-st; kinnitatud {approved}, tagasi lükatud {rejected}, parandatud {fixed}, üle vaadata {open}</translation>
    </message>
    <message>
        <source>all schools</source>
        <translation>kõik koolid</translation>
    </message>
    <message>
        <source>all kinds</source>
        <translation>kõik liigid</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>üle vaatamata</translation>
    </message>
    <message>
        <source>Reading the old account&apos;s activity</source>
        <translation>Vana konto tegevuse lugemine</translation>
    </message>
    <message>
        <source>{old} → {new} was not approved: the account {account} ({id}) is already in the approved pair {other_old} → {other_new}. An account can be in one approved pair only; reject that pair first if this one is right.</source>
        <translation>{old} → {new} jäi kinnitamata: konto {account} ({id}) on juba kinnitatud paaris {other_old} → {other_new}. Konto saab olla ainult ühes kinnitatud paaris; kui see paar on õige, lükka enne teine tagasi.</translation>
    </message>
    <message>
        <source>Saving the review decisions</source>
        <translation>Otsuste salvestamine</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Märkus</translation>
    </message>
    <message>
        <source>Export the duplicate pairs</source>
        <translation>Topeltkontode paaride eksport</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the duplicate pairs</source>
        <translation>Topeltkontode paaride eksportimine</translation>
    </message>
    <message>
        <source>There are no approved student pairs to remedy yet. Approve pairs first (A).</source>
        <translation>Parandamiseks pole veel ühtki kinnitatud õpilaste paari. Kinnita enne paarid (A).</translation>
    </message>
    <message>
        <source>Remedying pairs is not available in this version.</source>
        <translation>Paaride parandamine pole selles versioonis saadaval.</translation>
    </message>
    <message>
        <source>all not yet fixed</source>
        <translation>kõik parandamata</translation>
    </message>
    <message>
        <source>all, fixed ones too</source>
        <translation>kõik, ka parandatud</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… ja veel %n.</numerusform>
            <numerusform>… ja veel %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) approved.</source>
        <translation>
            <numerusform>Kinnitatud %n paar.</numerusform>
            <numerusform>Kinnitatud %n paari.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A note for the %n selected pair(s):</source>
        <translation>
            <numerusform>Märkus %n valitud paarile:</numerusform>
            <numerusform>Märkus %n valitud paarile:</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the pairs again</source>
        <translation>Loen paare uuesti</translation>
    </message>
</context>
<context>
    <name>SchoolChart</name>
    <message>
        <source>Linked to eKool</source>
        <translation>eKooliga liidestatud</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>Liidestamata</translation>
    </message>
    <message>
        <source>In duplicate pairs</source>
        <translation>Topeltkontode paarides</translation>
    </message>
    <message>
        <source>Remedied</source>
        <translation>Parandatud</translation>
    </message>
    <message>
        <source>Accounts per school</source>
        <translation>Kontod koolide kaupa</translation>
    </message>
    <message>
        <source>Bars per school: accounts linked to eKool, not linked, in duplicate pairs, remedied; the table above holds the same schools</source>
        <translation>Tulbad koolide kaupa: eKooliga seotud kontod, sidumata kontod, topeltpaarides, parandatud; ülal olevas tabelis on samad koolid</translation>
    </message>
</context>
</TS>
