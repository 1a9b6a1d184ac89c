#!/usr/bin/env python3
"""Authentication bound to a connection survives the reverse proxy, and never crosses users.

NTLM (and Negotiate falling back to it) authenticates a TCP connection, not a request: IIS
answers 401 with a challenge, accepts the response only on the connection that got the
challenge, and then serves every later request on that connection as the signed-in user. A
proxy that pools backend connections can therefore hand one user's authenticated connection to
another user; one that closes the backend connection after each answer breaks the handshake.

Here the pools' external web sites are stood in for by a backend that behaves that way (a
labelled token exchange, "TYPE1/TYPE2/TYPE3", whose challenge is a random number per backend
connection). Every client replays seed 004's WebTicket sequence on one keep-alive connection
through the proxy: anonymous 401, negotiate 401 with challenge, a wrong password 401, anonymous
401, negotiate 401, the right password 200, then a CertProv request with no header at all,
served because the connection is signed in. First one client after another, then eight at once.

Each (proxy, mode) case is judged on two things:
- safe: no client is ever answered as another user (always required);
- complete: every client ends at 200 as itself (required where the mode keeps one backend
  connection per client connection; nginx's http mode cannot, and must fail closed instead).
Servers run on 127.0.0.x high ports and are stopped by PID. Exit 77 (skip) when nginx, HAProxy
or openssl is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import base64
import http.server
import os
import secrets
import socket
import ssl
import sys
import tempfile
import threading

from proxylab import (Certificates, Pki, Proxy, maps, plan_of, proxy_tools, render,
                      serve_backend, stop_servers)

SEED004 = "director-reverse-proxy.yaml"
PASSWORD = "Pass@word1"
WEBTICKET = "/WebTicket/WebTicketService.svc"
CERTPROV = "/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1"


def token(*parts):
    return base64.b64encode("|".join(parts).encode()).decode()


def untoken(value):
    try:
        return base64.b64decode(value).decode().split("|")
    except (ValueError, UnicodeDecodeError):
        return []


class AuthBackends:
    """HTTPS backends that authenticate per connection, like IIS with Windows authentication."""

    def __init__(self, pki, backends):
        self.servers, self.lock, self.connections = [], threading.Lock(), 0
        recorder = self
        for key, address in backends.items():

            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"

                def setup(self):
                    super().setup()
                    self.challenge, self.user = None, None  # state of THIS connection
                    with recorder.lock:
                        recorder.connections += 1

                def answer(self, status, body="", challenge=None):
                    data = body.encode()
                    self.send_response(status)
                    if status == 401:
                        if challenge:
                            self.send_header("WWW-Authenticate", "NTLM " + challenge)
                        else:
                            self.send_header("WWW-Authenticate", "Negotiate")
                            self.send_header("WWW-Authenticate", "NTLM")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

                def do_POST(self):
                    length = int(self.headers.get("Content-Length") or 0)
                    if length:
                        self.rfile.read(length)
                    header = self.headers.get("Authorization") or ""
                    if not header:
                        if self.user:  # a signed-in connection serves the request as its user
                            return self.answer(200, f"user={self.user}")
                        return self.answer(401)
                    scheme, _, value = header.partition(" ")
                    parts = untoken(value) if scheme == "NTLM" else []
                    if parts[:1] == ["TYPE1"] and len(parts) == 2:
                        self.user, self.challenge = None, secrets.token_hex(8)
                        return self.answer(401, challenge=token("TYPE2", self.challenge))
                    if parts[:1] == ["TYPE3"] and len(parts) == 4:
                        _, user, password, challenge = parts
                        issued, self.challenge = self.challenge, None
                        if issued is not None and challenge == issued and password == PASSWORD:
                            self.user = user
                            return self.answer(200, f"user={user}")
                        return self.answer(401)  # wrong password, or a challenge not issued here
                    return self.answer(400, "bad authorization")

                do_GET = do_POST

                def log_message(self, *args):
                    pass

            self.servers.append(serve_backend(pki, key, address, Handler))

    def stop(self):
        stop_servers(self.servers)


class Client:
    """One keep-alive HTTPS connection through the proxy, as a Lync client holds it."""

    def __init__(self, ca, address, port, name):
        ctx = ssl.create_default_context(cafile=ca)
        raw = socket.create_connection((address, port), timeout=10)
        self.sock, self.name, self.buffer = ctx.wrap_socket(raw, server_hostname=name), name, b""

    def _read_until(self, marker):
        while marker not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the proxy closed the connection")
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(marker)
        return head

    def post(self, path, authorization=None):
        body = b"<s:Envelope/>"
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.name}\r\nUser-Agent: OC/4.0.7577.108 "
                f"(Microsoft Lync 2010)\r\nContent-Length: {len(body)}\r\n")
        if authorization:
            head += f"Authorization: NTLM {authorization}\r\n"
        self.sock.sendall((head + "\r\n").encode() + body)
        lines = self._read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:]]
        length = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
        while len(self.buffer) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the proxy closed the connection inside an answer")
            self.buffer += chunk
        content, self.buffer = self.buffer[:length].decode(), self.buffer[length:]
        offered = next((v.split(" ", 1)[1] for k, v in headers
                        if k.lower() == "www-authenticate" and v.startswith("NTLM ")), None)
        parts = untoken(offered) if offered else []
        return status, content, parts[1] if parts[:1] == ["TYPE2"] and len(parts) == 2 else None

    def close(self):
        self.sock.close()


def sign_in(ca, address, port, name, user, barrier=None):
    """Seed 004's WebTicket sequence; returns (statuses, users the answers named, error)."""
    statuses, served_as = [], []

    def step(path, authorization=None):
        if barrier is not None:
            barrier.wait(timeout=30)
        status, content, challenge = client.post(path, authorization)
        statuses.append(status)
        if content.startswith("user="):
            served_as.append(content[5:])
        return challenge

    try:
        client = Client(ca, address, port, name)
    except OSError as e:
        return statuses, served_as, f"connect: {e}"
    try:
        step(WEBTICKET)  # 401: Negotiate, NTLM offered
        challenge = step(WEBTICKET, token("TYPE1", user))  # 401 with a challenge
        step(WEBTICKET, token("TYPE3", user, "wrong", challenge or "none"))  # 401: logon denied
        step(WEBTICKET)  # 401
        challenge = step(WEBTICKET, token("TYPE1", user))  # 401 with a challenge
        step(WEBTICKET, token("TYPE3", user, PASSWORD, challenge or "none"))  # 200 as user
        step(CERTPROV)  # no header: the connection is signed in
        return statuses, served_as, None
    except (OSError, ConnectionError, ValueError, threading.BrokenBarrierError) as e:
        return statuses, served_as, str(e) or type(e).__name__
    finally:
        client.close()


def judge(label, results, must_complete, failures):
    """Every client safe; complete where the mode must carry the handshake."""
    complete = 0
    for user, (statuses, served_as, error) in sorted(results.items()):
        others = sorted(set(served_as) - {user})
        if others:
            failures.append(f"{label}: {user} was answered as {', '.join(others)} "
                            f"(statuses {statuses})")
        if statuses[-2:] == [200, 200] and served_as == [user, user] and not error:
            complete += 1
        elif must_complete:
            failures.append(f"{label}: {user} did not sign in: statuses {statuses}"
                            + (f", {error}" if error else ""))
        elif 200 in statuses:
            failures.append(f"{label}: {user} got 200 without finishing the handshake: {statuses}")
    return complete


def run_case(kind, mode, binary, lyncplan, certificates, examples, workdir, failures):
    topology = os.path.join(examples, SEED004)
    pki = certificates.pki
    certdir = certificates.folder(topology)
    backend_addresses = {}
    mapping, binds = maps(plan_of(lyncplan, topology), backend_addresses)
    if mode:
        mapping += ["--proxy-mode", mode]
    conf = render(lyncplan, topology, kind, certdir, mapping, workdir)
    proxy = Proxy(kind, binary, conf, workdir)
    checked = proxy.check()
    label = f"{kind} --proxy-mode {mode or '(default)'}"
    if checked.returncode != 0:
        failures.append(f"{label}: the configuration is rejected: {checked.stdout}{checked.stderr}")
        return
    backends = AuthBackends(pki, backend_addresses)
    proxy.start([(a.split(":")[0], int(a.split(":")[1])) for a in binds.values()])
    try:
        must_complete = not (kind == "nginx" and mode == "http")
        routes = [(binds[("192.0.2.40", 443)], "dirweb.mslync.net"),
                  (binds[("192.0.2.41", 443)], "feweb.mslync.net")]
        sequential = {}
        for i in range(4):
            local, name = routes[i % 2]
            address, port = local.split(":")
            sequential[f"seq{i}@mslync.net"] = sign_in(pki.ca_crt, address, int(port), name,
                                                       f"seq{i}@mslync.net")
        done_one = judge(label + " one after another", sequential, must_complete, failures)
        concurrent, threads = {}, []
        barrier = threading.Barrier(8)
        for i in range(8):
            local, name = routes[i % 2]
            address, port = local.split(":")
            user = f"par{i}@mslync.net"

            def work(address=address, port=int(port), name=name, user=user):
                concurrent[user] = sign_in(pki.ca_crt, address, port, name, user, barrier)

            threads.append(threading.Thread(target=work))
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        done_all = judge(label + " eight at once", concurrent, must_complete, failures)
        print(f"{label}: {done_one}/4 one after another and {done_all}/8 at once signed in, "
              f"{backends.connections} backend connections")
    finally:
        proxy.stop()
        backends.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--modes", default="http,tcp",
                    help="comma-separated --proxy-mode values; 'default' renders without the option")
    args = ap.parse_args()
    tools, skip = proxy_tools()
    if tools is None:
        return skip
    failures, cases, failed = [], 0, 0
    with tempfile.TemporaryDirectory(prefix="lyncplan-auth-") as tmp:
        certificates = Certificates(args.lyncplan, Pki(tools["openssl"], tmp), tmp)
        for kind in ("nginx", "haproxy"):
            for mode in args.modes.split(","):
                cases += 1
                work = os.path.join(tmp, f"{kind}-{mode}")
                os.makedirs(work)
                before = len(failures)
                run_case(kind, None if mode == "default" else mode, tools[kind], args.lyncplan,
                         certificates, args.examples, work, failures)
                for f in failures[before:]:
                    print("FAIL " + f)
                failed += len(failures) > before
    print(f"{cases - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
