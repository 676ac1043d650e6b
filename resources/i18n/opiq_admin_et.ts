<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et" sourcelanguage="en">
    <context>
        <name>ActivityPage</name>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="76" />
            <source>Time</source>
            <translation>Aeg</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="78" />
            <source>Who</source>
            <translation>Kes</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="79" />
            <source>Action</source>
            <translation>Tegevus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="81" />
            <source>School</source>
            <translation>Kool</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="82" />
            <source>Target</source>
            <translation>Objekt</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="83" />
            <source>Result</source>
            <translation>Tulemus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="84" />
            <source>Detail</source>
            <translation>Täpsustus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="89" />
            <source>Sign in</source>
            <translation>Sisselogimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="90" />
            <source>Sign out</source>
            <translation>Väljalogimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="91" />
            <source>Export activity log</source>
            <translation>Tegevuslogi eksport</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="96" />
            <source>Activity log</source>
            <translation>Tegevuslogi</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="99" />
            <source>Loading the activity log</source>
            <translation>Tegevuslogi laadimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="103" />
            <source>Filter: name, school, result…</source>
            <translation>Filter: nimi, kool, tulemus…</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="104" />
            <source>Action:</source>
            <translation>Tegevus:</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="105" />
            <source>School:</source>
            <translation>Kool:</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="106" />
            <source>Refresh</source>
            <translation>Värskenda</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="107" />
            <source>Export CSV…</source>
            <translation>Ekspordi CSV…</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="113" />
            <source>{shown} of {total} entries</source>
            <translation>{shown} kirjet {total}-st</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="124" />
            <source>all actions</source>
            <translation>kõik tegevused</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="126" />
            <source>all schools</source>
            <translation>kõik koolid</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="150" />
            <source>Export the activity log</source>
            <translation>Tegevuslogi eksportimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="152" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-failid (*.csv)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="171" />
            <source>Exporting the activity log</source>
            <translation>Tegevuslogi eksportimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Integration check</source>
            <translation>Liidestuse kontroll</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Enable integration</source>
            <translation>Luba liidestus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Enable integration wizard</source>
            <translation>Liidestuse lubamise viisard</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Link account to eKool</source>
            <translation>Konto liidestamine eKooliga</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Copy support report</source>
            <translation>Tugiteenuse aruande kopeerimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Update journal data</source>
            <translation>Uuenda päeviku andmeid</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Delete journal</source>
            <translation>Päeviku kustutamine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Export journals</source>
            <translation>Päevikute eksport</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Approve pair</source>
            <translation>Paari kinnitamine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Reject pair</source>
            <translation>Paari tagasilükkamine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Note on pair</source>
            <translation>Märkus paarile</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Export duplicate pairs</source>
            <translation>Topeltkontode eksport</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Export prevention report</source>
            <translation>Ennetusaruande eksport</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Save letters</source>
            <translation>Kirjade salvestamine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Remedy plan</source>
            <translation>Parandusplaan</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Mass-change guard</source>
            <translation>Massmuudatuse kaitse</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Remedy pair</source>
            <translation>Paari parandamine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Save remedy report</source>
            <translation>Parandusaruande salvestamine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/activity.py" line="92" />
            <source>Remedy step</source>
            <translation>Parandussamm</translation>
        </message>
    </context>
    <context>
        <name>BrowserUrlDialog</name>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="257" />
            <source>Sign in to {system}</source>
            <translation>Logi sisse: {system}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="259" />
            <source>No web browser could be opened here. Open this address in a browser on this computer and sign in to {system}; this program notices when you are done.</source>
            <translation>Veebilehitsejat ei õnnestunud siin avada. Ava see aadress selle arvuti veebilehitsejas ja logi sisse keskkonda {system}; programm märkab ise, kui oled valmis.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="262" />
            <source>Copy address</source>
            <translation>Kopeeri aadress</translation>
        </message>
    </context>
    <context>
        <name>ConnectionLabel</name>
        <message>
            <location filename="../../opiq_admin/ui/widgets.py" line="110" />
            <source>{system}: not signed in</source>
            <translation>{system}: sisse logimata</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/widgets.py" line="113" />
            <source>{system}: {user} on {server}</source>
            <translation>{system}: {user} – {server}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/widgets.py" line="116" />
            <source>Server: {server}</source>
            <translation>Server: {server}</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="43" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="44" />
            <source>Cancel</source>
            <translation>Katkesta</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="45" />
            <source>Close</source>
            <translation>Sulge</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="268" />
            <source>About opiq-admin</source>
            <translation>opiq-admin – teave</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/dialogs.py" line="270" />
            <source>&lt;p&gt;Runs the integration between Opiq and eKool for the schools you manage: checks the integration, prepares journal transfers, and finds and remedies duplicate accounts.&lt;/p&gt;&lt;p&gt;Sign-ins are kept in the system keyring; nothing is sent anywhere except to the Opiq and eKool servers you chose.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Haldab sinu koolide Opiqu ja eKooli liidestust: kontrollib liidestust, valmistab ette päevikute ülekandmise ning leiab ja parandab topeltkontod.&lt;/p&gt;&lt;p&gt;Sisselogimised hoitakse süsteemi võtmehoidlas; midagi ei saadeta kuhugi peale sinu valitud Opiqu ja eKooli serverite.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesPage</name>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="81" />
            <source>Duplicate accounts</source>
            <translation>Topeltkontod</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="84" />
            <source>This page is being built.</source>
            <translation>See leht on valmimas.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="88" />
            <source>&lt;p&gt;This page will find people who have two Opiq accounts: an old one not linked to eKool and a new one made when a journal was transferred. Accounts can never be merged.&lt;/p&gt;&lt;p&gt;You will review each pair; for the ones you approve the program removes the &lt;b&gt;student role&lt;/b&gt; from the old account and gives its &lt;b&gt;licence&lt;/b&gt; to the new one, in bulk, and never leaves a step half done.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Sellel lehel leiad inimesed, kellel on kaks Opiqu kontot: vana, mis ei ole eKooliga liidestatud, ja uus, mis loodi päeviku ülekandmisel. Kontosid ei saa kunagi ühendada.&lt;/p&gt;&lt;p&gt;Vaatad iga paari üle; kinnitatud paaride puhul eemaldab programm vanalt kontolt &lt;b&gt;õpilase rolli&lt;/b&gt; ja annab selle &lt;b&gt;litsentsi&lt;/b&gt; uuele kontole, korraga paljudele ja ilma ühtegi sammu poolikuks jätmata.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>ErrorBanner</name>
        <message>
            <location filename="../../opiq_admin/ui/widgets.py" line="81" />
            <source>Dismiss</source>
            <translation>Peida</translation>
        </message>
    </context>
    <context>
        <name>IntegrationPage</name>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="42" />
            <source>Integration</source>
            <translation>Liidestus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="45" />
            <source>This page is being built.</source>
            <translation>See leht on valmimas.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="49" />
            <source>&lt;p&gt;For every school you manage, this page will check the three steps of the integration:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;that the integration is enabled in Opiq (&lt;b&gt;Enable integration&lt;/b&gt;);&lt;/li&gt;&lt;li&gt;that the school's &lt;b&gt;EHIS code&lt;/b&gt; is the same in Opiq and in eKool, and what to fix where when it is not;&lt;/li&gt;&lt;li&gt;which users have not linked their account yet (&lt;b&gt;Add integration&lt;/b&gt;).&lt;/li&gt;&lt;/ul&gt;</source>
            <translation>&lt;p&gt;Sellel lehel kontrollitakse iga sinu hallatava kooli puhul liidestuse kolme sammu:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;kas liidestus on Opiqus lubatud (&lt;b&gt;Luba liidestus&lt;/b&gt;);&lt;/li&gt;&lt;li&gt;kas kooli &lt;b&gt;EHISe kood&lt;/b&gt; on Opiqus ja eKoolis sama ning mida ja kus parandada, kui ei ole;&lt;/li&gt;&lt;li&gt;millised kasutajad ei ole oma kontot veel liidestanud (&lt;b&gt;Lisa liidestus&lt;/b&gt;).&lt;/li&gt;&lt;/ul&gt;</translation>
        </message>
    </context>
    <context>
        <name>JournalsPage</name>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="62" />
            <source>Journals</source>
            <translation>Päevikud</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="65" />
            <source>This page is being built.</source>
            <translation>See leht on valmimas.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/placeholders.py" line="69" />
            <source>&lt;p&gt;This page will list the journals of your schools, both those transferred from eKool and those made in Opiq, with their teachers, students and &lt;b&gt;course set&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;You will be able to refresh a journal from eKool now (&lt;b&gt;Update journal data&lt;/b&gt;) instead of waiting for the nightly refresh, and to see which students would get a second account if the journal were transferred before they link their existing account.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Sellel lehel näed oma koolide päevikuid – nii eKoolist üle kantud kui ka Opiqus loodud – koos õpetajate, õpilaste ja &lt;b&gt;õppekomplektiga&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Saad päeviku andmed eKoolist kohe värskendada (&lt;b&gt;Uuenda päeviku andmeid&lt;/b&gt;), ootamata öist uuendust, ja näha, millised õpilased saaksid teise konto, kui päevik kantaks üle enne, kui nad oma olemasoleva konto liidestavad.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="148" />
            <source>opiq-admin — Opiq and eKool integration</source>
            <translation>opiq-admin — Opiqu ja eKooli liidestus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="150" />
            <source>Practice mode</source>
            <translation>Harjutusrežiim</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="152" />
            <source>&amp;File</source>
            <translation>&amp;Fail</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="153" />
            <source>&amp;Sign in</source>
            <translation>&amp;Sisselogimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="154" />
            <source>&amp;View</source>
            <translation>&amp;Vaade</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="155" />
            <source>&amp;Help</source>
            <translation>&amp;Abi</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="156" />
            <source>&amp;Settings…</source>
            <translation>&amp;Seaded…</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="157" />
            <source>&amp;Quit</source>
            <translation>&amp;Välju</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="158" />
            <source>&amp;Refresh</source>
            <translation>&amp;Värskenda</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="159" />
            <source>&amp;About opiq-admin</source>
            <translation>&amp;Teave</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="161" />
            <source>Sign in to {system}</source>
            <translation>Logi sisse: {system}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="163" />
            <source>Sign out of {system}</source>
            <translation>Logi välja: {system}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="166" />
            <source>Rehearse browser sign-in to {system}</source>
            <translation>Harjuta veebilehitsejas sisselogimist: {system}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="214" />
            <source>Sign-ins kept for this session only (no keyring)</source>
            <translation>Sisselogimine kehtib ainult selle seansi jooksul (võtmehoidla puudub)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main_window.py" line="216" />
            <source>This computer has no system keyring, so the program cannot remember your sign-in; you will sign in again next time.</source>
            <translation>Selles arvutis ei ole süsteemset võtmehoidlat, seega ei saa programm sisselogimist meelde jätta; järgmisel korral tuleb uuesti sisse logida.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/main_window.py" line="181" />
            <source>Open &amp;log folder</source>
            <translation>Ava &amp;logikaust</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/main_window.py" line="262" />
            <source>This run writes no log file.</source>
            <translation>See käivitus ei kirjuta logifaili.</translation>
        </message>
    </context>
    <context>
        <name>Operations</name>
        <message>
            <location filename="../../opiq_admin/ui/async_ops.py" line="37" />
            <source>It took too long and was stopped.</source>
            <translation>See võttis liiga kaua aega ja peatati.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/async_ops.py" line="41" />
            <source>Unexpected error: {error}. Details are in the log file.</source>
            <translation>Ootamatu viga: {error}. Üksikasjad on logifailis.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/async_ops.py" line="69" />
            <source>Cancel</source>
            <translation>Katkesta</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/async_ops.py" line="222" />
            <source>{what} failed: {why}</source>
            <translation>{what} ebaõnnestus: {why}</translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="82" />
            <source>School</source>
            <translation>Kool</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="83" />
            <source>EHIS code in Opiq</source>
            <translation>EHISe kood Opiqus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="84" />
            <source>EHIS code in eKool</source>
            <translation>EHISe kood eKoolis</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="86" />
            <source>Integration</source>
            <translation>Liidestus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="87" />
            <source>enabled</source>
            <translation>lubatud</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="87" />
            <source>not enabled</source>
            <translation>lubamata</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="88" />
            <source>Journals</source>
            <translation>Päevikud</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="90" />
            <source>Licences</source>
            <translation>Litsentse</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="92" />
            <source>Assigned</source>
            <translation>Jagatud</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="94" />
            <source>Free</source>
            <translation>Vabu</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="99" />
            <source>Overview</source>
            <translation>Ülevaade</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="102" />
            <source>Loading the overview</source>
            <translation>Ülevaate laadimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="113" />
            <source>Signed in as</source>
            <translation>Sisse logitud</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="113" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="114" />
            <source>Schools</source>
            <translation>Koolid</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="114" />
            <source>not signed in</source>
            <translation>sisse logimata</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="119" />
            <source>Sign in to Opiq to see the schools you manage.</source>
            <translation>Logi Opiqusse sisse, et näha koole, mida haldad.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/pages/overview.py" line="126" />
            <source>{schools} schools, integration enabled in {enabled}; {journals} journals; {assigned} of {total} licences assigned</source>
            <translation>Koole: {schools}, liidestus lubatud: {enabled}; päevikuid: {journals}; litsentse jagatud {assigned}/{total}</translation>
        </message>
    </context>
    <context>
        <name>PracticeBanner</name>
        <message>
            <location filename="../../opiq_admin/ui/widgets.py" line="65" />
            <source>Practice mode — this data is not real.</source>
            <translation>Harjutusrežiim — andmed ei ole päris.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/widgets.py" line="66" />
            <source>Opiq and eKool are simulated on this computer; nothing you do here reaches a school.</source>
            <translation>Opiqut ja eKooli jäljendatakse selles arvutis; midagi, mida siin teed, ei jõua ühtegi kooli.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="293" />
            <source>Settings</source>
            <translation>Seaded</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="294" />
            <source>Language</source>
            <translation>Keel</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="295" />
            <source>Server profile in use</source>
            <translation>Kasutatav serveriprofiil</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="296" />
            <source>Local store URL</source>
            <translation>Kohaliku andmehoidla URL</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="303" />
            <source>Log level</source>
            <translation>Logitase</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="304" />
            <source>How much goes to the log file (Help → Open log folder); DEBUG when support asks for it.</source>
            <translation>Kui palju logifaili kirjutatakse (Abi → Ava logikaust); DEBUG, kui tugi seda palub.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="297" />
            <source>Empty: a SQLite file in this computer's data folder. A team may share a PostgreSQL database.</source>
            <translation>Tühi: SQLite-fail selle arvuti andmekaustas. Meeskond võib kasutada ühist PostgreSQL-i andmebaasi.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="299" />
            <source>Server profiles</source>
            <translation>Serveriprofiilid</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="300" />
            <source>Add</source>
            <translation>Lisa</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="301" />
            <source>Remove</source>
            <translation>Eemalda</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="302" />
            <source>Import…</source>
            <translation>Impordi…</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="303" />
            <source>A server profile your IT department handed out, as a JSON file (the same file as opiq-admin profile import).</source>
            <translation>IT-osakonna antud serveriprofiil JSON-failina (sama fail, mida loeb opiq-admin profile import).</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="306" />
            <source>Name</source>
            <translation>Nimi</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="307" />
            <source>EHIS URL</source>
            <translation>EHISe URL</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="308" />
            <source>API address</source>
            <translation>API aadress</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="309" />
            <source>Issuer (sign-in server)</source>
            <translation>Väljastaja (sisselogimisserver)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="310" />
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="631" />
            <source>Authorization endpoint</source>
            <translation>Autoriseerimise otspunkt</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="311" />
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="632" />
            <source>Token endpoint</source>
            <translation>Tõendi otspunkt</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="312" />
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="633" />
            <source>Revocation endpoint</source>
            <translation>Tühistamise otspunkt</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="313" />
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="634" />
            <source>User info endpoint</source>
            <translation>Kasutajaandmete otspunkt</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="314" />
            <source>Client ID</source>
            <translation>Kliendi ID</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="315" />
            <source>Client secret</source>
            <translation>Kliendi saladus</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="316" />
            <source>Scopes</source>
            <translation>Ulatused (scope)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="317" />
            <source>Authorization parameters</source>
            <translation>Autoriseerimise lisaparameetrid</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="322" />
            <source>Empty: the API address</source>
            <translation>Tühi: API aadress</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="324" />
            <source>Empty: as the discovery document says</source>
            <translation>Tühi: nagu avastusdokumendis</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="326" />
            <source>Separated by spaces, e.g. openid offline_access</source>
            <translation>Tühikutega eraldatud, nt openid offline_access</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="328" />
            <source>One key=value a line, e.g. prompt=consent</source>
            <translation>Üks võti=väärtus rea kohta, nt prompt=consent</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="330" />
            <source>Only for a confidential client. Kept in this computer's keyring only, never in the settings file. Leave it empty to keep the stored secret.</source>
            <translation>Ainult konfidentsiaalsele kliendile. Hoitakse ainult selle arvuti võtmehoidjas, mitte kunagi seadete failis. Jäta tühjaks, kui salvestatud saladus peab alles jääma.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="333" />
            <source>Forget</source>
            <translation>Unusta</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="334" />
            <source>Test connection</source>
            <translation>Kontrolli ühendust</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="335" />
            <source>Reads the discovery document of each system's issuer and shows the endpoints it names.</source>
            <translation>Loeb kummagi süsteemi väljastaja avastusdokumendi ja näitab selles nimetatud otspunkte.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="338" />
            <source>This computer has no keyring: a client secret cannot be kept, and has to be typed or imported again each time the program starts.</source>
            <translation>Selles arvutis pole võtmehoidjat: kliendi saladust ei saa alles hoida, see tuleb igal programmi käivitamisel uuesti sisestada või importida.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="341" />
            <source>A change of server profile or store takes effect the next time the program starts.</source>
            <translation>Serveriprofiili või andmehoidla muudatus jõustub programmi järgmisel käivitamisel.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="360" />
            <source>Practice mode (no server)</source>
            <translation>Harjutusrežiim (serverita)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="417" />
            <source>forgotten when you press OK</source>
            <translation>unustatakse OK vajutamisel</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="419" />
            <source>stored</source>
            <translation>salvestatud</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="421" />
            <source>none</source>
            <translation>puudub</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="488" />
            <source>Import a server profile</source>
            <translation>Serveriprofiili importimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="489" />
            <source>Server profiles (*.json);;All files (*)</source>
            <translation>Serveriprofiilid (*.json);;Kõik failid (*)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="510" />
            <source>Imported the profile "{name}" from {file}; OK saves it.</source>
            <translation>Profiil „{name}” imporditi failist {file}; OK salvestab selle.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="518" />
            <source>Replaced the profile "{name}" with the one in {file}; OK saves it.</source>
            <translation>Profiil „{name}” asendati failis {file} olevaga; OK salvestab selle.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="535" />
            <source>Reading stored client secrets</source>
            <translation>Salvestatud kliendisaladuste lugemine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="609" />
            <source>Testing…</source>
            <translation>Kontrollin…</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="610" />
            <source>Testing the connection</source>
            <translation>Ühenduse kontrollimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="620" />
            <source>{system}: no discovery document at {issuer}; the sign-in would try the older addresses under {base}.</source>
            <translation>{system}: aadressil {issuer} pole avastusdokumenti; sisselogimine prooviks vanemaid aadresse {base} all.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="625" />
            <source>{system}: the discovery document at {url} says the sign-in uses:</source>
            <translation>{system}: aadressil {url} oleva avastusdokumendi järgi kasutab sisselogimine:</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="628" />
            <source>{system}: no discovery document at {issuer}; the sign-in uses the endpoints the profile names:</source>
            <translation>{system}: aadressil {issuer} pole avastusdokumenti; sisselogimine kasutab profiilis nimetatud otspunkte:</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="635" />
            <source>Keys (JWKS)</source>
            <translation>Võtmed (JWKS)</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="641" />
            <source>{system}: {issuer} cannot be reached ({detail}).</source>
            <translation>{system}: {issuer} ei ole kättesaadav ({detail}).</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="652" />
            <source>Every server profile needs a name of its own.</source>
            <translation>Igal serveriprofiilil peab olema oma nimi.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="658" />
            <source>{profile}: the {system} API address is missing.</source>
            <translation>{profile}: süsteemi {system} API aadress puudub.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="662" />
            <source>{profile}: {system} authorization parameters, line {line}: write it as key=value.</source>
            <translation>{profile}: {system}, autoriseerimise lisaparameetrid, rida {line}: kirjuta kujul võti=väärtus.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="670" />
            <source>{profile}: the {system} client secret is too long for the keyring (at most 2,560 bytes, 1,280 plain characters).</source>
            <translation>{profile}: süsteemi {system} kliendi saladus on võtmehoidja jaoks liiga pikk (kuni 2560 baiti ehk 1280 tavalist märki).</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/dialogs.py" line="704" />
            <source>Saving client secrets</source>
            <translation>Kliendisaladuste salvestamine</translation>
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <location filename="../../opiq_admin/ui/sign_in.py" line="50" />
            <source>Waiting for the {system} sign-in in the browser</source>
            <translation>Ootan sisselogimist veebilehitsejas: {system}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/sign_in.py" line="51" />
            <source>Signing in to {system}</source>
            <translation>Sisselogimine: {system}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/sign_in.py" line="63" />
            <source>Signing out of {system}</source>
            <translation>Väljalogimine: {system}</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <location filename="../../opiq_admin/ui/main.py" line="98" />
            <source>Signing in</source>
            <translation>Sisselogimine</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main.py" line="142" />
            <source>opiq-admin could not start: {reason}</source>
            <translation>opiq-admin ei käivitunud: {reason}</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/main.py" line="240" />
            <source>opiq-admin is already open on this computer: use that window.</source>
            <translation>opiq-admin on selles arvutis juba avatud: kasuta seda akent.</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/startup.py" line="71" />
            <source>Connecting to Opiq and eKool…</source>
            <translation>Ühenduse loomine Opiqu ja eKooliga…</translation>
        </message>
        <message>
            <location filename="../../opiq_admin/ui/shell/startup.py" line="76" />
            <source>Connecting…</source>
            <translation>Ühendamine…</translation>
        </message>
    </context>
</TS>
