"""CI's browser check of `polar-checkout serve`: headless Chromium loads the page, the app's
frames arrive over textual-serve's websocket until WORDS show, and a screenshot of what the
page drew is saved and checked not to be blank. Python's standard library only.

    python3 scripts/browser_check.py URL WORDS SCREENSHOT.png

Chromium's own `--screenshot` shoots as soon as the page has loaded, before the app (a process
started per connection) has drawn anything, so the browser is driven over its DevTools pipe.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from collections import Counter
from pathlib import Path

WIDTH, HEIGHT = 1200, 800
PAGE_BACKDROP = (0x0C, 0x18, 0x1F)
"""textual-serve's page colour behind its "connecting" box: the app has not drawn."""
TAP = """
(() => {
  const Native = window.WebSocket;
  window.servedText = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const decoder = new TextDecoder();
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer) {
          window.servedText += decoder.decode(event.data, {stream: true});
        }
      });
    }
  };
})();
"""
SHOWS = r"""window.servedText.replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]/g, "").includes(%s)"""


class DevTools:
    """Chromium's DevTools protocol over `--remote-debugging-pipe` (fds 3 and 4)."""

    def __init__(self, chromium: str, profile: str) -> None:
        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()

        def wire() -> None:
            reads, writes = os.dup(to_browser), os.dup(from_browser)  # above 4: no clobbering
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--window-size={WIDTH},{HEIGHT}"]
        self.process = subprocess.Popen(
            [
                chromium,
                *flags,
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                # Loopback only: the page asks Google for a font, which must fail at once.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "about:blank",
            ],
            preexec_fn=wire,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._pending = b""
        self._next_id = 0
        self.session: str | None = None

    def call(self, method: str, **params: object) -> dict[str, object]:
        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params}
        if self.session is not None:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result = answer.get("result", {})
                assert isinstance(result, dict)
                return result

    def _read(self) -> dict[str, object]:
        while b"\0" not in self._pending:
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError(f"Chromium stopped (exit {self.process.poll()})")
            self._pending += chunk
        message, self._pending = self._pending.split(b"\0", 1)
        decoded = json.loads(message)
        assert isinstance(decoded, dict)
        return decoded

    def value(self, expression: str) -> object:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        inner = result["result"]
        assert isinstance(inner, dict)
        return inner.get("value")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def pixels(png: bytes) -> list[tuple[int, ...]]:
    """The RGB pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, data, header = 8, b"", b""
    while at < len(png):
        size = int.from_bytes(png[at : at + 4], "big")
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + size]
        at += 12 + size
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
    width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:8], "big")
    depth, colour, interlace = header[8], header[9], header[12]
    assert (depth, interlace) == (8, 0), "unexpected PNG layout"
    assert colour in (2, 6), "not RGB or RGBA"
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(data), width * step
    previous = bytearray(stride)
    found: list[tuple[int, ...]] = []
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, step)
        found.extend(tuple(line[x : x + 3]) for x in range(0, stride, step))
        previous = line
    return found


def _unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> bytearray:
    """Undo one row's PNG filter (none, sub, up, average, Paeth)."""
    for x in range(len(line)):
        left = line[x - step] if x >= step else 0
        up, corner = previous[x], previous[x - step] if x >= step else 0
        if kind == 1:
            line[x] = (line[x] + left) & 0xFF
        elif kind == 2:
            line[x] = (line[x] + up) & 0xFF
        elif kind == 3:
            line[x] = (line[x] + (left + up) // 2) & 0xFF
        elif kind == 4:
            guess = left + up - corner
            candidates = ((abs(guess - left), 0, left), (abs(guess - up), 1, up))
            line[x] = (line[x] + min((*candidates, (abs(guess - corner), 2, corner)))[2]) & 0xFF
    return line


def wait_for(url: str, within: float = 30.0) -> None:
    """Until the server answers (it was just started in the background)."""
    deadline = time.monotonic() + within
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main(url: str, words: str, out: Path) -> int:
    chromium = os.environ.get("CHROMIUM", "chromium")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # `timeout`: still close Chromium
    wait_for(url)
    with tempfile.TemporaryDirectory() as profile:
        browser = DevTools(chromium, profile)
        try:
            target = browser.call("Target.createTarget", url="about:blank")
            attached = browser.call(
                "Target.attachToTarget", targetId=target["targetId"], flatten=True
            )
            browser.session = str(attached["sessionId"])
            browser.call("Page.enable")
            browser.call("Page.addScriptToEvaluateOnNewDocument", source=TAP)
            browser.call("Page.navigate", url=url)
            started = time.monotonic()
            shows = SHOWS % json.dumps(words)
            while not browser.value(f"typeof window.servedText === 'string' && {shows}"):
                if time.monotonic() - started > 60:
                    print(f"browser check: {words!r} did not arrive within 60 s", file=sys.stderr)
                    return 1
                time.sleep(0.25)
            arrived = time.monotonic() - started
            time.sleep(1.0)  # the terminal draws on the next animation frames
            shot = browser.call("Page.captureScreenshot", format="png")
        finally:
            browser.close()
    png = base64.b64decode(str(shot["data"]))
    out.write_bytes(png)
    counts = Counter(pixels(png))
    (backdrop, most), total = counts.most_common(1)[0], sum(counts.values())
    print(
        f"browser check: {words!r} arrived over the websocket after {arrived:.1f} s; "
        f"screenshot {out} ({len(png)} bytes): {len(counts)} colours, the commonest "
        f"#{bytes(backdrop).hex()} on {100 * most // total}% of the page"
    )
    problems = []
    if len(counts) < 16:
        problems.append(f"only {len(counts)} colours")
    if most > 0.95 * total:
        problems.append("one colour covers over 95% of it")
    if backdrop == PAGE_BACKDROP:
        problems.append("textual-serve's empty backdrop fills most of it: the app did not draw")
    if problems:
        print(f"browser check: the screenshot looks blank: {'; '.join(problems)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
