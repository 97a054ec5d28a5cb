<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>QObject</name>
    <message>
        <source>No known_hosts file or key to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The telemetry history is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this build has no PDF/HTML report writer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown report format</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::HostListModel</name>
    <message>
        <source>not scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::MainWindow</name>
    <message>
        <source>Bulwark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a fleet file to begin (Ctrl+O).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter containers, images, projects… (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by &amp;worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest score first (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows are containers grouped by host and project, columns are controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend: %1 · hover a cell for evidence, Enter or double-click for details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Fleet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts and &amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by &amp;Worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memory Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Bulwark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Fleet File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet files (*.yaml *.yml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open fleet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) in %1. Press F5 to audit.</source>
        <translation>
            <numerusform>%n host in %1. Press F5 to audit.</numerusform>
            <numerusform>%n hosts in %1. Press F5 to audit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit of %1 finished: %n failed check(s).</source>
        <translation>
            <numerusform>Audit of %1 finished: %n failed check.</numerusform>
            <numerusform>Audit of %1 finished: %n failed checks.</numerusform>
        </translation>
    </message>
    <message>
        <source>the fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Auditing %n host(s)…</source>
        <translation>
            <numerusform>Auditing %n host…</numerusform>
            <numerusform>Auditing %n hosts…</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run an audit first: there is nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No remediation is known for the failing controls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Change the service definition as follows:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Bulwark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bulwark %1&lt;/h3&gt;&lt;p&gt;Audits a fleet of Docker hosts against the SPEC-INFRA-04 hardening standard, shows the posture at a glance and helps fix what fails.&lt;/p&gt;&lt;p&gt;This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;It is distributed WITHOUT ANY WARRANTY.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remediation log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: connection lost, reconnecting in %2 s (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: watching for container changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow container changes on every host, and audit again when the fleet, policy or waiver file changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remediation Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory history unavailable (%1); showing this session&apos;s readings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no telemetry history (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, bulwark.audit/v1 (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SARIF 2.1.0 (*.sarif *.sarif.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JUnit XML (*.xml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::PatchPreviewDialog</name>
    <message>
        <source>Apply fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview ready: nothing has been changed on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a fix to see its own diff; untick it to leave it out of the patch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes and commands Bulwark cannot run for you appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind paths…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the compose files on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — cannot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — already in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — advice only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># No change to any compose file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># This fix changes no file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># No fix selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind mount for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host directory to bind at %1 instead of the volume %2 (it must hold the data already):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the patch to %1 on %2?

Each file is backed up beside itself first. Compose will recreate %3; if anything fails the original files and configuration are restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::RemediationLogModel</name>
    <message>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::RemediationLogView</name>
    <message>
        <source>Remediation log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by host, file, user, control or result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remediation log filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the remediation log again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remediations applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diff of the selected remediation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to see the change it made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n remediation(s) from %1.</source>
        <translation>
            <numerusform>%n remediation from %1.</numerusform>
            <numerusform>%n remediations from %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the remediation log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No remediation has been recorded yet (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n remediation(s) in %1.</source>
        <translation>
            <numerusform>%n remediation in %1.</numerusform>
            <numerusform>%n remediations in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>backup: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no diff recorded)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::AuditController</name>
    <message>
        <source>This build has no audit engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fleet has no hosts: open a fleet file or add a host in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not asked again in watch mode; judged from labels and ports until the next audit (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch mode cannot follow the hosts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::ContainerDetailPane</name>
    <message>
        <source>Show &amp;fix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results of this container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels, mounts, networks and ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the compose change that fixes the failing controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a container in the heatmap to see its evidence.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:large&apos;&gt;%1&lt;/b&gt; on %2&lt;br&gt;%3 · %4 · score &lt;b style=&apos;color:%5&apos;&gt;%6&lt;/b&gt; · %7 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID / IPC / network mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::ContainerFactsModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(image default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privileged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capabilities dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capabilities added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID / IPC / network mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::FleetTreeModel</name>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers started without docker compose</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Compose project %1: %n failed check(s)</source>
        <translation>
            <numerusform>Compose project %1: %n failed check</numerusform>
            <numerusform>Compose project %1: %n failed checks</numerusform>
        </translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host / project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HeatmapDelegate</name>
    <message>
        <source>(no project)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HeatmapModel</name>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; on %2&lt;br&gt;Image: %3&lt;br&gt;State: %4&lt;br&gt;ID: %5&lt;br&gt;Failed controls: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1 — the host was not scanned: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No result for this control.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;%1 %2&lt;/b&gt; (severity %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— host-wide verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— fleet-wide verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiver: %1 (expires %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HostKeyDialog</name>
    <message>
        <source>Host key changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust host key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The host key of %1 differs from the one you trusted.&lt;/b&gt; This can mean the host was reinstalled — or that someone is intercepting the connection.&lt;/p&gt;&lt;p&gt;Only continue if you verified the new fingerprint with the host&apos;s administrator.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Bulwark has not connected to &lt;b&gt;%1&lt;/b&gt; before. Compare this fingerprint with the one the host shows (&lt;code&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/code&gt;) before trusting it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusting appends the key to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust this key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::HostStatus</name>
    <message>
        <source>Not scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key not trusted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker API error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::LogLatencyView</name>
    <message>
        <source>Log latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No log-latency probes yet: add a loki section to the fleet file and run an audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Log ingestion latency&lt;/b&gt; — no data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Log ingestion latency&lt;/b&gt; — %1 probes, %2 missed · p50 %3 s · p95 &lt;b&gt;%4 s&lt;/b&gt; (NFR-OBS-01: %5) · max %6 s (AC-HARD-03: %7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NFR-OBS-01: 2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AC-HARD-03: 5 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds (bucket start)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::MemoryChartView</name>
    <message>
        <source>Memory chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 GiB template ceiling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>20 % of host memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No memory history in this range yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory over 24 h: usage (solid), container limit (dashed), 2 GiB template ceiling (dash-dot), 20 % of host memory (dash-dot-dot)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::MemoryTrendsView</name>
    <message>
        <source>Memory trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontainer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All containers (host total)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run an audit to see memory trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest %1, peak %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>20 % of host %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::ResultListModel</name>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiver: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[host] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[fleet] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::SettingsDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts and Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts of the fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.ssh/known_hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>env=prod, site=fra1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase or password (stored in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store in &amp;keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker &amp;socket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Identity file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;known_hosts file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>known_hosts file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Credential:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Loki URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki &amp;tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prometheus URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded SPEC-INFRA-04 policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No waivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiver file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;olicy file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Waiver file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch mode: audit again when the fleet, policy or waiver file changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auto-refresh every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential stored in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused the credential: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>✓ %1: Docker %2 with %n container(s).</source>
        <translation>
            <numerusform>✓ %1: Docker %2 with %n container.</numerusform>
            <numerusform>✓ %1: Docker %2 with %n containers.</numerusform>
        </translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build cannot connect to hosts yet (no scanner).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key of %1 trusted. Test the connection again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Fleet File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet files (*.yaml *.yml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save fleet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (no HTTP authentication)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged (stored in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loki pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints are saved in the fleet file. Leave a URL empty to skip that check. The Loki password is kept in the keychain only, never in the fleet file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the identity file first: the keychain keeps that key&apos;s passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::Status</name>
    <message>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bulwark::ui::SummaryBar</name>
    <message>
        <source>Fleet summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only containers with a “%1” verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n host(s) reachable</source>
        <translation>
            <numerusform>%1 of %n host reachable</numerusform>
            <numerusform>%1 of %n hosts reachable</numerusform>
        </translation>
    </message>
    <message>
        <source>Last scan %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hardening posture of a Docker fleet against SPEC-INFRA-04.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this fleet file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit the fleet right after start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a synthetic fleet (no hosts are contacted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of each view into DIR once the data is shown, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fleet file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory history database (default: history.sqlite in the data directory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
