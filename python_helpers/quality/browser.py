"""Open a page in headless Chromium over the DevTools protocol (``--remote-debugging-pipe``,
standard library only): collect console errors and uncaught exceptions, read
values from the DOM, and take a screenshot. Used by the report test and by
``quality-report --screenshot``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium() -> str | None:
    env = os.environ.get("CHROMIUM")
    if env:
        return env
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageResult:
    console_errors: list[str] = field(default_factory=list)
    values: dict[str, str | None] = field(default_factory=dict)
    screenshot: bytes | None = None


class _Pipe:
    def __init__(self, write_fd: int, read_fd: int) -> None:
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message: dict = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        wanted = self.next_id
        while True:
            reply = self._read()
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read())
        raise TimeoutError(method)

    def _read(self) -> dict:
        while b"\0" not in self.buffer:
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)


def open_page(url: str, element_ids: list[str], width: int = 1280, height: int = 2400,
              chromium: str | None = None) -> PageResult:
    """Load ``url`` headless; return console errors, the text of ``element_ids`` and a PNG."""
    binary = chromium or find_chromium()
    if not binary:
        raise FileNotFoundError("chromium not found (apt-get install chromium, or set CHROMIUM)")
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    profile = tempfile.mkdtemp(prefix="c360-chromium-")

    args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--no-default-browser-check", "--mute-audio",
            "--remote-debugging-pipe", f"--user-data-dir={profile}", f"--window-size={width},{height}",
            "about:blank"]
    # chromium reads commands on fd 3 and writes replies on fd 4: a shell maps the pipe ends there
    shell = f'exec "$@" 3<&{to_child_r} 4>&{from_child_w}'
    proc = subprocess.Popen(
        ["/bin/bash", "-c", shell, "chromium", *args], pass_fds=(to_child_r, from_child_w),
        stdout=subprocess.DEVNULL, stderr=None if os.environ.get("C360_BROWSER_DEBUG") else subprocess.DEVNULL)
    os.close(to_child_r)
    os.close(from_child_w)
    pipe = _Pipe(to_child_w, from_child_r)
    result = PageResult()
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        pipe.send("Page.navigate", {"url": url}, session=session)
        pipe.wait_event("Page.loadEventFired")
        time.sleep(0.3)
        for event in pipe.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                result.console_errors.append(" ".join(str(a.get("value", a.get("description")))
                                                      for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                result.console_errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                result.console_errors.append(params["entry"].get("text", ""))
        for element_id in element_ids:
            lookup = f"document.getElementById({json.dumps(element_id)})"
            value = pipe.send("Runtime.evaluate", {
                "expression": f"(e => e ? e.textContent.trim() : null)({lookup})",
                "returnByValue": True}, session=session)["result"].get("value")
            result.values[element_id] = value
        shot = pipe.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session=session)
        result.screenshot = base64.b64decode(shot["data"])
        try:
            pipe.send("Browser.close")
        except RuntimeError:
            pass
    finally:
        os.close(to_child_w)
        os.close(from_child_r)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return result


def save_screenshot(result: PageResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if result.screenshot:
        path.write_bytes(result.screenshot)
