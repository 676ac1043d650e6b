<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et" sourcelanguage="en">
<context>
    <name>ActivityPage</name>
    <message>
        <source>Time</source>
        <translation>Aeg</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kes</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tegevus</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Tulemus</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Täpsustus</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sisselogimine</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Väljalogimine</translation>
    </message>
    <message>
        <source>Export activity log</source>
        <translation>Tegevuslogi eksport</translation>
    </message>
    <message>
        <source>Give up a remedy plan</source>
        <translation>Parandusplaanist loobumine</translation>
    </message>
    <message>
        <source>Compare with eKool</source>
        <translation>Võrdle eKooliga</translation>
    </message>
    <message>
        <source>Remove the student role</source>
        <translation>Õpilase rolli eemaldamine</translation>
    </message>
    <message>
        <source>Give a licence</source>
        <translation>Litsentsi andmine</translation>
    </message>
    <message>
        <source>done</source>
        <translation>tehtud</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ebaõnnestunud</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>keeldutud</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>kinnitatud</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>vahele jäetud</translation>
    </message>
    <message>
        <source>practice mode</source>
        <translation>harjutusrežiim</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Tegevuslogi</translation>
    </message>
    <message>
        <source>Loading the activity log</source>
        <translation>Tegevuslogi laadimine</translation>
    </message>
    <message>
        <source>Filter: name, school, result…</source>
        <translation>Filter: nimi, kool, tulemus…</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>Filtreeri logi</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Tegevus:</translation>
    </message>
    <message>
        <source>School:</source>
        <translation>Kool:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Värskenda</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspordi CSV…</translation>
    </message>
    <message>
        <source>{shown} of {total} entries</source>
        <translation>{shown} kirjet {total}-st</translation>
    </message>
    <message>
        <source>all actions</source>
        <translation>kõik tegevused</translation>
    </message>
    <message>
        <source>all schools</source>
        <translation>kõik koolid</translation>
    </message>
    <message>
        <source>Export the activity log</source>
        <translation>Tegevuslogi eksportimine</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-failid (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the activity log</source>
        <translation>Tegevuslogi eksportimine</translation>
    </message>
    <message>
        <source>Integration check</source>
        <translation>Liidestuse kontroll</translation>
    </message>
    <message>
        <source>Enable integration</source>
        <translation>Luba liidestus</translation>
    </message>
    <message>
        <source>Enable integration wizard</source>
        <translation>Liidestuse lubamise viisard</translation>
    </message>
    <message>
        <source>Link account to eKool</source>
        <translation>Konto liidestamine eKooliga</translation>
    </message>
    <message>
        <source>Copy support report</source>
        <translation>Tugiteenuse aruande kopeerimine</translation>
    </message>
    <message>
        <source>Update journal data</source>
        <translation>Uuenda päeviku andmeid</translation>
    </message>
    <message>
        <source>Delete journal</source>
        <translation>Päeviku kustutamine</translation>
    </message>
    <message>
        <source>Export journals</source>
        <translation>Päevikute eksport</translation>
    </message>
    <message>
        <source>Approve pair</source>
        <translation>Paari kinnitamine</translation>
    </message>
    <message>
        <source>Reject pair</source>
        <translation>Paari tagasilükkamine</translation>
    </message>
    <message>
        <source>Note on pair</source>
        <translation>Märkus paarile</translation>
    </message>
    <message>
        <source>Export duplicate pairs</source>
        <translation>Topeltkontode eksport</translation>
    </message>
    <message>
        <source>Export prevention report</source>
        <translation>Ennetusaruande eksport</translation>
    </message>
    <message>
        <source>Save letters</source>
        <translation>Kirjade salvestamine</translation>
    </message>
    <message>
        <source>Remedy plan</source>
        <translation>Parandusplaan</translation>
    </message>
    <message>
        <source>Mass-change guard</source>
        <translation>Massmuudatuse kaitse</translation>
    </message>
    <message>
        <source>Remedy pair</source>
        <translation>Paari parandamine</translation>
    </message>
    <message>
        <source>Save remedy report</source>
        <translation>Parandusaruande salvestamine</translation>
    </message>
    <message>
        <source>Remedy step</source>
        <translation>Parandussamm</translation>
    </message>
</context>
<context>
    <name>BrowserUrlDialog</name>
    <message>
        <source>Sign in to {system}</source>
        <translation>Logi sisse: {system}</translation>
    </message>
    <message>
        <source>No web browser could be opened here. Open this address in a browser on this computer and sign in to {system}; this program notices when you are done.</source>
        <translation>Veebilehitsejat ei õnnestunud siin avada. Ava see aadress selle arvuti veebilehitsejas ja logi sisse keskkonda {system}; programm märkab ise, kui oled valmis.</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Kopeeri aadress</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <source>{system}: not signed in</source>
        <translation>{system}: sisse logimata</translation>
    </message>
    <message>
        <source>{system}: {user} on {server}</source>
        <translation>{system}: {user} – {server}</translation>
    </message>
    <message>
        <source>Server: {server}</source>
        <translation>Server: {server}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Katkesta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulge</translation>
    </message>
    <message>
        <source>About opiq-admin</source>
        <translation>opiq-admin – teave</translation>
    </message>
    <message>
        <source>&lt;p&gt;Runs the integration between Opiq and eKool for the schools you manage: checks the integration, prepares journal transfers, and finds and remedies duplicate accounts.&lt;/p&gt;&lt;p&gt;Sign-ins are kept in the system keyring; nothing is sent anywhere except to the Opiq and eKool servers you chose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Haldab sinu koolide Opiqu ja eKooli liidestust: kontrollib liidestust, valmistab ette päevikute ülekandmise ning leiab ja parandab topeltkontod.&lt;/p&gt;&lt;p&gt;Sisselogimised hoitakse süsteemi võtmehoidlas; midagi ei saadeta kuhugi peale sinu valitud Opiqu ja eKooli serverite.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Peida</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>opiq-admin — Opiq and eKool integration</source>
        <translation>opiq-admin — Opiqu ja eKooli liidestus</translation>
    </message>
    <message>
        <source>Practice mode</source>
        <translation>Harjutusrežiim</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fail</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sisselogimine</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vaade</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Abi</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Seaded…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Välju</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Värskenda</translation>
    </message>
    <message>
        <source>&amp;About opiq-admin</source>
        <translation>&amp;Teave</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ava &amp;logikaust</translation>
    </message>
    <message>
        <source>Sign in to {system}</source>
        <translation>Logi sisse: {system}</translation>
    </message>
    <message>
        <source>Sign out of {system}</source>
        <translation>Logi välja: {system}</translation>
    </message>
    <message>
        <source>Rehearse browser sign-in to {system}</source>
        <translation>Harjuta veebilehitsejas sisselogimist: {system}</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Lehed</translation>
    </message>
    <message>
        <source>Choose a page; Ctrl+1 to Ctrl+5 go there directly</source>
        <translation>Vali leht; Ctrl+1 kuni Ctrl+5 viivad otse sinna</translation>
    </message>
    <message>
        <source>Sign-ins kept for this session only (no keyring)</source>
        <translation>Sisselogimine kehtib ainult selle seansi jooksul (võtmehoidla puudub)</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the program cannot remember your sign-in; you will sign in again next time.</source>
        <translation>Selles arvutis ei ole süsteemset võtmehoidlat, seega ei saa programm sisselogimist meelde jätta; järgmisel korral tuleb uuesti sisse logida.</translation>
    </message>
    <message>
        <source>This run writes no log file.</source>
        <translation>See käivitus ei kirjuta logifaili.</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>It took too long and was stopped.</source>
        <translation>See võttis liiga kaua aega ja peatati.</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. Details are in the log file.</source>
        <translation>Ootamatu viga: {error}. Üksikasjad on logifailis.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Katkesta</translation>
    </message>
    <message>
        <source>Done: {what}</source>
        <translation>Valmis: {what}</translation>
    </message>
    <message>
        <source>{what} failed: {why}</source>
        <translation>{what} ebaõnnestus: {why}</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>School</source>
        <translation>Kool</translation>
    </message>
    <message>
        <source>EHIS code in Opiq</source>
        <translation>EHISe kood Opiqus</translation>
    </message>
    <message>
        <source>EHIS code in eKool</source>
        <translation>EHISe kood eKoolis</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Liidestus</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>lubatud</translation>
    </message>
    <message>
        <source>not enabled</source>
        <translation>lubamata</translation>
    </message>
    <message>
        <source>Journals</source>
        <translation>Päevikud</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Litsentse</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Jagatud</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Vabu</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Ülevaade</translation>
    </message>
    <message>
        <source>Loading the overview</source>
        <translation>Ülevaate laadimine</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Sisse logitud</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>Koolid</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>sisse logimata</translation>
    </message>
    <message>
        <source>Sign in to Opiq to see the schools you manage.</source>
        <translation>Logi Opiqusse sisse, et näha koole, mida haldad.</translation>
    </message>
    <message>
        <source>{schools} schools, integration enabled in {enabled}; {journals} journals; {assigned} of {total} licences assigned</source>
        <translation>Koole: {schools}, liidestus lubatud: {enabled}; päevikuid: {journals}; litsentse jagatud {assigned}/{total}</translation>
    </message>
</context>
<context>
    <name>PracticeBanner</name>
    <message>
        <source>Practice mode — this data is not real.</source>
        <translation>Harjutusrežiim — andmed ei ole päris.</translation>
    </message>
    <message>
        <source>Opiq and eKool are simulated on this computer; nothing you do here reaches a school.</source>
        <translation>Opiqut ja eKooli jäljendatakse selles arvutis; midagi, mida siin teed, ei jõua ühtegi kooli.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Seaded</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Keel</translation>
    </message>
    <message>
        <source>Server profile in use</source>
        <translation>Kasutatav serveriprofiil</translation>
    </message>
    <message>
        <source>Local store URL</source>
        <translation>Kohaliku andmehoidla URL</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Logitase</translation>
    </message>
    <message>
        <source>How much goes to the log file (Help → Open log folder); DEBUG when support asks for it.</source>
        <translation>Kui palju logifaili kirjutatakse (Abi → Ava logikaust); DEBUG, kui tugi seda palub.</translation>
    </message>
    <message>
        <source>Empty: a SQLite file in this computer&apos;s data folder. A team may share a PostgreSQL database.</source>
        <translation>Tühi: SQLite-fail selle arvuti andmekaustas. Meeskond võib kasutada ühist PostgreSQL-i andmebaasi.</translation>
    </message>
    <message>
        <source>Server profiles</source>
        <translation>Serveriprofiilid</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lisa</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eemalda</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Impordi…</translation>
    </message>
    <message>
        <source>A server profile your IT department handed out, as a JSON file (the same file as opiq-admin profile import).</source>
        <translation>IT-osakonna antud serveriprofiil JSON-failina (sama fail, mida loeb opiq-admin profile import).</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>EHIS URL</source>
        <translation>EHISe URL</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API aadress</translation>
    </message>
    <message>
        <source>Issuer (sign-in server)</source>
        <translation>Väljastaja (sisselogimisserver)</translation>
    </message>
    <message>
        <source>Authorization endpoint</source>
        <translation>Autoriseerimise otspunkt</translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation>Tõendi otspunkt</translation>
    </message>
    <message>
        <source>Revocation endpoint</source>
        <translation>Tühistamise otspunkt</translation>
    </message>
    <message>
        <source>User info endpoint</source>
        <translation>Kasutajaandmete otspunkt</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Kliendi ID</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Kliendi saladus</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Ulatused (scope)</translation>
    </message>
    <message>
        <source>Authorization parameters</source>
        <translation>Autoriseerimise lisaparameetrid</translation>
    </message>
    <message>
        <source>Empty: the API address</source>
        <translation>Tühi: API aadress</translation>
    </message>
    <message>
        <source>Empty: as the discovery document says</source>
        <translation>Tühi: nagu avastusdokumendis</translation>
    </message>
    <message>
        <source>Separated by spaces, e.g. openid offline_access</source>
        <translation>Tühikutega eraldatud, nt openid offline_access</translation>
    </message>
    <message>
        <source>One key=value a line, e.g. prompt=consent</source>
        <translation>Üks võti=väärtus rea kohta, nt prompt=consent</translation>
    </message>
    <message>
        <source>Only for a confidential client. Kept in this computer&apos;s keyring only, never in the settings file. Leave it empty to keep the stored secret.</source>
        <translation>Ainult konfidentsiaalsele kliendile. Hoitakse ainult selle arvuti võtmehoidjas, mitte kunagi seadete failis. Jäta tühjaks, kui salvestatud saladus peab alles jääma.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Unusta</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Kontrolli ühendust</translation>
    </message>
    <message>
        <source>Reads the discovery document of each system&apos;s issuer and shows the endpoints it names.</source>
        <translation>Loeb kummagi süsteemi väljastaja avastusdokumendi ja näitab selles nimetatud otspunkte.</translation>
    </message>
    <message>
        <source>This computer has no keyring: a client secret cannot be kept, and has to be typed or imported again each time the program starts.</source>
        <translation>Selles arvutis pole võtmehoidjat: kliendi saladust ei saa alles hoida, see tuleb igal programmi käivitamisel uuesti sisestada või importida.</translation>
    </message>
    <message>
        <source>A change of server profile or store takes effect the next time the program starts.</source>
        <translation>Serveriprofiili või andmehoidla muudatus jõustub programmi järgmisel käivitamisel.</translation>
    </message>
    <message>
        <source>Practice mode (no server)</source>
        <translation>Harjutusrežiim (serverita)</translation>
    </message>
    <message>
        <source>forgotten when you press OK</source>
        <translation>unustatakse OK vajutamisel</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>salvestatud</translation>
    </message>
    <message>
        <source>none</source>
        <translation>puudub</translation>
    </message>
    <message>
        <source>Import a server profile</source>
        <translation>Serveriprofiili importimine</translation>
    </message>
    <message>
        <source>Server profiles (*.json);;All files (*)</source>
        <translation>Serveriprofiilid (*.json);;Kõik failid (*)</translation>
    </message>
    <message>
        <source>Imported the profile &quot;{name}&quot; from {file}; OK saves it.</source>
        <translation>Profiil „{name}” imporditi failist {file}; OK salvestab selle.</translation>
    </message>
    <message>
        <source>Replaced the profile &quot;{name}&quot; with the one in {file}; OK saves it.</source>
        <translation>Profiil „{name}” asendati failis {file} olevaga; OK salvestab selle.</translation>
    </message>
    <message>
        <source>Reading stored client secrets</source>
        <translation>Salvestatud kliendisaladuste lugemine</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Kontrollin…</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Ühenduse kontrollimine</translation>
    </message>
    <message>
        <source>{system}: no discovery document at {issuer}; the sign-in would try the older addresses under {base}.</source>
        <translation>{system}: aadressil {issuer} pole avastusdokumenti; sisselogimine prooviks vanemaid aadresse {base} all.</translation>
    </message>
    <message>
        <source>{system}: the discovery document at {url} says the sign-in uses:</source>
        <translation>{system}: aadressil {url} oleva avastusdokumendi järgi kasutab sisselogimine:</translation>
    </message>
    <message>
        <source>{system}: no discovery document at {issuer}; the sign-in uses the endpoints the profile names:</source>
        <translation>{system}: aadressil {issuer} pole avastusdokumenti; sisselogimine kasutab profiilis nimetatud otspunkte:</translation>
    </message>
    <message>
        <source>Keys (JWKS)</source>
        <translation>Võtmed (JWKS)</translation>
    </message>
    <message>
        <source>{system}: {issuer} cannot be reached ({detail}).</source>
        <translation>{system}: {issuer} ei ole kättesaadav ({detail}).</translation>
    </message>
    <message>
        <source>Every server profile needs a name of its own.</source>
        <translation>Igal serveriprofiilil peab olema oma nimi.</translation>
    </message>
    <message>
        <source>{profile}: the {system} API address is missing.</source>
        <translation>{profile}: süsteemi {system} API aadress puudub.</translation>
    </message>
    <message>
        <source>{profile}: {system} authorization parameters, line {line}: write it as key=value.</source>
        <translation>{profile}: {system}, autoriseerimise lisaparameetrid, rida {line}: kirjuta kujul võti=väärtus.</translation>
    </message>
    <message>
        <source>{profile}: the {system} client secret is too long for the keyring (at most 2,560 bytes, 1,280 plain characters).</source>
        <translation>{profile}: süsteemi {system} kliendi saladus on võtmehoidja jaoks liiga pikk (kuni 2560 baiti ehk 1280 tavalist märki).</translation>
    </message>
    <message>
        <source>Saving client secrets</source>
        <translation>Kliendisaladuste salvestamine</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Waiting for the {system} sign-in in the browser</source>
        <translation>Ootan sisselogimist veebilehitsejas: {system}</translation>
    </message>
    <message>
        <source>Signing in to {system}</source>
        <translation>Sisselogimine: {system}</translation>
    </message>
    <message>
        <source>Signing out of {system}</source>
        <translation>Väljalogimine: {system}</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Signing in</source>
        <translation>Sisselogimine</translation>
    </message>
    <message>
        <source>opiq-admin is already open on this computer: use that window.</source>
        <translation>opiq-admin on selles arvutis juba avatud: kasuta seda akent.</translation>
    </message>
    <message>
        <source>opiq-admin could not start: {reason}</source>
        <translation>opiq-admin ei käivitunud: {reason}</translation>
    </message>
</context>
</TS>
