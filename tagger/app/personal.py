"""The personal model of a library: trained from the confirmed tracks' stored embeddings
(no decoding, except for confirmed tracks analysed before embeddings were stored), kept
on disk with the one it replaced, loaded with the workspace, and used to re-score the
review rows (tagger.review.ReviewData.set_personal). The train dialog, the
learn-as-you-review loop in the GUI and the trainer's `fit --arch head` all train through
`tagger.personal.train`. Qt-free.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path

from tagger import db
from tagger.messages import (
    NO_EMBEDDING_OUTPUT,
    NO_EMBEDDING_OUTPUT_SHORT,
    ONE_EXAMPLE_WEAK,
    PERSONAL_NOT_USED,
    THE_PERSONAL_MODEL,
    Message,
)
from tagger.personal import (
    SUFFIX,
    Background,
    EmbeddingSource,
    Example,
    PersonalError,
    PersonalModel,
    check_source,
    from_blob,
    load,
    load_background,
    source_of,
    train,
)
from tagger.training_data import (
    genre_counts,
    group_note,
    personal_blocker,
    stale_note,
    training_set,
    unify_spellings,
    weak_genres,
)
from tagger.vocabulary import BaseGenres

ACTIVE_KEY = "personal_model"  # meta: the file in use
PREVIOUS_KEY = "personal_model_previous"  # meta: the one it replaced ("go back")
KEEP = 6  # model files kept per library


@dataclass
class TrainOutcome:
    model: PersonalModel | None
    counts: dict[str, int]  # confirmed tracks per genre (tagger.training_data.genre_counts)
    blocker: str = ""  # why nothing was trained
    base_genres: Container[str] = frozenset()  # the base model's genres (what a user genre may replace)
    analysed_now: int = 0  # confirmed tracks analysed now (no stored embedding yet)
    left_out: dict[str, str] = field(default_factory=dict)  # path -> why it could not be used
    missing: int = 0  # confirmed tracks no longer on disk
    accepted_in_groups: int = 0  # suggestions accepted with others: not learnt from
    stale: int = 0  # decided for other audio than the file holds now: not learnt from
    seconds: float = 0.0

    def training_notes(self) -> list[str]:
        """What training found that the genres' own lines do not say (PersonalModel.notes:
        borrowed or missing calibration, a genre its check could not tell apart; not the
        one-example warning, said on a line of its own)."""
        if self.model is None:
            return []
        return [n for n in self.model.notes if getattr(n, "template", None) != ONE_EXAMPLE_WEAK]

    def lines(self, threshold: float) -> list[str]:
        """What was learnt and how reliable the check was, in plain words."""
        if self.model is None:
            return [self.blocker]
        m = self.model
        out = [
            f"Learnt {len(m.genres)} genre{'s' if len(m.genres) != 1 else ''} from {m.decisions} confirmed "
            f"track{'s' if m.decisions != 1 else ''}, against {m.background} pieces of varied background music."
        ]
        out += [r.describe(threshold, self.base_genres) for r in m.reports]
        weak = weak_genres(self.counts)
        if weak:
            out.append(f"One example is weak: {', '.join(weak)}. Confirm a few more tracks of each.")
        if self.analysed_now:
            out.append(f"{self.analysed_now} confirmed track(s) were analysed again to read their sound.")
        if self.left_out:
            out.append(f"{len(self.left_out)} confirmed track(s) could not be used (unreadable).")
        if self.missing:
            out.append(f"{self.missing} confirmed track(s) are no longer on disk and were left out.")
        if self.accepted_in_groups:
            out.append(group_note(self.accepted_in_groups))
        if self.stale:
            out.append(stale_note(self.stale))
        out += [f"Note: {note}." for note in self.training_notes()]  # (the app's words: gui/personal_words.py)
        return out


def base_genres(ws) -> BaseGenres:
    """The genres of the workspace's model that a user genre of the same name may
    replace (matched by canonical name, as the review table's mapping does)."""
    return ws.vocab.base_genres(ws.require_model())


def library_source(ws) -> EmbeddingSource:
    info = ws.require_model()
    src = source_of(info)
    if src is None:
        raise PersonalError(Message(NO_EMBEDDING_OUTPUT, model=info.key))
    return src


def train_library(
    ws,
    *,
    background: Background | None = None,
    analyse_missing: bool = True,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[str], None] | None = None,
) -> TrainOutcome:
    """Train a personal model from the library's confirmed tracks (does not activate it).
    Confirmed tracks without a stored embedding are analysed now (`analyse_missing`)."""
    started = time.perf_counter()
    source = library_source(ws)
    info = ws.info
    found = training_set(ws.lib)
    canonical = ws.vocab.canonical
    counts = genre_counts([t.genres for t in found.tracks], canonical)
    outcome = TrainOutcome(
        None,
        counts,
        personal_blocker(counts, found.accepted_in_groups, len(found.missing), found.stale),
        missing=len(found.missing),
        accepted_in_groups=found.accepted_in_groups,
        stale=found.stale,
    )
    outcome.base_genres = base_genres(ws)
    if outcome.blocker:
        return outcome
    blobs = db.analyses.embeddings_for(ws.lib, [t.content_id for t in found.tracks if t.content_id], info.key)
    lacking = [t for t in found.tracks if not (t.content_id and t.content_id in blobs)]
    if lacking and analyse_missing:
        outcome.analysed_now, outcome.left_out = _analyse(ws, lacking, blobs, should_stop, progress)
    examples = []
    for t, genres in zip(found.tracks, unify_spellings([t.genres for t in found.tracks], canonical)):
        blob = blobs.get(t.content_id or "")
        if blob is None:
            outcome.left_out.setdefault(t.path, "no stored embedding")
            continue
        vector = from_blob(blob)
        assert vector is not None  # (a stored blob is never empty)
        examples.append(Example(vector, genres, t.group))
    if not examples:
        outcome.blocker = "None of the confirmed tracks could be read to learn from."
        return outcome
    outcome.counts = genre_counts([e.genres for e in examples])
    if progress:
        progress(f"learning {len(outcome.counts)} genres from {len(examples)} tracks")
    if background is None:
        background = load_background()
    outcome.model = train(examples, background, source, threshold=ws.min_confidence, same=ws.vocab.same)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _analyse(ws, tracks, blobs: dict[str, bytes], should_stop, progress) -> tuple[int, dict[str, str]]:
    """Analyse confirmed tracks that have no stored embedding (made before embeddings
    were stored, or never analysed), in this thread; store the results as the analysis
    job does."""
    from tagger.analyze import analyze_file
    from tagger.model import Model

    info = ws.info
    model = Model(ws.model_path, device="cpu", threads=1)
    ws.lib.register_model(info)
    done, failed = 0, {}
    for i, t in enumerate(tracks):
        if should_stop and should_stop():
            break
        if progress:
            progress(f"reading the sound of confirmed track {i + 1} of {len(tracks)}")
        result = analyze_file(t.path, None, ws.patches, model=model)
        if result["status"] != "ok" or not result.get("embedding") or not t.content_id:
            failed[t.path] = result.get("error") or "no embedding"
            continue
        db.analyses.store(ws.lib, t.content_id, info.key, result, ws.patches)
        blobs[t.content_id] = result["embedding"]
        done += 1
    return done, failed


# ---------------------------------------------------------------- keeping and choosing
def models_dir(lib) -> Path:
    """Where this library's personal models are kept (one folder per library file)."""
    from tagger.paths import data_dir

    path = Path(lib.path).resolve()
    tag = hashlib.blake2b(str(path).encode(), digest_size=4).hexdigest()
    return data_dir() / "personal" / f"{path.stem}-{tag}"


def activate(ws, model: PersonalModel) -> Path:
    """Save `model`, make it the library's personal model and remember the one it
    replaces (for `go_back`)."""
    folder = models_dir(ws.lib)
    path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{int(time.time() * 1000) % 1000:03d}{SUFFIX}"
    model.save(path)
    try:
        previous = db.meta.get(ws.lib, ACTIVE_KEY)
        db.meta.put(ws.lib, PREVIOUS_KEY, previous)
        db.meta.put(ws.lib, ACTIVE_KEY, str(path))
    except BaseException:  # (a locked or full library): no model file left that nothing uses
        path.unlink(missing_ok=True)
        raise
    ws.personal, ws.personal_note = model, ""
    _prune(folder, keep={str(path), previous or ""})
    return path


def use_file(ws, path: str | Path) -> Path:
    """Make a personal model file made elsewhere (`trainer fit --arch head`, another
    library) this library's personal model: refused with one line (PersonalError) when it
    cannot be read or reads another model's embedding. A copy is kept with the library's
    models, so the file given may move or go; returns the copy's path."""
    model = load(path)
    src = source_of(ws.require_model())
    if src is None:
        raise PersonalError(Message(NO_EMBEDDING_OUTPUT_SHORT, model=ws.info.key))
    check_source(model.source, src, Message(THE_PERSONAL_MODEL))
    return activate(ws, model)


def go_back(ws) -> PersonalModel | None:
    """Use the personal model in use before the last change again (None: there was none,
    so no personal model is used). The current one becomes the one to go back to."""
    current = db.meta.get(ws.lib, ACTIVE_KEY)
    previous = db.meta.get(ws.lib, PREVIOUS_KEY)
    db.meta.put(ws.lib, ACTIVE_KEY, previous)
    db.meta.put(ws.lib, PREVIOUS_KEY, current)
    load_active(ws)
    return ws.personal


def can_go_back(ws) -> bool:
    return db.meta.get(ws.lib, PREVIOUS_KEY) is not None or db.meta.get(ws.lib, ACTIVE_KEY) is not None


def stop_using(ws) -> None:
    """No personal model: the base model's genres only (the current one can be gone back to)."""
    current = db.meta.get(ws.lib, ACTIVE_KEY)
    if current is not None:
        db.meta.put(ws.lib, PREVIOUS_KEY, current)
    db.meta.put(ws.lib, ACTIVE_KEY, None)
    ws.personal, ws.personal_note = None, ""


def load_active(ws) -> None:
    """Read the library's personal model into the workspace. One that cannot be used
    (file gone or unreadable, made for another model's embedding) is not used, and
    `ws.personal_note` says why."""
    ws.personal, ws.personal_note = None, ""
    path = db.meta.get(ws.lib, ACTIVE_KEY)
    if not path or ws.info is None:
        return
    try:
        model = load(path)
        src = source_of(ws.info)
        if src is None:
            raise PersonalError(Message(NO_EMBEDDING_OUTPUT_SHORT, model=ws.info.key))
        check_source(model.source, src, Message(THE_PERSONAL_MODEL))
    except PersonalError as exc:
        ws.personal_note = Message(PERSONAL_NOT_USED, reason=exc.message)
        return
    ws.personal = model


def _prune(folder: Path, keep: set[str]) -> None:
    files = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.name, reverse=True)
    for old in files[KEEP:]:
        if str(old) not in keep:
            old.unlink(missing_ok=True)
