"""Personal genres: the user's own genres learnt from the tracks they confirmed, added to
the base model's genres. Qt-free, and numpy only (no torch, no scikit-learn), so the
packaged app trains one in seconds; `trainer fit --arch head` calls the same `train`.

What a personal model is (docs/personal.md):
- one sigmoid per user genre (one-vs-rest logistic regression, L2) on the track's pooled
  embedding (the base model's `embedding_output`, mean over the analysed patches, stored
  with each analysis), so a track can score low on every user genre;
- negatives for a genre: the user's other confirmed tracks, plus a *background* of varied
  music (embeddings computed once from bundled recordings, `resources/background-
  embeddings.npz`), so music unlike all the user's genres scores low on each of them;
  a background item labelled with the genre itself is not used as its negative;
- scores calibrated by Platt scaling on cross-validated (held-out fold) decision values
  of the user's own tracks and the background; a genre with one confirmed track has no
  held-out check of its own and borrows the calibration of the others (see `train`);
- its labels are the base model's genres plus the user's: a user genre named like a base
  genre (after the vocabulary) replaces that genre's score once its held-out check found
  at least half of the user's tracks of it (before that, the higher of the two scores is
  shown: `PersonalModel.replaces_base`); the others keep the base model's scores
  (`tagger.review.GenreMapper`).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from tagger.messages import (
    BACKGROUND_FORMAT,
    BACKGROUND_UNREADABLE,
    BORROWED_CALIBRATION,
    EMBEDDING_SIZES_DIFFER,
    EMBEDDING_SOURCE,
    EMBEDDINGS_MISMATCH,
    NO_BACKGROUND,
    NOT_A_PERSONAL_MODEL,
    NOT_CALIBRATED,
    NOT_SEPARATED,
    NOTHING_TO_BORROW,
    NOTHING_TO_LEARN,
    ONE_EXAMPLE_WEAK,
    OTHER_EMBEDDING,
    PERSONAL_FORMAT,
    THE_BACKGROUND,
    Message,
)

FORMAT = 1
SUFFIX = ".personal.npz"
DEFAULT_L2 = 10.0  # on standardised features, sum of sample weights = number of samples
MAX_FOLDS = 5
TRUST_HELD_OUT = 5  # fewer held-out tracks of a genre than this: its figures are "a rough check"
# a user genre replaces the base genre of its name once its held-out check ran on this many
# of the user's tracks and found at least half (PersonalModel.replaces_base): a lower bar
# than trusting the figures, since until then the genre is not silent, it only raises
REPLACE_AFTER_CHECKED = 2
BACKGROUND_FILE = "background-embeddings.npz"


class PersonalError(ValueError):
    """Data a personal model cannot be trained on or read from; one line for the user."""

    @property
    def message(self) -> str:
        """The line (a tagger.messages.Message where the core made one)."""
        return self.args[0] if self.args else ""


# ---------------------------------------------------------------- the regression
def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray | None = None,
    l2: float = DEFAULT_L2,
    max_iter: int = 50,
    start: tuple[np.ndarray, float] | None = None,
) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by Newton's method with conjugate-gradient steps
    (Hessian-vector products only, so the cost is O(n·d) per step whatever the embedding
    size). Minimises sum(w·logloss) + l2/2·|coef|² (the intercept is not penalised).
    `start`: (coef, intercept) to start from (a fold's fit starts from the full fit: the
    same optimum, fewer steps). Returns (coef [d], intercept)."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    n, d = x.shape
    w = np.ones(n) if weight is None else np.asarray(weight, np.float64)
    xa = np.hstack([x, np.ones((n, 1))])
    reg = np.full(d + 1, float(l2))
    reg[-1] = 0.0
    theta = np.zeros(d + 1)
    pos = float((w * y).sum())
    neg = float((w * (1 - y)).sum())
    if start is not None:
        theta[:-1], theta[-1] = start
    elif pos > 0 and neg > 0:
        theta[-1] = np.log(pos / neg)

    def loss(t: np.ndarray) -> float:
        z = xa @ t
        return float((w * (np.logaddexp(0.0, z) - y * z)).sum() + 0.5 * (reg * t * t).sum())

    current = loss(theta)
    gnorm0 = 0.0
    for _ in range(max_iter):
        p = _sigmoid(xa @ theta)
        grad = xa.T @ (w * (p - y)) + reg * theta
        if np.abs(grad).max() < 1e-7 * max(1.0, float(w.sum())):
            break
        gnorm0 = gnorm0 or float(np.linalg.norm(grad))
        s = w * p * (1 - p) + 1e-12

        def hessian_times(v: np.ndarray, s: np.ndarray = s) -> np.ndarray:
            return xa.T @ (s * (xa @ v)) + reg * v + 1e-9 * v

        # inexact Newton: a rough step far from the optimum, an exact one near it
        gnorm = float(np.linalg.norm(grad))
        forcing = min(0.1, np.sqrt(gnorm / (gnorm0 or gnorm or 1.0)))
        step = _cg(hessian_times, -grad, iters=max(20, min(d + 1, 200)), tol=max(forcing, 1e-10))
        t = 1.0
        while True:  # backtracking line search
            trial = theta + t * step
            value = loss(trial)
            if value <= current + 1e-4 * t * float(grad @ step) or t < 1e-6:
                break
            t *= 0.5
        improvement = current - value
        theta, current = trial, value
        if improvement < 1e-10 * max(1.0, abs(current)):
            break
    return theta[:-1], float(theta[-1])


def _cg(hv: Callable[[np.ndarray], np.ndarray], b: np.ndarray, iters: int, tol: float = 1e-8) -> np.ndarray:
    """Solve H x = b for a symmetric positive definite H given as products."""
    x = np.zeros_like(b)
    r = b.copy()
    p = r.copy()
    rr = float(r @ r)
    stop = tol * tol * max(rr, 1e-300)
    for _ in range(iters):
        hp = hv(p)
        alpha = rr / float(p @ hp)
        x += alpha * p
        r -= alpha * hp
        new = float(r @ r)
        if new < stop:
            break
        p = r + (new / rr) * p
        rr = new
    return x


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, np.float64)))


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) with P(y=1 | s) = sigmoid(a·s + b), fitted on held-out
    decision values with Platt's smoothed targets (never exactly 0 or 1).

    Monotone: a >= 0. Where the held-out values of a genre's tracks came out *below* the
    others' (a few tracks, unlike one another), the free fit has a < 0 and would score a
    genre's own tracks lowest; the best fit with a >= 0 is then a = 0, one score for
    every track (the genre's share of the data; `train` puts FLAT_LOGIT there instead,
    since a share can be above the threshold: such a genre is never suggested)."""
    y = np.asarray(y, np.float64)
    n_pos, n_neg = float(y.sum()), float(len(y) - y.sum())
    target = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    s = np.asarray(scores, np.float64)[:, None]
    # targets are probabilities: the weighted pair (target, 1 - target) per sample
    xx = np.vstack([s, s])
    yy = np.concatenate([np.ones(len(s)), np.zeros(len(s))])
    ww = np.concatenate([target, 1 - target])
    a, b = fit_logistic(xx, yy, ww, l2=1e-6)
    if a[0] > 0:
        return float(a[0]), b
    share = float(np.clip(target.mean(), 1e-6, 1 - 1e-6))  # the maximum likelihood with a = 0
    return 0.0, float(np.log(share / (1 - share)))


FLAT_LOGIT = float(np.log(1e-3 / (1 - 1e-3)))  # a genre's score when its check told nothing: 0.1 %


def separates(platt_a: float) -> bool:
    """Whether a genre's calibrated score rises with its decision value (`platt`)."""
    return platt_a > 0


# ---------------------------------------------------------------- embeddings and background
@dataclass(frozen=True)
class EmbeddingSource:
    """Which model's embedding a vector is: vectors of two sources are not comparable."""

    model_key: str  # name@version
    embedding_output: str
    dim: int

    def describe(self) -> str:
        return Message(EMBEDDING_SOURCE, model=self.model_key, output=self.embedding_output, dim=self.dim)


def source_of(info) -> EmbeddingSource | None:
    """The embedding a model file (tagger.modelfile.ModelInfo) gives, if any. The size is
    not in the metadata: 0 until a vector is seen (`with_dim`)."""
    if not getattr(info, "embedding_output", None):
        return None
    return EmbeddingSource(info.key, info.embedding_output, 0)


def file_digest(path: str | Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def pool_embeddings(patch_embeddings: np.ndarray) -> np.ndarray:
    """A track's embedding: the mean over its analysed patches (float32)."""
    return np.asarray(patch_embeddings, np.float64).mean(axis=0).astype(np.float32)


def to_blob(vector: np.ndarray) -> bytes:
    """The stored form of a pooled embedding: little-endian float16 bytes."""
    return np.asarray(vector, "<f2").tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    return None if not blob else np.frombuffer(blob, "<f2").astype(np.float32)


def blobs_to_matrix(blobs: Sequence[bytes]) -> np.ndarray:
    """Many stored embeddings of one size -> float32 [n, d] in one pass."""
    if not blobs:
        return np.zeros((0, 0), np.float32)
    return np.frombuffer(b"".join(blobs), "<f2").reshape(len(blobs), -1).astype(np.float32)


@dataclass
class Background:
    """Pooled embeddings of varied music (and some non-music), made once from bundled
    recordings by `trainer background` and shipped as data."""

    embeddings: np.ndarray  # [n, d] float32
    labels: list[str]  # rough genre of each item ("non-music" for speech, animals...)
    groups: list[str]  # source recording of each item (kept in one fold)
    source: EmbeddingSource
    model_digest: str  # sha256 of the model file the embeddings were computed with
    path: str = ""
    command: str = ""  # how to make it again

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        meta = {
            "format": FORMAT,
            "source": asdict(self.source),
            "model_digest": self.model_digest,
            "labels": self.labels,
            "groups": self.groups,
            "command": self.command,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp.npz")
        np.savez_compressed(tmp, embeddings=self.embeddings.astype(np.float16), meta=np.array(json.dumps(meta)))
        tmp.replace(path)
        return path


def bundled_background_path() -> Path:
    from tagger.paths import resources_dir

    return resources_dir() / BACKGROUND_FILE


# what reading a cut-short or altered .npz raises besides OSError and ValueError: the zip
# directory missing or a member's checksum wrong, a compressed member's stream broken
DAMAGED_ARCHIVE: tuple[type[Exception], ...] = (zipfile.BadZipFile, zlib.error)


def load_background(path: str | Path | None = None) -> Background:
    path = Path(path) if path else bundled_background_path()
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            emb = z["embeddings"].astype(np.float32)
    except DAMAGED_ARCHIVE as exc:
        raise PersonalError(Message(BACKGROUND_UNREADABLE, path=path, reason=f"a damaged archive ({exc})")) from None
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise PersonalError(Message(BACKGROUND_UNREADABLE, path=path, reason=str(exc) or type(exc).__name__)) from None
    if meta.get("format") != FORMAT:
        raise PersonalError(Message(BACKGROUND_FORMAT, path=path, found=meta.get("format"), wanted=FORMAT))
    return Background(
        emb,
        list(meta["labels"]),
        list(meta["groups"]),
        EmbeddingSource(**meta["source"]),
        meta["model_digest"],
        str(path),
        meta.get("command", ""),
    )


# ---------------------------------------------------------------- the model
@dataclass
class GenreReport:
    """What was learnt for one genre and how reliable its held-out check was."""

    name: str
    examples: int  # confirmed tracks with this genre
    held_out: int = 0  # of them scored by a model that had not seen them
    found: int = 0  # of those, at or above the threshold
    others_held_out: int = 0  # the user's other tracks scored held out
    false_alarms: int = 0  # of those, wrongly at or above the threshold
    # own | flat (its own check: scores did not rise with its tracks, so one low score for
    # all) | shared (borrowed from the other genres) | none (nothing to calibrate with)
    calibration: str = "own"

    def replaces_base(self) -> bool:
        """Whether this genre has earned the right to replace a base genre of its name
        (`PersonalModel.replaces_base`): its held-out check ran on at least
        REPLACE_AFTER_CHECKED of the user's tracks and found at least half of them."""
        return self.held_out >= REPLACE_AFTER_CHECKED and 2 * self.found >= self.held_out

    def effect(self, base_genres) -> str | None:
        """What this genre does to the base model's genre of its name: "replaces",
        "raises" (only raises it, until it has earned `replaces_base`), or None when the
        base model has no such genre (`base_genres`: its genre names, as the vocabulary
        spells them)."""
        if self.name not in base_genres:
            return None
        return "replaces" if self.replaces_base() else "raises"

    def rough(self) -> bool:
        """Its held-out figures rest on too few tracks to read much into them."""
        return 0 < self.held_out < TRUST_HELD_OUT

    def describe(self, threshold: float, base_genres=()) -> str:
        """One plain sentence (and what it does to the base model's genre of its name)."""
        n = self.examples
        head = f"{self.name}: {n} confirmed track{'s' if n != 1 else ''}"
        if n == 1:
            text = head + " (one example is weak: confirm a few more to make it reliable)."
        elif not self.held_out:
            text = head + "; no held-out check was possible."
        else:
            check = (
                f"held-out check: {self.found} of {self.held_out} found at {threshold:.0%} or more"
                + (
                    f", {self.false_alarms} of {self.others_held_out} other tracks wrongly"
                    if self.others_held_out
                    else ""
                )
                + "."
            )
            if self.rough():
                check += f" {self.held_out} test track{'s' if self.held_out != 1 else ''}: a rough check."
            text = f"{head}; {check}"
        effect = self.effect(base_genres)
        if effect == "replaces":
            text += f" It takes the place of the model's own {self.name}."
        elif effect == "raises":
            text += (
                f" It can only raise the model's own {self.name} until its check finds at least half of"
                " two or more of your tracks."
            )
        return text


@dataclass
class PersonalModel:
    genres: list[str]  # the user's genres, as the vocabulary spells them
    source: EmbeddingSource
    mean: np.ndarray  # [d] standardisation
    inv_std: np.ndarray  # [d]
    coef: np.ndarray  # [d, k]
    intercept: np.ndarray  # [k]
    platt_a: np.ndarray  # [k]
    platt_b: np.ndarray  # [k]
    decisions: int = 0  # confirmed tracks it was trained on
    background: int = 0  # background items used
    created_at: float = field(default_factory=time.time)
    reports: list[GenreReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    threshold: float = 0.5  # the threshold the held-out check counted at
    path: str = ""

    def decision_values(self, embeddings: np.ndarray) -> np.ndarray:
        z = (np.asarray(embeddings, np.float64) - self.mean) * self.inv_std
        return z @ self.coef + self.intercept

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        """Calibrated probability of each user genre, [n, k] float32."""
        e = np.asarray(embeddings, np.float32)
        if e.ndim == 1:
            e = e[None, :]
        if e.shape[1] != self.coef.shape[0]:
            raise PersonalError(
                Message(EMBEDDINGS_MISMATCH, got=e.shape[1], reads=self.coef.shape[0], source=self.source.describe())
            )
        return _sigmoid(self.platt_a * self.decision_values(e) + self.platt_b).astype(np.float32)

    def replaces_base(self) -> np.ndarray:
        """[k] bool: which user genres have earned the right to replace a base genre of
        the same name (`tagger.review.GenreMapper`): those whose held-out check ran on at
        least two of the user's tracks and found at least half of them. The others can
        only raise that genre's score (the higher of the two is shown): a genre taught
        from one example, or one the check found poorly, must not silence what the base
        model knows (a user's 6 Jazz tracks found 1 in 6 held out turned the bundled
        model's Jazz 85 % into 4 %)."""
        trusted = {r.name for r in self.reports if r.replaces_base()}
        return np.array([g in trusted for g in self.genres], dtype=bool)

    def summary(self) -> str:
        """'personal model (Jazz, Folk, Waltz) from 37 decisions'."""
        return f"personal model ({', '.join(self.genres)}) from {self.decisions} decision{'s' if self.decisions != 1 else ''}"

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        meta = {
            "format": FORMAT,
            "genres": self.genres,
            "source": asdict(self.source),
            "decisions": self.decisions,
            "background": self.background,
            "created_at": self.created_at,
            "reports": [asdict(r) for r in self.reports],
            "notes": self.notes,
            "threshold": self.threshold,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp.npz")
        np.savez(
            tmp,
            meta=np.array(json.dumps(meta, ensure_ascii=False)),
            mean=self.mean,
            inv_std=self.inv_std,
            coef=self.coef,
            intercept=self.intercept,
            platt_a=self.platt_a,
            platt_b=self.platt_b,
        )
        tmp.replace(path)
        self.path = str(path)
        return path


def load(path: str | Path) -> PersonalModel:
    """Read a personal model file; PersonalError with one line when it cannot be used."""
    path = Path(path)
    try:
        z = np.load(path, allow_pickle=False)
    except EOFError:  # an empty file
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason="the file is empty")) from None
    except OSError as exc:
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason=str(exc))) from None
    except ValueError:  # numpy's words for it tell of pickles, which are never read here
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason="not a NumPy .npz archive")) from None
    except DAMAGED_ARCHIVE as exc:  # cut short (a partial copy or restore), or bytes changed
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason=f"a damaged archive ({exc})")) from None
    if not hasattr(z, "files"):  # a single array (.npy), not an archive
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason="not a NumPy .npz archive"))
    try:
        with z:
            meta = json.loads(str(z["meta"]))
            arrays = {
                k: z[k].astype(np.float64) for k in ("mean", "inv_std", "coef", "intercept", "platt_a", "platt_b")
            }
    except DAMAGED_ARCHIVE as exc:
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason=f"a damaged archive ({exc})")) from None
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason=str(exc) or type(exc).__name__)) from None
    if not isinstance(meta, dict):
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason="its metadata is not an object"))
    if meta.get("format") != FORMAT:
        raise PersonalError(Message(PERSONAL_FORMAT, path=path, found=meta.get("format"), wanted=FORMAT))
    try:
        model = PersonalModel(
            genres=list(meta["genres"]),
            source=EmbeddingSource(**meta["source"]),
            decisions=int(meta.get("decisions", 0)),
            background=int(meta.get("background", 0)),
            created_at=float(meta.get("created_at", 0.0)),
            reports=[GenreReport(**r) for r in meta.get("reports", [])],
            notes=list(meta.get("notes", [])),
            threshold=float(meta.get("threshold", 0.5)),
            path=str(path),
            **arrays,
        )
    except (KeyError, TypeError, ValueError) as exc:  # a field missing, unknown or of the wrong type
        reason = f"its metadata is incomplete or damaged ({type(exc).__name__}: {exc})"
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason=reason)) from None
    inconsistency = _inconsistency(model)
    if inconsistency:
        raise PersonalError(Message(NOT_A_PERSONAL_MODEL, path=path, reason=inconsistency))
    _flatten_inverted(model)
    return model


def _flatten_inverted(model: PersonalModel) -> None:
    """A file made before `platt` was monotone can hold a negative slope, which ranks a
    genre's own tracks last: that genre is read as flat (never suggested, and said so);
    the model's other genres are used as they are. Retraining (learn-as-you-review, or
    Train) makes it whole again."""
    inverted = [j for j in range(len(model.genres)) if model.platt_a[j] < 0]
    if not inverted:
        return
    model.platt_a[inverted], model.platt_b[inverted] = 0.0, FLAT_LOGIT
    by_name = {r.name: r for r in model.reports}
    for j in inverted:
        report = by_name.get(model.genres[j])
        if report is not None:
            report.calibration, report.found = "flat", 0
    model.notes.append(Message(NOT_SEPARATED, genres=", ".join(model.genres[j] for j in inverted)))


def _inconsistency(model: PersonalModel) -> str | None:
    """Why a model read from a file cannot score (arrays whose sizes disagree, values that
    are not numbers, genre names no genre may have), or None. Checked when the file is
    read: a model taken into use and found broken at the next analysis stopped every
    command with numpy's words, naming neither the model nor its file."""
    from tagger.vocabulary import genre_name_problem

    k = len(model.genres)
    if not k or not all(isinstance(g, str) for g in model.genres):
        return "it names no genres"
    if len({_norm(g) for g in model.genres}) != k:
        return "it names a genre twice"
    for g in model.genres:
        problem = genre_name_problem(g)
        if problem:
            return f"genre {g!r}: {problem}"
    if model.coef.ndim != 2 or model.coef.shape[1] != k:
        return f"its weights are not one column per genre ({k} genres, weights {model.coef.shape})"
    d = model.coef.shape[0]
    if model.source.dim and model.source.dim != d:
        return f"its weights read {d} values, its embedding has {model.source.dim}"
    sizes = {"mean": d, "inv_std": d, "intercept": k, "platt_a": k, "platt_b": k}
    for name, size in sizes.items():
        if getattr(model, name).shape != (size,):
            return f"{name} holds {getattr(model, name).shape} values, not ({size},)"
    for name in ("coef", *sizes):
        if not np.isfinite(getattr(model, name)).all():
            return f"{name} holds values that are not numbers"
    return None


def check_source(model_source: EmbeddingSource, wanted: EmbeddingSource, what: str) -> None:
    """Refuse vectors of another model's embedding, with the fix in the message."""
    if (model_source.model_key, model_source.embedding_output) != (wanted.model_key, wanted.embedding_output) or (
        model_source.dim and wanted.dim and model_source.dim != wanted.dim
    ):
        raise PersonalError(
            Message(OTHER_EMBEDDING, what=what, source=model_source.describe(), wanted=wanted.describe())
        )


# ---------------------------------------------------------------- training
@dataclass
class Example:
    embedding: np.ndarray  # [d] pooled
    genres: list[str]  # confirmed, as the vocabulary spells them
    group: str = ""  # tracks of one group (album) are kept in one fold


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z&+]", "", name.casefold())


def train(
    examples: Sequence[Example],
    background: Background | None,
    source: EmbeddingSource,
    *,
    threshold: float = 0.5,
    same: Callable[[str, str], bool] | None = None,
    l2: float = DEFAULT_L2,
    seed: int = 0,
) -> PersonalModel:
    """Fit one calibrated sigmoid per genre of `examples` (see the module docstring).

    Calibration: Platt scaling of held-out decision values from k-fold cross-validation
    (k = min(5, groups of the genre's tracks); folds keep a group, e.g. an album, whole).
    With tiny data: a genre with one confirmed track (or one group) cannot be held out
    from its own training, so it gets the Platt parameters fitted on the pooled held-out
    values of the genres that could be checked; when no genre could, the plain fitted
    probabilities are used (calibration "none") and the notes say so."""
    same = same or (lambda a, b: _norm(a) == _norm(b))
    if not examples:
        raise PersonalError(Message(NOTHING_TO_LEARN))
    dims = {len(e.embedding) for e in examples}
    if len(dims) != 1:
        raise PersonalError(Message(EMBEDDING_SIZES_DIFFER, sizes=sorted(dims)))
    d = dims.pop()
    source = EmbeddingSource(source.model_key, source.embedding_output, d)
    notes: list[str] = []
    x_user = np.stack([np.asarray(e.embedding, np.float64) for e in examples])
    if background is not None:
        check_source(background.source, source, Message(THE_BACKGROUND, where=background.path or "bundled"))
        x_bg = background.embeddings.astype(np.float64)
        bg_labels, bg_groups = background.labels, [f"bg:{g}" for g in background.groups]
    else:
        x_bg, bg_labels, bg_groups = np.zeros((0, d)), [], []
        notes.append(Message(NO_BACKGROUND))
    x = np.vstack([x_user, x_bg])
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    inv_std = 1.0 / np.where(std > 1e-6, std, 1.0)
    z = (x - mean) * inv_std
    n_user = len(examples)
    groups = [e.group or f"track:{i}" for i, e in enumerate(examples)] + bg_groups

    genres: list[str] = []
    for e in examples:
        for g in e.genres:
            if not any(_norm(g) == _norm(h) for h in genres):
                genres.append(g)
    genres.sort(key=str.casefold)
    k = len(genres)
    coef = np.zeros((d, k))
    intercept = np.zeros(k)
    platt_a = np.ones(k)
    platt_b = np.zeros(k)
    reports: list[GenreReport] = []
    oof_pool: list[tuple[np.ndarray, np.ndarray]] = []
    lacking: list[int] = []
    rng = np.random.default_rng(seed)
    normed = [{_norm(h) for h in e.genres} for e in examples]
    for j, g in enumerate(genres):
        y_user = np.array([_norm(g) in names for names in normed], np.float64)
        use_bg = np.array([not same(label, g) for label in bg_labels], bool)
        keep = np.concatenate([np.ones(n_user, bool), use_bg])
        y = np.concatenate([y_user, np.zeros(len(bg_labels))])[keep]
        zz = z[keep]
        gg = [groups[i] for i in np.flatnonzero(keep)]
        w = _balanced(y)
        coef[:, j], intercept[j] = fit_logistic(zz, y, w, l2)
        report = GenreReport(g, int(y_user.sum()))
        folds = _folds(y, gg, rng)
        if folds is None:
            lacking.append(j)
            report.calibration = "shared"
        else:
            oof = np.zeros(len(y))
            for held in folds:
                tr = np.ones(len(y), bool)
                tr[held] = False
                c, b = fit_logistic(zz[tr], y[tr], _balanced(y[tr]), l2, start=(coef[:, j], intercept[j]))
                oof[held] = zz[held] @ c + b
            platt_a[j], platt_b[j] = platt(oof, y)
            if not separates(platt_a[j]):  # one score for all: one that is never suggested
                report.calibration = "flat"
                platt_b[j] = FLAT_LOGIT
            oof_pool.append((oof, y))
            p = _sigmoid(platt_a[j] * oof + platt_b[j])[:n_user]
            user_pos = y[:n_user] > 0
            report.held_out = int(user_pos.sum())
            report.found = int((p[user_pos] >= threshold).sum())
            report.others_held_out = int((~user_pos).sum())
            report.false_alarms = int((p[~user_pos] >= threshold).sum())
        reports.append(report)
    if lacking:
        names = ", ".join(genres[j] for j in lacking)
        a, b = (0.0, 0.0)
        if oof_pool:
            a, b = platt(np.concatenate([o for o, _ in oof_pool]), np.concatenate([y for _, y in oof_pool]))
        if separates(a):
            for j in lacking:
                platt_a[j], platt_b[j] = a, b
            notes.append(Message(BORROWED_CALIBRATION, genres=names))
        else:  # nothing to borrow: the plain fitted probabilities (platt_a 1, platt_b 0)
            for j in lacking:
                reports[j].calibration = "none"
            notes.append(Message(NOT_CALIBRATED if not oof_pool else NOTHING_TO_BORROW, genres=names))
    flat = [r.name for r in reports if r.calibration == "flat"]
    if flat:
        notes.append(Message(NOT_SEPARATED, genres=", ".join(flat)))
    single = [r.name for r in reports if r.examples == 1]
    if single:
        notes.append(Message(ONE_EXAMPLE_WEAK, genres=", ".join(single)))
    return PersonalModel(
        genres=genres,
        source=source,
        mean=mean,
        inv_std=inv_std,
        coef=coef,
        intercept=intercept,
        platt_a=platt_a,
        platt_b=platt_b,
        decisions=n_user,
        background=int(len(x_bg)),
        reports=reports,
        notes=notes,
        threshold=threshold,
    )


def _balanced(y: np.ndarray) -> np.ndarray:
    """Sample weights: positives and negatives weigh the same in total; mean weight 1."""
    n = len(y)
    pos = max(float(y.sum()), 1.0)
    neg = max(float(n - y.sum()), 1.0)
    return np.where(y > 0, n / (2 * pos), n / (2 * neg))


def _folds(y: np.ndarray, groups: list[str], rng) -> list[np.ndarray] | None:
    """Held-out folds keeping each group whole, positives spread over the folds; None
    when the positives are in fewer than two groups (nothing to hold out)."""
    pos_groups = sorted({g for g, t in zip(groups, y) if t > 0})
    if len(pos_groups) < 2:
        return None
    k = min(MAX_FOLDS, len(pos_groups))
    fold_of: dict[str, int] = {}
    order = rng.permutation(len(pos_groups))
    for i, gi in enumerate(order):
        fold_of[pos_groups[gi]] = i % k
    others = sorted({g for g in groups if g not in fold_of})
    for i, gi in enumerate(rng.permutation(len(others))):
        fold_of[others[gi]] = i % k
    assignment = np.array([fold_of[g] for g in groups])
    return [np.flatnonzero(assignment == f) for f in range(k)]
