<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>JournalActions</name>
    <message numerus="yes">
        <source>%n student(s) added ({names})</source>
        <translation>
            <numerusform>%n student added ({names})</numerusform>
            <numerusform>%n students added ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) removed ({names})</source>
        <translation>
            <numerusform>%n student removed ({names})</numerusform>
            <numerusform>%n students removed ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n journal(s) in Opiq?</source>
        <translation>
            <numerusform>Delete %n journal in Opiq?</numerusform>
            <numerusform>Delete %n journals in Opiq?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n student</numerusform>
            <numerusform>%n students</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalDetail</name>
    <message numerus="yes">
        <source>%n journal(s) selected.</source>
        <translation>
            <numerusform>%n journal selected.</numerusform>
            <numerusform>%n journals selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalsPage</name>
    <message numerus="yes">
        <source>{shown} shown of %n journal(s) not transferred</source>
        <translation>
            <numerusform>{shown} shown of %n journal not transferred</numerusform>
            <numerusform>{shown} shown of %n journals not transferred</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} shown of %n journal(s) in Opiq</source>
        <translation>
            <numerusform>{shown} shown of %n journal in Opiq</numerusform>
            <numerusform>{shown} shown of %n journals in Opiq</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed in eKool</source>
        <translation>
            <numerusform>%n changed in eKool</numerusform>
            <numerusform>%n changed in eKool</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not transferred</source>
        <translation>
            <numerusform>%n not transferred</numerusform>
            <numerusform>%n not transferred</numerusform>
        </translation>
    </message>
</context>
</TS>
