#!/usr/bin/env bash
# Builds the Linux bundle with onnxruntime-gpu (CUDA) instead of the CPU onnxruntime:
#
#   dist/cuda/genre-tagger/                              the app
#   dist/cuda/genre-tagger-<version>-linux-<arch>-cuda.tar.gz
#
#   packaging/build-gpu-linux.sh [--fresh] [--no-smoke] [--runs N]
#
# Same code, same spec: only the build venv differs (build/venv-cuda holds
# onnxruntime-gpu; exactly one onnxruntime build may be installed, they share the import
# name). `tagger analyze --device cuda` (or the default `auto`) then runs the model on an
# NVIDIA GPU and falls back to the CPU, with a note, when there is none.
#
# The bundle does NOT contain CUDA or cuDNN: the target needs the NVIDIA driver plus the
# CUDA 12 runtime and cuDNN 9 libraries that onnxruntime-gpu's release notes name
# (e.g. from the distribution's packages, or `pip install nvidia-cudnn-cu12
# nvidia-cublas-cu12 ...` into any Python and LD_LIBRARY_PATH pointing at them). Shipping
# them would add about 2 GB. The smoke test runs on the CPU fallback (no GPU needed).
#
# Windows GPU: build the same spec from a venv with `onnxruntime-directml` instead of
# `onnxruntime` (any DirectX 12 GPU, no CUDA) and use `--device directml`; the GitHub
# workflow's windows-x64-directml job does exactly that. macOS: the CPU wheel already has
# CoreML (`--device coreml`).
set -euo pipefail
export GENRE_TAGGER_VARIANT=cuda
exec bash "$(dirname "${BASH_SOURCE[0]}")/build-linux.sh" "$@"
