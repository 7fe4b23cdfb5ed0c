"""A headless Chromium driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: requests in on fd 3, replies out on fd 4, each one JSON
text ended by a NUL byte), so that no port is opened and no websocket library is
needed. One page: set its viewport, load a file, evaluate an expression, take a
full-page screenshot."""
import base64, fcntl, json, os, shutil, subprocess, tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def find():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="pp-chromium-")
        to_child, self.w = os.pipe()      # we write, Chromium reads on fd 3
        self.r, from_child = os.pipe()    # Chromium writes on fd 4, we read
        hi_in = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
        hi_out = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)

        def child_fds():
            os.dup2(hi_in, 3)
            os.dup2(hi_out, 4)

        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
                                      "about:blank"], preexec_fn=child_fds, close_fds=False,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for fd in (to_child, from_child, hi_in, hi_out):
            os.close(fd)
        self.buf, self.next_id, self.events = b"", 0, []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")

    def _send(self, msg):
        os.write(self.w, json.dumps(msg).encode() + b"\0")

    def _recv(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe: " + self.proc.stderr.read().decode("utf-8", "replace")[-2000:])
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self._send(msg)
        while True:
            reply = self._recv()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method, **params):
        return self.call(method, self.session, **params)

    def wait_event(self, name):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[i]
                    return e
            self.events.append(self._recv())

    def load(self, path, width, height, mobile):
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.events.clear()
        self.page("Page.navigate", url="file://" + os.path.abspath(path))
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression):
        r = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"script failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, png, width, mobile):
        """The whole page, not only the viewport."""
        h = self.evaluate("Math.ceil(document.documentElement.scrollHeight)")
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=int(h), deviceScaleFactor=1, mobile=mobile)
        data = self.page("Page.captureScreenshot", format="png")["data"]
        with open(png, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.w)
        os.close(self.r)
        shutil.rmtree(self.profile, ignore_errors=True)
