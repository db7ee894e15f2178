"""Settings → Cluster: analyse on this computer or on a Ray cluster, with a "Test
connection" that says what the cluster has. The work is `tagger.executors.cluster`'s;
this tab only edits `Settings.cluster` / `Settings.ship_audio`."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QRadioButton, QWidget

from . import core_text
from .widgets import plain_label
from .workers import FunctionWorker


class ClusterTab(QWidget):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.local = QRadioButton(self.tr("This computer"))
        self.remote = QRadioButton(self.tr("A Ray cluster"))
        (self.remote if settings.cluster else self.local).setChecked(True)
        form.addRow(self.tr("Analyse on:"), self.local)
        form.addRow("", self.remote)
        self.address = QLineEdit(settings.cluster)
        self.address.setPlaceholderText(self.tr("auto, HOST:PORT or ray://HOST:PORT"))
        form.addRow(self.tr("Cluster address:"), self.address)
        self.ship_audio = QCheckBox(self.tr("Send the audio to the nodes (they cannot see the music folder)"))
        self.ship_audio.setChecked(settings.ship_audio)
        form.addRow("", self.ship_audio)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        row.addStretch(1)
        form.addRow("", row)
        self.result = plain_label(
            self.tr(
                "Every node needs the same Genre Tagger and Ray (pip install 'genre-tagger[cluster]'), "
                "and the music folder mounted at the same path unless the audio is sent."
            )
        )
        form.addRow("", self.result)
        from tagger.executors.cluster import ray_missing

        self.unavailable = ray_missing()  # this app has no Ray (the packaged app): this computer only
        if self.unavailable:
            self.local.setChecked(True)
            self.remote.setEnabled(False)
            said = core_text.text(self.unavailable)
            self.result.setText(said[0].upper() + said[1:] + ".")
        self.remote.toggled.connect(self._enable)
        self._enable()
        self._worker: FunctionWorker | None = None

    def _enable(self, *_):
        on = self.remote.isChecked()
        for w in (self.address, self.ship_audio, self.test_button):
            w.setEnabled(on)

    def test_connection(self) -> None:
        from tagger.executors.cluster import test_connection

        address = self.address.text().strip() or "auto"
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Connecting to {address}…").format(address=address))
        self._worker = FunctionWorker(lambda _w: test_connection(address), self, name="cluster-test")
        self._worker.done.connect(
            lambda info: self._show(
                self.tr("Connected to {address}: {nodes}.").format(address=address, nodes=info.describe())
            )
        )
        self._worker.failed.connect(self._show)
        self._worker.start()

    def _show(self, text: str) -> None:
        self.result.setText(text)
        self.test_button.setEnabled(self.remote.isChecked())

    def apply(self, settings) -> bool:
        """Store the choice in `settings`; True when it changed."""
        if self.unavailable:  # nothing to choose here: a cluster set elsewhere stays set
            return False
        old = (settings.cluster, settings.ship_audio)
        settings.cluster = (self.address.text().strip() or "auto") if self.remote.isChecked() else ""
        settings.ship_audio = self.ship_audio.isChecked()
        return old != (settings.cluster, settings.ship_audio)

    def closeEvent(self, event):  # noqa: N802 - Qt override
        if self._worker is not None:
            self._worker.wait()
        super().closeEvent(event)
