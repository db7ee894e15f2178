"""Item data roles, orientations and alignments as constants, for the models' data().

PySide6 resolves the short spellings (`Qt.DisplayRole`) through a compatibility
fallback that costs about 5 µs per lookup here, against 0.2 µs for the full name
(`Qt.ItemDataRole.DisplayRole`) and less for a constant. A repaint of the review table
calls data() about 2,000 times (7 roles per cell), and those lookups were two thirds of
its 100 ms (docs/benchmarks.md, "Table repaints"). Qt hands data() its role as an
int-compatible value, so these compare equal to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
ROW = Qt.ItemDataRole.UserRole + 1  # the review row (or album row) itself
HORIZONTAL = Qt.Orientation.Horizontal
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
