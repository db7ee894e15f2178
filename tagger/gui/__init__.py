"""The desktop app (PySide6). It drives and observes the Qt-free core only: every slow
step (scan, decoding, inference, bulk database work, writing files) runs in a worker
thread (see `workers`), the UI thread only draws and records single decisions."""
