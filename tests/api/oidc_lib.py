"""oidc_lib.py: the test OpenID provider (tests/oidc/provider.mjs, npm oidc-provider) started
beside an okra server, and a small cookie-keeping agent that walks the sign-in's redirects as a
browser does, filling the provider's sign-in form."""
import http.client
import json
import os
import subprocess
import urllib.parse

import lib

PROVIDER = os.path.join(lib.ROOT, "tests", "oidc", "provider.mjs")
ANSWERS = []  # (method, url, status) of every answer any agent got


class Provider:
    """node tests/oidc/provider.mjs for srv's callback; issuer, client id and secret."""

    def __init__(self, srv):
        base = "http://127.0.0.1:%d" % srv.port
        self.proc = subprocess.Popen(["node", PROVIDER, base + "/login/oidc/callback", base + "/login"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, cwd=lib.ROOT)
        line = ""
        while not line.startswith("{"):
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the test provider did not start")
        info = json.loads(line)
        self.issuer, self.client_id, self.secret = info["issuer"], info["client_id"], info["client_secret"]
        self.port = int(self.issuer.rsplit(":", 1)[1])

    def control(self, path, body):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status

    def mode(self, m):
        self.control("/test/mode", {"mode": m})

    def account(self, ident, claims):
        self.control("/test/account", {"id": ident, "claims": claims})

    def stop(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Agent:
    """A browser without JavaScript: cookies per host and port, redirects followed by hand."""

    def __init__(self):
        self.jar = {}  # (host, port) -> {name: value}
        self.seen = []  # (method, url, status) of every response

    def cookies(self, url):
        u = urllib.parse.urlsplit(url)
        return self.jar.setdefault((u.hostname, u.port), {})

    def go(self, url, method="GET", form=None, headers=None):
        u = urllib.parse.urlsplit(url)
        jar = self.cookies(url)
        h = dict(headers or {})
        if jar:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in jar.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
            h["Origin"] = "%s://%s" % (u.scheme, u.netloc)
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        c.request(method, u.path + ("?" + u.query if u.query else ""), body, h)
        r = c.getresponse()
        data = r.read()
        c.close()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";")[0]
                if "max-age=0" in v.lower() or not value:
                    jar.pop(name.strip(), None)
                else:
                    jar[name.strip()] = value
        self.last_headers = {k.lower(): v for k, v in r.getheaders()}
        self.seen.append((method, url, r.status))
        ANSWERS.append((method, url, r.status))
        loc = r.getheader("Location")
        return r.status, (urllib.parse.urljoin(url, loc) if loc else None), data.decode("utf-8", "replace")

    def follow(self, url, method="GET", form=None, stop_at=None):
        """Go, then follow redirects until an answer that is not one (or a URL starting stop_at)."""
        status, loc, body = self.go(url, method, form)
        for _ in range(12):
            if status not in (301, 302, 303, 307) or not loc or (stop_at and loc.startswith(stop_at)):
                break
            status, loc, body = self.go(loc)
        return status, loc, body


def sign_in(srv, prov, login, mode="ok", agent=None, cancel=False):
    """One whole sign-in as a browser does it; the okra callback's answer (status, Location,
    body) and the agent. The provider's next ID token is made bad as mode says."""
    agent = agent or Agent()
    base = "http://127.0.0.1:%d" % srv.port
    prov.mode(mode)
    status, loc, body = agent.follow(base + "/login/oidc", stop_at=base)
    if status != 200 or "/interaction/" not in (agent.seen[-1][1]):
        return status, loc, body, agent
    form_url = agent.seen[-1][1]
    if cancel:
        status, loc, body = agent.follow(form_url + "/abort", "POST", {}, stop_at=base)
    else:
        status, loc, body = agent.follow(form_url + "/login", "POST", {"login": login}, stop_at=base)
    if not loc or not loc.startswith(base):
        return status, loc, body, agent
    status, loc, body = agent.go(loc)
    return status, loc, body, agent


def okra_session(agent, srv):
    return agent.jar.get(("127.0.0.1", srv.port), {}).get("okra_session")
