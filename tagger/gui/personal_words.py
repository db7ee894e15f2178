"""The personal model's sentences (tagger.app.personal, tagger.app.training,
tagger.personal) in the app's language, made from the same figures: what the Train
dialog says before and after training, the status bar's model summary and the
background training's progress. The core keeps its English sentences for the CLI; the
rules (which genre is weak, when a check is too small to trust) stay the core's."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject

from tagger.training_data import personal_blocker, weak_genres

from . import core_text
from .labels import percent

_NO_TRACKS_READ = "None of the confirmed tracks could be read to learn from."
_LEARNING = re.compile(r"^learning (\d+) genres from (\d+) tracks$")
_READING = re.compile(r"^reading the sound of confirmed track (\d+) of (\d+)$")


class PersonalWords(QObject):
    def counts(self, counts: dict[str, int], accepted_in_groups: int = 0) -> str:
        """ "Your confirmed tracks teach 2 genres: Jazz (3), Ragtime (1)." """
        if not counts and accepted_in_groups:
            return ""  # (the blocker says why none of them teaches)
        if not counts:
            return self.tr("You have not confirmed any track yet.")
        parts = ", ".join(f"{g} ({k})" for g, k in counts.items())
        return self.tr("Your confirmed tracks teach %n genre(s): {genres}.", "", len(counts)).format(genres=parts)

    def check_notes(self, check) -> list[str]:
        """tagger.app.training.TrainingCheck.notes."""
        notes = []
        weak = weak_genres(check.counts)
        if weak:
            notes.append(
                self.tr(
                    "One example is weak: {genres} has a single confirmed track. It is learnt, but confirm a few "
                    "more to make it reliable.",
                    "",
                    len(weak),
                ).format(genres=", ".join(weak))
            )
        if check.missing:
            notes.append(self.tr("%n confirmed track(s) are no longer on disk and are left out.", "", check.missing))
        if check.accepted_in_groups and check.counts:
            notes.append(self.group_note(check.accepted_in_groups))
        if check.stale and check.counts:
            notes.append(self.stale_note(check.stale))
        return notes

    def stale_note(self, n: int) -> str:
        """tagger.training_data.stale_note."""
        return self.tr(
            "%n confirmed track(s) now hold other audio than when you decided (replaced or re-encoded): "
            "decide them again to teach them.",
            "",
            n,
        )

    def group_note(self, n: int) -> str:
        """tagger.training_data.group_note."""
        return self.tr(
            "%n suggestion(s) accepted together with others (accept all, an album, a folder, several rows at once) "
            "are not learnt from: "
            "they would only teach the model what it already says. Accept a track on its own, or override it, "
            "to teach it.",
            "",
            n,
        )

    def blocker(
        self,
        text: str,
        counts: dict[str, int] | None = None,
        accepted_in_groups: int = 0,
        missing: int = 0,
        stale: int = 0,
    ) -> str:
        """Why nothing can be (or was) trained."""
        expected = personal_blocker(counts or {}, accepted_in_groups, missing, stale)
        if text and counts is not None and text == expected and not counts:
            if stale and not missing:
                return self.tr("Nothing to learn from yet: {why}").format(why=self.stale_note(stale))
            if missing:
                return self.tr(
                    "The %n confirmed track(s) are not where the library last saw them (moved or deleted): "
                    "rescan the folder they are in now.",
                    "",
                    missing,
                )
            if accepted_in_groups:
                return self.tr(
                    "Nothing to learn from yet: the %n suggestion(s) you confirmed were accepted together with "
                    "others, and those do not teach. Accept a track on its own, or override it.",
                    "",
                    accepted_in_groups,
                )
            return self.tr("No confirmed tracks yet: accept or override some suggestions first.")
        if text == _NO_TRACKS_READ:
            return self.tr("None of the confirmed tracks could be read to learn from.")
        return text

    def outcome_lines(self, outcome, threshold: float) -> list[str]:
        """tagger.app.personal.TrainOutcome.lines: what was learnt, how reliable the check was."""
        if outcome.model is None:
            return [
                self.blocker(
                    outcome.blocker, outcome.counts, outcome.accepted_in_groups, outcome.missing, outcome.stale
                )
            ]
        m = outcome.model
        genres = self.tr("%n genre(s)", "", len(m.genres))
        out = [
            self.tr(
                "Learnt {genres} from %n confirmed track(s), against {background} pieces of varied background music.",
                "",
                m.decisions,
            ).format(genres=genres, background=m.background)
        ]
        out += [self.report(r, threshold, outcome.base_genres) for r in m.reports]
        weak = weak_genres(outcome.counts)
        if weak:
            out.append(
                self.tr("One example is weak: {genres}. Confirm a few more tracks of each.").format(
                    genres=", ".join(weak)
                )
            )
        if outcome.analysed_now:
            out.append(
                self.tr("%n confirmed track(s) were analysed again to read their sound.", "", outcome.analysed_now)
            )
        if outcome.left_out:
            out.append(self.tr("%n confirmed track(s) could not be used (unreadable).", "", len(outcome.left_out)))
        if outcome.missing:
            out.append(self.tr("%n confirmed track(s) are no longer on disk and were left out.", "", outcome.missing))
        if outcome.accepted_in_groups:
            out.append(self.group_note(outcome.accepted_in_groups))
        if outcome.stale:
            out.append(self.stale_note(outcome.stale))
        out += [self.tr("Note: {note}.").format(note=core_text.text(n)) for n in outcome.training_notes()]
        return out

    def report(self, r, threshold: float, base_genres=()) -> str:
        """tagger.personal.GenreReport.describe: one genre in one sentence."""
        head = self.tr("{genre}: %n confirmed track(s)", "", r.examples).format(genre=r.name)
        if r.examples == 1:
            text = head + " " + self.tr("(one example is weak: confirm a few more to make it reliable).")
        elif not r.held_out:
            text = head + self.tr("; no held-out check was possible.")
        else:
            check = self.tr("held-out check: {found} of {held_out} found at {percent} or more").format(
                found=r.found, held_out=r.held_out, percent=percent(threshold)
            )
            if r.others_held_out:
                check += self.tr(", {wrong} of {others} other tracks wrongly").format(
                    wrong=r.false_alarms, others=r.others_held_out
                )
            check += "."
            if r.rough():
                check += " " + self.tr("%n test track(s): a rough check.", "", r.held_out)
            text = f"{head}; {check}"
        effect = r.effect(base_genres)
        if effect == "replaces":
            text += " " + self.tr("It takes the place of the model's own {genre}.").format(genre=r.name)
        elif effect == "raises":
            text += " " + self.tr(
                "It can only raise the model's own {genre} until its check finds at least half of two or more of"
                " your tracks."
            ).format(genre=r.name)
        return text

    def summary(self, model) -> str:
        """tagger.personal.PersonalModel.summary: 'personal model (Jazz, Folk) from 37 decisions'."""
        return self.tr("personal model ({genres}) from %n decision(s)", "", model.decisions).format(
            genres=", ".join(model.genres)
        )

    def progress(self, text: str) -> str:
        """A line of train_library's progress."""
        m = _LEARNING.match(text)
        if m:
            genres = self.tr("%n genre(s)", "", int(m.group(1)))
            return self.tr("learning {genres} from %n track(s)", "", int(m.group(2))).format(genres=genres)
        m = _READING.match(text)
        if m:
            return self.tr("reading the sound of confirmed track {i} of {n}").format(i=m.group(1), n=m.group(2))
        return text

    def note(self, text: str) -> str:
        """Workspace.personal_note: why the library's personal model is not used."""
        return core_text.text(text)
