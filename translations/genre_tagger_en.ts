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
        <source>Accept %Ln suggestion(s) at {percent} or more?</source>
        <translation>
            <numerusform>Accept %Ln suggestion at {percent} or more?</numerusform>
            <numerusform>Accept %Ln suggestions at {percent} or more?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln</source>
        <translation>
            <numerusform>Accept %Ln</numerusform>
            <numerusform>Accept %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepting %Ln suggestion(s)…</source>
        <translation>
            <numerusform>Accepting %Ln suggestion…</numerusform>
            <numerusform>Accepting %Ln suggestions…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln suggestion(s) at {percent} or more</source>
        <translation>
            <numerusform>Accepted %Ln suggestion at {percent} or more</numerusform>
            <numerusform>Accepted %Ln suggestions at {percent} or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undone: {what} (%Ln track(s) restored)</source>
        <translation>
            <numerusform>Undone: {what} (%Ln track restored)</numerusform>
            <numerusform>Undone: {what} (%Ln tracks restored)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Redone: {what} (%Ln track(s) decided again)</source>
        <translation>
            <numerusform>Redone: {what} (%Ln track decided again)</numerusform>
            <numerusform>Redone: {what} (%Ln tracks decided again)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln track(s) left alone (decided otherwise since, moved or removed)</source>
        <translation>
            <numerusform>%Ln track left alone (decided otherwise since, moved or removed)</numerusform>
            <numerusform>%Ln tracks left alone (decided otherwise since, moved or removed)</numerusform>
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
    <name>LearningController</name>
    <message numerus="yes">
        <source>{what}: %n suggestion(s) changed</source>
        <translation>
            <numerusform>{what}: %n suggestion changed</numerusform>
            <numerusform>{what}: %n suggestions changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new decision(s)</source>
        <translation>
            <numerusform>%n new decision</numerusform>
            <numerusform>%n new decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
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
        <source>%n track(s) not analysed yet: Rescan and analyse ({key}) goes on where it stopped</source>
        <translation>
            <numerusform>%n track not analysed yet: Rescan and analyse ({key}) goes on where it stopped</numerusform>
            <numerusform>%n tracks not analysed yet: Rescan and analyse ({key}) goes on where it stopped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) selected.</source>
        <translation>
            <numerusform>%n album selected.</numerusform>
            <numerusform>%n albums selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MovedFolderBar</name>
    <message numerus="yes">
        <source>%n track(s) here hold the same audio as tracks under {old}, a folder that no longer exists. If it was moved or renamed to {new}, your decisions and write history can move here with it. If it is on a drive that is not connected now, choose Not now.</source>
        <translation>
            <numerusform>%n track here holds the same audio as a track under {old}, a folder that no longer exists. If it was moved or renamed to {new}, your decisions and write history can move here with it. If it is on a drive that is not connected now, choose Not now.</numerusform>
            <numerusform>%n tracks here hold the same audio as tracks under {old}, a folder that no longer exists. If it was moved or renamed to {new}, your decisions and write history can move here with it. If it is on a drive that is not connected now, choose Not now.</numerusform>
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
    <name>PersonalWords</name>
    <message numerus="yes">
        <source>Your confirmed tracks teach %n genre(s): {genres}.</source>
        <translation>
            <numerusform>Your confirmed tracks teach %n genre: {genres}.</numerusform>
            <numerusform>Your confirmed tracks teach %n genres: {genres}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One example is weak: {genres} has a single confirmed track. It is learnt, but confirm a few more to make it reliable.</source>
        <translation>
            <numerusform>One example is weak: {genres} has a single confirmed track. It is learnt, but confirm a few more to make it reliable.</numerusform>
            <numerusform>One example is weak: {genres} have a single confirmed track each. They are learnt, but confirm a few more to make them reliable.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) are no longer on disk and are left out.</source>
        <translation>
            <numerusform>%n confirmed track is no longer on disk and is left out.</numerusform>
            <numerusform>%n confirmed tracks are no longer on disk and are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) now hold other audio than when you decided (replaced or re-encoded): decide them again to teach them.</source>
        <translation>
            <numerusform>%n confirmed track now holds other audio than when you decided (replaced or re-encoded): decide it again to teach it.</numerusform>
            <numerusform>%n confirmed tracks now hold other audio than when you decided (replaced or re-encoded): decide them again to teach them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) accepted together with others (accept all, an album, a folder, several rows at once) are not learnt from: they would only teach the model what it already says. Accept a track on its own, or override it, to teach it.</source>
        <translation>
            <numerusform>%n suggestion accepted together with others (accept all, an album, a folder, several rows at once) is not learnt from: it would only teach the model what it already says. Accept a track on its own, or override it, to teach it.</numerusform>
            <numerusform>%n suggestions accepted together with others (accept all, an album, a folder, several rows at once) are not learnt from: they would only teach the model what it already says. Accept a track on its own, or override it, to teach it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n confirmed track(s) are not where the library last saw them (moved or deleted): rescan the folder they are in now.</source>
        <translation>
            <numerusform>The %n confirmed track is not where the library last saw it (moved or deleted): rescan the folder it is in now.</numerusform>
            <numerusform>The %n confirmed tracks are not where the library last saw them (moved or deleted): rescan the folder they are in now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing to learn from yet: the %n suggestion(s) you confirmed were accepted together with others, and those do not teach. Accept a track on its own, or override it.</source>
        <translation>
            <numerusform>Nothing to learn from yet: the %n suggestion you confirmed was accepted together with others, and those do not teach. Accept a track on its own, or override it.</numerusform>
            <numerusform>Nothing to learn from yet: the %n suggestions you confirmed were accepted together with others, and those do not teach. Accept a track on its own, or override it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n genre(s)</source>
        <translation>
            <numerusform>%n genre</numerusform>
            <numerusform>%n genres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learnt {genres} from %n confirmed track(s), against {background} pieces of varied background music.</source>
        <translation>
            <numerusform>Learnt {genres} from %n confirmed track, against {background} pieces of varied background music.</numerusform>
            <numerusform>Learnt {genres} from %n confirmed tracks, against {background} pieces of varied background music.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) were analysed again to read their sound.</source>
        <translation>
            <numerusform>%n confirmed track was analysed again to read its sound.</numerusform>
            <numerusform>%n confirmed tracks were analysed again to read their sound.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) could not be used (unreadable).</source>
        <translation>
            <numerusform>%n confirmed track could not be used (unreadable).</numerusform>
            <numerusform>%n confirmed tracks could not be used (unreadable).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) are no longer on disk and were left out.</source>
        <translation>
            <numerusform>%n confirmed track is no longer on disk and was left out.</numerusform>
            <numerusform>%n confirmed tracks are no longer on disk and were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{genre}: %n confirmed track(s)</source>
        <translation>
            <numerusform>{genre}: %n confirmed track</numerusform>
            <numerusform>{genre}: %n confirmed tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test track(s): a rough check.</source>
        <translation>
            <numerusform>%n test track: a rough check.</numerusform>
            <numerusform>%n test tracks: a rough check.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>personal model ({genres}) from %n decision(s)</source>
        <translation>
            <numerusform>personal model ({genres}) from %n decision</numerusform>
            <numerusform>personal model ({genres}) from %n decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>learning {genres} from %n track(s)</source>
        <translation>
            <numerusform>learning {genres} from %n track</numerusform>
            <numerusform>learning {genres} from %n tracks</numerusform>
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
    <message numerus="yes">
        <source>{old} moved to {new}: %n decision(s) came with its tracks</source>
        <translation>
            <numerusform>{old} moved to {new}: %n decision came with its tracks</numerusform>
            <numerusform>{old} moved to {new}: %n decisions came with its tracks</numerusform>
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
        <source>Mode {mode}. Suggestions need {percent} confidence; at most %n genre(s) per track. (Change these in Settings.)</source>
        <translation>
            <numerusform>Mode {mode}. Suggestions need {percent} confidence; at most %n genre per track. (Change these in Settings.)</numerusform>
            <numerusform>Mode {mode}. Suggestions need {percent} confidence; at most %n genres per track. (Change these in Settings.)</numerusform>
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
        <source> (%Ln with their tags only, see the list)</source>
        <translation>
            <numerusform> (%Ln with its tags only, see the list)</numerusform>
            <numerusform> (%Ln with their tags only, see the list)</numerusform>
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
        <source>%n skipped by you</source>
        <translation>
            <numerusform>%n skipped by you</numerusform>
            <numerusform>%n skipped by you</numerusform>
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
        <source>%n whose analysis failed</source>
        <translation>
            <numerusform>%n whose analysis failed</numerusform>
            <numerusform>%n whose analysis failed</numerusform>
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
        <source>%n decided for other audio (the file&apos;s audio changed since: decide again)</source>
        <translation>
            <numerusform>%n decided for other audio (the file&apos;s audio changed since: decide again)</numerusform>
            <numerusform>%n decided for other audio (the files&apos; audio changed since: decide again)</numerusform>
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
        <source>%n already decided or written</source>
        <translation>
            <numerusform>%n already decided or written</numerusform>
            <numerusform>%n already decided or written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whose best genre differs from the album&apos;s</source>
        <translation>
            <numerusform>%n whose best genre differs from the album&apos;s</numerusform>
            <numerusform>%n whose best genre differs from the album&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left alone: {reasons}</source>
        <translation>
            <numerusform>%n left alone: {reasons}</numerusform>
            <numerusform>%n left alone: {reasons}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a suggestion left alone: {reasons}</source>
        <translation>
            <numerusform>%n without a suggestion left alone: {reasons}</numerusform>
            <numerusform>%n without a suggestion left alone: {reasons}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Steps</name>
    <message numerus="yes">
        <source>override %Ln track(s) with {genres}</source>
        <translation>
            <numerusform>override %Ln track with {genres}</numerusform>
            <numerusform>override %Ln tracks with {genres}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept all at {percent} or more: %Ln track(s)</source>
        <translation>
            <numerusform>accept all at {percent} or more: %Ln track</numerusform>
            <numerusform>accept all at {percent} or more: %Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln track(s)</source>
        <translation>
            <numerusform>%Ln track</numerusform>
            <numerusform>%Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>album suggestion: {tracks} of %Ln album(s)</source>
        <translation>
            <numerusform>album suggestion: {tracks} of %Ln album</numerusform>
            <numerusform>album suggestion: {tracks} of %Ln albums</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept %Ln track(s)</source>
        <translation>
            <numerusform>accept %Ln track</numerusform>
            <numerusform>accept %Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>override %Ln track(s)</source>
        <translation>
            <numerusform>override %Ln track</numerusform>
            <numerusform>override %Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skip %Ln track(s)</source>
        <translation>
            <numerusform>skip %Ln track</numerusform>
            <numerusform>skip %Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>undecide %Ln track(s)</source>
        <translation>
            <numerusform>undecide %Ln track</numerusform>
            <numerusform>undecide %Ln tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>decide %Ln track(s)</source>
        <translation>
            <numerusform>decide %Ln track</numerusform>
            <numerusform>decide %Ln tracks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (and %n more)</numerusform>
            <numerusform> (and %n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n temporary copy(s) of audio files left by an interrupted write</source>
        <translation>
            <numerusform>Removed %n temporary copy of audio files left by an interrupted write</numerusform>
            <numerusform>Removed %n temporary copies of audio files left by an interrupted write</numerusform>
        </translation>
    </message>
</context>
</TS>
