"""Review decisions: accept, override, skip or clear, for tracks and for whole albums,
and accept all above the threshold. Recorded at once (nothing is lost if the app is
killed), each action as one step of the library's decision history, which undo and redo
walk (tagger.db.decision_steps). The CLI's `tagger decide` and the GUI's review actions
both come through here, so they accept, and undo, exactly the same things.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

import numpy as np

from tagger import db
from tagger.db.decision_steps import StepInfo, StepOutcome
from tagger.db.decisions import GROUP, scope_for
from tagger.messages import (
    ANALYSIS_FAILED,
    BEST_BELOW_THRESHOLD_SHORT,
    FILE_UNREADABLE,
    FILE_UNREADABLE_NO_REASON,
    FOLDER_GROUP,
    NO_ALBUM_SUGGESTION,
    NO_ALBUM_SUGGESTION_YET,
    NO_POOLED_GENRE,
    NOT_ANALYSED_BY,
    THE_MODEL,
    Message,
)
from tagger.review import (
    ALBUM_LEFT_OUT,
    AlbumRow,
    ReviewData,
    already_decided,
    can_be_decided,
    write_outcome,
)
from tagger.suggestion import suggest, why_no_suggestion
from tagger.training_data import teaches
from tagger.vocabulary import genre_name_problem

STATES = ("accepted", "overridden", "skipped", "cleared")


@dataclass
class Refusal:
    track_id: int
    path: str
    kind: str  # unanalysed | failed | below: why there is no suggestion to accept; unreadable: no decision
    reason: str


@dataclass
class DecisionResult:
    recorded: dict[int, list[str]] = field(default_factory=dict)  # track id -> genres recorded
    refused: list[Refusal] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # already decided or written, left alone (`keep_decided`)
    changed: int = 0  # of `recorded`, those whose decision changed (the others had it already)


def suggestions_for(ws, tracks) -> tuple[dict[int, list[str]], list[Refusal]]:
    """Each track's suggestion by the one rule, from the workspace model's analyses;
    tracks without one come back as refusals with the reason."""
    info = ws.require_model()
    analyses = db.analyses.for_many(ws.lib, [t.content_id for t in tracks], info.key)
    found: dict[int, list[str]] = {}
    refused: list[Refusal] = []
    for t in tracks:
        analysis = analyses.get(t.content_id) if t.content_id else None
        if t.status == "error":  # never analysed because it could not be read: say so
            refused.append(Refusal(t.id, t.path, "failed", Message(FILE_UNREADABLE, error=t.error)))
            continue
        if analysis is None:
            refused.append(Refusal(t.id, t.path, "unanalysed", Message(NOT_ANALYSED_BY, model=info.key)))
            continue
        if analysis.status != "ok":
            refused.append(
                Refusal(t.id, t.path, "failed", Message(ANALYSIS_FAILED, model=info.key, error=analysis.error))
            )
            continue
        ranked = genre_ranking(ws, analysis)
        chosen = suggest(ranked, ws.min_confidence, ws.max_genres)
        if chosen:
            found[t.id] = [n for n, _ in chosen]
        else:
            refused.append(Refusal(t.id, t.path, "below", why_no_suggestion(ranked, ws.min_confidence, ws.max_genres)))
    return found, refused


def genre_ranking(ws, analysis) -> list[tuple[str, float]]:
    """(genre, score) best first of one stored analysis by the workspace's model, with the
    library's personal model overlaid."""
    return ranking_of(ws, analysis.scores, analysis.embedding)


def ranking_of(ws, scores, embedding: bytes | None) -> list[tuple[str, float]]:
    """(genre, score) best first of a track's model scores and stored pooled embedding:
    the review table's mapping (tagger.review.GenreMapper), so the CLI and the GUI rank
    alike with or without a personal model."""
    from tagger.personal import from_blob
    from tagger.review import GenreMapper

    mapper = GenreMapper(ws.info, ws.vocab, ws.personal)
    vec = mapper.genre_matrix(np.asarray(scores, np.float32), from_blob(embedding))[0]
    return mapper.ranked(vec)


def decide(
    ws, track_ids, state: str, genres: list[str] | None = None, keep_decided=(), scope: str | None = None
) -> DecisionResult:
    """Record `state` for the tracks, as one undoable step. `accepted` without `genres`
    takes each track's own suggestion (tracks without one are refused, with the reason);
    with `genres` (an album's pooled suggestion) it records those. `overridden` needs
    genres; they are spelled as the vocabulary spells them.

    `keep_decided`: track ids a suggestion does not decide again if they are already
    decided or written (`already_decided_ids`; they come back in `kept`): the tracks a
    command found under a folder. Taking the machine's suggestion for a whole folder must
    not undo what the user decided, by the same rule as the app's "accept all above the
    threshold"; a track named on its own, like a row selected in the app, is decided again.

    `scope`: made on its own or with others (tagger.db.decisions.TRACK, GROUP; None: by
    the count of tracks, `record`)."""
    if state not in STATES:
        raise ValueError(f"unknown decision {state!r}")
    ids = list(track_ids)
    scope = scope or scope_for(len(ids))  # the files named, whatever each took
    result = DecisionResult()
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    if state == "accepted" and genres is None:
        keep = set(keep_decided)
        kept = already_decided_ids(ws, [i for i in ids if i in keep]) if keep else set()
        result.kept = sorted(kept)
        ids = [i for i in ids if i not in kept]
        tracks = sorted(db.tracks.by_ids(ws.lib, ids) or [], key=lambda t: t.path)
        found, result.refused = suggestions_for(ws, tracks)
        for tid, gs in found.items():
            groups.setdefault(("accepted", tuple(gs)), []).append(tid)
    else:
        if state == "overridden":
            genres = override_genres(ws, genres)
        recorded = [] if state in ("skipped", "cleared") else list(genres or [])
        if state != "cleared":
            tracks = db.tracks.by_ids(ws.lib, ids) or []
            result.refused = [_unreadable(t.id, t.path, t.error) for t in tracks if not can_be_decided(t.status)]
            refused = {r.track_id for r in result.refused}
            ids = [i for i in ids if i not in refused]
        if ids:
            groups[(state, tuple(recorded))] = ids
    step = record(ws, groups, scope=scope)  # refuses an empty override, with the reason
    result.recorded = {tid: list(gs) for (_, gs), tids in groups.items() for tid in tids}
    result.changed = step.n_tracks if step is not None else 0
    return result


def already_decided_ids(ws, track_ids: list[int]) -> set[int]:
    """Those of `track_ids` that no group action decides again, by the rule of the review
    rows (tagger.review.already_decided), from their decisions and the last write to them."""
    decisions = db.decisions.states(ws.lib, track_ids)
    changes = db.review_table.last_changes(ws.lib, track_ids)
    found = set()
    for tid in track_ids:
        state, decided_at = decisions.get(tid, (None, None))
        outcome = write_outcome(changes.get(tid), decided_at)
        if already_decided(state, outcome[0] if outcome else "new"):
            found.add(tid)
    return found


def row_decisions(
    ws, rows, state: str, genres: list[str] | None = None
) -> tuple[dict[tuple[str, tuple[str, ...]], list[int]], list[Refusal]]:
    """What `decide` would record for review rows, without touching the database:
    ({(state, genres): [track ids]}, refusals). The rows' suggestions were made by the
    same rule (`tagger.suggestion`) from the same scores, so accepting a row here and
    accepting its file with `tagger decide --accept` record the same genres."""
    if state not in STATES:
        raise ValueError(f"unknown decision {state!r}")
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    refused: list[Refusal] = []
    if state == "overridden":
        genres = override_genres(ws, genres)
        if not genres:
            raise ValueError("an override needs at least one genre; to forget the decision, clear it instead")
    for row in rows:
        if state != "cleared" and not can_be_decided(row.track_status):
            refused.append(_unreadable(row.id, row.path, row.error))
            continue
        if state == "accepted" and genres is None:
            if not row.suggestion:
                refused.append(_row_refusal(ws, row))
                continue
            key = ("accepted", tuple(row.suggestion))
        elif state in ("skipped", "cleared"):
            key = (state, ())
        else:
            key = (state, tuple(genres or ()))
        groups.setdefault(key, []).append(row.id)
    return groups, refused


def override_genres(ws, genres) -> list[str]:
    """The genres of an override as they will be recorded: spelled as the vocabulary
    spells them, each once; ValueError (one line) for a name that cannot be a genre
    (`tagger.vocabulary.genre_name_problem`)."""
    for name in genres or []:
        problem = genre_name_problem(name)
        if problem is not None:
            raise ValueError(problem)
    return list(ws.vocab.dedupe([ws.vocab.canonical(g) for g in genres or []]))


def _unreadable(track_id: int, path: str, error: str | None) -> Refusal:
    """A track that takes no decision (tagger.review.can_be_decided), with the reason."""
    reason = Message(FILE_UNREADABLE, error=error) if error else Message(FILE_UNREADABLE_NO_REASON)
    return Refusal(track_id, path, "unreadable", reason)


def _row_refusal(ws, row) -> Refusal:
    key = ws.info.key if ws.info is not None else Message(THE_MODEL)
    if row.error:
        return Refusal(row.id, row.path, "failed", row.error)
    if not row.analysed:
        return Refusal(row.id, row.path, "unanalysed", Message(NOT_ANALYSED_BY, model=key))
    ranked = [(row.best_guess, row.confidence)] if row.best_guess is not None else []
    return Refusal(row.id, row.path, "below", why_no_suggestion(ranked, ws.min_confidence, ws.max_genres))


def teaches_when_decided(state: str, n_tracks: int) -> bool:
    """Whether deciding `state` for `n_tracks` tracks in one action (a selection of rows,
    the files named) can change what a personal model learns: a decision that teaches
    (`teaches`), or one that may take a teaching decision back (skip, undecide)."""
    return state in ("skipped", "cleared") or teaches(state, scope_for(n_tracks))


def changed_teaching(out: StepOutcome) -> set[int]:
    """The tracks an undo or redo changed in what a personal model learns from: those
    whose decision taught before it or teaches after it."""

    def taught(state) -> bool:
        return state is not None and state[0] in ("accepted", "overridden") and teaches(state[0], state[3])

    return {tid for tid, now in out.restored.items() if taught(now) or taught(out.previous.get(tid))}


def record(
    ws, groups: dict[tuple[str, tuple[str, ...]], list[int]], what: str = "", scope: str | None = None
) -> StepInfo | None:
    """Store decisions grouped as `row_decisions` returns them (in any thread), as one
    undoable step named `what` (default: `describe(groups)`). `scope`: whether they were
    made each on its own or as a group (tagger.db.decisions.TRACK, GROUP); None: a step
    of one track is made on its own, a step of more is a group. The actions that take
    many suggestions by nature (accept all, an album's, a folder's) say GROUP even for
    one track: a suggestion accepted in a group does not teach a personal model."""
    if not any(groups.values()):
        return None
    return db.decision_steps.record(ws.lib, groups, what or describe(groups), scope)


VERBS = {"accepted": "accept", "overridden": "override", "skipped": "skip", "cleared": "undecide"}


def describe(groups) -> str:
    """A step's name for the user: 'accept 3 tracks', 'override 1 track with Jazz'."""
    n = sum(len(ids) for ids in groups.values())
    states = {state for state, _ in groups}
    verb = VERBS[next(iter(states))] if len(states) == 1 else "decide"
    text = f"{verb} {_tracks(n)}"
    if states == {"overridden"} and len(groups) == 1:
        text += " with " + "; ".join(next(iter(groups))[1])
    return text


def album_step(n_tracks: int, n_albums: int) -> str:
    """The name of an album action's step: 'album suggestion: 12 tracks of 2 albums'."""
    return f"album suggestion: {_tracks(n_tracks)} of {n_albums} album{'s' if n_albums != 1 else ''}"


def _tracks(n: int) -> str:
    return f"{n:,} track{'s' if n != 1 else ''}"


def mark_rows(data: ReviewData, groups) -> list:
    """Show recorded decisions (as `row_decisions` groups them) in the review rows they
    name; returns the rows changed."""
    by_id = data.by_id
    changed = []
    for (state, gs), ids in groups.items():
        members = [by_id[i] for i in ids]
        data.mark_decided(members, state, list(gs))
        changed.extend(members)
    return changed


MARK_SLICE = 500  # rows marked per slice: 10-20 ms of Python here (index columns included)


def mark_rows_in_slices(data: ReviewData, groups, size: int = MARK_SLICE):
    """`mark_rows` a slice of `size` rows at a time, the review index brought up to date
    after each (a generator: each step does one slice and yields its rows), so that the
    thread owning the rows can let its event loop run in between: marking 98,000
    accepted rows and rebuilding their index columns took 5.8 s in one go. The rows
    end as `mark_rows` leaves them."""
    by_id = data.by_id
    for (state, gs), ids in groups.items():
        for start in range(0, len(ids), size):
            members = [by_id[i] for i in ids[start : start + size]]
            data.mark_decided(members, state, list(gs))
            data.index.column("status")  # this slice's index columns, now
            yield members
    # the rows' new decision lists (98,000 of them) out of the collector's view, as the
    # load's rows are (tagger.review._no_gc_passes): each later full pass walked them,
    # 70 ms of the window's thread; the next load lets them back in (gc.unfreeze)
    gc.freeze()


def decide_rows(ws, data: ReviewData, rows, state: str, genres: list[str] | None = None) -> DecisionResult:
    """`row_decisions`, recorded at once as one step, and the rows updated."""
    groups, refused = row_decisions(ws, rows, state, genres)
    record(ws, groups)
    mark_rows(data, groups)
    return DecisionResult({i: list(gs) for (_, gs), ids in groups.items() for i in ids}, refused)


@dataclass
class AcceptAll:
    """What "accept all above the threshold" records (or would, dry): the undecided
    rows whose suggestion reaches the threshold."""

    threshold: float
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = field(default_factory=dict)
    data: ReviewData | None = None
    positions: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # the rows taken, in data.rows
    scope: str = GROUP  # many suggestions at once: they teach no personal model

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.groups.values())

    @property
    def rows(self) -> list:
        """The review rows it takes."""
        rows = self.data.rows if self.data is not None else []
        return [rows[p] for p in self.positions.tolist()]

    @property
    def what(self) -> str:
        return f"accept all at {percent(self.threshold)} or more: {_tracks(self.count)}"


def accept_all_above_threshold(ws, data: ReviewData, positions=None, dry_run: bool = False) -> AcceptAll:
    """Accept the suggestion of every undecided row that reaches the threshold, of the
    rows at `positions` in data.rows (all: None), as one undoable step;
    `dry_run`: only say what it would record (the count a confirmation asks about).
    Records in the calling thread (any thread); the caller marks the rows (`mark_rows`)
    in the thread that owns them. What it records for a row is what `row_decisions`
    records when it accepts it (a test compares them); here in numpy, for 100,000 rows
    on the window's thread."""
    taken = data.above_threshold_positions(positions)
    groups = {("accepted", genres): ids for genres, ids in data.index.group_by_suggestion(taken).items()}
    plan = AcceptAll(data.min_confidence, groups, data, taken)
    if not dry_run:
        record(ws, groups, plan.what, plan.scope)
    return plan


def percent(fraction: float) -> str:
    """0.6 -> '60%': the threshold in a step's name (the app shows it in its language:
    tagger.gui.labels.percent), rounded down like every score shown."""
    from tagger.suggestion import shown_percent

    return f"{shown_percent(fraction)}%"


# ------------------------------------------------------------------ undo, redo
def undo_decisions(ws, data: ReviewData | None = None) -> StepOutcome | None:
    """Take back the library's last decision step (None: nothing to undo): each track it
    touched gets back the decision it had, or none. `data`: review rows to update."""
    out = db.decision_steps.undo(ws.lib)
    if out is not None and data is not None:
        out.rows = data.restore_decisions(out.restored)
    return out


def redo_decisions(ws, data: ReviewData | None = None) -> StepOutcome | None:
    """Do the last undone decision step again (None: nothing to redo)."""
    out = db.decision_steps.redo(ws.lib)
    if out is not None and data is not None:
        out.rows = data.restore_decisions(out.restored)
    return out


def undoable_step(ws) -> StepInfo | None:
    return db.decision_steps.undoable(ws.lib)


def redoable_step(ws) -> StepInfo | None:
    return db.decision_steps.redoable(ws.lib)


def step_track_ids(ws, step: StepInfo) -> list[int]:
    return db.decision_steps.track_ids(ws.lib, step.id)


def describe_outcome(out: StepOutcome, undone: bool = True) -> str:
    """'Undone: accept 13 tracks (13 tracks restored)' and what was left alone."""
    n = len(out.restored)
    text = f"{'Undone' if undone else 'Redone'}: {out.step.what} ({_tracks(n)} {'restored' if undone else 'decided again'})"
    if out.changed_since:
        text += f"; {_tracks(len(out.changed_since))} left alone (decided otherwise since, moved or removed)"
    return text


def refusal_reasons(refused: list[Refusal]) -> dict[str, int]:
    """Why tracks were left alone -> how many, in order of first appearance; the many
    "its best genre, X (0.41), is below..." of a selection count as one reason."""
    reasons: dict[str, int] = {}
    for r in refused:
        text = r.reason if r.kind != "below" else Message(BEST_BELOW_THRESHOLD_SHORT)
        reasons[text] = reasons.get(text, 0) + 1
    return reasons


def refusal_summary(refused: list[Refusal]) -> str:
    """'2 left alone: not analysed by msd-musicnn@1.1.0 (1), its best genre ... (1)'."""
    if not refused:
        return ""
    reasons = refusal_reasons(refused)
    return f"{len(refused)} without a suggestion left alone: " + "; ".join(
        f"{t} ({n})" if len(reasons) > 1 else t for t, n in reasons.items()
    )


@dataclass
class AlbumOutcome:
    album: AlbumRow
    taken: list = field(default_factory=list)  # the review rows that took the album's suggestion
    left_out: dict[str, int] = field(default_factory=dict)  # ALBUM_LEFT_OUT key -> tracks
    note: str = ""  # why nothing was taken, when nothing was (a tagger.messages.Message)

    def describe(self) -> str:
        """One line for the user."""
        name = self.album.album
        if self.note:
            return f"{name}: {self.note}"
        left = "; ".join(f"{n} {ALBUM_LEFT_OUT[k]}" for k, n in self.left_out.items())
        genres = "; ".join(self.album.suggestion)
        return f"{name}: {genres} for {len(self.taken)} track(s)" + (f" (left alone: {left})" if left else "")


def decide_albums(ws, data: ReviewData, albums: list[AlbumRow]) -> list[AlbumOutcome]:
    """Give the tracks of each album its pooled suggestion (ReviewData.album_decisions
    says which tracks take it and why the others are left alone)."""
    outcomes = []
    for album in albums:
        out = AlbumOutcome(album)
        if album.folder_group:
            out.note = Message(NO_ALBUM_SUGGESTION, why=Message(FOLDER_GROUP))
        elif not album.suggestion:
            out.note = Message(NO_ALBUM_SUGGESTION_YET) if album.pooled is None else Message(NO_POOLED_GENRE)
        else:
            out.taken, out.left_out = data.album_decisions(album)
        outcomes.append(out)
    # accepted, not overridden: the (pooled) model suggestion, so the write mode applies
    # (fill keeps genres a track already has). All the albums are one undoable step.
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    taken = []
    for out in outcomes:
        if out.taken:
            g, _ = row_decisions(ws, out.taken, "accepted", list(out.album.suggestion))
            for key, ids in g.items():
                groups.setdefault(key, []).extend(ids)
            taken += out.taken
    if taken:
        n_albums = sum(bool(o.taken) for o in outcomes)
        record(ws, groups, album_step(len(taken), n_albums), GROUP)
        mark_rows(data, groups)
    return outcomes


def new_review_data(ws) -> ReviewData:
    """Empty review data for the workspace's model, with its thresholds and write mode."""
    target = ws.tag_target
    return ReviewData(
        ws.info,
        ws.vocab,
        min_confidence=ws.min_confidence,
        max_genres=ws.max_genres,
        write_mode=ws.write_mode,
        mood_threshold=target.mood_threshold if target.writes_mood else None,
        fields=target.fields,
        personal=ws.personal,
    )


def review_data(ws, roots=None) -> ReviewData:
    """The review rows of the tracks under `roots` (all: None), loaded."""
    data = new_review_data(ws)
    data.load(ws.lib, roots)
    return data
