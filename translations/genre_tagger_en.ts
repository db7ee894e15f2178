<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Decisions</name>
    <message numerus="yes">
        <source>Skipped: %n track(s)</source>
        <translation>
            <numerusform>Skipped: %n track</numerusform>
            <numerusform>Skipped: %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Decision cleared for %n track(s)</source>
        <translation>
            <numerusform>Decision cleared for %n track</numerusform>
            <numerusform>Decision cleared for %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overridden: %n track(s)</source>
        <translation>
            <numerusform>Overridden: %n track</numerusform>
            <numerusform>Overridden: %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted: %n track(s)</source>
        <translation>
            <numerusform>Accepted: %n track</numerusform>
            <numerusform>Accepted: %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted the suggestion for %n track(s)</source>
        <translation>
            <numerusform>Accepted the suggestion for %n track</numerusform>
            <numerusform>Accepted the suggestion for %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overridden: %n track(s) → {genres}</source>
        <translation>
            <numerusform>Overridden: %n track → {genres}</numerusform>
            <numerusform>Overridden: %n tracks → {genres}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln suggestion(s) with at least {percent}% confidence</source>
        <translation>
            <numerusform>Accepted %Ln suggestion with at least {percent}% confidence</numerusform>
            <numerusform>Accepted %Ln suggestions with at least {percent}% confidence</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Album suggestion applied to %n track(s)</source>
        <translation>
            <numerusform>Album suggestion applied to %n track</numerusform>
            <numerusform>Album suggestion applied to %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder group(s) (not albums)</source>
        <translation>
            <numerusform>%n folder group (not albums)</numerusform>
            <numerusform>%n folder groups (not albums)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message numerus="yes">
        <source>%n track(s)</source>
        <translation>
            <numerusform>%n track</numerusform>
            <numerusform>%n tracks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message numerus="yes">
        <source>%Ln track(s)</source>
        <translation>
            <numerusform>%Ln track</numerusform>
            <numerusform>%Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scanning… %Ln file(s)</source>
        <translation>
            <numerusform>Scanning… %Ln file</numerusform>
            <numerusform>Scanning… %Ln files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n album(s) selected.</source>
        <translation>
            <numerusform>%n album selected.</numerusform>
            <numerusform>%n albums selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message numerus="yes">
        <source>Genres to write for %n track(s). Separate several genres with &apos;;&apos;.</source>
        <translation>
            <numerusform>Genres to write for %n track. Separate several genres with &apos;;&apos;.</numerusform>
            <numerusform>Genres to write for %n tracks. Separate several genres with &apos;;&apos;.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackCommands</name>
    <message numerus="yes">
        <source>Copied %n path(s)</source>
        <translation>
            <numerusform>Copied %n path</numerusform>
            <numerusform>Copied %n paths</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Analysing %n track(s) again</source>
        <translation>
            <numerusform>Analysing %n track again</numerusform>
            <numerusform>Analysing %n tracks again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n track(s) from the library?

The files stay where they are, untouched. Their decisions are forgotten, and rescans leave them out. To bring them back, drop the files or their folder on the window.</source>
        <translation>
            <numerusform>Remove %n track from the library?

The files stay where they are, untouched. Their decisions are forgotten, and rescans leave them out. To bring them back, drop the files or their folder on the window.</numerusform>
            <numerusform>Remove %n tracks from the library?

The files stay where they are, untouched. Their decisions are forgotten, and rescans leave them out. To bring them back, drop the files or their folder on the window.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n track(s) from the library (the files stay)</source>
        <translation>
            <numerusform>Removed %n track from the library (the files stay)</numerusform>
            <numerusform>Removed %n tracks from the library (the files stay)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message numerus="yes">
        <source>Builds a personal model from the genres you accepted or overrode: a small classifier on top of the bundled model&apos;s features, trained on your confirmed tracks.

Confirmed tracks to train on: {tracks} in %n genre(s) (a track with several genres counts for its first). Each genre needs a few tracks (5 or more works better).
The model will be saved as {path}.</source>
        <translation>
            <numerusform>Builds a personal model from the genres you accepted or overrode: a small classifier on top of the bundled model&apos;s features, trained on your confirmed tracks.

Confirmed tracks to train on: {tracks} in %n genre (a track with several genres counts for its first). Each genre needs a few tracks (5 or more works better).
The model will be saved as {path}.</numerusform>
            <numerusform>Builds a personal model from the genres you accepted or overrode: a small classifier on top of the bundled model&apos;s features, trained on your confirmed tracks.

Confirmed tracks to train on: {tracks} in %n genres (a track with several genres counts for its first). Each genre needs a few tracks (5 or more works better).
The model will be saved as {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriteConfirmDialog</name>
    <message numerus="yes">
        <source>{scope} (%Ln track(s))</source>
        <translation>
            <numerusform>{scope} (%Ln track)</numerusform>
            <numerusform>{scope} (%Ln tracks)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mode {mode}. Suggestions need {percent}% confidence; at most %n genre(s) per track. (Change these in Settings.)</source>
        <translation>
            <numerusform>Mode {mode}. Suggestions need {percent}% confidence; at most %n genre per track. (Change these in Settings.)</numerusform>
            <numerusform>Mode {mode}. Suggestions need {percent}% confidence; at most %n genres per track. (Change these in Settings.)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will change</source>
        <translation>
            <numerusform>%n file will change</numerusform>
            <numerusform>%n files will change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n folder(s)</source>
        <translation>
            <numerusform> in %n folder</numerusform>
            <numerusform> in %n folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n get a genre for the first time</source>
        <translation>
            <numerusform>%n gets a genre for the first time</numerusform>
            <numerusform>%n get a genre for the first time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n have their genres changed</source>
        <translation>
            <numerusform>%n has its genres changed</numerusform>
            <numerusform>%n have their genres changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them will be refused (read-only, no permission, another owner, hard links…): shown in red, with the reason.</source>
        <translation>
            <numerusform>%n of them will be refused (read-only, no permission, another owner, hard links…): shown in red, with the reason.</numerusform>
            <numerusform>%n of them will be refused (read-only, no permission, another owner, hard links…): shown in red, with the reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Write %n file(s)</source>
        <translation>
            <numerusform>Write %n file</numerusform>
            <numerusform>Write %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the {selected} selected tracks are left out: {why}.</source>
        <translation>
            <numerusform>%n of the {selected} selected tracks is left out: {why}.</numerusform>
            <numerusform>%n of the {selected} selected tracks are left out: {why}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriteFlow</name>
    <message numerus="yes">
        <source>Batch #{batch}: wrote %Ln file(s)</source>
        <translation>
            <numerusform>Batch #{batch}: wrote %Ln file</numerusform>
            <numerusform>Batch #{batch}: wrote %Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln not written (see the list)</source>
        <translation>
            <numerusform>; %Ln not written (see the list)</numerusform>
            <numerusform>; %Ln not written (see the list)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undo batch #{batch}: put back the previous genres of %n file(s)?</source>
        <translation>
            <numerusform>Undo batch #{batch}: put back the previous genres of %n file?</numerusform>
            <numerusform>Undo batch #{batch}: put back the previous genres of %n files?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch #{batch} undone: %Ln file(s) restored</source>
        <translation>
            <numerusform>Batch #{batch} undone: %Ln file restored</numerusform>
            <numerusform>Batch #{batch} undone: %Ln files restored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln left alone (see the list)</source>
        <translation>
            <numerusform>; %Ln left alone (see the list)</numerusform>
            <numerusform>; %Ln left alone (see the list)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing (moved or deleted)</source>
        <translation>
            <numerusform>%n missing (moved or deleted)</numerusform>
            <numerusform>%n missing (moved or deleted)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already have genres (fill mode)</source>
        <translation>
            <numerusform>%n already has genres (fill mode)</numerusform>
            <numerusform>%n already have genres (fill mode)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already hold these genres</source>
        <translation>
            <numerusform>%n already holds these genres</numerusform>
            <numerusform>%n already hold these genres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not accepted or overridden</source>
        <translation>
            <numerusform>%n not accepted or overridden</numerusform>
            <numerusform>%n not accepted or overridden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not analysed by this model</source>
        <translation>
            <numerusform>%n not analysed by this model</numerusform>
            <numerusform>%n not analysed by this model</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with no decision or confident suggestion</source>
        <translation>
            <numerusform>%n with no decision or confident suggestion</numerusform>
            <numerusform>%n with no decision or confident suggestion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable or with a failed analysis</source>
        <translation>
            <numerusform>%n unreadable or with a failed analysis</numerusform>
            <numerusform>%n unreadable or with a failed analysis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not analysed yet</source>
        <translation>
            <numerusform>%n not analysed yet</numerusform>
            <numerusform>%n not analysed yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already overridden, skipped or written</source>
        <translation>
            <numerusform>%n already overridden, skipped or written</numerusform>
            <numerusform>%n already overridden, skipped or written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whose best genre differs from the album&apos;s</source>
        <translation>
            <numerusform>%n whose best genre differs from the album&apos;s</numerusform>
            <numerusform>%n whose best genre differs from the album&apos;s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message numerus="yes">
        <source>Removed %n temporary copy(s) of audio files left by an interrupted write</source>
        <translation>
            <numerusform>Removed %n temporary copy of audio files left by an interrupted write</numerusform>
            <numerusform>Removed %n temporary copies of audio files left by an interrupted write</numerusform>
        </translation>
    </message>
</context>
</TS>
