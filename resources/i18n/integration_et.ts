<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et" sourcelanguage="en">
<context>
    <name>ComparePage</name>
    <message>
        <source>School name</source>
        <translation>Kooli nimi</translation>
    </message>
    <message>
        <source>EHIS code</source>
        <translation>EHISe kood</translation>
    </message>
    <message>
        <source>The school name and the EHIS code match.</source>
        <translation>Kooli nimi ja EHISe kood klapivad.</translation>
    </message>
    <message>
        <source>The EHIS code matches; the name is written differently in the two systems, which does not stop the integration.</source>
        <translation>EHISe kood klapib; nimi on kahes süsteemis kirjutatud eri moodi, mis liidestust ei takista.</translation>
    </message>
    <message>
        <source>The integration is already enabled for this school.</source>
        <translation>Liidestus on sellel koolil juba lubatud.</translation>
    </message>
    <message>
        <source>Press “Enable integration” to enable it in Opiq.</source>
        <translation>Vajuta „Luba liidestus“, et see Opiqus lubada.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Reading the school from Opiq</source>
        <translation>Loen kooli andmeid Opiqust</translation>
    </message>
    <message>
        <source>Opiq does not show the integration as enabled.</source>
        <translation>Opiq ei näita liidestust lubatuna.</translation>
    </message>
    <message>
        <source>Done: Opiq shows {school} in green beside eKool.</source>
        <translation>Valmis: Opiq näitab eKooli kõrval rohelisena kooli {school}.</translation>
    </message>
    <message>
        <source>Your own account is linked to eKool.</source>
        <translation>Sinu enda konto on eKooliga seotud.</translation>
    </message>
    <message>
        <source>Teachers can now transfer journals from eKool. Ask every user who already has an Opiq account to link it first (Settings → Integrations → eKool → “Add integration”), so that nobody gets a second account.</source>
        <translation>Õpetajad saavad nüüd päevikuid eKoolist üle tuua. Palu kõigil, kel juba on Opiqu konto, see enne eKooliga siduda (Seaded → Liidestused → eKool → „Lisa liidestus“), et kellelegi ei tekiks teist kontot.</translation>
    </message>
</context>
<context>
    <name>EnablePage</name>
    <message>
        <source>Enabling the integration</source>
        <translation>Luban liidestuse</translation>
    </message>
    <message>
        <source>The integration is enabled for {school}.</source>
        <translation>Liidestus on koolile {school} lubatud.</translation>
    </message>
    <message>
        <source>Step 3 is done: {enabled}</source>
        <translation>3. samm on tehtud: {enabled}</translation>
    </message>
</context>
<context>
    <name>EnableWizard</name>
    <message>
        <source>Enable the eKool integration — {school}</source>
        <translation>eKooli liidestuse lubamine — {school}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Katkesta</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>Edasi &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; Tagasi</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Lõpeta</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {step}</source>
        <translation>Samm {n}/{total}: {step}</translation>
    </message>
    <message>
        <source>Pre-checks</source>
        <translation>Eelkontroll</translation>
    </message>
    <message>
        <source>Compare the two sides</source>
        <translation>Kahe poole võrdlus</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Lubamine</translation>
    </message>
    <message>
        <source>Link your own account</source>
        <translation>Oma konto sidumine</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Valmis</translation>
    </message>
    <message>
        <source>Opiq and eKool must both be signed in, as users of the same school.</source>
        <translation>Nii Opiqusse kui eKooli peab olema sisse logitud sama kooli kasutajana.</translation>
    </message>
    <message>
        <source>The school name and the EHIS code must match on both sides.</source>
        <translation>Kooli nimi ja EHISe kood peavad mõlemal pool klappima.</translation>
    </message>
    <message>
        <source>Opiq is told to take the school&apos;s journals from eKool.</source>
        <translation>Opiqule antakse luba kooli päevikud eKoolist üle võtta.</translation>
    </message>
    <message>
        <source>Your Opiq account is linked to your own eKool account, never to anyone else&apos;s.</source>
        <translation>Sinu Opiqu konto seotakse Sinu enda eKooli kontoga, mitte kunagi kellegi teise omaga.</translation>
    </message>
    <message>
        <source>The integrations block of Opiq&apos;s school settings.</source>
        <translation>Opiqu kooli seadete liidestuste plokk.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Proovi uuesti</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Töötan…</translation>
    </message>
    <message>
        <source>Step “{step}” failed: {why}</source>
        <translation>Samm „{step}“ ebaõnnestus: {why}</translation>
    </message>
    <message>
        <source>What to do: {hint}</source>
        <translation>Mida teha: {hint}</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Jätka</translation>
    </message>
    <message>
        <source>Enable integration</source>
        <translation>Luba liidestus</translation>
    </message>
    <message>
        <source>sign in to Opiq and eKool as users of this school (menu Sign in), then press Retry.</source>
        <translation>logi Opiqusse ja eKooli sisse selle kooli kasutajana (menüü Sisselogimine) ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>fix the difference as described, press “Check again” on the Integration page, then open this wizard again.</source>
        <translation>paranda erinevus nii, nagu kirjeldatud, vajuta lehel Liidestus „Kontrolli uuesti“ ja ava see viisard uuesti.</translation>
    </message>
    <message>
        <source>check the connection and press Retry; if Opiq keeps refusing, copy the support report and send it to Opiq&apos;s support.</source>
        <translation>kontrolli ühendust ja vajuta „Proovi uuesti“; kui Opiq ikka keeldub, kopeeri tugiteenuse aruanne ja saada see Opiqu kasutajatoele.</translation>
    </message>
    <message>
        <source>press Cancel, sign out of eKool and sign in with your own eKool account, then open this wizard again.</source>
        <translation>vajuta „Katkesta“, logi eKoolist välja ja logi sisse oma eKooli kontoga, siis ava see viisard uuesti.</translation>
    </message>
    <message>
        <source>press “Check again” on the Integration page; if the integration is not shown as enabled, contact Opiq&apos;s support.</source>
        <translation>vajuta lehel Liidestus „Kontrolli uuesti“; kui liidestust ei näidata lubatuna, pöördu Opiqu kasutajatoe poole.</translation>
    </message>
    <message>
        <source>Writing the activity log</source>
        <translation>Kirjutan tegevuslogi</translation>
    </message>
</context>
<context>
    <name>IntegrationPage</name>
    <message>
        <source>Integration</source>
        <translation>Liidestus</translation>
    </message>
    <message>
        <source>Checking the integration</source>
        <translation>Kontrollin liidestust</translation>
    </message>
    <message>
        <source>Each school you manage, compared in Opiq and in eKool: the school name and the &lt;b&gt;EHIS code&lt;/b&gt; must agree. Select a school to see what to fix where; &lt;b&gt;Enable integration&lt;/b&gt; walks you through the guide&apos;s steps.</source>
        <translation>Iga Sinu hallatav kool Opiqus ja eKoolis võrdluses: kooli nimi ja &lt;b&gt;EHISe kood&lt;/b&gt; peavad klappima. Vali kool, et näha, mida kus parandada; &lt;b&gt;Luba liidestus&lt;/b&gt; juhatab Sind juhendi sammudest läbi.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Kontrolli uuesti</translation>
    </message>
    <message>
        <source>Read both sides again</source>
        <translation>Loe mõlemad pooled uuesti</translation>
    </message>
    <message>
        <source>Enable integration</source>
        <translation>Luba liidestus</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>Koolid</translation>
    </message>
    <message>
        <source>What to fix for the selected school</source>
        <translation>Mida valitud koolis parandada</translation>
    </message>
    <message>
        <source>Copy support report</source>
        <translation>Kopeeri tugiteenuse aruanne</translation>
    </message>
    <message>
        <source>Puts a plain-text summary for Opiq&apos;s support on the clipboard: schools, codes, statuses, time, program version and your name; no sign-in data.</source>
        <translation>Paneb lõikelauale Opiqu kasutajatoele mõeldud tekstikokkuvõtte: koolid, koodid, olekud, aeg, programmi versioon ja Sinu nimi; sisselogimisandmeid mitte.</translation>
    </message>
    <message>
        <source>Sign in to both Opiq and eKool to check the integration.</source>
        <translation>Liidestuse kontrollimiseks logi sisse nii Opiqusse kui eKooli.</translation>
    </message>
    <message>
        <source>Select a school to see what to do.</source>
        <translation>Vali kool, et näha, mida teha.</translation>
    </message>
    <message>
        <source>Opens the step-by-step wizard for {school}.</source>
        <translation>Avab samm-sammulise viisardi koolile {school}.</translation>
    </message>
    <message>
        <source>Fix the problem shown below first, then press Check again.</source>
        <translation>Paranda kõigepealt allpool näidatud viga, siis vajuta „Kontrolli uuesti“.</translation>
    </message>
    <message>
        <source>Not signed in to both systems.</source>
        <translation>Mõlemasse süsteemi ei ole sisse logitud.</translation>
    </message>
    <message>
        <source>{schools} schools, {enabled} enabled, {problems} with a problem; checked at {time}</source>
        <translation>Koole {schools}, liidestus lubatud {enabled}, probleemiga {problems}; kontrollitud kell {time}</translation>
    </message>
    <message>
        <source>EHIS open data could not be read; official codes are not shown.</source>
        <translation>EHISe avaandmeid ei õnnestunud lugeda; ametlikke koode ei näidata.</translation>
    </message>
    <message numerus="yes">
        <source>%n school(s)</source>
        <translation>
            <numerusform>%n kool</numerusform>
            <numerusform>%n kooli</numerusform>
        </translation>
    </message>
    <message>
        <source>Copying the support report</source>
        <translation>Kopeerin tugiteenuse aruande</translation>
    </message>
    <message>
        <source>The support report is on the clipboard.</source>
        <translation>Tugiteenuse aruanne on lõikelaual.</translation>
    </message>
</context>
<context>
    <name>IntegrationStatus</name>
    <message>
        <source>Working</source>
        <translation>Töötab</translation>
    </message>
    <message>
        <source>Not enabled yet</source>
        <translation>Veel lubamata</translation>
    </message>
    <message>
        <source>EHIS code missing in eKool</source>
        <translation>eKoolis puudub EHISe kood</translation>
    </message>
    <message>
        <source>EHIS codes differ</source>
        <translation>EHISe koodid erinevad</translation>
    </message>
    <message>
        <source>School not found in eKool</source>
        <translation>Kooli ei leitud eKoolist</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>lubatud</translation>
    </message>
    <message>
        <source>not enabled</source>
        <translation>lubamata</translation>
    </message>
</context>
<context>
    <name>IntegrationTableModel</name>
    <message>
        <source>Status</source>
        <translation>Olek</translation>
    </message>
    <message>
        <source>School in Opiq</source>
        <translation>Kool Opiqus</translation>
    </message>
    <message>
        <source>School in eKool</source>
        <translation>Kool eKoolis</translation>
    </message>
    <message>
        <source>EHIS ID in Opiq</source>
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
</context>
<context>
    <name>LinkPage</name>
    <message>
        <source>Comparing the two sign-ins</source>
        <translation>Võrdlen kahte sisselogimist</translation>
    </message>
    <message>
        <source>Your own Opiq account is already linked to eKool.</source>
        <translation>Sinu enda Opiqu konto on juba eKooliga seotud.</translation>
    </message>
    <message>
        <source>Your own Opiq account is not linked to eKool yet. Check the data above: if both are you, press “Confirm integration”.</source>
        <translation>Sinu enda Opiqu konto ei ole veel eKooliga seotud. Kontrolli ülal olevaid andmeid: kui mõlemad oled Sina, vajuta „Kinnita liidestus“.</translation>
    </message>
    <message>
        <source>Confirm integration</source>
        <translation>Kinnita liidestus</translation>
    </message>
    <message>
        <source>Press “Cancel”. The eKool sign-in in the previous step was someone else&apos;s account ({ekool}), not yours. Sign out of eKool, sign in with your own eKool account, and open this wizard again. The integration itself stays enabled.</source>
        <translation>Vajuta „Katkesta“. eKooli sisselogimine oli kellegi teise konto ({ekool}), mitte Sinu oma. Logi eKoolist välja, logi sisse oma eKooli kontoga ja ava see viisard uuesti. Liidestus ise jääb lubatuks.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Personal ID code</source>
        <translation>Isikukood</translation>
    </message>
    <message>
        <source>These are the same person.</source>
        <translation>Tegemist on sama inimesega.</translation>
    </message>
    <message>
        <source>These are two different people: they must not be linked.</source>
        <translation>Need on kaks erinevat inimest: neid ei tohi siduda.</translation>
    </message>
    <message>
        <source>Linking your account</source>
        <translation>Seon Sinu konto</translation>
    </message>
    <message>
        <source>Your Opiq account is now linked to eKool.</source>
        <translation>Sinu Opiqu konto on nüüd eKooliga seotud.</translation>
    </message>
</context>
<context>
    <name>PrecheckPage</name>
    <message>
        <source>Signed in to both Opiq and eKool</source>
        <translation>Sisse logitud nii Opiqusse kui eKooli</translation>
    </message>
    <message>
        <source>Your Opiq account is an administrator of {school}</source>
        <translation>Sinu Opiqu konto on kooli {school} administraator</translation>
    </message>
    <message>
        <source>Your eKool account belongs to the same school</source>
        <translation>Sinu eKooli konto kuulub samasse kooli</translation>
    </message>
    <message>
        <source>Checking before enabling</source>
        <translation>Kontrollin enne lubamist</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>Kõik kontrollid läbitud.</translation>
    </message>
</context>
<context>
    <name>SchoolDetail</name>
    <message>
        <source>School name</source>
        <translation>Kooli nimi</translation>
    </message>
    <message>
        <source>EHIS code</source>
        <translation>EHISe kood</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Liidestus</translation>
    </message>
    <message>
        <source>Official EHIS code (EHIS open data): {code}</source>
        <translation>Ametlik EHISe kood (EHISe avaandmed): {code}</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Mida teha</translation>
    </message>
    <message>
        <source>In eKool: the school profile</source>
        <translation>eKoolis: kooli profiil</translation>
    </message>
    <message>
        <source>An eKool school administrator signs in to eKool.</source>
        <translation>eKooli kooliadministraator logib eKooli sisse.</translation>
    </message>
    <message>
        <source>In the top menu they open &lt;b&gt;„+“&lt;/b&gt; → &lt;b&gt;„Profiil“&lt;/b&gt; (the school profile).</source>
        <translation>Ta avab ülemisest menüüst &lt;b&gt;„+“&lt;/b&gt; → &lt;b&gt;„Profiil“&lt;/b&gt; (kooli profiil).</translation>
    </message>
    <message>
        <source>They enter the EHIS code &lt;b&gt;{code}&lt;/b&gt; and save it.</source>
        <translation>Ta sisestab EHISe koodi &lt;b&gt;{code}&lt;/b&gt; ja salvestab.</translation>
    </message>
    <message>
        <source>Back here, press “Check again”.</source>
        <translation>Siin vajuta seejärel „Kontrolli uuesti“.</translation>
    </message>
</context>
</TS>
