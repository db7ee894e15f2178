"""Running the app as a second, real OS user (`nobody`) from tests that run as root.

`nobody` cannot reach this interpreter or this checkout when they sit under a private
home folder (/root is 0700). `run_as_nobody` therefore starts the command in a private
mount namespace (`unshare -m`) where the interpreter's prefix and the checkout are
bind-mounted read-only under a scratch folder everyone may enter, then drops to
`nobody` with `setpriv` (no capabilities, no supplementary groups). Nothing outside the
namespace sees those mounts, and they vanish with the process.

`scratch()` makes that folder (0755, under the system temp dir: pytest's own tmp_path is
0700 root). `unavailable()` says why this cannot run here (None when it can).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def nobody_ids() -> tuple[int, int] | None:
    import pwd

    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


def unavailable() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root (to create files as root and run the app as another user)"
    for tool in ("setpriv", "unshare", "mount"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    if nobody_ids() is None:
        return "no user named nobody"
    return None


@contextmanager
def scratch():
    """A folder `nobody` can enter (0755, root's), removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="gt-other-user-"))
    try:
        os.chmod(root, 0o755)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def give_to_nobody(*paths: Path) -> None:
    uid, gid = nobody_ids() or (-1, -1)
    for p in paths:
        os.chown(p, uid, gid)


def repo_seen_by_nobody(where: Path) -> Path:
    """Where `run_as_nobody(..., where)` mounts this checkout."""
    return where / ".mounts" / "repo"


def _python_paths(mounted: Path) -> tuple[str, list[str]]:
    """(the interpreter, extra import path) as seen under `mounted`: the base prefix
    (binary, stdlib, site-packages) is at mounted/base, a virtual environment's own
    prefix at mounted/env, the checkout at mounted/repo."""
    base = Path(sys.base_prefix)
    env = Path(sys.prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    exe = mounted / "base" / "bin" / version
    extra = [str(mounted / "repo")]
    if env != base:
        site = Path(sysconfig.get_paths()["purelib"])
        extra.append(str(mounted / "env" / site.relative_to(env)))
    return str(exe), extra


def run_as_nobody(
    args: list[str], where: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """`python args...` as nobody (uid and primary group of `nobody`, no other groups);
    `where` is a scratch() folder (the mount points go in it). `env` is added to a
    minimal environment (HOME: where/home, owned by nobody)."""
    uid, gid = nobody_ids() or (-1, -1)
    mounted = where / ".mounts"
    for sub in ("base", "env", "repo"):
        (mounted / sub).mkdir(parents=True, exist_ok=True)
    home = where / "home"
    home.mkdir(exist_ok=True)
    give_to_nobody(home)
    exe, extra = _python_paths(mounted)
    full_env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(home),
        "LANG": "C.UTF-8",
        "PYTHONPATH": os.pathsep.join(extra),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LD_LIBRARY_PATH": str(mounted / "base" / "lib"),
        "ORT_DISABLE_TELEMETRY": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    full_env.update(env or {})
    binds = [(sys.base_prefix, mounted / "base"), (str(REPO), mounted / "repo")]
    if sys.prefix != sys.base_prefix:
        binds.append((sys.prefix, mounted / "env"))
    script = "".join(f'mount --bind "{src}" "{dst}" && mount -o remount,bind,ro "{dst}" && ' for src, dst in binds)
    script += f'exec setpriv --reuid={uid} --regid={gid} --clear-groups -- "$@"'
    cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", exe, *args]
    return subprocess.run(
        cmd, env=full_env, cwd=where, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


def tagger_as_nobody(where: Path, *argv, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`tagger argv...` as nobody, with the app's config and data folders in
    where/config and where/data (made, nobody's)."""
    for sub in ("config", "data"):
        (where / sub).mkdir(exist_ok=True)
        give_to_nobody(where / sub)
    dirs = {"GENRE_TAGGER_CONFIG_DIR": str(where / "config"), "GENRE_TAGGER_DATA_DIR": str(where / "data")}
    return run_as_nobody(["-m", "tagger", *map(str, argv)], where, dirs | (env or {}))
