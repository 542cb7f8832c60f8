"""One window per user: a second start with a project file hands the file to the running app.

The first instance listens on a local socket (:class:`QLocalServer`, a Unix socket or a
Windows named pipe) named after the user. A later start with a file connects, writes the
file's absolute path and exits; the running window opens it. Double-clicking a project in
the file manager therefore never opens a second window. A start without a file opens a
second window as before (a new project), without taking the name from the first.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500
WRITE_MS = 2000
NAME_VARIABLE = "TEAM_PLANNER_INSTANCE"  # tests give each run its own name


def server_name() -> str:
    """The socket's name for this user (``TEAM_PLANNER_INSTANCE`` overrides it)."""
    override = os.environ.get(NAME_VARIABLE)
    if override:
        return override
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(Path.home())
    return "team-planner-" + hashlib.sha256(user.encode()).hexdigest()[:12]


def hand_off(path: Path, name: str | None = None) -> bool:
    """Send ``path`` to a running instance; True when one took it."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(str(Path(path).resolve()).encode("utf-8") + b"\n")
    delivered = socket.waitForBytesWritten(WRITE_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(WRITE_MS)
    return delivered


def is_running(name: str | None = None) -> bool:
    """Whether an instance is listening under ``name``."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    connected = socket.waitForConnected(CONNECT_MS)
    socket.abort()
    return connected


class InstanceServer(QObject):
    """Listens for later starts; emits :attr:`fileRequested` with each path they send."""

    fileRequested = Signal(Path)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; False when another instance already does (or the name is unusable)."""
        # Ask first: on Unix, listening with socket options replaces a running server's socket file.
        if is_running(self.name):
            return False
        if self._server.listen(self.name):
            return True
        # A crashed instance leaves its socket file behind, and nobody answers on it: remove it.
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._read_all)
            socket.disconnected.connect(self._read_all)
            socket.disconnected.connect(socket.deleteLater)
        self._read_all()

    def _read_all(self) -> None:
        for socket in list(self._buffers):
            data = self._buffers[socket] + bytes(socket.readAll().data())
            *lines, self._buffers[socket] = data.split(b"\n")
            for line in lines:
                text = line.decode("utf-8", "replace").strip()
                if text:
                    self.fileRequested.emit(Path(text))
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                del self._buffers[socket]
