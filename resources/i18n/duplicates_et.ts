<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et">
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../../opiq_admin/ui/pages/duplicates.py" line="32"/>
        <source>Duplicate accounts</source>
        <translation>Topeltkontod</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/pages/duplicates.py" line="35"/>
        <source>Looking for duplicate accounts</source>
        <translation>Topeltkontode otsimine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/pages/duplicates.py" line="39"/>
        <source>Pairs to review</source>
        <translation>Ülevaatamist ootavad paarid</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/pages/duplicates.py" line="40"/>
        <source>Prevention report</source>
        <translation>Ennetusaruanne</translation>
    </message>
</context>
<context>
    <name>PreventionPanel</name>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="98"/>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="107"/>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="99"/>
        <source>Journals not yet transferred</source>
        <translation>Veel toomata päevikud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="101"/>
        <source>People at risk</source>
        <translation>Ohus inimesed</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="108"/>
        <source>Journal</source>
        <translation>Päevik</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="109"/>
        <source>Person in eKool</source>
        <translation>Isik eKoolis</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="110"/>
        <source>Unlinked Opiq account</source>
        <translation>Liidestamata Opiqu konto</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="112"/>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="113"/>
        <source>Score</source>
        <translation>Skoor</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="124"/>
        <source>People in eKool journals that have not been transferred to Opiq yet, who already have an Opiq account not linked to eKool. When the journal is transferred they would get a second account. Ask each of them to link their account first: Settings → Integrations → eKool → &quot;Lisa liidestus&quot;.</source>
        <translation>Inimesed eKooli päevikutes, mida pole veel Opiqusse toodud, kellel on juba eKooliga liidestamata Opiqu konto. Päeviku toomisel tekiks neile teine konto. Palu igaühel enne oma konto liidestada: Seaded → Liidestused → eKool → „Lisa liidestus“.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="128"/>
        <source>Filter: name, journal, school…</source>
        <translation>Filter: nimi, päevik, kool…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="129"/>
        <source>Make the report</source>
        <translation>Koosta aruanne</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="130"/>
        <source>Export CSV…</source>
        <translation>Ekspordi CSV…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="131"/>
        <source>Copy letters</source>
        <translation>Kopeeri kirjad</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="132"/>
        <source>Save letters…</source>
        <translation>Salvesta kirjad…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="133"/>
        <source>Copy a ready letter to each person to the clipboard</source>
        <translation>Kopeeri igale inimesele valmis kiri lõikelauale</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="141"/>
        <source>The report has not been made yet.</source>
        <translation>Aruannet pole veel koostatud.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="145"/>
        <source>{shown} of {total} rows shown; {people} people in {journals} journals</source>
        <translation>Näidatud {shown} rida {total}-st; {people} inimest {journals} päevikus</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="153"/>
        <source>Making the prevention report</source>
        <translation>Ennetusaruande koostamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="188"/>
        <source>Letters to {n} people copied to the clipboard.</source>
        <translation>Kirjad {n} inimesele kopeeriti lõikelauale.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="194"/>
        <source>Export the prevention report</source>
        <translation>Ennetusaruande eksport</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="195"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="197"/>
        <source>Save the letters</source>
        <translation>Kirjade salvestamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="198"/>
        <source>Text files (*.txt)</source>
        <translation>Tekstifailid (*.txt)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/prevention_panel.py" line="216"/>
        <source>Saving {file}</source>
        <translation>Salvestan faili {file}</translation>
    </message>
</context>
<context>
    <name>ReviewDetail</name>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="65"/>
        <source>Choose a pair in the table to see its two accounts side by side.</source>
        <translation>Vali tabelist paar, et näha selle kaht kontot kõrvuti.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="71"/>
        <source>proposed</source>
        <translation>pakutud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="71"/>
        <source>ambiguous</source>
        <translation>kahtlane</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="72"/>
        <source>approved</source>
        <translation>kinnitatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="72"/>
        <source>rejected</source>
        <translation>tagasi lükatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="78"/>
        <source>yes</source>
        <translation>jah</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="78"/>
        <source>no</source>
        <translation>ei</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="80"/>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="81"/>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="82"/>
        <source>ID code</source>
        <translation>Isikukood</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="84"/>
        <source>Birth date</source>
        <translation>Sünniaeg</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="85"/>
        <source>Created</source>
        <translation>Loodud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="87"/>
        <source>Journals</source>
        <translation>Päevikud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="88"/>
        <source>Licence</source>
        <translation>Litsents</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="90"/>
        <source>Roles</source>
        <translation>Rollid</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="91"/>
        <source>Linked to eKool</source>
        <translation>eKooliga liidestatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="93"/>
        <source>Account ID</source>
        <translation>Konto ID</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="101"/>
        <source>Old account</source>
        <translation>Vana konto</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="101"/>
        <source>New account (eKool)</source>
        <translation>Uus konto (eKool)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="106"/>
        <source>Fields in which the two accounts differ are marked.</source>
        <translation>Väljad, milles kontod erinevad, on esile tõstetud.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="110"/>
        <source>{status}, score {score:.2f}, {kind}, {school}</source>
        <translation>{status}, skoor {score:.2f}, {kind}, {school}</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="112"/>
        <location filename="../../opiq_admin/ui/review_detail.py" line="121"/>
        <source>teacher</source>
        <translation>õpetaja</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="112"/>
        <location filename="../../opiq_admin/ui/review_detail.py" line="121"/>
        <source>student</source>
        <translation>õpilane</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="114"/>
        <source>Why they look like one person</source>
        <translation>Miks need paistavad ühe inimese kontodena</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="122"/>
        <source>administrator</source>
        <translation>administraator</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="128"/>
        <source>Materials added: {materials}; work solved: {work}.</source>
        <translation>Lisatud materjale: {materials}; lahendatud töid: {work}.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="131"/>
        <source>Last active {date}.</source>
        <translation>Viimati aktiivne {date}.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="134"/>
        <source>The old account&apos;s activity could not be read.</source>
        <translation>Vana konto tegevust ei õnnestunud lugeda.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="136"/>
        <source>Reading the old account&apos;s activity…</source>
        <translation>Loen vana konto tegevust…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="137"/>
        <source>The old account holds a licence; the remedy returns it to the school&apos;s pool and gives one to the new account.</source>
        <translation>Vanal kontol on litsents; parandamine annab selle kooli litsentside hulka tagasi ja annab uuele kontole litsentsi.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="139"/>
        <source>The old account holds no licence.</source>
        <translation>Vanal kontol litsentsi pole.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="140"/>
        <source>Accounts cannot be merged. What the person did in the old account stays there and does not move to the new one.</source>
        <translation>Kontosid ei saa liita. Mida inimene vanas kontos tegi, jääb sinna ega liigu uude kontosse.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="142"/>
        <source>Stays behind in the old account</source>
        <translation>Jääb vanasse kontosse</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="150"/>
        <source>{decision} by {who} on {date}.</source>
        <translation>{decision}: {who}, {date}.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_detail.py" line="154"/>
        <source>Note: {note}</source>
        <translation>Märkus: {note}</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="19"/>
        <source>proposed</source>
        <translation>pakutud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="20"/>
        <source>ambiguous</source>
        <translation>kahtlane</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="21"/>
        <source>approved</source>
        <translation>kinnitatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="22"/>
        <source>rejected</source>
        <translation>tagasi lükatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="29"/>
        <source>teacher</source>
        <translation>õpetaja</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="30"/>
        <source>student</source>
        <translation>õpilane</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="35"/>
        <source>Status</source>
        <translation>Olek</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="37"/>
        <source>Score</source>
        <translation>Skoor</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="39"/>
        <source>Kind</source>
        <translation>Liik</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="41"/>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="43"/>
        <source>Old account</source>
        <translation>Vana konto</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="45"/>
        <source>New account (eKool)</source>
        <translation>Uus konto (eKool)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_model.py" line="47"/>
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
        <location filename="../../opiq_admin/ui/review_panel.py" line="135"/>
        <source>Filter: name, school, note…</source>
        <translation>Filter: nimi, kool, märkus…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="136"/>
        <source>School:</source>
        <translation>Kool:</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="137"/>
        <source>Kind:</source>
        <translation>Liik:</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="138"/>
        <source>Status:</source>
        <translation>Olek:</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="139"/>
        <source>Score at least:</source>
        <translation>Skoor vähemalt:</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="140"/>
        <source>Approve (A)</source>
        <translation>Kinnita (A)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="141"/>
        <source>Reject (R)</source>
        <translation>Lükka tagasi (R)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="142"/>
        <source>Note… (N)</source>
        <translation>Märkus… (N)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="143"/>
        <source>Approve the selected pairs: the same person</source>
        <translation>Kinnita valitud paarid: sama inimene</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="144"/>
        <source>Reject the selected pairs: different people</source>
        <translation>Lükka valitud paarid tagasi: eri inimesed</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="145"/>
        <source>Export CSV…</source>
        <translation>Ekspordi CSV…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="146"/>
        <source>Remedy approved pairs…</source>
        <translation>Paranda kinnitatud paarid…</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="155"/>
        <source>{shown} of {total} pairs shown; {approved} approved, {rejected} rejected, {fixed} fixed, {open} to review</source>
        <translation>Näidatud {shown} paari {total}-st; kinnitatud {approved}, tagasi lükatud {rejected}, parandatud {fixed}, üle vaadata {open}</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="163"/>
        <source>all schools</source>
        <translation>kõik koolid</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="164"/>
        <source>all kinds</source>
        <translation>kõik liigid</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="166"/>
        <source>all</source>
        <translation>kõik</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="166"/>
        <source>to review</source>
        <translation>üle vaatamata</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="261"/>
        <source>Reading the old account&apos;s activity</source>
        <translation>Vana konto tegevuse lugemine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="298"/>
        <source>{old} → {new} was not approved: the account {account} ({id}) is already in the approved pair {other_old} → {other_new}. An account can be in one approved pair only; reject that pair first if this one is right.</source>
        <translation>{old} → {new} jäi kinnitamata: konto {account} ({id}) on juba kinnitatud paaris {other_old} → {other_new}. Konto saab olla ainult ühes kinnitatud paaris; kui see paar on õige, lükka enne teine tagasi.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="306"/>
        <source>… and {n} more.</source>
        <translation>… ja veel {n}.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="328"/>
        <source>{n} pairs approved.</source>
        <translation>Kinnitatud {n} paari.</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="339"/>
        <source>Saving the review decisions</source>
        <translation>Otsuste salvestamine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="350"/>
        <source>Note</source>
        <translation>Märkus</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="351"/>
        <source>A note for the {n} selected pairs:</source>
        <translation>Märkus {n} valitud paarile:</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="362"/>
        <source>Export the duplicate pairs</source>
        <translation>Topeltkontode paaride eksport</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="364"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="381"/>
        <source>Exporting the duplicate pairs</source>
        <translation>Topeltkontode paaride eksportimine</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="393"/>
        <source>There are no approved student pairs to remedy yet. Approve pairs first (A).</source>
        <translation>Parandamiseks pole veel ühtki kinnitatud õpilaste paari. Kinnita enne paarid (A).</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/review_panel.py" line="399"/>
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
    <message>
        <source>Reading the pairs again</source>
        <translation>Loen paare uuesti</translation>
    </message>
</context>
<context>
    <name>SchoolChart</name>
    <message>
        <location filename="../../opiq_admin/ui/charts.py" line="69"/>
        <source>Linked to eKool</source>
        <translation>eKooliga liidestatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/charts.py" line="69"/>
        <source>Not linked</source>
        <translation>Liidestamata</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/charts.py" line="70"/>
        <source>In duplicate pairs</source>
        <translation>Topeltkontode paarides</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/charts.py" line="70"/>
        <source>Remedied</source>
        <translation>Parandatud</translation>
    </message>
    <message>
        <location filename="../../opiq_admin/ui/charts.py" line="73"/>
        <source>Accounts per school</source>
        <translation>Kontod koolide kaupa</translation>
    </message>
</context>
</TS>
