"""The core's sentences for people, as values the GUI can translate.

A `Message` is a stable English template with named placeholders plus its parameters.
It *is* the English line (a `str` subclass: the CLI prints it, the library stores it,
logs and tests compare it, all unchanged), and it keeps what made it, so the GUI
translates the template by key (context "core") and fills in the same parameters
(tagger/gui/core_text.py). A parameter may itself be a Message (translated too); any
other text (an OS error, a file name, a model key) is shown as it is.

Every template is declared here, once, with `_template`: scripts/translations.sh lists
them for lupdate from `TEMPLATES` (scripts/core_strings.py), so a new or changed sentence
reaches the .ts files with no second copy to keep in step.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

TEMPLATES: list[str] = []


def _template(text: str) -> str:
    TEMPLATES.append(text)
    return text


class Message(str):
    """An English line that remembers its template and parameters."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = params
        return self

    def __reduce__(self):  # pickled across worker processes as what it is
        return (_rebuild, (self.template, dict(self.params)))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def placeholders(template: str) -> set[str]:
    """The named placeholders of a template ({model}, {score:.2f} -> {"model", "score"})."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# ----------------------------------------------------- why a track has no suggestion
# (tagger.suggestion, tagger.app.decisions)
MAX_GENRES_ZERO = _template("the maximum number of genres is 0")
NO_GENRE_LABELS = _template("the model has no genre labels")
BEST_BELOW_THRESHOLD = _template("its best genre, {genre} ({score:.2f}), is below the threshold {threshold:g}")
BEST_BELOW_THRESHOLD_SHORT = _template("best genre below the threshold")
FILE_UNREADABLE = _template("the file could not be read: {error}")
FILE_UNREADABLE_NO_REASON = _template("the file could not be read")
NOT_ANALYSED_BY = _template("not analysed by {model}")
ANALYSIS_FAILED = _template("its analysis by {model} failed: {error}")
THE_MODEL = _template("the model")

# ----------------------------------------------------- what a genre name may hold (tagger.review)
GENRE_CONTROL_CHARACTER = _template(
    "'{genre}' cannot be a genre: it holds a control character (a tab, a line break) or a text-direction override"
)
GENRE_NOT_TEXT = _template(
    "{genre} is not text: it holds bytes that are not UTF-8 (type the name again, or set the terminal to UTF-8)"
)
GENRE_TOO_LONG = _template("a genre name of {length} characters is too long (at most {most})")

# ----------------------------------------------------- album actions (tagger.app.decisions)
NO_ALBUM_SUGGESTION = _template("no album suggestion: {why}")
FOLDER_GROUP = _template(
    "loose files grouped by folder (no album tag), not an album: accept or override their own suggestions instead"
)
NO_ALBUM_SUGGESTION_YET = _template("no album suggestion yet (no track of the album is analysed)")
NO_POOLED_GENRE = _template("no album suggestion: no genre of the pooled scores reaches the threshold")

# ----------------------------------------------------- a write batch stopped by an error (tagger.apply)
WRITTEN_BEFORE_ERROR = _template("{files} file(s) were written before it: `tagger undo {batch}` puts them back")

# ----------------------------------------------------- the safe writer (tagger.safewrite)
FILE_GONE = _template("file no longer exists")
NOT_REGULAR = _template("not a regular file")
READ_ONLY_FS = _template("read-only file system")
READ_ONLY_FILE = _template("read-only file")
READ_ONLY_FOLDER = _template("read-only folder")
NO_WRITE_PERMISSION = _template("permission denied: you may not write this file (owner {owner}, {mode})")
NO_FOLDER_PERMISSION = _template("permission denied: you may not create files in its folder (the safe copy goes there)")
HARD_LINKS = _template("file has {links} hard links (rewriting it would separate them)")
OTHER_OWNER = _template("the file belongs to {owner}: rewriting it would make it yours")
OTHER_GROUP = _template("the file's group is {group}, which you are not in: rewriting it would change its group")
CANNOT_KEEP_OWNER = _template(
    "cannot keep the file's owner and group ({owner}:{group}): rewriting it would change them"
)
CANNOT_KEEP_OWNER_SHORT = _template("cannot keep the file's owner and group: rewriting it would change them")
CANNOT_KEEP_MODE = _template("cannot keep the file's permissions ({mode}, the copy got {got})")
CANNOT_KEEP_ACL = _template("cannot keep the file's access control list (ACL)")
CANNOT_WRITE_TAG = _template("could not write the tag: {reason}")
VERIFY_UNREADABLE = _template("verification failed: the written file is unreadable ({reason})")
VERIFY_READ_BACK = _template("verification failed: {what} read back {got!r}, expected {wanted!r}")
VERIFY_OTHER_CHANGED = _template("verification failed: {field} changed ({old!r} -> {new!r})")
VERIFY_PLAYER = _template("verification failed: a player would read other audio ({why})")
VERIFY_REBUILT = _template("verification failed: the rebuilt file is not the original")
CANCELLED_BEFORE_REPLACE = _template("cancelled before replacing the file ({reason})")
VERIFY_AUDIO_CHANGED = _template("verification failed: the audio data would change")
CHANGED_WHILE_WRITING = _template("file changed while its tags were being written")
ANOTHER_WRITER = _template("another Genre Tagger has been writing this file for a minute: try again later")
NO_TEMP_FILE = _template("could not create a temporary file")

# ----------------------------------------------------- undo of a write (tagger.apply)
UNDO_FILE_GONE = _template(
    "file does not exist (if it was moved or renamed, scan its new folder with `tagger scan` and undo again)"
)
UNDO_NOT_WRITTEN = _template("not written: the write stopped before this file")
UNDO_OTHER_AUDIO = _template(
    "the file here holds other audio now (renamed, swapped or replaced since the write); nothing was put "
    "back into it: scan the folder the written file is in now (`tagger scan`, or Rescan in the app) and undo again"
)
TAGS_ONLY_CHANGED = _template("restored tags only: file changed since")
TAGS_ONLY_NO_IMAGE = _template("restored tags only: no byte-exact image was kept for this file")
# the values of a tag field, as "{what} changed on disk" names them
FIELD_VALUES = {
    "genre": _template("genres"),
    "style": _template("style"),
    "grouping": _template("grouping"),
    "mood": _template("mood"),
}
CHANGED_SINCE_PLANNED = _template(
    "{what} changed on disk since planned ({current} instead of {old}); "
    "left alone: rescan (`tagger scan`, or Rescan in the app) and review it again"
)
CHANGED_SINCE_WRITTEN = _template(
    "{what} changed on disk since this batch wrote them ({current} instead of {old}); left alone"
)
AUDIO_CHANGED = _template(
    "the audio changed since it was analysed (another file under this name?); left alone: "
    "re-analyse it (`tagger analyze`, or Rescan in the app) and review it again"
)
CHANGED_WHILE_ANALYSED = _template(
    "the file changed while it was being analysed; its result was not kept: analyse it again "
    "(`tagger analyze`, or Rescan in the app)"
)
AUDIO_UNCHECKABLE = _template("cannot read the audio to check it is the one analysed ({why}); left alone")

# ----------------------------------------------------- the personal model (tagger.personal, tagger.app.personal)
NO_EMBEDDING_OUTPUT = _template(
    "the model {model} has no embedding output: a personal model needs one (use the bundled model)"
)
NO_EMBEDDING_OUTPUT_SHORT = _template("the model {model} has no embedding output")
PERSONAL_NOT_USED = _template("personal model not used: {reason}")
NOTHING_TO_LEARN = _template("no confirmed tracks to learn from")
EMBEDDING_SIZES_DIFFER = _template("the confirmed tracks have embeddings of different sizes ({sizes})")
OTHER_EMBEDDING = _template(
    "{what} belongs to {source}, not to {wanted}; train the personal model again with the model in use"
)
THE_PERSONAL_MODEL = _template("the personal model")
THE_BACKGROUND = _template("the background ({where})")
NOT_A_PERSONAL_MODEL = _template("{path}: not a personal model file ({reason})")
PERSONAL_FORMAT = _template("{path}: personal model format {found} is not {wanted}")
BACKGROUND_UNREADABLE = _template("{path}: cannot read the background embeddings ({reason})")
BACKGROUND_FORMAT = _template("{path}: background format {found} is not {wanted}")
EMBEDDING_SOURCE = _template("{model} '{output}' ({dim} values)")
EMBEDDINGS_MISMATCH = _template("embeddings of {got} values, but the personal model reads {reads} ({source})")
# what training found (tagger.personal.train: PersonalModel.notes, said after training)
NO_BACKGROUND = _template("no background music: tracks unlike all of your genres may still score high on one")
BORROWED_CALIBRATION = _template(
    "genres with one confirmed track (or one album) borrow the calibration of the others: {genres}"
)
NOT_CALIBRATED = _template(
    "no genre has two confirmed tracks in different albums: scores are not calibrated ({genres})"
)
NOTHING_TO_BORROW = _template(
    "the held-out checks of your other genres did not tell their tracks apart, so there is no calibration "
    "to borrow: scores are not calibrated ({genres})"
)
NOT_SEPARATED = _template(
    "the held-out check scored your own tracks of {genres} no higher than the others: it is not suggested "
    "until you confirm more tracks of it, from other albums"
)
ONE_EXAMPLE_WEAK = _template("one example is weak: {genres} learnt from a single track")

# ----------------------------------------------------- where the model runs (tagger.model)
RUNNING_ON_CPU = _template("running on the CPU ({provider})")
RUNNING_ON = _template("running on {device} ({provider})")
DEVICE_NOT_AVAILABLE = _template(
    "{device} is not available in this onnxruntime build (providers: {providers}): running on the CPU instead"
)
DEVICE_AND_PRECISION = _template("{device}, {precision}")
INT8_MODEL = _template("int8 model")
INT8_ASKED = _template("int8 model (asked for)")
INT8_THIS_CPU = _template("int8 model (this CPU has {instructions})")
FLOAT_MODEL = _template("float model")
FLOAT_ASKED = _template("float model (asked for)")
FLOAT_NO_INT8_COPY = _template("float model (it has no int8 copy)")
FLOAT_ON_GPU = _template("float model (on a GPU)")
FLOAT_NO_INT8_CPU = _template("float model (this CPU has no int8 dot-product instructions)")

# ----------------------------------------------------- a cluster (tagger.executors.cluster)
RAY_NOT_IN_PACKAGED_APP = _template(
    "this packaged app has no Ray: a cluster needs Genre Tagger installed with pip, "
    "with its cluster extra ('genre-tagger[cluster]')"
)
RAY_NOT_INSTALLED = _template(
    "analysing on a cluster needs Ray: pip install 'genre-tagger[cluster]' (on this machine and every node)"
)
CLUSTER_SETTING_NOT_FOLLOWED = _template("the settings choose a Ray cluster, but {why}: analysed on this computer")

# ----------------------------------------------------- a folder moved outside the app (tagger.moved_folder)
MOVED_FROM_EXISTS = _template(
    "{old} still exists: scan it, and the files that left it keep their decisions where they are now"
)
MOVED_FROM_NOT_IN_LIBRARY = _template("the library has no tracks under {old}")
MOVED_INTO_ITSELF = _template("{old} and {new} are the same folder, or one holds the other")

# ----------------------------------------------------- the library database (tagger.db.library)
DATABASE_ERROR = _template("library database error: {reason}")

# ----------------------------------------------------- the settings file (tagger.config)
SETTINGS_UNREADABLE = _template("{path}: cannot be read ({error}); the default settings are used")
SETTINGS_NOT_AN_OBJECT = _template(
    "{path}: holds no settings (a JSON object was expected); the default settings are used"
)
SETTING_NOT_VALID = _template("{path}: {name} = {value} is not valid; its default ({default}) is used")

# ----------------------------------------------------- the review (tagger.review)
VARIOUS_ARTISTS = _template("Various artists")  # an album's artist when no one artist has most tracks
FOLDER_AS_ALBUM = _template("{folder} (folder)")  # the name of loose files grouped by their folder
# why a decided file's write leaves a field as it is (the "Will write" column)
PREVIEW_SKIP = _template("(skip)")
PREVIEW_ALREADY_SET = _template("(already set)")
PREVIEW_KEEPS_FILL = _template("(keeps {genres} — fill mode)")
NOT_WRITTEN = _template("not written: {why}")  # a row whose last write failed or was left out
