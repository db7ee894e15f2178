<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open folder…</source>
        <translation>Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Choose a music folder to scan and analyse</source>
        <translation>Einen Musikordner wählen, der eingelesen und analysiert wird</translation>
    </message>
    <message>
        <source>&amp;Rescan &amp;&amp; analyse</source>
        <translation>&amp;Neu einlesen &amp;&amp; analysieren</translation>
    </message>
    <message>
        <source>Look for new or changed files and analyse what is not analysed yet</source>
        <translation>Nach neuen oder geänderten Dateien suchen und analysieren, was noch nicht analysiert ist</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause or resume the analysis</source>
        <translation>Analyse anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Stop analysis</source>
        <translation>Analyse &amp;beenden</translation>
    </message>
    <message>
        <source>Stop the analysis (what is done is kept)</source>
        <translation>Analyse beenden (Fertiges bleibt erhalten)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <source>Accept the suggested genres for the selected tracks</source>
        <translation>Die vorgeschlagenen Genres für die gewählten Titel annehmen</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>&amp;Selbst wählen…</translation>
    </message>
    <message>
        <source>Choose the genres yourself for the selected tracks</source>
        <translation>Die Genres für die gewählten Titel selbst wählen</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>Übers&amp;pringen</translation>
    </message>
    <message>
        <source>Leave the selected tracks as they are</source>
        <translation>Die gewählten Titel so lassen, wie sie sind</translation>
    </message>
    <message>
        <source>Forget the decision for the selected tracks</source>
        <translation>Die Entscheidung für die gewählten Titel verwerfen</translation>
    </message>
    <message>
        <source>Apply album suggestion</source>
        <translation>Albumvorschlag übernehmen</translation>
    </message>
    <message>
        <source>Give every track of the selected tracks&apos; albums the album&apos;s pooled suggestion</source>
        <translation>Allen Titeln der Alben der gewählten Titel den gemeinsamen Vorschlag des Albums geben</translation>
    </message>
    <message>
        <source>&amp;Write tags…</source>
        <translation>Tags &amp;schreiben…</translation>
    </message>
    <message>
        <source>Write the genres into the files (shows exactly what changes first)</source>
        <translation>Die Genres in die Dateien schreiben (zeigt vorher genau, was sich ändert)</translation>
    </message>
    <message>
        <source>Accept every undecided suggestion (shown now) that reaches the confidence threshold (asks first)</source>
        <translation>Jeden offenen (gerade angezeigten) Vorschlag annehmen, der die Konfidenzschwelle erreicht (fragt vorher)</translation>
    </message>
    <message>
        <source>Undeci&amp;de</source>
        <translation>Entscheidung &amp;zurücknehmen</translation>
    </message>
    <message>
        <source>Accept a&amp;ll above threshold</source>
        <translation>A&amp;lle über der Schwelle annehmen</translation>
    </message>
    <message>
        <source>&amp;Undo decision</source>
        <translation>Entscheidung &amp;rückgängig</translation>
    </message>
    <message>
        <source>Take back the last decision (an accept, override, skip, undecide, accept all or album suggestion)</source>
        <translation>Die letzte Entscheidung zurücknehmen (Annehmen, Selbst wählen, Überspringen, Entscheidung zurücknehmen, Alle annehmen oder Albumvorschlag)</translation>
    </message>
    <message>
        <source>&amp;Redo decision</source>
        <translation>Entscheidung &amp;wiederholen</translation>
    </message>
    <message>
        <source>Make the decision just undone again</source>
        <translation>Die gerade zurückgenommene Entscheidung erneut treffen</translation>
    </message>
    <message>
        <source>Put back the genres the last write replaced in the files (asks first)</source>
        <translation>Die Genres in den Dateien wiederherstellen, die das letzte Schreiben ersetzt hat (fragt vorher)</translation>
    </message>
    <message>
        <source>Write &amp;history…</source>
        <translation>Schreib&amp;verlauf…</translation>
    </message>
    <message>
        <source>Every write batch, with undo per batch</source>
        <translation>Jeder Schreibvorgang, jeweils rückgängig zu machen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Model, device, threshold, write mode, genre vocabulary</source>
        <translation>Modell, Gerät, Schwelle, Schreibmodus, Genre-Vokabular</translation>
    </message>
    <message>
        <source>&amp;Train a model from my library…</source>
        <translation>Modell aus meiner Bibliothek &amp;trainieren…</translation>
    </message>
    <message>
        <source>Build a personal model from the genres you confirmed</source>
        <translation>Ein eigenes Modell aus den bestätigten Genres erstellen</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>Play or pause the selected track</source>
        <translation>Den gewählten Titel abspielen oder anhalten</translation>
    </message>
    <message>
        <source>Open containing &amp;folder</source>
        <translation>Enthaltenden &amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the selected track&apos;s file in the file manager</source>
        <translation>Die Datei des gewählten Titels im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>&amp;Copy path</source>
        <translation>Pfad &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the selected tracks&apos; file paths</source>
        <translation>Die Dateipfade der gewählten Titel kopieren</translation>
    </message>
    <message>
        <source>Forget what the model heard in the selected tracks and analyse them again</source>
        <translation>Verwerfen, was das Modell in den gewählten Titeln gehört hat, und sie neu analysieren</translation>
    </message>
    <message>
        <source>&amp;Undo last write…</source>
        <translation>Letztes Schreiben &amp;rückgängig…</translation>
    </message>
    <message>
        <source>Re-a&amp;nalyse</source>
        <translation>Neu anal&amp;ysieren</translation>
    </message>
    <message>
        <source>Re&amp;move from library…</source>
        <translation>Aus der Bibliothek &amp;entfernen…</translation>
    </message>
    <message>
        <source>Take the selected tracks out of the library (the files stay)</source>
        <translation>Die gewählten Titel aus der Bibliothek nehmen (die Dateien bleiben)</translation>
    </message>
    <message>
        <source>Show album &amp;tracks</source>
        <translation>&amp;Titel des Albums zeigen</translation>
    </message>
    <message>
        <source>Only the tracks of this album</source>
        <translation>Nur die Titel dieses Albums</translation>
    </message>
    <message>
        <source>Show in album &amp;list</source>
        <translation>In der Album&amp;liste zeigen</translation>
    </message>
    <message>
        <source>The album list, with this album selected</source>
        <translation>Die Albumliste, mit diesem Album ausgewählt</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search the table</source>
        <translation>In der Tabelle suchen</translation>
    </message>
    <message>
        <source>&amp;Next undecided</source>
        <translation>&amp;Nächster offener</translation>
    </message>
    <message>
        <source>Go to the next track with no decision yet</source>
        <translation>Zum nächsten Titel ohne Entscheidung</translation>
    </message>
    <message>
        <source>&amp;Previous undecided</source>
        <translation>&amp;Vorheriger offener</translation>
    </message>
    <message>
        <source>Go to the previous track with no decision yet</source>
        <translation>Zum vorherigen Titel ohne Entscheidung</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>&amp;Handbuch</translation>
    </message>
    <message>
        <source>How reviewing and writing work</source>
        <translation>Wie Prüfen und Schreiben funktionieren</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Every key of the app</source>
        <translation>Alle Tasten der App</translation>
    </message>
    <message>
        <source>&amp;About Genre Tagger</source>
        <translation>Ü&amp;ber Genre Tagger</translation>
    </message>
    <message>
        <source>Sort &amp;by</source>
        <translation>S&amp;ortieren nach</translation>
    </message>
    <message>
        <source>Colu&amp;mns</source>
        <translation>Spal&amp;ten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Tags</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the analysis</source>
        <translation>Analyse fortsetzen</translation>
    </message>
    <message>
        <source>Pause the analysis</source>
        <translation>Analyse anhalten</translation>
    </message>
</context>
<context>
    <name>AlbumFilterBar</name>
    <message>
        <source>Show all tracks</source>
        <translation>Alle Titel zeigen</translation>
    </message>
    <message>
        <source>Album: {name}</source>
        <translation>Album: {name}</translation>
    </message>
</context>
<context>
    <name>AlbumPage</name>
    <message>
        <source>Albums</source>
        <translation>Alben</translation>
    </message>
</context>
<context>
    <name>AlbumTableModel</name>
    <message>
        <source>— (loose files)</source>
        <translation>— (lose Dateien)</translation>
    </message>
    <message>
        <source>No album suggestion to apply: {why}</source>
        <translation>Kein Albumvorschlag zu übernehmen: {why}</translation>
    </message>
    <message>
        <source>No album suggestion: the best genre of its tracks together, {genre} ({score}), is below the {threshold} threshold.</source>
        <translation>Kein Albumvorschlag: Das beste Genre seiner Titel zusammen, {genre} ({score}), liegt unter der Schwelle von {threshold}.</translation>
    </message>
</context>
<context>
    <name>AnalysisControl</name>
    <message>
        <source>Scanning only — no model to analyse with: {reason}</source>
        <translation>Nur Einlesen — kein Modell zum Analysieren: {reason}</translation>
    </message>
    <message>
        <source>Analysis resumed</source>
        <translation>Analyse fortgesetzt</translation>
    </message>
    <message>
        <source>Analysis paused (the tracks being analysed finish first)</source>
        <translation>Analyse angehalten (die laufenden Titel werden noch fertig)</translation>
    </message>
    <message>
        <source>Stopping the analysis; finished tracks are kept</source>
        <translation>Analyse wird beendet; fertige Titel bleiben erhalten</translation>
    </message>
    <message>
        <source>Analysis stopped: {done} analysed, {cached} cached, {failed} failed (what finished is kept).</source>
        <translation>Analyse beendet: {done} analysiert, {cached} aus dem Cache, {failed} fehlgeschlagen (Fertiges bleibt erhalten).</translation>
    </message>
    <message>
        <source>Analysis finished: {done} analysed, {cached} already known, {failed} failed ({seconds} s).</source>
        <translation>Analyse fertig: {done} analysiert, {cached} schon bekannt, {failed} fehlgeschlagen ({seconds} s).</translation>
    </message>
    <message>
        <source>Scanned ({scan}). No model: {reason}</source>
        <translation>Eingelesen ({scan}). Kein Modell: {reason}</translation>
    </message>
    <message>
        <source>Analysis failed: {reason}</source>
        <translation>Analyse fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>Analyse fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Genre Tagger: vocabulary file not valid</source>
        <translation>Genre Tagger: Vokabular-Datei ungültig</translation>
    </message>
    <message>
        <source>{reason}

The app does not fall back silently: tags would be written with the bundled names instead of yours.</source>
        <translation>{reason}

Die App weicht nicht stillschweigend aus: Tags würden sonst mit den mitgelieferten Namen statt Ihren geschrieben.</translation>
    </message>
    <message>
        <source>Set my file aside and use the bundled vocabulary</source>
        <translation>Meine Datei beiseitelegen und das mitgelieferte Vokabular verwenden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Unexpected error: {reason}</source>
        <translation>Unerwarteter Fehler: {reason}</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>{reason}

The app keeps running. The details are in {file}: please report it.</source>
        <translation>{reason}

Die App läuft weiter. Die Einzelheiten stehen in {file}: bitte melden Sie den Fehler.</translation>
    </message>
    <message>
        <source>{reason}

The app keeps running; details were printed to the terminal.</source>
        <translation>{reason}

Die App läuft weiter; Details stehen im Terminal.</translation>
    </message>
    <message>
        <source>Genre Tagger cannot start</source>
        <translation>Genre Tagger kann nicht starten</translation>
    </message>
</context>
<context>
    <name>AppearanceTab</name>
    <message>
        <source>The system&apos;s language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>Eine neue Sprache erscheint beim nächsten Start der App.</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Current genres</source>
        <translation>Aktuelle Genres</translation>
    </message>
    <message>
        <source>New genres</source>
        <translation>Neue Genres</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>will be refused: {reason}</source>
        <translation>wird abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
    <message>
        <source>The write will refuse this file: {reason}</source>
        <translation>Das Schreiben lehnt diese Datei ab: {reason}</translation>
    </message>
</context>
<context>
    <name>ClusterTab</name>
    <message>
        <source>This computer</source>
        <translation>Diesem Computer</translation>
    </message>
    <message>
        <source>A Ray cluster</source>
        <translation>Einem Ray-Cluster</translation>
    </message>
    <message>
        <source>Analyse on:</source>
        <translation>Analysieren auf:</translation>
    </message>
    <message>
        <source>auto, HOST:PORT or ray://HOST:PORT</source>
        <translation>auto, HOST:PORT oder ray://HOST:PORT</translation>
    </message>
    <message>
        <source>Cluster address:</source>
        <translation>Cluster-Adresse:</translation>
    </message>
    <message>
        <source>Send the audio to the nodes (they cannot see the music folder)</source>
        <translation>Audio an die Knoten senden (sie sehen den Musikordner nicht)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Every node needs the same Genre Tagger and Ray (pip install &apos;genre-tagger[cluster]&apos;), and the music folder mounted at the same path unless the audio is sent.</source>
        <translation>Jeder Knoten braucht denselben Genre Tagger und Ray (pip install &apos;genre-tagger[cluster]&apos;) und den Musikordner unter demselben Pfad, außer das Audio wird gesendet.</translation>
    </message>
    <message>
        <source>Connecting to {address}…</source>
        <translation>Verbinde mit {address}…</translation>
    </message>
    <message>
        <source>Connected to {address}: {nodes}.</source>
        <translation>Verbunden mit {address}: {nodes}.</translation>
    </message>
</context>
<context>
    <name>ColumnLayout</name>
    <message>
        <source>Reset columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
</context>
<context>
    <name>ColumnTitle</name>
    <message>
        <source>Artist</source>
        <translation>Interpret</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Current genre</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Suggested genre</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Will write</source>
        <translation>Neues Genre</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>Bitrate</translation>
    </message>
    <message>
        <source>Date added</source>
        <translation>Hinzugefügt am</translation>
    </message>
</context>
<context>
    <name>Decisions</name>
    <message>
        <source>Cannot record the decision: {reason}</source>
        <translation>Die Entscheidung kann nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Cannot record the decisions: {reason}</source>
        <translation>Die Entscheidungen können nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Nothing to accept: {why}</source>
        <translation>Nichts anzunehmen: {why}</translation>
    </message>
    <message>
        <source>Nothing changed: already decided so</source>
        <translation>Nichts geändert: bereits so entschieden</translation>
    </message>
    <message>
        <source>Nothing to record</source>
        <translation>Nichts zu speichern</translation>
    </message>
    <message>
        <source>Nothing to record: {why}</source>
        <translation>Nichts zu speichern: {why}</translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %n track(s)</source>
        <translation>
            <numerusform>Übersprungen: %n Titel</numerusform>
            <numerusform>Übersprungen: %n Titel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Decision cleared for %n track(s)</source>
        <translation>
            <numerusform>Entscheidung für %n Titel zurückgenommen</numerusform>
            <numerusform>Entscheidung für %n Titel zurückgenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overridden: %n track(s)</source>
        <translation>
            <numerusform>Selbst gewählt: %n Titel</numerusform>
            <numerusform>Selbst gewählt: %n Titel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted: %n track(s)</source>
        <translation>
            <numerusform>Angenommen: %n Titel</numerusform>
            <numerusform>Angenommen: %n Titel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted the suggestion for %n track(s)</source>
        <translation>
            <numerusform>Vorschlag für %n Titel angenommen</numerusform>
            <numerusform>Vorschläge für %n Titel angenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overridden: %n track(s) → {genres}</source>
        <translation>
            <numerusform>Selbst gewählt: %n Titel → {genres}</numerusform>
            <numerusform>Selbst gewählt: %n Titel → {genres}</numerusform>
        </translation>
    </message>
    <message>
        <source>Still recording the last decisions: try again in a moment</source>
        <translation>Die letzten Entscheidungen werden noch gespeichert: bitte gleich noch einmal versuchen</translation>
    </message>
    <message>
        <source>No undecided track shown has a suggestion at {percent} or more</source>
        <translation>Kein angezeigter offener Titel hat einen Vorschlag mit {percent} oder mehr</translation>
    </message>
    <message>
        <source>Accept all above threshold</source>
        <translation>Alle über der Schwelle annehmen</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln suggestion(s) at {percent} or more?</source>
        <translation>
            <numerusform>%Ln Vorschlag mit {percent} oder mehr annehmen?</numerusform>
            <numerusform>%Ln Vorschläge mit {percent} oder mehr annehmen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Only undecided tracks shown now are taken. Undo decision ({key}) takes them all back at once.</source>
        <translation>Nur die gerade angezeigten offenen Titel werden genommen. Entscheidung rückgängig ({key}) nimmt sie alle auf einmal zurück.</translation>
    </message>
    <message>
        <source>Suggestions accepted together do not teach your personal model: it learns from the tracks you accept one at a time or override.</source>
        <translation>Gemeinsam angenommene Vorschläge lehren Ihr persönliches Modell nichts: Es lernt aus den Titeln, die Sie einzeln annehmen oder selbst wählen.</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln</source>
        <translation>
            <numerusform>%Ln annehmen</numerusform>
            <numerusform>%Ln annehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepting %Ln suggestion(s)…</source>
        <translation>
            <numerusform>%Ln Vorschlag wird angenommen…</numerusform>
            <numerusform>%Ln Vorschläge werden angenommen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln suggestion(s) at {percent} or more</source>
        <translation>
            <numerusform>%Ln Vorschlag mit {percent} oder mehr angenommen</numerusform>
            <numerusform>%Ln Vorschläge mit {percent} oder mehr angenommen</numerusform>
        </translation>
    </message>
    <message>
        <source>Still recording the last decisions: undo in a moment</source>
        <translation>Die letzten Entscheidungen werden noch gespeichert: Rückgängig gleich noch einmal versuchen</translation>
    </message>
    <message>
        <source>Still recording the last decisions: redo in a moment</source>
        <translation>Die letzten Entscheidungen werden noch gespeichert: Wiederholen gleich noch einmal versuchen</translation>
    </message>
    <message>
        <source>Undoing: {what}…</source>
        <translation>Wird rückgängig gemacht: {what}…</translation>
    </message>
    <message>
        <source>Redoing: {what}…</source>
        <translation>Wird wiederholt: {what}…</translation>
    </message>
    <message>
        <source>Cannot undo: {reason}</source>
        <translation>Rückgängig nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>Cannot redo: {reason}</source>
        <translation>Wiederholen nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>No decision to undo</source>
        <translation>Keine Entscheidung zum Rückgängigmachen</translation>
    </message>
    <message>
        <source>No decision to redo</source>
        <translation>Keine Entscheidung zum Wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>Undone: {what} (%Ln track(s) restored)</source>
        <translation>
            <numerusform>Rückgängig gemacht: {what} (%Ln Titel wiederhergestellt)</numerusform>
            <numerusform>Rückgängig gemacht: {what} (%Ln Titel wiederhergestellt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Redone: {what} (%Ln track(s) decided again)</source>
        <translation>
            <numerusform>Wiederholt: {what} (%Ln Titel erneut entschieden)</numerusform>
            <numerusform>Wiederholt: {what} (%Ln Titel erneut entschieden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln track(s) left alone (decided otherwise since, moved or removed)</source>
        <translation>
            <numerusform>%Ln Titel unverändert gelassen (seither anders entschieden, verschoben oder entfernt)</numerusform>
            <numerusform>%Ln Titel unverändert gelassen (seither anders entschieden, verschoben oder entfernt)</numerusform>
        </translation>
    </message>
    <message>
        <source>No album suggestion: {why}</source>
        <translation>Kein Albumvorschlag: {why}</translation>
    </message>
    <message>
        <source>No album suggestion for {album}: {why}</source>
        <translation>Kein Albumvorschlag für {album}: {why}</translation>
    </message>
    <message numerus="yes">
        <source>Album suggestion applied to %n track(s)</source>
        <translation>
            <numerusform>Albumvorschlag für %n Titel übernommen</numerusform>
            <numerusform>Albumvorschlag für %n Titel übernommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder group(s) (not albums)</source>
        <translation>
            <numerusform>%n Ordnergruppe (kein Album)</numerusform>
            <numerusform>%n Ordnergruppen (keine Alben)</numerusform>
        </translation>
    </message>
    <message>
        <source>; left alone: {what}</source>
        <translation>; unverändert gelassen: {what}</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>the track is no longer in the library</source>
        <translation>der Titel ist nicht mehr in der Bibliothek</translation>
    </message>
    <message>
        <source>No track selected</source>
        <translation>Kein Titel ausgewählt</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Abspielen / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>Playing position</source>
        <translation>Wiedergabeposition</translation>
    </message>
    <message>
        <source>Genre over time</source>
        <translation>Genre im Verlauf</translation>
    </message>
    <message>
        <source>Genre scores</source>
        <translation>Genre-Werte</translation>
    </message>
    <message>
        <source>Select a track to listen to it and see what the model heard.</source>
        <translation>Einen Titel wählen, um ihn anzuhören und zu sehen, was das Modell gehört hat.</translation>
    </message>
    <message>
        <source>track {n}</source>
        <translation>Titel {n}</translation>
    </message>
    <message>
        <source>Problem: {reason}</source>
        <translation>Problem: {reason}</translation>
    </message>
    <message>
        <source>no genre scores: the file could not be analysed</source>
        <translation>keine Genre-Werte: die Datei konnte nicht analysiert werden</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
    <message>
        <source>Current genre: {genres}</source>
        <translation>Aktuelles Genre: {genres}</translation>
    </message>
    <message>
        <source>Suggested: {genres}</source>
        <translation>Vorgeschlagen: {genres}</translation>
    </message>
    <message>
        <source>Suggested: (not analysed yet)</source>
        <translation>Vorgeschlagen: (noch nicht analysiert)</translation>
    </message>
    <message>
        <source>Suggested: (nothing)</source>
        <translation>Vorgeschlagen: (nichts)</translation>
    </message>
    <message>
        <source>{status}: will write {genres}</source>
        <translation>{status}: schreibt {genres}</translation>
    </message>
    <message>
        <source>{status}: nothing to write (the file cannot be read)</source>
        <translation>{status}: nichts zu schreiben (die Datei ist nicht lesbar)</translation>
    </message>
    <message>
        <source>{status}: nothing to write {why}</source>
        <translation>{status}: nichts zu schreiben {why}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>(no album tag)</source>
        <translation>(kein Album-Tag)</translation>
    </message>
    <message numerus="yes">
        <source>%n track(s)</source>
        <translation>
            <numerusform>%n Titel</numerusform>
            <numerusform>%n Titel</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown artist</source>
        <translation>Unbekannter Künstler</translation>
    </message>
    <message>
        <source>Current genres: {genres}</source>
        <translation>Aktuelle Genres: {genres}</translation>
    </message>
    <message>
        <source>No album suggestion: {why}</source>
        <translation>Kein Albumvorschlag: {why}</translation>
    </message>
    <message>
        <source>Album suggestion (pooled over its tracks): {genres}</source>
        <translation>Albumvorschlag (über seine Titel gemittelt): {genres}</translation>
    </message>
    <message>
        <source>No album suggestion: its best genre, {genre} ({score}), is below the {threshold} threshold</source>
        <translation>Kein Albumvorschlag: Sein bestes Genre, {genre} ({score}), liegt unter der Schwelle von {threshold}</translation>
    </message>
    <message>
        <source>Album suggestion: (no track analysed yet)</source>
        <translation>Albumvorschlag: (noch kein Titel analysiert)</translation>
    </message>
    <message>
        <source>Computing the spectrogram…</source>
        <translation>Spektrogramm wird berechnet…</translation>
    </message>
    <message>
        <source>This file cannot be read</source>
        <translation>Diese Datei ist nicht lesbar</translation>
    </message>
    <message>
        <source>No spectrogram: {reason}</source>
        <translation>Kein Spektrogramm: {reason}</translation>
    </message>
    <message>
        <source>Cannot show the spectrogram: {reason}</source>
        <translation>Das Spektrogramm kann nicht angezeigt werden: {reason}</translation>
    </message>
    <message>
        <source>{reason}: playback unavailable</source>
        <translation>{reason}: keine Wiedergabe möglich</translation>
    </message>
    <message>
        <source>No audio output</source>
        <translation>Keine Audioausgabe</translation>
    </message>
    <message>
        <source>Playback is not available</source>
        <translation>Wiedergabe ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Cannot play {title}: {reason}</source>
        <translation>{title} kann nicht abgespielt werden: {reason}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>fill: only files without a genre get one</source>
        <translation>füllen: nur Dateien ohne Genre bekommen eines</translation>
    </message>
    <message>
        <source>merge: add the new genres to the ones a file has</source>
        <translation>ergänzen: die neuen Genres zu den vorhandenen hinzufügen</translation>
    </message>
    <message>
        <source>replace: the new genres replace what a file has</source>
        <translation>ersetzen: die neuen Genres ersetzen die vorhandenen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>{labels} labels, {genres} genre tags:</source>
        <translation>{labels} Labels, {genres} Genre-Tags:</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>Lizenz: {licence}</translation>
    </message>
    <message>
        <source>Evaluation:</source>
        <translation>Bewertung:</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Datei: {path}</translation>
    </message>
</context>
<context>
    <name>DropController</name>
    <message>
        <source>Not added: {names}</source>
        <translation>Nicht hinzugefügt: {names}</translation>
    </message>
    <message>
        <source>Cannot add: {reason}</source>
        <translation>Kann nicht hinzufügen: {reason}</translation>
    </message>
    <message>
        <source>Added; analysed when the current analysis ends</source>
        <translation>Hinzugefügt; wird analysiert, sobald die laufende Analyse endet</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Sho&amp;w:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Search artist, album, title, genre, path…</source>
        <translation>Interpret, Album, Titel, Genre, Pfad suchen…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Group by album</source>
        <translation>Nach Album gruppieren</translation>
    </message>
</context>
<context>
    <name>GenreTimeline</name>
    <message>
        <source>How strongly the model heard each genre in each analysed stretch</source>
        <translation>Wie stark das Modell jedes Genre in jedem analysierten Abschnitt gehört hat</translation>
    </message>
    <message>
        <source>genre over time: not analysed yet</source>
        <translation>Genre im Verlauf: noch nicht analysiert</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Genre Tagger user guide</source>
        <translation>Genre Tagger Handbuch</translation>
    </message>
    <message>
        <source>The user guide is not installed with this copy of the app.</source>
        <translation>Das Handbuch ist bei dieser Installation der App nicht dabei.</translation>
    </message>
    <message>
        <source>Open in the browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Write history</source>
        <translation>Schreibverlauf</translation>
    </message>
    <message>
        <source>Every write is a numbered batch. Undo puts back the genres a batch replaced (files changed again since are left alone and reported).</source>
        <translation>Jedes Schreiben ist ein nummerierter Vorgang. Rückgängig stellt die Genres wieder her, die ein Vorgang ersetzt hat (seither erneut geänderte Dateien bleiben unangetastet und werden gemeldet).</translation>
    </message>
    <message>
        <source>Write batches</source>
        <translation>Schreibvorgänge</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Files of the chosen batch</source>
        <translation>Dateien des gewählten Schreibvorgangs</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
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
        <source>Undo this batch</source>
        <translation>Diesen Vorgang rückgängig machen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>undone {when} ({state})</source>
        <translation>rückgängig gemacht {when} ({state})</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>All tracks</source>
        <translation>Alle Titel</translation>
    </message>
    <message>
        <source>Needs review (low confidence)</source>
        <translation>Zu prüfen (geringe Konfidenz)</translation>
    </message>
    <message>
        <source>No genre yet</source>
        <translation>Noch kein Genre</translation>
    </message>
    <message>
        <source>Disagrees with current tag</source>
        <translation>Weicht vom aktuellen Tag ab</translation>
    </message>
    <message>
        <source>Accepted or overridden</source>
        <translation>Angenommen oder selbst gewählt</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Geschrieben</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Interpret</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Current genre</source>
        <translation>Aktuelles Genre</translation>
    </message>
    <message>
        <source>Suggested genre</source>
        <translation>Vorgeschlagenes Genre</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Track number</source>
        <translation>Titelnummer</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Current genres</source>
        <translation>Aktuelle Genres</translation>
    </message>
    <message>
        <source>Album suggestion</source>
        <translation>Albumvorschlag</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>selbst gewählt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>written</source>
        <translation>geschrieben</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>nicht analysiert</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>nicht geschrieben</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>rückgängig gemacht</translation>
    </message>
    <message>
        <source>undo failed</source>
        <translation>Rückgängig fehlgeschlagen</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>vorgeschlagen</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>Grouping</source>
        <translation>Gruppierung</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>Stimmung</translation>
    </message>
    <message>
        <source>genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>mood</source>
        <translation>Stimmung</translation>
    </message>
    <message>
        <source>era</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Genres the bundled models do not know (reggae, disco and others, listed in their model cards): a personal model learns them from the tracks whose genres you confirmed (in the app: Tools &gt; Train a model from my library; in a terminal: `tagger personal train`).</source>
        <translation>Genres, die die mitgelieferten Modelle nicht kennen (Reggae, Disco und andere, in ihren Modellkarten aufgeführt): Ein eigenes Modell lernt sie aus den Titeln, deren Genres Sie bestätigt haben (in der App: Extras &gt; Modell aus meiner Bibliothek trainieren; im Terminal: `tagger personal train`).</translation>
    </message>
    <message>
        <source>{n}%</source>
        <translation>{n}&#xa0;%</translation>
    </message>
    <message>
        <source>%</source>
        <comment>the suffix of a box that holds a percentage</comment>
        <translation>&#xa0;%</translation>
    </message>
    <message>
        <source>another Genre Tagger is writing tags to this library (pid {pid}); waiting…</source>
        <translation>ein anderer Genre Tagger schreibt gerade Tags in diese Bibliothek (PID {pid}); warte…</translation>
    </message>
    <message>
        <source>another Genre Tagger is writing tags to this library; waiting…</source>
        <translation>ein anderer Genre Tagger schreibt gerade Tags in diese Bibliothek; warte…</translation>
    </message>
    <message>
        <source>the library database is busy: another program (the app, a tagger command) is writing to it; try again when it has finished</source>
        <translation>die Bibliotheksdatenbank ist belegt: ein anderes Programm (die App, ein tagger-Befehl) schreibt gerade hinein; versuchen Sie es erneut, wenn es fertig ist</translation>
    </message>
    <message>
        <source>the disk that holds the library database is full: free some space and try again (what was done before this is kept)</source>
        <translation>der Datenträger mit der Bibliotheksdatenbank ist voll: schaffen Sie etwas Platz und versuchen Sie es erneut (was vorher getan wurde, bleibt erhalten)</translation>
    </message>
    <message>
        <source>the library database is damaged (SQLite finds its pages malformed): put back a backup copy of it, or move it aside and scan again to start a new one (the decisions and write history were in it)</source>
        <translation>die Bibliotheksdatenbank ist beschädigt (SQLite findet fehlerhafte Seiten): Spielen Sie eine Sicherungskopie zurück, oder legen Sie sie beiseite und durchsuchen Sie erneut, um eine neue anzulegen (die Entscheidungen und der Schreibverlauf waren darin)</translation>
    </message>
</context>
<context>
    <name>LearningController</name>
    <message>
        <source>Train my &amp;genres now</source>
        <translation>Meine &amp;Genres jetzt trainieren</translation>
    </message>
    <message>
        <source>Retrain the personal model from your decisions so far</source>
        <translation>Das eigene Modell aus Ihren bisherigen Entscheidungen neu trainieren</translation>
    </message>
    <message>
        <source>Go &amp;back to the previous personal model</source>
        <translation>&amp;Zurück zum vorherigen eigenen Modell</translation>
    </message>
    <message>
        <source>&amp;Learn as I review</source>
        <translation>Beim Prüfen &amp;lernen</translation>
    </message>
    <message>
        <source>Cannot train: {reason}</source>
        <translation>Training nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>No confirmed tracks left: suggestions from the base model&apos;s genres only</source>
        <translation>Keine bestätigten Titel mehr: Vorschläge nur aus den Genres des Basismodells</translation>
    </message>
    <message>
        <source>Personal model not trained: suggestions accepted together do not teach</source>
        <translation>Persönliches Modell nicht trainiert: Gemeinsam angenommene Vorschläge lehren nichts</translation>
    </message>
    <message>
        <source>Personal model not trained: {why}</source>
        <translation>Eigenes Modell nicht trainiert: {why}</translation>
    </message>
    <message>
        <source>Cannot train the personal model: {reason}</source>
        <translation>Das eigene Modell kann nicht trainiert werden: {reason}</translation>
    </message>
    <message>
        <source>Cannot keep the personal model: {reason}</source>
        <translation>Das eigene Modell kann nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Suggestions now from your {model}</source>
        <translation>Vorschläge jetzt von Ihrem {model}</translation>
    </message>
    <message>
        <source>There is no earlier personal model to go back to.</source>
        <translation>Es gibt kein früheres eigenes Modell, zu dem Sie zurückkehren könnten.</translation>
    </message>
    <message>
        <source>Back to your {model}</source>
        <translation>Zurück zu Ihrem {model}</translation>
    </message>
    <message>
        <source>Back to the base model&apos;s genres only</source>
        <translation>Zurück zu den Genres des Basismodells allein</translation>
    </message>
    <message>
        <source>Cannot re-score the suggestions: {reason}</source>
        <translation>Die Vorschläge können nicht neu bewertet werden: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{what}: %n suggestion(s) changed</source>
        <translation>
            <numerusform>{what}: %n Vorschlag geändert</numerusform>
            <numerusform>{what}: %n Vorschläge geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggestions: {model}</source>
        <translation>Vorschläge: {model}</translation>
    </message>
    <message>
        <source>(personal model not used)</source>
        <translation>(eigenes Modell nicht verwendet)</translation>
    </message>
    <message>
        <source>Suggestions: {model} + your {personal}</source>
        <translation>Vorschläge: {model} + Ihr {personal}</translation>
    </message>
    <message>
        <source>learning…</source>
        <translation>lernt…</translation>
    </message>
    <message>
        <source>updating the suggestions…</source>
        <translation>aktualisiert die Vorschläge…</translation>
    </message>
    <message numerus="yes">
        <source>%n new decision(s)</source>
        <translation>
            <numerusform>%n neue Entscheidung</numerusform>
            <numerusform>%n neue Entscheidungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed by the last model change:</source>
        <translation>Durch den letzten Modellwechsel geändert:</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message numerus="yes">
        <source>%Ln track(s)</source>
        <translation>
            <numerusform>%Ln Titel</numerusform>
            <numerusform>%Ln Titel</numerusform>
        </translation>
    </message>
    <message>
        <source>showing {n}</source>
        <translation>{n} angezeigt</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Einlesen…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird beendet…</translation>
    </message>
    <message numerus="yes">
        <source>Scanning… %Ln file(s)</source>
        <translation>
            <numerusform>Einlesen… %Ln Datei</numerusform>
            <numerusform>Einlesen… %Ln Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the library…</source>
        <translation>Bibliothek wird gelesen…</translation>
    </message>
    <message>
        <source>Paused · {what}</source>
        <translation>Angehalten · {what}</translation>
    </message>
    <message>
        <source>{n} analysed</source>
        <translation>{n} analysiert</translation>
    </message>
    <message>
        <source>{n} cached</source>
        <translation>{n} aus dem Cache</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} fehlgeschlagen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>ETA {time}</source>
        <translation>Restzeit {time}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot read the library: {reason}</source>
        <translation>Die Bibliothek kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>Stopping the analysis (finished tracks are kept)…</source>
        <translation>Analyse wird beendet (fertige Titel bleiben erhalten)…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Rückgängig: {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Wiederholen: {what}</translation>
    </message>
    <message>
        <source>Choose a music folder</source>
        <translation>Einen Musikordner wählen</translation>
    </message>
    <message>
        <source>Cannot save the settings: {reason}</source>
        <translation>Die Einstellungen können nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>{folder} is not a folder (or is gone).</source>
        <translation>{folder} ist kein Ordner (oder existiert nicht mehr).</translation>
    </message>
    <message>
        <source>No audio files found in {folder} (yet).</source>
        <translation>(Noch) keine Audiodateien in {folder} gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n track(s) not analysed yet: Rescan and analyse ({key}) goes on where it stopped</source>
        <translation>
            <numerusform>%n Titel noch nicht analysiert: Neu einlesen und analysieren ({key}) macht dort weiter, wo es aufhörte</numerusform>
            <numerusform>%n Titel noch nicht analysiert: Neu einlesen und analysieren ({key}) macht dort weiter, wo es aufhörte</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an album to see its pooled suggestion.</source>
        <translation>Ein Album wählen, um seinen gemeinsamen Vorschlag zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) selected.</source>
        <translation>
            <numerusform>%n Album ausgewählt.</numerusform>
            <numerusform>%n Alben ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language shows the next time the app starts</source>
        <translation>Die neue Sprache erscheint beim nächsten Start der App</translation>
    </message>
    <message>
        <source>Model: {name} {version}</source>
        <translation>Modell: {name} {version}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Free software under the MIT licence. This package also holds software under other licences (mutagen: GPL 2.0 or later, so the package as a whole is under the GPL): {notices}</source>
        <translation>Freie Software unter der MIT-Lizenz. Dieses Paket enthält auch Software unter anderen Lizenzen (mutagen: GPL 2.0 oder später, daher steht das Paket als Ganzes unter der GPL): {notices}</translation>
    </message>
    <message>
        <source>Free software under the MIT licence; the libraries it uses come with their own licences.</source>
        <translation>Freie Software unter der MIT-Lizenz; die verwendeten Bibliotheken bringen ihre eigenen Lizenzen mit.</translation>
    </message>
    <message>
        <source>About Genre Tagger</source>
        <translation>Über Genre Tagger</translation>
    </message>
    <message>
        <source>Genre Tagger {version}

Listens to your music, suggests genres, and writes only what you confirm — every write can be undone.

Model: {model}
Library: {library}</source>
        <translation>Genre Tagger {version}

Hört Ihre Musik an, schlägt Genres vor und schreibt nur, was Sie bestätigen — jedes Schreiben lässt sich rückgängig machen.

Modell: {model}
Bibliothek: {library}</translation>
    </message>
</context>
<context>
    <name>MovedFolderBar</name>
    <message>
        <source>Move them here</source>
        <translation>Hierher übernehmen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
    <message numerus="yes">
        <source>%n track(s) here hold the same audio as tracks under {old}, a folder that no longer exists. If it was moved or renamed to {new}, your decisions and write history can move here with it. If it is on a drive that is not connected now, choose Not now.</source>
        <translation>
            <numerusform>%n Titel hier enthält dasselbe Audio wie ein Titel unter {old}, einem Ordner, den es nicht mehr gibt. Wurde er nach {new} verschoben oder umbenannt, können Ihre Entscheidungen und der Schreibverlauf hierher mitkommen. Liegt er auf einem Laufwerk, das gerade nicht angeschlossen ist, wählen Sie Jetzt nicht.</numerusform>
            <numerusform>%n Titel hier enthalten dasselbe Audio wie Titel unter {old}, einem Ordner, den es nicht mehr gibt. Wurde er nach {new} verschoben oder umbenannt, können Ihre Entscheidungen und der Schreibverlauf hierher mitkommen. Liegt er auf einem Laufwerk, das gerade nicht angeschlossen ist, wählen Sie Jetzt nicht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomesDialog</name>
    <message>
        <source>Files and what happened to them</source>
        <translation>Dateien und was mit ihnen geschah</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Genres</source>
        <translation>Genres</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>moved since the write (was {path})</source>
        <translation>seit dem Schreiben verschoben (war {path})</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Override genres</source>
        <translation>Genres selbst wählen</translation>
    </message>
    <message numerus="yes">
        <source>Genres to write for %n track(s). Separate several genres with &apos;;&apos;.</source>
        <translation>
            <numerusform>Genres, die für %n Titel geschrieben werden. Mehrere Genres mit &apos;;&apos; trennen.</numerusform>
            <numerusform>Genres, die für %n Titel geschrieben werden. Mehrere Genres mit &apos;;&apos; trennen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Enter at least one genre.</source>
        <translation>Mindestens ein Genre eingeben.</translation>
    </message>
    <message>
        <source>Not in the vocabulary (written as typed): {genres}</source>
        <translation>Nicht im Vokabular (wird wie eingegeben geschrieben): {genres}</translation>
    </message>
    <message>
        <source>Will write: {genres}</source>
        <translation>Schreibt: {genres}</translation>
    </message>
</context>
<context>
    <name>PersonalWords</name>
    <message>
        <source>You have not confirmed any track yet.</source>
        <translation>Sie haben noch keinen Titel bestätigt.</translation>
    </message>
    <message numerus="yes">
        <source>Your confirmed tracks teach %n genre(s): {genres}.</source>
        <translation>
            <numerusform>Ihre bestätigten Titel lehren %n Genre: {genres}.</numerusform>
            <numerusform>Ihre bestätigten Titel lehren %n Genres: {genres}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One example is weak: {genres} has a single confirmed track. It is learnt, but confirm a few more to make it reliable.</source>
        <translation>
            <numerusform>Zu wenige Beispiele: {genres} hat nur einen bestätigten Titel. Es wird gelernt, aber bestätigen Sie ein paar mehr, damit es verlässlich wird.</numerusform>
            <numerusform>Zu wenige Beispiele: {genres} haben je nur einen bestätigten Titel. Sie werden gelernt, aber bestätigen Sie ein paar mehr, damit sie verlässlich werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) are no longer on disk and are left out.</source>
        <translation>
            <numerusform>%n bestätigter Titel ist nicht mehr auf der Festplatte und wird ausgelassen.</numerusform>
            <numerusform>%n bestätigte Titel sind nicht mehr auf der Festplatte und werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) now hold other audio than when you decided (replaced or re-encoded): decide them again to teach them.</source>
        <translation>
            <numerusform>%n bestätigter Titel enthält jetzt anderes Audio als bei Ihrer Entscheidung (ersetzt oder neu kodiert): Entscheiden Sie ihn neu, um es zu lehren.</numerusform>
            <numerusform>%n bestätigte Titel enthalten jetzt anderes Audio als bei Ihrer Entscheidung (ersetzt oder neu kodiert): Entscheiden Sie sie neu, um es zu lehren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) accepted together with others (accept all, an album, a folder, several rows at once) are not learnt from: they would only teach the model what it already says. Accept a track on its own, or override it, to teach it.</source>
        <translation>
            <numerusform>%n zusammen mit anderen angenommener Vorschlag (alle annehmen, ein Album, ein Ordner, mehrere Zeilen auf einmal) wird nicht gelernt: Er würde dem Modell nur beibringen, was es schon sagt. Nehmen Sie einen Titel einzeln an oder wählen Sie selbst, um es zu lehren.</numerusform>
            <numerusform>%n zusammen mit anderen angenommene Vorschläge (alle annehmen, ein Album, ein Ordner, mehrere Zeilen auf einmal) werden nicht gelernt: Sie würden dem Modell nur beibringen, was es schon sagt. Nehmen Sie einen Titel einzeln an oder wählen Sie selbst, um es zu lehren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to learn from yet: {why}</source>
        <translation>Noch nichts zu lernen: {why}</translation>
    </message>
    <message numerus="yes">
        <source>The %n confirmed track(s) are not where the library last saw them (moved or deleted): rescan the folder they are in now.</source>
        <translation>
            <numerusform>Der %n bestätigte Titel ist nicht mehr dort, wo die Bibliothek ihn zuletzt sah (verschoben oder gelöscht): Lesen Sie den Ordner neu ein, in dem er jetzt liegt.</numerusform>
            <numerusform>Die %n bestätigten Titel sind nicht mehr dort, wo die Bibliothek sie zuletzt sah (verschoben oder gelöscht): Lesen Sie den Ordner neu ein, in dem sie jetzt liegen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing to learn from yet: the %n suggestion(s) you confirmed were accepted together with others, and those do not teach. Accept a track on its own, or override it.</source>
        <translation>
            <numerusform>Noch nichts zu lernen: Der %n bestätigte Vorschlag wurde zusammen mit anderen angenommen, und solche lehren nichts. Nehmen Sie einen Titel einzeln an oder wählen Sie selbst.</numerusform>
            <numerusform>Noch nichts zu lernen: Die %n bestätigten Vorschläge wurden zusammen mit anderen angenommen, und solche lehren nichts. Nehmen Sie einen Titel einzeln an oder wählen Sie selbst.</numerusform>
        </translation>
    </message>
    <message>
        <source>No confirmed tracks yet: accept or override some suggestions first.</source>
        <translation>Noch keine bestätigten Titel: Nehmen Sie zuerst einige Vorschläge an oder wählen Sie selbst.</translation>
    </message>
    <message>
        <source>None of the confirmed tracks could be read to learn from.</source>
        <translation>Keiner der bestätigten Titel konnte zum Lernen gelesen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n genre(s)</source>
        <translation>
            <numerusform>%n Genre</numerusform>
            <numerusform>%n Genres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learnt {genres} from %n confirmed track(s), against {background} pieces of varied background music.</source>
        <translation>
            <numerusform>{genres} aus %n bestätigten Titel gelernt, gegen {background} Stücke vielfältiger Hintergrundmusik.</numerusform>
            <numerusform>{genres} aus %n bestätigten Titeln gelernt, gegen {background} Stücke vielfältiger Hintergrundmusik.</numerusform>
        </translation>
    </message>
    <message>
        <source>One example is weak: {genres}. Confirm a few more tracks of each.</source>
        <translation>Zu wenige Beispiele: {genres}. Bestätigen Sie von jedem ein paar Titel mehr.</translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) were analysed again to read their sound.</source>
        <translation>
            <numerusform>%n bestätigter Titel wurde erneut analysiert, um seinen Klang zu lesen.</numerusform>
            <numerusform>%n bestätigte Titel wurden erneut analysiert, um ihren Klang zu lesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) could not be used (unreadable).</source>
        <translation>
            <numerusform>%n bestätigter Titel konnte nicht verwendet werden (nicht lesbar).</numerusform>
            <numerusform>%n bestätigte Titel konnten nicht verwendet werden (nicht lesbar).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) are no longer on disk and were left out.</source>
        <translation>
            <numerusform>%n bestätigter Titel ist nicht mehr auf der Festplatte und wurde ausgelassen.</numerusform>
            <numerusform>%n bestätigte Titel sind nicht mehr auf der Festplatte und wurden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: {note}.</source>
        <translation>Hinweis: {note}.</translation>
    </message>
    <message numerus="yes">
        <source>{genre}: %n confirmed track(s)</source>
        <translation>
            <numerusform>{genre}: %n bestätigter Titel</numerusform>
            <numerusform>{genre}: %n bestätigte Titel</numerusform>
        </translation>
    </message>
    <message>
        <source>(one example is weak: confirm a few more to make it reliable).</source>
        <translation>(nur ein Beispiel: bestätigen Sie ein paar mehr, damit es verlässlich wird).</translation>
    </message>
    <message>
        <source>; no held-out check was possible.</source>
        <translation>; keine Prüfung an zurückgehaltenen Titeln möglich.</translation>
    </message>
    <message>
        <source>held-out check: {found} of {held_out} found at {percent} or more</source>
        <translation>Prüfung an zurückgehaltenen Titeln: {found} von {held_out} mit {percent} oder mehr gefunden</translation>
    </message>
    <message>
        <source>, {wrong} of {others} other tracks wrongly</source>
        <translation>, {wrong} von {others} anderen Titeln fälschlich</translation>
    </message>
    <message numerus="yes">
        <source>%n test track(s): a rough check.</source>
        <translation>
            <numerusform>%n Testtitel: eine grobe Prüfung.</numerusform>
            <numerusform>%n Testtitel: eine grobe Prüfung.</numerusform>
        </translation>
    </message>
    <message>
        <source>It takes the place of the model&apos;s own {genre}.</source>
        <translation>Es tritt an die Stelle von {genre} des Modells.</translation>
    </message>
    <message>
        <source>It can only raise the model&apos;s own {genre} until its check finds at least half of two or more of your tracks.</source>
        <translation>Es kann {genre} des Modells nur erhöhen, bis seine Prüfung mindestens die Hälfte von zwei oder mehr Ihrer Titel findet.</translation>
    </message>
    <message numerus="yes">
        <source>personal model ({genres}) from %n decision(s)</source>
        <translation>
            <numerusform>Modell ({genres}) aus %n Entscheidung</numerusform>
            <numerusform>Modell ({genres}) aus %n Entscheidungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>learning {genres} from %n track(s)</source>
        <translation>
            <numerusform>lerne {genres} aus %n Titel</numerusform>
            <numerusform>lerne {genres} aus %n Titeln</numerusform>
        </translation>
    </message>
    <message>
        <source>reading the sound of confirmed track {i} of {n}</source>
        <translation>lese den Klang des bestätigten Titels {i} von {n}</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>No audio output device</source>
        <translation>Kein Audioausgabegerät</translation>
    </message>
    <message>
        <source>cannot decode the file</source>
        <translation>die Datei kann nicht dekodiert werden</translation>
    </message>
    <message>
        <source>Playback is not available: {reason}</source>
        <translation>Wiedergabe ist nicht verfügbar: {reason}</translation>
    </message>
    <message>
        <source>The audio output ({device}) takes no mono or stereo PCM</source>
        <translation>Die Audioausgabe ({device}) nimmt kein Mono- oder Stereo-PCM an</translation>
    </message>
</context>
<context>
    <name>PreviewPlayer</name>
    <message>
        <source>the audio output could not be opened</source>
        <translation>die Audioausgabe ließ sich nicht öffnen</translation>
    </message>
    <message>
        <source>the audio output stopped</source>
        <translation>die Audioausgabe hat angehalten</translation>
    </message>
</context>
<context>
    <name>RecentFoldersMenu</name>
    <message>
        <source>Open rec&amp;ent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>(no recent folders)</source>
        <translation>(keine zuletzt geöffneten Ordner)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>ReviewNavigation</name>
    <message>
        <source>No undecided track shown</source>
        <translation>Kein offener Titel angezeigt</translation>
    </message>
    <message>
        <source>No album with an undecided track shown</source>
        <translation>Kein Album mit offenem Titel angezeigt</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <source>mood: {mood}</source>
        <translation>Stimmung: {mood}</translation>
    </message>
    <message>
        <source>{n} kbps</source>
        <translation>{n} kbit/s</translation>
    </message>
    <message>
        <source>Problem: {reason}</source>
        <translation>Problem: {reason}</translation>
    </message>
    <message>
        <source>Nothing will be written: the file cannot be read</source>
        <translation>Es wird nichts geschrieben: die Datei ist nicht lesbar</translation>
    </message>
    <message>
        <source>Write mode &quot;fill&quot; only writes files without genres: this file keeps {current} (your decision: {decision})</source>
        <translation>Der Schreibmodus „füllen“ schreibt nur Dateien ohne Genre: diese Datei behält {current} (Ihre Entscheidung: {decision})</translation>
    </message>
    <message>
        <source>Suggested: {genres}</source>
        <translation>Vorgeschlagen: {genres}</translation>
    </message>
    <message>
        <source>No suggestion: the best genre, {genre} ({score}), is below the {threshold} threshold. Press O to give it (or another genre) yourself.</source>
        <translation>Kein Vorschlag: das beste Genre, {genre} ({score}), liegt unter der Schwelle von {threshold}. Mit O können Sie es (oder ein anderes Genre) selbst vergeben.</translation>
    </message>
</context>
<context>
    <name>ScoreBars</name>
    <message>
        <source>no scores yet</source>
        <translation>noch keine Werte</translation>
    </message>
    <message>
        <source>threshold {percent}</source>
        <translation>Schwelle {percent}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>{name} (unusable)</source>
        <translation>{name} (unbrauchbar)</translation>
    </message>
    <message>
        <source> — your model</source>
        <translation> — Ihr Modell</translation>
    </message>
    <message>
        <source> (bundled default)</source>
        <translation> (mitgeliefert, Standard)</translation>
    </message>
    <message>
        <source>(no model found)</source>
        <translation>(kein Modell gefunden)</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Automatic (GPU if there is one)</source>
        <translation>Automatisch (GPU, falls vorhanden)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA-GPU (CUDA)</translation>
    </message>
    <message>
        <source>GPU (DirectML)</source>
        <translation>GPU (DirectML)</translation>
    </message>
    <message>
        <source>Apple (Core ML)</source>
        <translation>Apple (Core ML)</translation>
    </message>
    <message>
        <source>{device} (not offered by this onnxruntime)</source>
        <translation>{device} (von dieser onnxruntime nicht angeboten)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Only devices this onnxruntime build offers are listed.</source>
        <translation>Nur Geräte, die diese onnxruntime anbietet, sind aufgeführt.</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>einer pro Kern</translation>
    </message>
    <message>
        <source>Worker processes:</source>
        <translation>Arbeitsprozesse:</translation>
    </message>
    <message>
        <source>up to </source>
        <translation>bis zu </translation>
    </message>
    <message>
        <source> × 3 s stretches per track</source>
        <translation> × 3-s-Abschnitte pro Titel</translation>
    </message>
    <message>
        <source>Four spread-out stretches are always analysed; the others only when the two best genres are a close call.</source>
        <translation>Vier verteilte Abschnitte werden immer analysiert; die übrigen nur, wenn die zwei besten Genres knapp beieinanderliegen.</translation>
    </message>
    <message>
        <source>Listen to:</source>
        <translation>Anhören:</translation>
    </message>
    <message>
        <source>Confidence threshold:</source>
        <translation>Konfidenzschwelle:</translation>
    </message>
    <message>
        <source>Genres per track, at most:</source>
        <translation>Genres pro Titel, höchstens:</translation>
    </message>
    <message>
        <source>Write mode:</source>
        <translation>Schreibmodus:</translation>
    </message>
    <message>
        <source>Analysis &amp;&amp; writing</source>
        <translation>Analyse &amp;&amp; Schreiben</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>The genre names written into files, and the spellings (model labels, existing tags) that mean the same genre. Separate aliases with commas.</source>
        <translation>Die Genre-Namen, die in Dateien geschrieben werden, und die Schreibweisen (Modell-Labels, vorhandene Tags), die dasselbe Genre meinen. Aliasse mit Kommas trennen.</translation>
    </message>
    <message>
        <source>Genre (written as)</source>
        <translation>Genre (geschrieben als)</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliasse</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Übergeordnet</translation>
    </message>
    <message>
        <source>Genre tree</source>
        <translation>Genre-Baum</translation>
    </message>
    <message>
        <source>Add genre</source>
        <translation>Genre hinzufügen</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Auswahl entfernen</translation>
    </message>
    <message>
        <source>Restore the bundled list</source>
        <translation>Mitgelieferte Liste wiederherstellen</translation>
    </message>
    <message>
        <source>Genre vocabulary</source>
        <translation>Genre-Vokabular</translation>
    </message>
    <message>
        <source>No usable model: the bundled one is missing.</source>
        <translation>Kein brauchbares Modell: das mitgelieferte fehlt.</translation>
    </message>
    <message>
        <source>New genre</source>
        <translation>Neues Genre</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Previous / next track</source>
        <translation>Vorheriger / nächster Titel</translation>
    </message>
    <message>
        <source>Shift+↑ / Shift+↓, Ctrl+A</source>
        <translation>Umschalt+↑ / Umschalt+↓, Strg+A</translation>
    </message>
    <message>
        <source>Select several tracks / all</source>
        <translation>Mehrere Titel / alle auswählen</translation>
    </message>
    <message>
        <source>Enter, double-click</source>
        <translation>Eingabe, Doppelklick</translation>
    </message>
    <message>
        <source>On the album list: the album&apos;s tracks</source>
        <translation>In der Albumliste: die Titel des Albums</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Rechtsklick</translation>
    </message>
    <message>
        <source>The track menu; on the table header, the columns</source>
        <translation>Das Titelmenü; auf dem Tabellenkopf die Spalten</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Was sie tun</translation>
    </message>
</context>
<context>
    <name>SpectrogramView</name>
    <message>
        <source>No track selected</source>
        <translation>Kein Titel ausgewählt</translation>
    </message>
    <message>
        <source>Log-mel spectrogram as the model hears it; the outlined stretches are the parts the model listened to. Click to play from there.</source>
        <translation>Log-Mel-Spektrogramm, wie das Modell es hört; die umrandeten Abschnitte hat das Modell angehört. Klicken, um ab dort abzuspielen.</translation>
    </message>
    <message>
        <source>{khz} kHz</source>
        <translation>{khz} kHz</translation>
    </message>
    <message>
        <source>mel</source>
        <translation>Mel</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Genre Tagger</source>
        <translation>Genre Tagger</translation>
    </message>
    <message>
        <source>Open your music folder…</source>
        <translation>Ihren Musikordner öffnen…</translation>
    </message>
    <message>
        <source>or drop folders and music files on this window</source>
        <translation>oder Ordner und Musikdateien auf dieses Fenster ziehen</translation>
    </message>
    <message>
        <source>1. The app listens to each track and suggests genres; nothing is written yet.</source>
        <translation>1. Die App hört jeden Titel an und schlägt Genres vor; noch wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>2. You accept (A), override (O) or skip (S) each suggestion, or a whole album (B).</source>
        <translation>2. Sie nehmen jeden Vorschlag an (A), wählen selbst (O) oder überspringen (S), oder ein ganzes Album (B).</translation>
    </message>
    <message>
        <source>3. Write tags shows exactly what changes in each file; every write can be undone.</source>
        <translation>3. Tags schreiben zeigt genau, was sich in jeder Datei ändert; jedes Schreiben lässt sich rückgängig machen.</translation>
    </message>
    <message>
        <source>Recent folders:</source>
        <translation>Zuletzt geöffnete Ordner:</translation>
    </message>
    <message>
        <source>&lt;a href=&apos;guide&apos;&gt;Read the user guide&lt;/a&gt; (F1: every key)</source>
        <translation>&lt;a href=&apos;guide&apos;&gt;Handbuch lesen&lt;/a&gt; (F1: alle Tasten)</translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>The most specific (Heavy Metal)</source>
        <translation>Das spezifischste (Heavy Metal)</translation>
    </message>
    <message>
        <source>The top level (Rock)</source>
        <translation>Die oberste Ebene (Rock)</translation>
    </message>
    <message>
        <source>Both (Heavy Metal; Rock)</source>
        <translation>Beides (Heavy Metal; Rock)</translation>
    </message>
    <message>
        <source>The format&apos;s own (“/” in ID3v2.3)</source>
        <translation>Das des Formats („/“ in ID3v2.3)</translation>
    </message>
    <message>
        <source>“; ” (semicolon)</source>
        <translation>„; “ (Semikolon)</translation>
    </message>
    <message>
        <source>“ / ” (slash)</source>
        <translation>„ / “ (Schrägstrich)</translation>
    </message>
    <message>
        <source>“, ” (comma)</source>
        <translation>„, “ (Komma)</translation>
    </message>
    <message>
        <source>Write genres to:</source>
        <translation>Genres schreiben in:</translation>
    </message>
    <message>
        <source>Genre is the field every player shows. Style, Grouping and Mood are for players and DJ software that sort by them; choose several to write the same genres to each.</source>
        <translation>Genre ist das Feld, das jeder Player anzeigt. Stil, Gruppierung und Stimmung sind für Player und DJ-Software, die danach sortieren; wählen Sie mehrere, um dieselben Genres in jedes zu schreiben.</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <source>For tags that hold one value only (ID3v2.3, WAV INFO). FLAC, Ogg, Opus, MP4, WMA, APE and ID3v2.4 tags always get real multiple values.</source>
        <translation>Für Tags, die nur einen Wert fassen (ID3v2.3, WAV INFO). FLAC-, Ogg-, Opus-, MP4-, WMA-, APE- und ID3v2.4-Tags erhalten immer echte Mehrfachwerte.</translation>
    </message>
    <message>
        <source>{version} (recommended)</source>
        <translation>{version} (empfohlen)</translation>
    </message>
    <message>
        <source>New ID3 tags:</source>
        <translation>Neue ID3-Tags:</translation>
    </message>
    <message>
        <source>For MP3, WAV and AIFF files without an ID3 tag yet; a file keeps its own version.</source>
        <translation>Für MP3-, WAV- und AIFF-Dateien ohne ID3-Tag; eine Datei behält ihre eigene Version.</translation>
    </message>
    <message>
        <source>Write the model&apos;s top mood into the Mood field</source>
        <translation>Die stärkste Stimmung des Modells in das Feld Stimmung schreiben</translation>
    </message>
    <message>
        <source>Mood:</source>
        <translation>Stimmung:</translation>
    </message>
    <message>
        <source>Mood needs a score of:</source>
        <translation>Stimmung braucht einen Wert von:</translation>
    </message>
    <message>
        <source>Genre level:</source>
        <translation>Genre-Ebene:</translation>
    </message>
    <message>
        <source>every genre (e.g. Rock, Electronic, Jazz to allow only those)</source>
        <translation>jedes Genre (z. B. Rock, Electronic, Jazz, um nur diese zu erlauben)</translation>
    </message>
    <message>
        <source>Only these genres:</source>
        <translation>Nur diese Genres:</translation>
    </message>
    <message>
        <source>Genres have parents in the vocabulary (Heavy Metal → Metal → Rock). A genre outside the list is written as its nearest parent in the list, or not at all.</source>
        <translation>Genres haben im Vokabular übergeordnete Genres (Heavy Metal → Metal → Rock). Ein Genre außerhalb der Liste wird als sein nächstes übergeordnetes Genre in der Liste geschrieben, oder gar nicht.</translation>
    </message>
    <message>
        <source>Genres already go to Mood</source>
        <translation>Die Genres gehen schon in Stimmung</translation>
    </message>
</context>
<context>
    <name>ThresholdBox</name>
    <message>
        <source>at</source>
        <translation>ab</translation>
    </message>
    <message>
        <source>Confidence threshold: a genre is suggested when it scores at least this much (the same setting as in Settings; it changes the suggestions shown)</source>
        <translation>Konfidenzschwelle: Ein Genre wird vorgeschlagen, wenn es mindestens diesen Wert erreicht (dieselbe Einstellung wie in den Einstellungen; sie ändert die angezeigten Vorschläge)</translation>
    </message>
    <message>
        <source>Confidence threshold</source>
        <translation>Konfidenzschwelle</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Open folder</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Rescan &amp;&amp; analyse</source>
        <translation>Neu einlesen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stop analysis</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Selbst wählen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Accept all above threshold</source>
        <translation>Alle annehmen</translation>
    </message>
    <message>
        <source>Write tags</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Undo last write</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>TrackCommands</name>
    <message>
        <source>The file is gone: {path}</source>
        <translation>Die Datei existiert nicht mehr: {path}</translation>
    </message>
    <message>
        <source>No file manager could be opened for {path}</source>
        <translation>Für {path} ließ sich kein Dateimanager öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n path(s)</source>
        <translation>
            <numerusform>%n Pfad kopiert</numerusform>
            <numerusform>%n Pfade kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>An analysis is running: re-analyse when it has finished</source>
        <translation>Eine Analyse läuft: neu analysieren, wenn sie fertig ist</translation>
    </message>
    <message>
        <source>Cannot re-analyse: {reason}</source>
        <translation>Neu analysieren nicht möglich: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Analysing %n track(s) again</source>
        <translation>
            <numerusform>%n Titel wird neu analysiert</numerusform>
            <numerusform>%n Titel werden neu analysiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n track(s) from the library?

The files stay where they are, untouched. Their decisions are forgotten, and rescans leave them out. To bring them back, drop the files or their folder on the window.</source>
        <translation>
            <numerusform>%n Titel aus der Bibliothek entfernen?

Die Datei bleibt, wo sie ist, unberührt. Ihre Entscheidung wird verworfen, und neues Einlesen lässt sie aus. Um sie zurückzuholen, die Datei oder ihren Ordner auf das Fenster ziehen.</numerusform>
            <numerusform>%n Titel aus der Bibliothek entfernen?

Die Dateien bleiben, wo sie sind, unberührt. Ihre Entscheidungen werden verworfen, und neues Einlesen lässt sie aus. Um sie zurückzuholen, die Dateien oder ihren Ordner auf das Fenster ziehen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>Aus der Bibliothek entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Cannot remove: {reason}</source>
        <translation>Entfernen nicht möglich: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n track(s) from the library (the files stay)</source>
        <translation>
            <numerusform>%n Titel aus der Bibliothek entfernt (die Datei bleibt)</numerusform>
            <numerusform>%n Titel aus der Bibliothek entfernt (die Dateien bleiben)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot follow the move: {reason}</source>
        <translation>Die Verschiebung kann nicht übernommen werden: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{old} moved to {new}: %n decision(s) came with its tracks</source>
        <translation>
            <numerusform>{old} nach {new} verschoben: %n Entscheidung kam mit den Titeln</numerusform>
            <numerusform>{old} nach {new} verschoben: %n Entscheidungen kamen mit den Titeln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackPage</name>
    <message>
        <source>Tracks</source>
        <translation>Titel</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Teach the app your genres</source>
        <translation>Der App Ihre Genres beibringen</translation>
    </message>
    <message>
        <source>Learns your own genres from the tracks you accepted one at a time or overrode, and adds them to the model&apos;s genres: a genre of yours that the model also has replaces its score once the held-out check finds most of your tracks of it (until then it can only raise it); the model&apos;s other genres stay. Music unlike all of your genres scores low on each of them (it is learnt against a background of varied music too).</source>
        <translation>Lernt Ihre eigenen Genres aus den Titeln, die Sie einzeln angenommen oder selbst gewählt haben, und fügt sie den Genres des Modells hinzu: Ein Genre von Ihnen, das das Modell auch kennt, ersetzt dessen Wert, sobald die Prüfung mit zurückgehaltenen Titeln die meisten Ihrer Titel dieses Genres findet (bis dahin kann es ihn nur erhöhen); die anderen Genres des Modells bleiben. Musik, die keinem Ihrer Genres ähnelt, erreicht bei jedem einen niedrigen Wert (es wird auch gegen einen Hintergrund vielfältiger Musik gelernt).</translation>
    </message>
    <message>
        <source>No model to learn with: {reason}</source>
        <translation>Kein Modell zum Lernen: {reason}</translation>
    </message>
    <message>
        <source>What was learnt</source>
        <translation>Was gelernt wurde</translation>
    </message>
    <message>
        <source>What was learnt, and how reliable the check on held-out tracks was, shows here.</source>
        <translation>Hier steht, was gelernt wurde und wie verlässlich die Prüfung an zurückgehaltenen Titeln war.</translation>
    </message>
    <message>
        <source>Learn as I review (retrain in the background after every few decisions)</source>
        <translation>Beim Prüfen lernen (nach einigen Entscheidungen im Hintergrund neu trainieren)</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Learning…</source>
        <translation>Lernt…</translation>
    </message>
    <message>
        <source>Learning: {what}…</source>
        <translation>Training: {what}…</translation>
    </message>
    <message>
        <source>Nothing learnt: {why}</source>
        <translation>Nichts gelernt: {why}</translation>
    </message>
    <message>
        <source>Done in {seconds} s.</source>
        <translation>Fertig in {seconds} s.</translation>
    </message>
    <message>
        <source>Training failed: {reason}</source>
        <translation>Training fehlgeschlagen: {reason}</translation>
    </message>
</context>
<context>
    <name>WriteConfirmDialog</name>
    <message>
        <source>Write genre tags</source>
        <translation>Genre-Tags schreiben</translation>
    </message>
    <message>
        <source>Write:</source>
        <translation>Schreiben:</translation>
    </message>
    <message numerus="yes">
        <source>{scope} (%Ln track(s))</source>
        <translation>
            <numerusform>{scope} (%Ln Titel)</numerusform>
            <numerusform>{scope} (%Ln Titel)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mode {mode}. Suggestions need {percent} confidence; at most %n genre(s) per track. (Change these in Settings.)</source>
        <translation>
            <numerusform>Modus {mode}. Vorschläge brauchen {percent} Konfidenz; höchstens %n Genre pro Titel. (Änderbar in den Einstellungen.)</numerusform>
            <numerusform>Modus {mode}. Vorschläge brauchen {percent} Konfidenz; höchstens %n Genres pro Titel. (Änderbar in den Einstellungen.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Genres you chose with Override are written as chosen.</source>
        <translation>Mit „Selbst wählen“ gewählte Genres werden so geschrieben, wie gewählt.</translation>
    </message>
    <message>
        <source>Working out the changes…</source>
        <translation>Änderungen werden ermittelt…</translation>
    </message>
    <message>
        <source>Changes to write</source>
        <translation>Zu schreibende Änderungen</translation>
    </message>
    <message>
        <source>Each file is copied, written, checked (genres read back, audio bytes unchanged) and only then replaces the original. The old values are recorded first: Tags → Undo last write restores them.</source>
        <translation>Jede Datei wird kopiert, beschrieben, geprüft (Genres zurückgelesen, Audio-Bytes unverändert) und ersetzt erst dann das Original. Die alten Werte werden vorher gespeichert: Tags → Letztes Schreiben rückgängig stellt sie wieder her.</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Cannot plan the changes: {reason}</source>
        <translation>Die Änderungen können nicht geplant werden: {reason}</translation>
    </message>
    <message>
        <source>Nothing to write.</source>
        <translation>Nichts zu schreiben.</translation>
    </message>
    <message>
        <source>Nothing to write: every file in this selection already holds these genres (or has no decision / confident suggestion).</source>
        <translation>Nichts zu schreiben: jede Datei dieser Auswahl hat diese Genres schon (oder keine Entscheidung / keinen sicheren Vorschlag).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will change</source>
        <translation>
            <numerusform>%n Datei ändert sich</numerusform>
            <numerusform>%n Dateien ändern sich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n folder(s)</source>
        <translation>
            <numerusform> in %n Ordner</numerusform>
            <numerusform> in %n Ordnern</numerusform>
        </translation>
    </message>
    <message>
        <source>: {first}, {changed}.</source>
        <translation>: {first}, {changed}.</translation>
    </message>
    <message numerus="yes">
        <source>%n get a genre for the first time</source>
        <translation>
            <numerusform>%n bekommt zum ersten Mal ein Genre</numerusform>
            <numerusform>%n bekommen zum ersten Mal ein Genre</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n have their genres changed</source>
        <translation>
            <numerusform>bei %n ändern sich die Genres</numerusform>
            <numerusform>bei %n ändern sich die Genres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them will be refused (read-only, no permission, another owner, hard links…): shown in red, with the reason.</source>
        <translation>
            <numerusform>%n davon wird abgelehnt (schreibgeschützt, keine Berechtigung, anderer Eigentümer, harte Links…): rot markiert, mit Grund.</numerusform>
            <numerusform>%n davon werden abgelehnt (schreibgeschützt, keine Berechtigung, anderer Eigentümer, harte Links…): rot markiert, mit Grund.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Write %n file(s)</source>
        <translation>
            <numerusform>%n Datei schreiben</numerusform>
            <numerusform>%n Dateien schreiben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the {selected} selected tracks are left out: {why}.</source>
        <translation>
            <numerusform>%n von {selected} gewählten Titeln wird ausgelassen: {why}.</numerusform>
            <numerusform>%n von {selected} gewählten Titeln werden ausgelassen: {why}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriteFlow</name>
    <message>
        <source>Tracks I accepted or overrode</source>
        <translation>Titel, die ich angenommen oder selbst gewählt habe</translation>
    </message>
    <message>
        <source>Selected tracks: decisions, else confident suggestions</source>
        <translation>Gewählte Titel: Entscheidungen, sonst sichere Vorschläge</translation>
    </message>
    <message>
        <source>Tracks shown now: decisions, else confident suggestions</source>
        <translation>Gerade angezeigte Titel: Entscheidungen, sonst sichere Vorschläge</translation>
    </message>
    <message>
        <source>All tracks: decisions, else confident suggestions</source>
        <translation>Alle Titel: Entscheidungen, sonst sichere Vorschläge</translation>
    </message>
    <message>
        <source>Writing tags</source>
        <translation>Tags werden geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>Batch #{batch}: wrote %Ln file(s)</source>
        <translation>
            <numerusform>Vorgang #{batch}: %Ln Datei geschrieben</numerusform>
            <numerusform>Vorgang #{batch}: %Ln Dateien geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln not written (see the list)</source>
        <translation>
            <numerusform>; %Ln nicht geschrieben (siehe Liste)</numerusform>
            <numerusform>; %Ln nicht geschrieben (siehe Liste)</numerusform>
        </translation>
    </message>
    <message>
        <source>Write results</source>
        <translation>Ergebnis des Schreibens</translation>
    </message>
    <message>
        <source>. Files that were not written are unchanged; the reason is given for each.</source>
        <translation>. Nicht geschriebene Dateien sind unverändert; der Grund steht jeweils dabei.</translation>
    </message>
    <message>
        <source>Writing failed: {reason}</source>
        <translation>Schreiben fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Writing failed</source>
        <translation>Schreiben fehlgeschlagen</translation>
    </message>
    <message>
        <source>Nothing to undo: no write batch in this library</source>
        <translation>Nichts rückgängig zu machen: kein Schreibvorgang in dieser Bibliothek</translation>
    </message>
    <message>
        <source>Undo write</source>
        <translation>Schreiben rückgängig machen</translation>
    </message>
    <message numerus="yes">
        <source>Undo batch #{batch}: put back the previous genres of %n file(s)?</source>
        <translation>
            <numerusform>Vorgang #{batch} rückgängig machen: die früheren Genres von %n Datei wiederherstellen?</numerusform>
            <numerusform>Vorgang #{batch} rückgängig machen: die früheren Genres von %n Dateien wiederherstellen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undoing</source>
        <translation>Wird rückgängig gemacht</translation>
    </message>
    <message numerus="yes">
        <source>Batch #{batch} undone: %Ln file(s) restored</source>
        <translation>
            <numerusform>Vorgang #{batch} rückgängig gemacht: %Ln Datei wiederhergestellt</numerusform>
            <numerusform>Vorgang #{batch} rückgängig gemacht: %Ln Dateien wiederhergestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln with their tags only, see the list)</source>
        <translation>
            <numerusform> (%Ln nur in den Tags, siehe Liste)</numerusform>
            <numerusform> (%Ln nur in den Tags, siehe Liste)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln left alone (see the list)</source>
        <translation>
            <numerusform>; %Ln unverändert gelassen (siehe Liste)</numerusform>
            <numerusform>; %Ln unverändert gelassen (siehe Liste)</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo results</source>
        <translation>Ergebnis des Rückgängigmachens</translation>
    </message>
    <message>
        <source>Undo failed: {reason}</source>
        <translation>Rückgängig fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Undo failed</source>
        <translation>Rückgängig fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancel stops waiting.</source>
        <translation>Abbrechen beendet das Warten.</translation>
    </message>
    <message>
        <source>{done} of {total}: {name}</source>
        <translation>{done} von {total}: {name}</translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n nicht lesbar</numerusform>
            <numerusform>%n nicht lesbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing (moved or deleted)</source>
        <translation>
            <numerusform>%n fehlt (verschoben oder gelöscht)</numerusform>
            <numerusform>%n fehlen (verschoben oder gelöscht)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already have genres (fill mode)</source>
        <translation>
            <numerusform>%n hat schon Genres (Modus füllen)</numerusform>
            <numerusform>%n haben schon Genres (Modus füllen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already hold these genres</source>
        <translation>
            <numerusform>%n hat diese Genres schon</numerusform>
            <numerusform>%n haben diese Genres schon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped by you</source>
        <translation>
            <numerusform>%n von Ihnen übersprungen</numerusform>
            <numerusform>%n von Ihnen übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not accepted or overridden</source>
        <translation>
            <numerusform>%n nicht angenommen oder selbst gewählt</numerusform>
            <numerusform>%n nicht angenommen oder selbst gewählt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not analysed by this model</source>
        <translation>
            <numerusform>%n von diesem Modell nicht analysiert</numerusform>
            <numerusform>%n von diesem Modell nicht analysiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whose analysis failed</source>
        <translation>
            <numerusform>%n, deren Analyse fehlschlug</numerusform>
            <numerusform>%n, deren Analyse fehlschlug</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with no decision or confident suggestion</source>
        <translation>
            <numerusform>%n ohne Entscheidung oder sicheren Vorschlag</numerusform>
            <numerusform>%n ohne Entscheidung oder sicheren Vorschlag</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decided for other audio (the file&apos;s audio changed since: decide again)</source>
        <translation>
            <numerusform>%n für anderes Audio entschieden (das Audio der Datei hat sich seither geändert: neu entscheiden)</numerusform>
            <numerusform>%n für anderes Audio entschieden (das Audio der Dateien hat sich seither geändert: neu entscheiden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable or with a failed analysis</source>
        <translation>
            <numerusform>%n nicht lesbar oder Analyse fehlgeschlagen</numerusform>
            <numerusform>%n nicht lesbar oder Analyse fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not analysed yet</source>
        <translation>
            <numerusform>%n noch nicht analysiert</numerusform>
            <numerusform>%n noch nicht analysiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already decided or written</source>
        <translation>
            <numerusform>%n schon entschieden oder geschrieben</numerusform>
            <numerusform>%n schon entschieden oder geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whose best genre differs from the album&apos;s</source>
        <translation>
            <numerusform>%n, dessen bestes Genre vom Album abweicht</numerusform>
            <numerusform>%n, deren bestes Genre vom Album abweicht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left alone: {reasons}</source>
        <translation>
            <numerusform>%n nicht angetastet: {reasons}</numerusform>
            <numerusform>%n nicht angetastet: {reasons}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a suggestion left alone: {reasons}</source>
        <translation>
            <numerusform>%n ohne Vorschlag nicht angetastet: {reasons}</numerusform>
            <numerusform>%n ohne Vorschlag nicht angetastet: {reasons}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Steps</name>
    <message numerus="yes">
        <source>override %Ln track(s) with {genres}</source>
        <translation>
            <numerusform>{genres} für %Ln Titel selbst wählen</numerusform>
            <numerusform>{genres} für %Ln Titel selbst wählen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept all at {percent} or more: %Ln track(s)</source>
        <translation>
            <numerusform>alle ab {percent} annehmen: %Ln Titel</numerusform>
            <numerusform>alle ab {percent} annehmen: %Ln Titel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln track(s)</source>
        <translation>
            <numerusform>%Ln Titel</numerusform>
            <numerusform>%Ln Titel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>album suggestion: {tracks} of %Ln album(s)</source>
        <translation>
            <numerusform>Albumvorschlag: {tracks} aus %Ln Album</numerusform>
            <numerusform>Albumvorschlag: {tracks} aus %Ln Alben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept %Ln track(s)</source>
        <translation>
            <numerusform>%Ln Titel annehmen</numerusform>
            <numerusform>%Ln Titel annehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>override %Ln track(s)</source>
        <translation>
            <numerusform>%Ln Titel selbst wählen</numerusform>
            <numerusform>%Ln Titel selbst wählen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skip %Ln track(s)</source>
        <translation>
            <numerusform>%Ln Titel überspringen</numerusform>
            <numerusform>%Ln Titel überspringen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>undecide %Ln track(s)</source>
        <translation>
            <numerusform>Entscheidung für %Ln Titel zurücknehmen</numerusform>
            <numerusform>Entscheidung für %Ln Titel zurücknehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>decide %Ln track(s)</source>
        <translation>
            <numerusform>über %Ln Titel entscheiden</numerusform>
            <numerusform>über %Ln Titel entscheiden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (und %n weiterer)</numerusform>
            <numerusform> (und %n weitere)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n temporary copy(s) of audio files left by an interrupted write</source>
        <translation>
            <numerusform>%n temporäre Kopie einer Audiodatei entfernt, die ein unterbrochenes Schreiben hinterlassen hat</numerusform>
            <numerusform>%n temporäre Kopien von Audiodateien entfernt, die ein unterbrochenes Schreiben hinterlassen hat</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>the maximum number of genres is 0</source>
        <translation>die Höchstzahl an Genres ist 0</translation>
    </message>
    <message>
        <source>the model has no genre labels</source>
        <translation>das Modell hat keine Genre-Labels</translation>
    </message>
    <message>
        <source>its best genre, {genre} ({score:.2f}), is below the threshold {threshold:g}</source>
        <translation>sein bestes Genre, {genre} ({score:.2f}), liegt unter der Schwelle {threshold:g}</translation>
    </message>
    <message>
        <source>best genre below the threshold</source>
        <translation>bestes Genre unter der Schwelle</translation>
    </message>
    <message>
        <source>the file could not be read: {error}</source>
        <translation>die Datei konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>the file could not be read</source>
        <translation>die Datei konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>not analysed by {model}</source>
        <translation>nicht analysiert von {model}</translation>
    </message>
    <message>
        <source>its analysis by {model} failed: {error}</source>
        <translation>die Analyse durch {model} ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>dem Modell</translation>
    </message>
    <message>
        <source>&apos;{genre}&apos; cannot be a genre: it holds a control character (a tab, a line break) or a text-direction override</source>
        <translation>&apos;{genre}&apos; kann kein Genre sein: es enthält ein Steuerzeichen (einen Tabulator, einen Zeilenumbruch) oder eine Umkehrung der Schreibrichtung</translation>
    </message>
    <message>
        <source>{genre} is not text: it holds bytes that are not UTF-8 (type the name again, or set the terminal to UTF-8)</source>
        <translation>{genre} ist kein Text: der Name enthält Bytes, die kein UTF-8 sind (geben Sie den Namen neu ein, oder stellen Sie das Terminal auf UTF-8)</translation>
    </message>
    <message>
        <source>a genre name of {length} characters is too long (at most {most})</source>
        <translation>ein Genrename mit {length} Zeichen ist zu lang (höchstens {most})</translation>
    </message>
    <message>
        <source>no album suggestion: {why}</source>
        <translation>kein Albumvorschlag: {why}</translation>
    </message>
    <message>
        <source>loose files grouped by folder (no album tag), not an album: accept or override their own suggestions instead</source>
        <translation>lose Dateien nach Ordner gruppiert (kein Album-Tag), kein Album: stattdessen ihre eigenen Vorschläge annehmen oder selbst wählen</translation>
    </message>
    <message>
        <source>no album suggestion yet (no track of the album is analysed)</source>
        <translation>noch kein Albumvorschlag (kein Titel des Albums ist analysiert)</translation>
    </message>
    <message>
        <source>no album suggestion: no genre of the pooled scores reaches the threshold</source>
        <translation>kein Albumvorschlag: kein Genre der gemittelten Werte erreicht die Schwelle</translation>
    </message>
    <message>
        <source>{files} file(s) were written before it: `tagger undo {batch}` puts them back</source>
        <translation>{files} Datei(en) wurden davor geschrieben: `tagger undo {batch}` stellt sie wieder her</translation>
    </message>
    <message>
        <source>file no longer exists</source>
        <translation>die Datei existiert nicht mehr</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine normale Datei</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>schreibgeschütztes Dateisystem</translation>
    </message>
    <message>
        <source>read-only file</source>
        <translation>schreibgeschützte Datei</translation>
    </message>
    <message>
        <source>read-only folder</source>
        <translation>schreibgeschützter Ordner</translation>
    </message>
    <message>
        <source>permission denied: you may not write this file (owner {owner}, {mode})</source>
        <translation>keine Berechtigung: Sie dürfen diese Datei nicht schreiben (Eigentümer {owner}, {mode})</translation>
    </message>
    <message>
        <source>permission denied: you may not create files in its folder (the safe copy goes there)</source>
        <translation>keine Berechtigung: Sie dürfen in ihrem Ordner keine Dateien anlegen (dort entsteht die sichere Kopie)</translation>
    </message>
    <message>
        <source>file has {links} hard links (rewriting it would separate them)</source>
        <translation>die Datei hat {links} harte Links (Neuschreiben würde sie trennen)</translation>
    </message>
    <message>
        <source>the file belongs to {owner}: rewriting it would make it yours</source>
        <translation>die Datei gehört {owner}: Neuschreiben würde sie zu Ihrer machen</translation>
    </message>
    <message>
        <source>the file&apos;s group is {group}, which you are not in: rewriting it would change its group</source>
        <translation>die Gruppe der Datei ist {group}, der Sie nicht angehören: Neuschreiben würde ihre Gruppe ändern</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s owner and group ({owner}:{group}): rewriting it would change them</source>
        <translation>Eigentümer und Gruppe der Datei ({owner}:{group}) können nicht erhalten werden: Neuschreiben würde sie ändern</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s owner and group: rewriting it would change them</source>
        <translation>Eigentümer und Gruppe der Datei können nicht erhalten werden: Neuschreiben würde sie ändern</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s permissions ({mode}, the copy got {got})</source>
        <translation>die Zugriffsrechte der Datei können nicht erhalten werden ({mode}, die Kopie bekam {got})</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s access control list (ACL)</source>
        <translation>die Zugriffssteuerungsliste (ACL) der Datei kann nicht erhalten werden</translation>
    </message>
    <message>
        <source>could not write the tag: {reason}</source>
        <translation>das Tag konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>verification failed: the written file is unreadable ({reason})</source>
        <translation>Prüfung fehlgeschlagen: die geschriebene Datei ist nicht lesbar ({reason})</translation>
    </message>
    <message>
        <source>verification failed: {what} read back {got!r}, expected {wanted!r}</source>
        <translation>Prüfung fehlgeschlagen: {what} gelesen als {got!r}, erwartet {wanted!r}</translation>
    </message>
    <message>
        <source>verification failed: {field} changed ({old!r} -&gt; {new!r})</source>
        <translation>Prüfung fehlgeschlagen: {field} geändert ({old!r} -&gt; {new!r})</translation>
    </message>
    <message>
        <source>verification failed: a player would read other audio ({why})</source>
        <translation>Prüfung fehlgeschlagen: ein Player würde anderes Audio lesen ({why})</translation>
    </message>
    <message>
        <source>verification failed: the rebuilt file is not the original</source>
        <translation>Prüfung fehlgeschlagen: die wiederhergestellte Datei ist nicht das Original</translation>
    </message>
    <message>
        <source>cancelled before replacing the file ({reason})</source>
        <translation>abgebrochen, bevor die Datei ersetzt wurde ({reason})</translation>
    </message>
    <message>
        <source>verification failed: the audio data would change</source>
        <translation>Prüfung fehlgeschlagen: die Audiodaten würden sich ändern</translation>
    </message>
    <message>
        <source>file changed while its tags were being written</source>
        <translation>die Datei hat sich geändert, während ihre Tags geschrieben wurden</translation>
    </message>
    <message>
        <source>another Genre Tagger has been writing this file for a minute: try again later</source>
        <translation>ein anderes Genre Tagger schreibt diese Datei seit einer Minute: versuchen Sie es später noch einmal</translation>
    </message>
    <message>
        <source>could not create a temporary file</source>
        <translation>eine temporäre Datei konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>file does not exist (if it was moved or renamed, scan its new folder with `tagger scan` and undo again)</source>
        <translation>die Datei existiert nicht (wurde sie verschoben oder umbenannt, ihren neuen Ordner mit `tagger scan` einlesen und erneut rückgängig machen)</translation>
    </message>
    <message>
        <source>not written: the write stopped before this file</source>
        <translation>nicht geschrieben: das Schreiben endete vor dieser Datei</translation>
    </message>
    <message>
        <source>the file here holds other audio now (renamed, swapped or replaced since the write); nothing was put back into it: scan the folder the written file is in now (`tagger scan`, or Rescan in the app) and undo again</source>
        <translation>die Datei hier enthält jetzt anderes Audio (seit dem Schreiben umbenannt, vertauscht oder ersetzt); nichts wurde in sie zurückgeschrieben: lesen Sie den Ordner ein, in dem die geschriebene Datei jetzt liegt (`tagger scan` oder Neu einlesen in der App), und machen Sie es erneut rückgängig</translation>
    </message>
    <message>
        <source>restored tags only: file changed since</source>
        <translation>nur die Tags wiederhergestellt: die Datei hat sich seitdem geändert</translation>
    </message>
    <message>
        <source>restored tags only: no byte-exact image was kept for this file</source>
        <translation>nur die Tags wiederhergestellt: für diese Datei wurde kein bytegenaues Abbild aufbewahrt</translation>
    </message>
    <message>
        <source>genres</source>
        <translation>Genres</translation>
    </message>
    <message>
        <source>style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>grouping</source>
        <translation>Gruppierung</translation>
    </message>
    <message>
        <source>mood</source>
        <translation>Stimmung</translation>
    </message>
    <message>
        <source>{what} changed on disk since planned ({current} instead of {old}); left alone: rescan (`tagger scan`, or Rescan in the app) and review it again</source>
        <translation>{what} auf der Festplatte seit der Planung geändert ({current} statt {old}); nicht angetastet: neu einlesen (`tagger scan` oder „Neu einlesen“ in der App) und erneut prüfen</translation>
    </message>
    <message>
        <source>{what} changed on disk since this batch wrote them ({current} instead of {old}); left alone</source>
        <translation>{what} auf der Festplatte geändert, seit dieser Vorgang sie schrieb ({current} statt {old}); nicht angetastet</translation>
    </message>
    <message>
        <source>the audio changed since it was analysed (another file under this name?); left alone: re-analyse it (`tagger analyze`, or Rescan in the app) and review it again</source>
        <translation>das Audio hat sich seit der Analyse geändert (eine andere Datei unter diesem Namen?); nicht angetastet: erneut analysieren (`tagger analyze` oder „Neu einlesen“ in der App) und erneut prüfen</translation>
    </message>
    <message>
        <source>the file changed while it was being analysed; its result was not kept: analyse it again (`tagger analyze`, or Rescan in the app)</source>
        <translation>die Datei hat sich während der Analyse geändert; ihr Ergebnis wurde nicht behalten: analysieren Sie sie erneut (`tagger analyze` oder Neu einlesen in der App)</translation>
    </message>
    <message>
        <source>cannot read the audio to check it is the one analysed ({why}); left alone</source>
        <translation>das Audio kann nicht gelesen werden, um zu prüfen, ob es das analysierte ist ({why}); nicht angetastet</translation>
    </message>
    <message>
        <source>the model {model} has no embedding output: a personal model needs one (use the bundled model)</source>
        <translation>das Modell {model} hat keine Embedding-Ausgabe: ein eigenes Modell braucht eine (das mitgelieferte Modell verwenden)</translation>
    </message>
    <message>
        <source>the model {model} has no embedding output</source>
        <translation>das Modell {model} hat keine Embedding-Ausgabe</translation>
    </message>
    <message>
        <source>personal model not used: {reason}</source>
        <translation>eigenes Modell nicht verwendet: {reason}</translation>
    </message>
    <message>
        <source>no confirmed tracks to learn from</source>
        <translation>keine bestätigten Titel zum Lernen</translation>
    </message>
    <message>
        <source>the confirmed tracks have embeddings of different sizes ({sizes})</source>
        <translation>die bestätigten Titel haben Embeddings unterschiedlicher Größe ({sizes})</translation>
    </message>
    <message>
        <source>{what} belongs to {source}, not to {wanted}; train the personal model again with the model in use</source>
        <translation>{what} gehört zu {source}, nicht zu {wanted}; das eigene Modell mit dem verwendeten Modell neu trainieren</translation>
    </message>
    <message>
        <source>the personal model</source>
        <translation>das eigene Modell</translation>
    </message>
    <message>
        <source>the background ({where})</source>
        <translation>der Hintergrund ({where})</translation>
    </message>
    <message>
        <source>{path}: not a personal model file ({reason})</source>
        <translation>{path}: keine Datei eines eigenen Modells ({reason})</translation>
    </message>
    <message>
        <source>{path}: personal model format {found} is not {wanted}</source>
        <translation>{path}: das Format {found} des eigenen Modells ist nicht {wanted}</translation>
    </message>
    <message>
        <source>{path}: cannot read the background embeddings ({reason})</source>
        <translation>{path}: die Hintergrund-Embeddings können nicht gelesen werden ({reason})</translation>
    </message>
    <message>
        <source>{path}: background format {found} is not {wanted}</source>
        <translation>{path}: das Hintergrundformat {found} ist nicht {wanted}</translation>
    </message>
    <message>
        <source>{model} &apos;{output}&apos; ({dim} values)</source>
        <translation>{model} &apos;{output}&apos; ({dim} Werte)</translation>
    </message>
    <message>
        <source>embeddings of {got} values, but the personal model reads {reads} ({source})</source>
        <translation>Embeddings mit {got} Werten, aber das eigene Modell liest {reads} ({source})</translation>
    </message>
    <message>
        <source>no background music: tracks unlike all of your genres may still score high on one</source>
        <translation>keine Hintergrundmusik: Titel, die keinem Ihrer Genres ähneln, können trotzdem bei einem hoch liegen</translation>
    </message>
    <message>
        <source>genres with one confirmed track (or one album) borrow the calibration of the others: {genres}</source>
        <translation>Genres mit einem bestätigten Titel (oder einem Album) übernehmen die Kalibrierung der anderen: {genres}</translation>
    </message>
    <message>
        <source>no genre has two confirmed tracks in different albums: scores are not calibrated ({genres})</source>
        <translation>kein Genre hat zwei bestätigte Titel in verschiedenen Alben: die Werte sind nicht kalibriert ({genres})</translation>
    </message>
    <message>
        <source>the held-out checks of your other genres did not tell their tracks apart, so there is no calibration to borrow: scores are not calibrated ({genres})</source>
        <translation>die Prüfungen Ihrer anderen Genres an zurückgehaltenen Titeln konnten deren Titel nicht unterscheiden, es gibt also keine Kalibrierung zu übernehmen: die Werte sind nicht kalibriert ({genres})</translation>
    </message>
    <message>
        <source>the held-out check scored your own tracks of {genres} no higher than the others: it is not suggested until you confirm more tracks of it, from other albums</source>
        <translation>die Prüfung an zurückgehaltenen Titeln bewertete Ihre eigenen Titel von {genres} nicht höher als die anderen: es wird nicht vorgeschlagen, bis Sie weitere Titel davon aus anderen Alben bestätigen</translation>
    </message>
    <message>
        <source>one example is weak: {genres} learnt from a single track</source>
        <translation>ein Beispiel ist schwach: {genres} aus einem einzigen Titel gelernt</translation>
    </message>
    <message>
        <source>running on the CPU ({provider})</source>
        <translation>läuft auf der CPU ({provider})</translation>
    </message>
    <message>
        <source>running on {device} ({provider})</source>
        <translation>läuft auf {device} ({provider})</translation>
    </message>
    <message>
        <source>{device} is not available in this onnxruntime build (providers: {providers}): running on the CPU instead</source>
        <translation>{device} ist in diesem onnxruntime-Build nicht verfügbar (Provider: {providers}): läuft stattdessen auf der CPU</translation>
    </message>
    <message>
        <source>{device}, {precision}</source>
        <translation>{device}, {precision}</translation>
    </message>
    <message>
        <source>int8 model</source>
        <translation>int8-Modell</translation>
    </message>
    <message>
        <source>int8 model (asked for)</source>
        <translation>int8-Modell (gewählt)</translation>
    </message>
    <message>
        <source>int8 model (this CPU has {instructions})</source>
        <translation>int8-Modell (diese CPU hat {instructions})</translation>
    </message>
    <message>
        <source>float model</source>
        <translation>Float-Modell</translation>
    </message>
    <message>
        <source>float model (asked for)</source>
        <translation>Float-Modell (gewählt)</translation>
    </message>
    <message>
        <source>float model (it has no int8 copy)</source>
        <translation>Float-Modell (es hat keine int8-Kopie)</translation>
    </message>
    <message>
        <source>float model (on a GPU)</source>
        <translation>Float-Modell (auf einer GPU)</translation>
    </message>
    <message>
        <source>float model (this CPU has no int8 dot-product instructions)</source>
        <translation>Float-Modell (diese CPU hat keine int8-Skalarprodukt-Befehle)</translation>
    </message>
    <message>
        <source>this packaged app has no Ray: a cluster needs Genre Tagger installed with pip, with its cluster extra (&apos;genre-tagger[cluster]&apos;)</source>
        <translation>diese gepackte App hat kein Ray: ein Cluster braucht ein mit pip installiertes Genre Tagger mit seinem Cluster-Extra (&apos;genre-tagger[cluster]&apos;)</translation>
    </message>
    <message>
        <source>analysing on a cluster needs Ray: pip install &apos;genre-tagger[cluster]&apos; (on this machine and every node)</source>
        <translation>Analysieren auf einem Cluster braucht Ray: pip install &apos;genre-tagger[cluster]&apos; (auf diesem Rechner und jedem Knoten)</translation>
    </message>
    <message>
        <source>the settings choose a Ray cluster, but {why}: analysed on this computer</source>
        <translation>die Einstellungen wählen einen Ray-Cluster, aber {why}: auf diesem Computer analysiert</translation>
    </message>
    <message>
        <source>{old} still exists: scan it, and the files that left it keep their decisions where they are now</source>
        <translation>{old} gibt es noch: Durchsuchen Sie den Ordner, dann behalten die Dateien, die ihn verlassen haben, ihre Entscheidungen dort, wo sie jetzt sind</translation>
    </message>
    <message>
        <source>the library has no tracks under {old}</source>
        <translation>die Bibliothek hat keine Titel unter {old}</translation>
    </message>
    <message>
        <source>{old} and {new} are the same folder, or one holds the other</source>
        <translation>{old} und {new} sind derselbe Ordner, oder einer enthält den anderen</translation>
    </message>
    <message>
        <source>library database error: {reason}</source>
        <translation>Fehler der Bibliotheksdatenbank: {reason}</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({error}); the default settings are used</source>
        <translation>{path}: nicht lesbar ({error}); es gelten die Standardeinstellungen</translation>
    </message>
    <message>
        <source>{path}: holds no settings (a JSON object was expected); the default settings are used</source>
        <translation>{path}: enthält keine Einstellungen (ein JSON-Objekt wurde erwartet); es gelten die Standardeinstellungen</translation>
    </message>
    <message>
        <source>{path}: {name} = {value} is not valid; its default ({default}) is used</source>
        <translation>{path}: {name} = {value} ist ungültig; es gilt der Standardwert ({default})</translation>
    </message>
    <message>
        <source>Various artists</source>
        <translation>Verschiedene Interpreten</translation>
    </message>
    <message>
        <source>{folder} (folder)</source>
        <translation>{folder} (Ordner)</translation>
    </message>
    <message>
        <source>(skip)</source>
        <translation>(übersprungen)</translation>
    </message>
    <message>
        <source>(already set)</source>
        <translation>(schon gesetzt)</translation>
    </message>
    <message>
        <source>(keeps {genres} — fill mode)</source>
        <translation>(behält {genres} — Modus füllen)</translation>
    </message>
    <message>
        <source>not written: {why}</source>
        <translation>nicht geschrieben: {why}</translation>
    </message>
</context>
</TS>
