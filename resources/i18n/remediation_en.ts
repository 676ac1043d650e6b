<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>RemediationDialog</name>
    <message numerus="yes">
        <source>%n approved pair(s):</source>
        <translation>
            <numerusform>%n approved pair:</numerusform>
            <numerusform>%n approved pairs:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to change</source>
        <translation>
            <numerusform>%n to change</numerusform>
            <numerusform>%n to change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old account(s) lose the student role</source>
        <translation>
            <numerusform>%n old account loses the student role</numerusform>
            <numerusform>%n old accounts lose the student role</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new account(s) get a licence</source>
        <translation>
            <numerusform>%n new account gets a licence</numerusform>
            <numerusform>%n new accounts get a licence</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not changed.</source>
        <translation>
            <numerusform>%n not changed.</numerusform>
            <numerusform>%n not changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n teacher pair(s) listed but not changed.</source>
        <translation>
            <numerusform>%n teacher pair listed but not changed.</numerusform>
            <numerusform>%n teacher pairs listed but not changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) will lose the student role on their old Opiq account. They keep access through their eKool-linked account, which gets the licence. This cannot be undone from this program.</source>
        <translation>
            <numerusform>%n student will lose the student role on their old Opiq account. They keep access through their eKool-linked account, which gets the licence. This cannot be undone from this program.</numerusform>
            <numerusform>%n students will lose the student role on their old Opiq account. They keep access through their eKool-linked account, which gets the licence. This cannot be undone from this program.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n student role(s)</source>
        <translation>
            <numerusform>Remove %n student role</numerusform>
            <numerusform>Remove %n student roles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n pair(s) done,</source>
        <translation>
            <numerusform>Finished: %n pair done,</numerusform>
            <numerusform>Finished: %n pairs done,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n pair(s) not finished. Continue the run to finish them; the program also offers it at the next start.</source>
        <translation>
            <numerusform>Stopped: %n pair not finished. Continue the run to finish them; the program also offers it at the next start.</numerusform>
            <numerusform>Stopped: %n pairs not finished. Continue the run to finish them; the program also offers it at the next start.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>plan {plan}, %n pair(s)</source>
        <translation>
            <numerusform>plan {plan}, %n pair</numerusform>
            <numerusform>plan {plan}, %n pairs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message numerus="yes">
        <source>A remedy of duplicate accounts planned on {when} (%n pair(s) to change) did not finish. Nothing is lost: finishing it continues where it stopped, and steps already done are not repeated.</source>
        <translation>
            <numerusform>A remedy of duplicate accounts planned on {when} (%n pair to change) did not finish. Nothing is lost: finishing it continues where it stopped, and steps already done are not repeated.</numerusform>
            <numerusform>A remedy of duplicate accounts planned on {when} (%n pairs to change) did not finish. Nothing is lost: finishing it continues where it stopped, and steps already done are not repeated.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more unfinished run(s) offered after this one.</source>
        <translation>
            <numerusform>%n more unfinished run offered after this one.</numerusform>
            <numerusform>%n more unfinished runs offered after this one.</numerusform>
        </translation>
    </message>
</context>
</TS>
