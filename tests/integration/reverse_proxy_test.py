#!/usr/bin/env python3
"""The reverse-proxy configs lyncplan renders route a real sign-in correctly.

1. `nginx -t` and `haproxy -c` pass on every example's generated configuration.
2. For seed 004 (Director + Front End, two listeners): recording HTTPS/HTTP backends on loopback
   stand for the Director's and the Front End's external web sites; nginx, then HAProxy, run the
   generated configuration with certificates from a test CA made here; the requests seen in seed
   004's IIS logs, plus meet, dialin and lyncdiscover, are sent through the proxy by public name
   (SNI and Host). Each must arrive at the right backend and port with its Host kept, and
   nothing else may arrive anywhere: unknown names and names sent to the wrong listener get 421.
Servers are started here on 127.0.0.x high ports and stopped by PID. Exit 77 (skip) when nginx
or haproxy is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import http.server
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

SEED004 = "director-reverse-proxy.yaml"


def run(cmd, check=True, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {r.stdout}{r.stderr}")
    return r


def free_port(address="127.0.0.1"):
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]


class Pki:
    """A test CA (openssl CLI) that signs the proxy's CSRs and the backends' certificates."""

    def __init__(self, openssl, workdir):
        self.openssl, self.dir = openssl, workdir
        self.ca_key, self.ca_crt = os.path.join(workdir, "ca.key"), os.path.join(workdir, "ca.crt")
        run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.ca_key,
             "-out", self.ca_crt, "-subj", "/CN=lyncplan test CA", "-days", "2"])

    def sign(self, csr, crt):
        run([self.openssl, "x509", "-req", "-in", csr, "-CA", self.ca_crt, "-CAkey", self.ca_key,
             "-CAcreateserial", "-days", "2", "-copy_extensions", "copy", "-out", crt])

    def server_cert(self, name):
        key, csr = os.path.join(self.dir, name + ".key"), os.path.join(self.dir, name + ".csr")
        crt = os.path.join(self.dir, name + ".crt")
        run([self.openssl, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
             "-out", csr, "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name])
        self.sign(csr, crt)
        return crt, key


def proxy_certificates(lyncplan, pki, topology, certdir):
    run([lyncplan, "certs", "request", topology, "--out", certdir])
    for name in os.listdir(certdir):
        if name.startswith("reverse-proxy-") and name.endswith(".csr"):
            pki.sign(os.path.join(certdir, name), os.path.join(certdir, name[:-4] + ".crt"))
    shutil.copy(pki.ca_crt, os.path.join(certdir, "internal-ca.crt"))


def plan_of(lyncplan, topology):
    return json.loads(run([lyncplan, "plan", topology, "--format", "json", "--fail-on",
                           "never"]).stdout)


def maps(plan, backends):
    """--bind for every listener port and --backend for every backend, all on loopback."""
    binds, seen = [], {}
    for i, listener in enumerate(sorted({p["listener"] for p in plan["publishing"]})):
        address = f"127.0.0.{40 + i}"
        for port in (443, 80):
            local = f"{address}:{free_port(address)}"
            seen[(listener, port)] = local
            binds += ["--bind", f"{listener}:{port}={local}"]
    extra = []
    for p in plan["publishing"]:
        for port in p["backend_ports"]:
            key = f"{p['backend']}:{port}"
            if key not in backends:
                backends[key] = f"127.0.0.1:{free_port()}"
    for key, address in sorted(backends.items()):
        extra += ["--backend", f"{key}={address}"]
    return binds + extra, seen


def render(lyncplan, topology, fmt, certdir, mapping, out):
    run([lyncplan, "plan", topology, "--format", fmt, "--cert-dir", certdir, "--fail-on", "never",
         "-o", out] + mapping)


NGINX_MAIN = """user root root;
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log {dir}/nginx-access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {conf};
}}
"""


class Proxy:
    def __init__(self, kind, binary, conf, workdir):
        self.kind, self.binary, self.conf, self.dir = kind, binary, conf, workdir
        if kind == "nginx":
            self.main = os.path.join(workdir, "nginx-main.conf")
            with open(self.main, "w") as f:
                f.write(NGINX_MAIN.format(dir=workdir, conf=conf))

    def check(self):
        if self.kind == "nginx":
            return run([self.binary, "-t", "-q", "-c", self.main, "-p", self.dir], check=False)
        return run([self.binary, "-c", "-q", "-f", self.conf], check=False)

    def start(self, ports):
        cmd = ([self.binary, "-c", self.main, "-p", self.dir] if self.kind == "nginx"
               else [self.binary, "-db", "-f", self.conf])
        self.log = open(os.path.join(self.dir, self.kind + ".out"), "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log)
        deadline = time.time() + 10
        for address, port in ports:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.kind} exited: " + open(self.log.name).read())
                try:
                    socket.create_connection((address, port), timeout=0.5).close()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise RuntimeError(f"{self.kind} does not listen on {address}:{port}")
                    time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


class Backends:
    """HTTPS and HTTP servers standing for the pools' external web sites; they record requests."""

    def __init__(self, pki, backends):
        self.seen, self.lock, self.servers = [], threading.Lock(), []
        for key, address in backends.items():
            host, port = key.rsplit(":", 1)
            local, local_port = address.split(":")
            recorder = self

            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                name = key

                def handle_any(self):
                    length = int(self.headers.get("Content-Length") or 0)
                    if length:
                        self.rfile.read(length)
                    with recorder.lock:
                        recorder.seen.append((self.name, self.command, self.path,
                                              self.headers.get("Host")))
                    body = f"{self.name}\n".encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                do_GET = do_POST = handle_any

                def log_message(self, *args):
                    pass

            server = http.server.ThreadingHTTPServer((local, int(local_port)), Handler)
            if port != "8080":
                crt, keyfile = pki.server_cert(host)
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                ctx.load_cert_chain(crt, keyfile)
                server.socket = ctx.wrap_socket(server.socket, server_side=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def stop(self):
        for s in self.servers:
            s.shutdown()
            s.server_close()


def request(ca, address, port, tls, name, method, path, check_name=True):
    """One request to address:port with SNI and Host = name; returns the status code."""
    sock = socket.create_connection((address, port), timeout=10)
    if tls:
        ctx = ssl.create_default_context(cafile=ca)
        ctx.check_hostname = check_name  # a published name must be on the listener's certificate
        sock = ctx.wrap_socket(sock, server_hostname=name)
    body = b"<s:Envelope/>" if method == "POST" else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: {name}\r\nUser-Agent: OC/4.0.7577.108 "
            f"(Microsoft Lync 2010)\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    sock.sendall(head.encode() + body)
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    sock.close()
    return int(data.split(b" ", 2)[1])


def seed004_requests(listeners):
    """(listener public ip, port, name, method, path, expected backend or None)."""
    dir_https, fe_https = "dir.mslync.net:4443", "fe.mslync.net:4443"
    director = [("POST", "/CertProv/CertProvisioningService.svc/mex"),
                ("POST", "/WebTicket/WebTicketService.svc/mex"),
                ("POST", "/WebTicket/WebTicketService.svc"),
                ("POST", "/WebTicket/WebTicketService.svc"),
                ("POST", "/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1")]
    front_end = [("POST", "/RgsClients/AgentService.svc/mex"),
                 ("POST", "/WebTicket/WebTicketService.svc/mex"),
                 ("POST", "/WebTicket/WebTicketService.svc/cert"),
                 ("POST", "/RgsClients/AgentService.svc/webticket_bearer"),
                 ("POST", "/groupexpansion/service.svc/mex"),
                 ("POST", "/groupexpansion/service.svc/WebTicket_Bearer"),
                 ("GET", "/abs/handler/C-0e8e-0e97.lsabs")]
    out = [("192.0.2.40", 443, "dirweb.mslync.net", m, p, dir_https) for m, p in director]
    out += [("192.0.2.41", 443, "feweb.mslync.net", m, p, fe_https) for m, p in front_end]
    out += [("192.0.2.40", 443, "meet.mslync.net", "GET", "/test1/ABCD1234", dir_https),
            ("192.0.2.40", 443, "dialin.mslync.net", "GET", "/", dir_https),
            ("192.0.2.40", 443, "lyncdiscover.mslync.net", "GET", "/?sipuri=test1@mslync.net",
             dir_https),
            ("192.0.2.40", 80, "lyncdiscover.mslync.net", "GET", "/?sipuri=test1@mslync.net",
             "dir.mslync.net:8080"),
            ("192.0.2.41", 80, "feweb.mslync.net", "GET", "/abs/handler/C-0e8e-0e97.lsabs",
             "fe.mslync.net:8080"),
            # Nothing else may arrive: an unknown name, and a name on the wrong listener.
            ("192.0.2.40", 443, "dirweb.mslync.net.evil.example", "GET", "/", None),
            ("192.0.2.40", 80, "feweb.mslync.net", "GET", "/abs/", None)]
    return out


def replay(kind, binary, lyncplan, pki, topology, workdir, failures):
    certdir = os.path.join(workdir, "certs")
    proxy_certificates(lyncplan, pki, topology, certdir)
    plan = plan_of(lyncplan, topology)
    backend_addresses = {}
    mapping, binds = maps(plan, backend_addresses)
    conf = os.path.join(workdir, kind + ".conf")
    render(lyncplan, topology, kind, certdir, mapping, conf)
    proxy = Proxy(kind, binary, conf, workdir)
    r = proxy.check()
    if r.returncode != 0:
        failures.append(f"{kind} rejects its configuration: {r.stdout}{r.stderr}")
        return
    backends = Backends(pki, backend_addresses)
    proxy.start([tuple(a.split(":")) and (a.split(":")[0], int(a.split(":")[1]))
                 for a in binds.values()])
    try:
        expected = []
        for ip, port, name, method, path, backend in seed004_requests(binds):
            address, local_port = binds[(ip, port)].split(":")
            status = request(pki.ca_crt, address, int(local_port), port == 443, name, method, path,
                             check_name=backend is not None)
            if backend is None:
                if status != 421:
                    failures.append(f"{kind}: {name}{path} on {ip}:{port} answered {status}, "
                                    f"expected 421")
            else:
                if status != 200:
                    failures.append(f"{kind}: {method} {name}{path} on {ip}:{port} answered "
                                    f"{status}")
                expected.append((backend, method, path, name))
        time.sleep(0.1)
        with backends.lock:
            seen = list(backends.seen)
        if seen != expected:
            failures.append(f"{kind}: backends saw {seen}\n  expected {expected}")
        print(f"{kind}: {len(expected)} requests routed, {len(seen)} arrived")
    finally:
        proxy.stop()
        backends.stop()


def check_examples(kind, binary, lyncplan, pki, examples, workdir, failures):
    checked = 0
    for name in sorted(os.listdir(examples)):
        if not name.endswith(".yaml"):
            continue
        topology = os.path.join(examples, name)
        if not plan_of(lyncplan, topology)["publishing"]:
            r = run([lyncplan, "plan", topology, "--format", kind], check=False)
            if r.returncode != 2 or "publishes nothing" not in r.stderr:
                failures.append(f"{kind}: {name} publishes nothing, yet rendering gave "
                                f"{r.returncode}: {r.stderr}")
            continue
        checked += 1
        sub = os.path.join(workdir, f"{kind}-{name}")
        os.makedirs(sub)
        certdir = os.path.join(sub, "certs")
        proxy_certificates(lyncplan, pki, topology, certdir)
        mapping, _ = maps(plan_of(lyncplan, topology), {})
        conf = os.path.join(sub, kind + ".conf")
        render(lyncplan, topology, kind, certdir, mapping, conf)
        r = Proxy(kind, binary, conf, sub).check()
        if r.returncode != 0:
            failures.append(f"{kind} rejects the configuration of {name}: {r.stdout}{r.stderr}")
    print(f"{kind}: configurations of {checked} examples pass the {kind} check")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--examples", required=True)
    args = ap.parse_args()
    tools = {t: shutil.which(t) or (os.path.exists(f"/usr/sbin/{t}") and f"/usr/sbin/{t}")
             for t in ("nginx", "haproxy", "openssl")}
    missing = [t for t, p in tools.items() if not p]
    if missing:
        print("skipped: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    failures = []
    with tempfile.TemporaryDirectory(prefix="lyncplan-proxy-") as tmp:
        pki = Pki(tools["openssl"], tmp)
        for kind in ("nginx", "haproxy"):
            check_examples(kind, tools[kind], args.lyncplan, pki, args.examples, tmp, failures)
            work = os.path.join(tmp, kind + "-replay")
            os.makedirs(work)
            replay(kind, tools[kind], args.lyncplan, pki, os.path.join(args.examples, SEED004),
                   work, failures)
    for f in failures:
        print("FAIL " + f)
    failed = {f.split(":")[0].split()[0] for f in failures}
    print(f"{2 - len(failed)} passed, {len(failed)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
