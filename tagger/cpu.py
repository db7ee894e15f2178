"""What this CPU offers for int8 inference: the one place that asks.

onnxruntime's int8 kernels only beat its float ones where the CPU multiplies and adds
8-bit integers in one instruction: VNNI on x86 (AVX-512 VNNI, or AVX-VNNI without
AVX-512) and the dot-product extension on ARM (`sdot`/`udot`). Without them (an AVX2-only
x86 such as the development machine) the int8 model measured slower than the float one
(docs/benchmarks.md, "INT8"), so the model runner (`tagger.model`) picks the float model.
"""

from __future__ import annotations

import platform
from functools import cache
from pathlib import Path

# numpy's CPU feature names -> what the user is told
_NUMPY_NAMES = {
    "AVX512VNNI": "AVX-512 VNNI",
    "AVX512_CLX": "AVX-512 VNNI",  # Cascade Lake's group: AVX-512 with VNNI
    "ASIMDDP": "ARM dot product",
}
# Linux /proc/cpuinfo flags -> the same (numpy's table has no AVX-VNNI, e.g. Alder Lake)
_PROC_FLAGS = {
    "avx512_vnni": "AVX-512 VNNI",
    "avx_vnni": "AVX-VNNI",
    "asimddp": "ARM dot product",
}


def _numpy_features() -> dict[str, bool]:
    import importlib

    # private but long-lived; numpy 1.x named the module without the underscore
    for module in ("numpy._core._multiarray_umath", "numpy.core._multiarray_umath"):
        try:
            return dict(getattr(importlib.import_module(module), "__cpu_features__", {}))
        except ImportError:
            continue
    return {}


def _proc_flags(path: Path = Path("/proc/cpuinfo")) -> set[str]:
    """The flags (x86) or features (ARM) lines of /proc/cpuinfo; empty where there is none."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return set()
    flags: set[str] = set()
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() in ("flags", "Features"):
            flags.update(value.split())
    return flags


def int8_instructions(numpy_features: dict[str, bool] | None = None, proc_flags: set[str] | None = None) -> str:
    """The name of the int8 dot-product instructions this CPU has ("" when none):
    numpy's runtime CPU table on every platform, /proc/cpuinfo's flags where there is one.
    The arguments are for tests; without them, this machine is asked (once)."""
    if numpy_features is None and proc_flags is None:
        return _this_cpu()
    found = [name for key, name in _NUMPY_NAMES.items() if (numpy_features or {}).get(key)]
    found += [name for flag, name in _PROC_FLAGS.items() if flag in (proc_flags or set())]
    return found[0] if found else ""


@cache
def _this_cpu() -> str:
    return int8_instructions(_numpy_features(), _proc_flags())


def describe() -> str:
    """One line for benchmarks: the architecture and the int8 instructions."""
    return f"{platform.machine() or 'unknown CPU'}, int8 dot product: {int8_instructions() or 'none'}"
