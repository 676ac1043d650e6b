<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>PreventionPanel</name>
    <message numerus="yes">
        <source>Letters to %n person(s) copied to the clipboard.</source>
        <translation>
            <numerusform>Letters to %n person copied to the clipboard.</numerusform>
            <numerusform>Letters to %n people copied to the clipboard.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) approved.</source>
        <translation>
            <numerusform>%n pair approved.</numerusform>
            <numerusform>%n pairs approved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A note for the %n selected pair(s):</source>
        <translation>
            <numerusform>A note for the %n selected pair:</numerusform>
            <numerusform>A note for the %n selected pairs:</numerusform>
        </translation>
    </message>
</context>
</TS>
