<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>No known_hosts file or key to write.</source>
        <translation>Keine known_hosts-Datei oder kein Schlüssel zum Schreiben.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The telemetry history is not available.</source>
        <translation>Der Telemetrie-Verlauf ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>this build has no PDF/HTML report writer</source>
        <translation>dieser Build kann keine PDF-/HTML-Berichte schreiben</translation>
    </message>
    <message>
        <source>unknown report format</source>
        <translation>unbekanntes Berichtsformat</translation>
    </message>
</context>
<context>
    <name>bulwark::HostListModel</name>
    <message>
        <source>not scanned</source>
        <translation>nicht gescannt</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
</context>
<context>
    <name>bulwark::MainWindow</name>
    <message>
        <source>Bulwark</source>
        <translation>Bulwark</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Konformität</translation>
    </message>
    <message>
        <source>Memory trends</source>
        <translation>Speicherverlauf</translation>
    </message>
    <message>
        <source>Log latency</source>
        <translation>Log-Latenz</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Scanne %1 …</translation>
    </message>
    <message>
        <source>Audit cancelled.</source>
        <translation>Audit abgebrochen.</translation>
    </message>
    <message>
        <source>Open a fleet file to begin (Ctrl+O).</source>
        <translation>Öffnen Sie zum Beginnen eine Flottendatei (Strg+O).</translation>
    </message>
    <message>
        <source>Filter containers, images, projects… (Ctrl+F)</source>
        <translation>Container, Images, Projekte filtern … (Strg+F)</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Filtertext</translation>
    </message>
    <message>
        <source>Host filter</source>
        <translation>Host-Filter</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Control filter</source>
        <translation>Kontrollfilter</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Sort by &amp;worst</source>
        <translation>Nach &amp;schlechtestem sortieren</translation>
    </message>
    <message>
        <source>Lowest score first (Ctrl+Shift+S)</source>
        <translation>Niedrigste Bewertung zuerst (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>Compliance heatmap</source>
        <translation>Konformitäts-Heatmap</translation>
    </message>
    <message>
        <source>Rows are containers grouped by host and project, columns are controls</source>
        <translation>Zeilen sind Container, gruppiert nach Host und Projekt; Spalten sind Kontrollen</translation>
    </message>
    <message>
        <source>Legend: %1 · hover a cell for evidence, Enter or double-click for details</source>
        <translation>Legende: %1 · Zelle überfahren für Nachweise, Eingabe oder Doppelklick für Details</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
    <message>
        <source>Container detail</source>
        <translation>Container-Details</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>Scan-Fortschritt</translation>
    </message>
    <message>
        <source>%v of %m hosts</source>
        <translation>%v von %m Hosts</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel scan</source>
        <translation>Scan abbrechen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Fleet…</source>
        <translation>Flotte ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>Bericht &amp;exportieren …</translation>
    </message>
    <message>
        <source>Hosts and &amp;Settings…</source>
        <translation>Hosts und &amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <source>&amp;Run Audit</source>
        <translation>Audit &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Cancel Audit</source>
        <translation>Audit &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Watch Mode</source>
        <translation>Über&amp;wachungsmodus</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Sort by &amp;Worst</source>
        <translation>Nach &amp;Schlechtestem sortieren</translation>
    </message>
    <message>
        <source>&amp;Clear Filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Compliance</source>
        <translation>&amp;Konformität</translation>
    </message>
    <message>
        <source>&amp;Memory Trends</source>
        <translation>&amp;Speicherverlauf</translation>
    </message>
    <message>
        <source>&amp;Log Latency</source>
        <translation>&amp;Log-Latenz</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Bulwark</source>
        <translation>&amp;Über Bulwark</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Open Fleet File</source>
        <translation>Flottendatei öffnen</translation>
    </message>
    <message>
        <source>Fleet files (*.yaml *.yml);;All files (*)</source>
        <translation>Flottendateien (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open fleet file</source>
        <translation>Flottendatei kann nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) in %1. Press F5 to audit.</source>
        <translation>
            <numerusform>%n Host in %1. F5 startet das Audit.</numerusform>
            <numerusform>%n Hosts in %1. F5 startet das Audit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit of %1 finished: %n failed check(s).</source>
        <translation>
            <numerusform>Audit von %1 abgeschlossen: %n fehlgeschlagene Prüfung.</numerusform>
            <numerusform>Audit von %1 abgeschlossen: %n fehlgeschlagene Prüfungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>the fleet</source>
        <translation>der Flotte</translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation>Alle Hosts</translation>
    </message>
    <message>
        <source>All controls</source>
        <translation>Alle Kontrollen</translation>
    </message>
    <message numerus="yes">
        <source>Auditing %n host(s)…</source>
        <translation>
            <numerusform>Prüfe %n Host …</numerusform>
            <numerusform>Prüfe %n Hosts …</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Run an audit first: there is nothing to export yet.</source>
        <translation>Starten Sie zuerst ein Audit: Es gibt noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF-Bericht (*.pdf)</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-Bericht (*.html)</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Report failed: %1</source>
        <translation>Bericht fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Schreibe %1 …</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>No remediation is known for the failing controls.</source>
        <translation>Für die fehlgeschlagenen Kontrollen ist keine Korrektur bekannt.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Change the service definition as follows:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Ändern Sie die Dienstdefinition wie folgt:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>About Bulwark</source>
        <translation>Über Bulwark</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bulwark %1&lt;/h3&gt;&lt;p&gt;Audits a fleet of Docker hosts against the SPEC-INFRA-04 hardening standard, shows the posture at a glance and helps fix what fails.&lt;/p&gt;&lt;p&gt;This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;It is distributed WITHOUT ANY WARRANTY.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bulwark %1&lt;/h3&gt;&lt;p&gt;Prüft eine Flotte von Docker-Hosts gegen den Härtungsstandard SPEC-INFRA-04, zeigt den Zustand auf einen Blick und hilft, Mängel zu beheben.&lt;/p&gt;&lt;p&gt;Dieses Programm ist freie Software: Sie können es unter den Bedingungen der GNU General Public License, wie von der Free Software Foundation veröffentlicht, weitergeben und/oder verändern, entweder gemäß Version 3 der Lizenz oder (nach Ihrer Wahl) jeder späteren Version (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Es wird OHNE JEDE GEWÄHRLEISTUNG verbreitet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Remediation log</source>
        <translation>Korrekturprotokoll</translation>
    </message>
    <message>
        <source>%1: connection lost, reconnecting in %2 s (%3)</source>
        <translation>%1: Verbindung verloren, neuer Versuch in %2 s (%3)</translation>
    </message>
    <message>
        <source>%1: watching for container changes</source>
        <translation>%1: Containeränderungen werden verfolgt</translation>
    </message>
    <message>
        <source>Follow container changes on every host, and audit again when the fleet, policy or waiver file changes</source>
        <translation>Containeränderungen auf jedem Host verfolgen und erneut prüfen, wenn sich Flotten-, Richtlinien- oder Ausnahmedatei ändert</translation>
    </message>
    <message>
        <source>&amp;Remediation Log</source>
        <translation>&amp;Korrekturprotokoll</translation>
    </message>
    <message>
        <source>Memory history: %1</source>
        <translation>Speicherverlauf: %1</translation>
    </message>
    <message>
        <source>Memory history unavailable (%1); showing this session&apos;s readings.</source>
        <translation>Speicherverlauf nicht verfügbar (%1); es werden die Messwerte dieser Sitzung gezeigt.</translation>
    </message>
    <message>
        <source>This build has no telemetry history (%1).</source>
        <translation>Dieser Build hat keinen Telemetrieverlauf (%1).</translation>
    </message>
    <message>
        <source>JSON, bulwark.audit/v1 (*.json)</source>
        <translation>JSON, bulwark.audit/v1 (*.json)</translation>
    </message>
    <message>
        <source>SARIF 2.1.0 (*.sarif *.sarif.json)</source>
        <translation>SARIF 2.1.0 (*.sarif *.sarif.json)</translation>
    </message>
    <message>
        <source>JUnit XML (*.xml)</source>
        <translation>JUnit-XML (*.xml)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>bulwark::PatchPreviewDialog</name>
    <message>
        <source>Apply fix</source>
        <translation>Korrektur anwenden</translation>
    </message>
    <message>
        <source>Preview ready: nothing has been changed on %1.</source>
        <translation>Vorschau bereit: Auf %1 wurde nichts geändert.</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Keine Vorschau: %1</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>Select a fix to see its own diff; untick it to leave it out of the patch.</source>
        <translation>Wählen Sie eine Korrektur, um ihren eigenen Diff zu sehen; entfernen Sie den Haken, um sie aus dem Patch wegzulassen.</translation>
    </message>
    <message>
        <source>Notes and commands Bulwark cannot run for you appear here.</source>
        <translation>Hinweise und Befehle, die Bulwark nicht für Sie ausführen kann, erscheinen hier.</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Kontrolle</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>Bind paths…</source>
        <translation>Bind-Pfade …</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>Anwenden …</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Reading the compose files on %1…</source>
        <translation>Compose-Dateien auf %1 werden gelesen …</translation>
    </message>
    <message>
        <source> — cannot: %1</source>
        <translation> — nicht möglich: %1</translation>
    </message>
    <message>
        <source> — already in the file</source>
        <translation> — bereits in der Datei</translation>
    </message>
    <message>
        <source> — advice only</source>
        <translation> — nur Empfehlung</translation>
    </message>
    <message>
        <source># No change to any compose file.</source>
        <translation># Keine Änderung an einer Compose-Datei.</translation>
    </message>
    <message>
        <source>Cannot fix: %1</source>
        <translation>Nicht korrigierbar: %1</translation>
    </message>
    <message>
        <source># This fix changes no file.</source>
        <translation># Diese Korrektur ändert keine Datei.</translation>
    </message>
    <message>
        <source># No fix selected.</source>
        <translation># Keine Korrektur gewählt.</translation>
    </message>
    <message>
        <source>Bind mount for %1</source>
        <translation>Bind-Mount für %1</translation>
    </message>
    <message>
        <source>Host directory to bind at %1 instead of the volume %2 (it must hold the data already):</source>
        <translation>Host-Verzeichnis, das statt des Volumes %2 unter %1 eingebunden wird (es muss die Daten bereits enthalten):</translation>
    </message>
    <message>
        <source>Apply the patch to %1 on %2?

Each file is backed up beside itself first. Compose will recreate %3; if anything fails the original files and configuration are restored.</source>
        <translation>Den Patch auf %1 auf %2 anwenden?

Jede Datei wird zuerst daneben gesichert. Compose erstellt %3 neu; schlägt etwas fehl, werden die ursprünglichen Dateien und die Konfiguration wiederhergestellt.</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wird angewendet …</translation>
    </message>
</context>
<context>
    <name>bulwark::RemediationLogModel</name>
    <message>
        <source>Applied</source>
        <translation>Angewendet</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Kontrollen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>bulwark::RemediationLogView</name>
    <message>
        <source>Remediation log</source>
        <translation>Korrekturprotokoll</translation>
    </message>
    <message>
        <source>Filter by host, file, user, control or result</source>
        <translation>Nach Host, Datei, Benutzer, Kontrolle oder Ergebnis filtern</translation>
    </message>
    <message>
        <source>Remediation log filter</source>
        <translation>Filter des Korrekturprotokolls</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Read the remediation log again</source>
        <translation>Das Korrekturprotokoll erneut lesen</translation>
    </message>
    <message>
        <source>Remediations applied</source>
        <translation>Angewendete Korrekturen</translation>
    </message>
    <message>
        <source>Diff of the selected remediation</source>
        <translation>Diff der gewählten Korrektur</translation>
    </message>
    <message>
        <source>Select an entry to see the change it made.</source>
        <translation>Wählen Sie einen Eintrag, um seine Änderung zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n remediation(s) from %1.</source>
        <translation>
            <numerusform>%n Korrektur aus %1.</numerusform>
            <numerusform>%n Korrekturen aus %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the remediation log: %1</source>
        <translation>Das Korrekturprotokoll kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No remediation has been recorded yet (%1).</source>
        <translation>Noch keine Korrektur aufgezeichnet (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%n remediation(s) in %1.</source>
        <translation>
            <numerusform>%n Korrektur in %1.</numerusform>
            <numerusform>%n Korrekturen in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>backup: %1</source>
        <translation>Sicherung: %1</translation>
    </message>
    <message>
        <source>(no diff recorded)</source>
        <translation>(kein Diff aufgezeichnet)</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::AuditController</name>
    <message>
        <source>This build has no audit engine.</source>
        <translation>Dieser Build enthält keine Audit-Engine.</translation>
    </message>
    <message>
        <source>The fleet has no hosts: open a fleet file or add a host in Settings.</source>
        <translation>Die Flotte hat keine Hosts: Öffnen Sie eine Flottendatei oder fügen Sie in den Einstellungen einen Host hinzu.</translation>
    </message>
    <message>
        <source>Not asked again in watch mode; judged from labels and ports until the next audit (F5).</source>
        <translation>Im Überwachungsmodus nicht erneut abgefragt; bis zum nächsten Audit (F5) nach Labels und Ports beurteilt.</translation>
    </message>
    <message>
        <source>Watch mode cannot follow the hosts: %1</source>
        <translation>Der Überwachungsmodus kann den Hosts nicht folgen: %1</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::ContainerDetailPane</name>
    <message>
        <source>Show &amp;fix…</source>
        <translation>&amp;Korrektur anzeigen …</translation>
    </message>
    <message>
        <source>Container detail</source>
        <translation>Container-Details</translation>
    </message>
    <message>
        <source>Results of this container</source>
        <translation>Ergebnisse dieses Containers</translation>
    </message>
    <message>
        <source>Labels, mounts, networks and ports</source>
        <translation>Labels, Mounts, Netzwerke und Ports</translation>
    </message>
    <message>
        <source>Preview the compose change that fixes the failing controls</source>
        <translation>Vorschau der Compose-Änderung, die die fehlgeschlagenen Kontrollen behebt</translation>
    </message>
    <message>
        <source>Show fix</source>
        <translation>Korrektur anzeigen</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a container in the heatmap to see its evidence.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Wählen Sie einen Container in der Heatmap, um seine Nachweise zu sehen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:large&apos;&gt;%1&lt;/b&gt; on %2&lt;br&gt;%3 · %4 · score &lt;b style=&apos;color:%5&apos;&gt;%6&lt;/b&gt; · %7 failed</source>
        <translation>&lt;b style=&apos;font-size:large&apos;&gt;%1&lt;/b&gt; auf %2&lt;br&gt;%3 · %4 · Bewertung &lt;b style=&apos;color:%5&apos;&gt;%6&lt;/b&gt; · %7 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>PID / IPC / network mode</source>
        <translation>PID-/IPC-/Netzwerkmodus</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::ContainerFactsModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>(image default)</source>
        <translation>(Image-Vorgabe)</translation>
    </message>
    <message>
        <source>Privileged</source>
        <translation>Privilegiert</translation>
    </message>
    <message>
        <source>Read-only root</source>
        <translation>Schreibgeschütztes Root-Dateisystem</translation>
    </message>
    <message>
        <source>Security options</source>
        <translation>Sicherheitsoptionen</translation>
    </message>
    <message>
        <source>Capabilities dropped</source>
        <translation>Entfernte Capabilities</translation>
    </message>
    <message>
        <source>Capabilities added</source>
        <translation>Hinzugefügte Capabilities</translation>
    </message>
    <message>
        <source>PID / IPC / network mode</source>
        <translation>PID- / IPC- / Netzwerkmodus</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>Speicherlimit</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Memory in use</source>
        <translation>Belegter Speicher</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustandsprüfung</translation>
    </message>
    <message>
        <source>not published</source>
        <translation>nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation>Mounts</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Netzwerke</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>Veröffentlichte Ports</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privat</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::FleetTreeModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Containers started without docker compose</source>
        <translation>Ohne docker compose gestartete Container</translation>
    </message>
    <message numerus="yes">
        <source>Compose project %1: %n failed check(s)</source>
        <translation>
            <numerusform>Compose-Projekt %1: %n fehlgeschlagene Prüfung</numerusform>
            <numerusform>Compose-Projekt %1: %n fehlgeschlagene Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>(kein Projekt)</translation>
    </message>
    <message>
        <source>Host / project</source>
        <translation>Host / Projekt</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HeatmapDelegate</name>
    <message>
        <source>(no project)</source>
        <translation>(kein Projekt)</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HeatmapModel</name>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; on %2&lt;br&gt;Image: %3&lt;br&gt;State: %4&lt;br&gt;ID: %5&lt;br&gt;Failed controls: %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; auf %2&lt;br&gt;Image: %3&lt;br&gt;Zustand: %4&lt;br&gt;ID: %5&lt;br&gt;Fehlgeschlagene Kontrollen: %6</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Gegenstand: %1</translation>
    </message>
    <message>
        <source>Status: %1 — the host was not scanned: %2</source>
        <translation>Status: %1 — der Host wurde nicht gescannt: %2</translation>
    </message>
    <message>
        <source>No result for this control.</source>
        <translation>Kein Ergebnis für diese Kontrolle.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;%1 %2&lt;/b&gt; (severity %3)</source>
        <translation>Status: &lt;b&gt;%1 %2&lt;/b&gt; (Schweregrad %3)</translation>
    </message>
    <message>
        <source>— host-wide verdict</source>
        <translation>— Urteil für den ganzen Host</translation>
    </message>
    <message>
        <source>— fleet-wide verdict</source>
        <translation>— Urteil für die ganze Flotte</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>Nachweis: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>Waiver: %1 (expires %2)</source>
        <translation>Ausnahme: %1 (läuft ab %2)</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Korrektur: %1</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HostKeyDialog</name>
    <message>
        <source>Host key changed</source>
        <translation>Host-Schlüssel geändert</translation>
    </message>
    <message>
        <source>Trust host key?</source>
        <translation>Host-Schlüssel vertrauen?</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The host key of %1 differs from the one you trusted.&lt;/b&gt; This can mean the host was reinstalled — or that someone is intercepting the connection.&lt;/p&gt;&lt;p&gt;Only continue if you verified the new fingerprint with the host&apos;s administrator.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Der Host-Schlüssel von %1 weicht von dem ab, dem Sie vertraut haben.&lt;/b&gt; Das kann bedeuten, dass der Host neu installiert wurde — oder dass jemand die Verbindung abfängt.&lt;/p&gt;&lt;p&gt;Fahren Sie nur fort, wenn Sie den neuen Fingerabdruck mit der Administration des Hosts abgeglichen haben.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Bulwark has not connected to &lt;b&gt;%1&lt;/b&gt; before. Compare this fingerprint with the one the host shows (&lt;code&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/code&gt;) before trusting it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Bulwark war noch nie mit &lt;b&gt;%1&lt;/b&gt; verbunden. Vergleichen Sie diesen Fingerabdruck mit dem, den der Host anzeigt (&lt;code&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/code&gt;), bevor Sie ihm vertrauen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>SHA256 fingerprint</source>
        <translation>SHA256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Trusting appends the key to %1.</source>
        <translation>Beim Vertrauen wird der Schlüssel an %1 angehängt.</translation>
    </message>
    <message>
        <source>&amp;Trust this key</source>
        <translation>Diesem Schlüssel &amp;vertrauen</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HostStatus</name>
    <message>
        <source>Not scanned</source>
        <translation>Nicht gescannt</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Erreichbar</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Host key not trusted yet</source>
        <translation>Host-Schlüssel noch nicht vertraut</translation>
    </message>
    <message>
        <source>Host key changed</source>
        <translation>Host-Schlüssel geändert</translation>
    </message>
    <message>
        <source>Docker API error</source>
        <translation>Docker-API-Fehler</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::LogLatencyView</name>
    <message>
        <source>Log latency</source>
        <translation>Log-Latenz</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Probe latency</source>
        <translation>Latenz der Probe</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>%1
%2 s</source>
        <translation>%1
%2 s</translation>
    </message>
    <message>
        <source>Latency over time</source>
        <translation>Latenz im Zeitverlauf</translation>
    </message>
    <message>
        <source>Distribution (seconds)</source>
        <translation>Verteilung (Sekunden)</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Proben</translation>
    </message>
    <message>
        <source>probes</source>
        <translation>Proben</translation>
    </message>
    <message>
        <source>Latency histogram</source>
        <translation>Latenz-Histogramm</translation>
    </message>
    <message>
        <source>No log-latency probes yet: add a loki section to the fleet file and run an audit</source>
        <translation>Noch keine Log-Latenz-Proben: Fügen Sie der Flottendatei einen loki-Abschnitt hinzu und starten Sie ein Audit</translation>
    </message>
    <message>
        <source>&lt;b&gt;Log ingestion latency&lt;/b&gt; — no data</source>
        <translation>&lt;b&gt;Latenz der Log-Erfassung&lt;/b&gt; — keine Daten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Log ingestion latency&lt;/b&gt; — %1 probes, %2 missed · p50 %3 s · p95 &lt;b&gt;%4 s&lt;/b&gt; (NFR-OBS-01: %5) · max %6 s (AC-HARD-03: %7)</source>
        <translation>&lt;b&gt;Latenz der Log-Erfassung&lt;/b&gt; — %1 Proben, %2 verpasst · p50 %3 s · p95 &lt;b&gt;%4 s&lt;/b&gt; (NFR-OBS-01: %5) · max. %6 s (AC-HARD-03: %7)</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Verpasst</translation>
    </message>
    <message>
        <source>NFR-OBS-01: 2 s</source>
        <translation>NFR-OBS-01: 2 s</translation>
    </message>
    <message>
        <source>AC-HARD-03: 5 s</source>
        <translation>AC-HARD-03: 5 s</translation>
    </message>
    <message>
        <source>seconds (bucket start)</source>
        <translation>Sekunden (Klassenbeginn)</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::MemoryChartView</name>
    <message>
        <source>Memory chart</source>
        <translation>Speicherdiagramm</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Belegung</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Container limit</source>
        <translation>Container-Limit</translation>
    </message>
    <message>
        <source>2 GiB template ceiling</source>
        <translation>2-GiB-Obergrenze der Vorlage</translation>
    </message>
    <message>
        <source>20 % of host memory</source>
        <translation>20 % des Host-Speichers</translation>
    </message>
    <message>
        <source>No memory history in this range yet</source>
        <translation>In diesem Zeitraum noch kein Speicherverlauf</translation>
    </message>
    <message>
        <source>%1
%2 MiB</source>
        <translation>%1
%2 MiB</translation>
    </message>
    <message>
        <source>Memory over 24 h: usage (solid), container limit (dashed), 2 GiB template ceiling (dash-dot), 20 % of host memory (dash-dot-dot)</source>
        <translation>Speicher über 24 h: Nutzung (durchgezogen), Container-Limit (gestrichelt), 2-GiB-Vorlagenobergrenze (Strich-Punkt), 20 % des Host-Speichers (Strich-Punkt-Punkt)</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::MemoryTrendsView</name>
    <message>
        <source>Memory trends</source>
        <translation>Speicherverlauf</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>C&amp;ontainer:</source>
        <translation>C&amp;ontainer:</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 T</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <translation>Die letzten %1 anzeigen</translation>
    </message>
    <message>
        <source>All containers (host total)</source>
        <translation>Alle Container (Host-Summe)</translation>
    </message>
    <message>
        <source>Run an audit to see memory trends</source>
        <translation>Starten Sie ein Audit, um den Speicherverlauf zu sehen</translation>
    </message>
    <message>
        <source>Latest %1, peak %2</source>
        <translation>Zuletzt %1, Spitze %2</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>Limit %1</translation>
    </message>
    <message>
        <source>20 % of host %1</source>
        <translation>20 % des Hosts %1</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::ResultListModel</name>
    <message>
        <source>Fix: %1</source>
        <translation>Korrektur: %1</translation>
    </message>
    <message>
        <source>Waiver: %1</source>
        <translation>Ausnahme: %1</translation>
    </message>
    <message>
        <source>[host] %1</source>
        <translation>[Host] %1</translation>
    </message>
    <message>
        <source>[fleet] %1</source>
        <translation>[Flotte] %1</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Kontrolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::SettingsDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>%1 suchen</translation>
    </message>
    <message>
        <source>Hosts and Settings</source>
        <translation>Hosts und Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Hosts</source>
        <translation>&amp;Hosts</translation>
    </message>
    <message>
        <source>&amp;Endpoints</source>
        <translation>&amp;Endpunkte</translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation>&amp;Richtlinie</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <source>Hosts of the fleet</source>
        <translation>Hosts der Flotte</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>~/.ssh/known_hosts</source>
        <translation>~/.ssh/known_hosts</translation>
    </message>
    <message>
        <source>env=prod, site=fra1</source>
        <translation>env=prod, site=fra1</translation>
    </message>
    <message>
        <source>Key passphrase or password (stored in the keychain)</source>
        <translation>Schlüssel-Passphrase oder Passwort (im Schlüsselbund gespeichert)</translation>
    </message>
    <message>
        <source>Store in &amp;keychain</source>
        <translation>Im &amp;Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Docker &amp;socket:</source>
        <translation>Docker-&amp;Socket:</translation>
    </message>
    <message>
        <source>&amp;Identity file:</source>
        <translation>&amp;Identitätsdatei:</translation>
    </message>
    <message>
        <source>Identity file</source>
        <translation>Identitätsdatei</translation>
    </message>
    <message>
        <source>&amp;known_hosts file:</source>
        <translation>&amp;known_hosts-Datei:</translation>
    </message>
    <message>
        <source>known_hosts file</source>
        <translation>known_hosts-Datei</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>&amp;Credential:</source>
        <translation>&amp;Zugangsdaten:</translation>
    </message>
    <message>
        <source>Loki URL</source>
        <translation>Loki-URL</translation>
    </message>
    <message>
        <source>Loki tenant</source>
        <translation>Loki-Mandant</translation>
    </message>
    <message>
        <source>Prometheus URL</source>
        <translation>Prometheus-URL</translation>
    </message>
    <message>
        <source>&amp;Loki URL:</source>
        <translation>&amp;Loki-URL:</translation>
    </message>
    <message>
        <source>Loki &amp;tenant:</source>
        <translation>Loki-&amp;Mandant:</translation>
    </message>
    <message>
        <source>&amp;Prometheus URL:</source>
        <translation>&amp;Prometheus-URL:</translation>
    </message>
    <message>
        <source>Embedded SPEC-INFRA-04 policy</source>
        <translation>Eingebettete Richtlinie SPEC-INFRA-04</translation>
    </message>
    <message>
        <source>No waivers</source>
        <translation>Keine Ausnahmen</translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation>Richtliniendatei</translation>
    </message>
    <message>
        <source>Waiver file</source>
        <translation>Ausnahmedatei</translation>
    </message>
    <message>
        <source>P&amp;olicy file:</source>
        <translation>R&amp;ichtliniendatei:</translation>
    </message>
    <message>
        <source>&amp;Waiver file:</source>
        <translation>&amp;Ausnahmedatei:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation>Intervall der automatischen Aktualisierung</translation>
    </message>
    <message>
        <source>&amp;Watch mode: audit again when the fleet, policy or waiver file changes</source>
        <translation>Über&amp;wachungsmodus: erneut prüfen, wenn sich Flotten-, Richtlinien- oder Ausnahmedatei ändert</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh every:</source>
        <translation>&amp;Automatisch aktualisieren alle:</translation>
    </message>
    <message>
        <source>Credential stored in the keychain.</source>
        <translation>Zugangsdaten im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>The keychain refused the credential: %1</source>
        <translation>Der Schlüsselbund hat die Zugangsdaten abgelehnt: %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message numerus="yes">
        <source>✓ %1: Docker %2 with %n container(s).</source>
        <translation>
            <numerusform>✓ %1: Docker %2 mit %n Container.</numerusform>
            <numerusform>✓ %1: Docker %2 mit %n Containern.</numerusform>
        </translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1: %2</translation>
    </message>
    <message>
        <source>This build cannot connect to hosts yet (no scanner).</source>
        <translation>Dieser Build kann sich noch nicht mit Hosts verbinden (kein Scanner).</translation>
    </message>
    <message>
        <source>Host key of %1 trusted. Test the connection again.</source>
        <translation>Dem Host-Schlüssel von %1 wird vertraut. Testen Sie die Verbindung erneut.</translation>
    </message>
    <message>
        <source>Invalid host</source>
        <translation>Ungültiger Host</translation>
    </message>
    <message>
        <source>Host %1: %2</source>
        <translation>Host %1: %2</translation>
    </message>
    <message>
        <source>Save Fleet File</source>
        <translation>Flottendatei speichern</translation>
    </message>
    <message>
        <source>Fleet files (*.yaml *.yml)</source>
        <translation>Flottendateien (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cannot save fleet file</source>
        <translation>Flottendatei kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>None (no HTTP authentication)</source>
        <translation>Keiner (keine HTTP-Authentifizierung)</translation>
    </message>
    <message>
        <source>Unchanged (stored in the keychain)</source>
        <translation>Unverändert (im Schlüsselbund gespeichert)</translation>
    </message>
    <message>
        <source>Loki user name</source>
        <translation>Loki-Benutzername</translation>
    </message>
    <message>
        <source>Loki password</source>
        <translation>Loki-Passwort</translation>
    </message>
    <message>
        <source>Loki &amp;user:</source>
        <translation>Loki-&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Loki pass&amp;word:</source>
        <translation>Loki-Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Endpoints are saved in the fleet file. Leave a URL empty to skip that check. The Loki password is kept in the keychain only, never in the fleet file.</source>
        <translation>Endpunkte werden in der Flottendatei gespeichert. Lassen Sie eine URL leer, um diese Prüfung auszulassen. Das Loki-Passwort liegt nur im Schlüsselbund, nie in der Flottendatei.</translation>
    </message>
    <message>
        <source>Set the identity file first: the keychain keeps that key&apos;s passphrase.</source>
        <translation>Legen Sie zuerst die Schlüsseldatei fest: Der Schlüsselbund speichert die Passphrase dieses Schlüssels.</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::Status</name>
    <message>
        <source>Pass</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Waived</source>
        <translation>Ausgenommen</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Nicht anwendbar</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>bulwark::ui::SummaryBar</name>
    <message>
        <source>Fleet summary</source>
        <translation>Flottenübersicht</translation>
    </message>
    <message>
        <source>Fleet score</source>
        <translation>Flottenbewertung</translation>
    </message>
    <message>
        <source>Show only containers with a “%1” verdict</source>
        <translation>Nur Container mit dem Urteil „%1“ anzeigen</translation>
    </message>
    <message>
        <source>Score —</source>
        <translation>Bewertung —</translation>
    </message>
    <message>
        <source>Score %1 %</source>
        <translation>Bewertung %1 %</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No audit yet</source>
        <translation>Noch kein Audit</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n host(s) reachable</source>
        <translation>
            <numerusform>%1 von %n Host erreichbar</numerusform>
            <numerusform>%1 von %n Hosts erreichbar</numerusform>
        </translation>
    </message>
    <message>
        <source>Last scan %1</source>
        <translation>Letzter Scan %1</translation>
    </message>
    <message>
        <source>%1 %2 — %3</source>
        <translation>%1 %2 — %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hardening posture of a Docker fleet against SPEC-INFRA-04.</source>
        <translation>Härtungszustand einer Docker-Flotte gemäß SPEC-INFRA-04.</translation>
    </message>
    <message>
        <source>Open this fleet file.</source>
        <translation>Diese Flottendatei öffnen.</translation>
    </message>
    <message>
        <source>Audit the fleet right after start.</source>
        <translation>Die Flotte direkt nach dem Start prüfen.</translation>
    </message>
    <message>
        <source>Show a synthetic fleet (no hosts are contacted).</source>
        <translation>Eine synthetische Flotte zeigen (es werden keine Hosts kontaktiert).</translation>
    </message>
    <message>
        <source>Save a PNG of each view into DIR once the data is shown, then quit.</source>
        <translation>Von jeder Ansicht ein PNG in DIR speichern, sobald die Daten angezeigt werden, und dann beenden.</translation>
    </message>
    <message>
        <source>A fleet file.</source>
        <translation>Eine Flottendatei.</translation>
    </message>
    <message>
        <source>Memory history database (default: history.sqlite in the data directory).</source>
        <translation>Datenbank des Speicherverlaufs (Standard: history.sqlite im Datenverzeichnis).</translation>
    </message>
    <message>
        <source>the demo</source>
        <translation>der Demo</translation>
    </message>
</context>
</TS>
