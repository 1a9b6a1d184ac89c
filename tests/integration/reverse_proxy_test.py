#!/usr/bin/env python3
"""The reverse-proxy configs lyncplan renders route a real sign-in correctly.

1. `nginx -t` and `haproxy -c` pass on every example's generated configuration as rendered for
   a DMZ: no --backend, no DNS for the pools' names.
2. For seed 004 (Director + Front End, two listeners): recording HTTPS/HTTP backends on loopback
   stand for the Director's and the Front End's external web sites; nginx, then HAProxy, run the
   generated configuration with certificates from a test CA made here; the requests seen in seed
   004's IIS logs, plus meet, dialin and lyncdiscover, are sent through the proxy by public name
   (SNI and Host). Each must arrive at the right backend and port with its Host kept, and
   nothing else may arrive anywhere: unknown names and names sent to the wrong listener get 421
   (HTTP routing) or a closed connection (TLS listeners in tcp mode, routed by SNI).
Both run in both --proxy-modes, http and tcp.
Servers are started here on 127.0.0.x high ports and stopped by PID. Exit 77 (skip) when nginx
or haproxy is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import http.server
import os
import socket
import ssl
import sys
import tempfile
import threading
import time

from proxylab import (Certificates, Pki, Proxy, maps, plan_of, proxy_tools, render, run,
                      serve_backend, stop_servers)

SEED004 = "director-reverse-proxy.yaml"


class Backends:
    """HTTPS and HTTP servers standing for the pools' external web sites; they record requests."""

    def __init__(self, pki, backends):
        self.seen, self.lock, self.servers = [], threading.Lock(), []
        for key, address in backends.items():
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

            self.servers.append(serve_backend(pki, key, address, Handler))

    def stop(self):
        stop_servers(self.servers)


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
    data = b""
    try:
        sock.sendall(head.encode() + body)
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, ssl.SSLError):
        pass
    sock.close()
    return int(data.split(b" ", 2)[1]) if data else None  # None: closed without an answer


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


def replay(kind, mode, binary, lyncplan, certificates, topology, workdir, failures):
    label = f"{kind} --proxy-mode {mode}"
    pki = certificates.pki
    certdir = certificates.folder(topology)
    plan = plan_of(lyncplan, topology)
    backend_addresses = {}
    mapping, binds = maps(plan, backend_addresses)
    conf = render(lyncplan, topology, kind, certdir, mapping + ["--proxy-mode", mode], workdir)
    proxy = Proxy(kind, binary, conf, workdir)
    r = proxy.check()
    if r.returncode != 0:
        failures.append(f"{label}: the configuration is rejected: {r.stdout}{r.stderr}")
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
                refusal = None if mode == "tcp" and port == 443 else 421
                if status != refusal:
                    failures.append(f"{label}: {name}{path} on {ip}:{port} answered {status}, "
                                    f"expected {refusal or 'a closed connection'}")
            else:
                if status != 200:
                    failures.append(f"{label}: {method} {name}{path} on {ip}:{port} answered "
                                    f"{status}")
                expected.append((backend, method, path, name))
        time.sleep(0.1)
        with backends.lock:
            seen = list(backends.seen)
        if seen != expected:
            failures.append(f"{label}: backends saw {seen}\n  expected {expected}")
        print(f"{label}: {len(expected)} requests routed, {len(seen)} arrived")
    finally:
        proxy.stop()
        backends.stop()


def check_examples(kind, mode, binary, lyncplan, certificates, examples, workdir, failures):
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
        sub = os.path.join(workdir, f"{kind}-{mode}-{name}")
        os.makedirs(sub)
        certdir = certificates.folder(topology)
        # As a proxy in a DMZ gets it: no --backend and no DNS for the pools' names (nothing here
        # resolves them), so every backend must be an address the plan knows. --bind only
        # because nginx -t binds, and the public addresses are not on this machine.
        _, seen = maps(plan_of(lyncplan, topology), {})
        binds = [arg for (ip, port), local in seen.items()
                 for arg in ("--bind", f"{ip}:{port}={local}")]
        conf = render(lyncplan, topology, kind, certdir, binds + ["--proxy-mode", mode], sub)
        r = Proxy(kind, binary, conf, sub).check()
        if r.returncode != 0:
            failures.append(f"{kind} --proxy-mode {mode}: the configuration of {name} is "
                            f"rejected: {r.stdout}{r.stderr}")
    print(f"{kind} --proxy-mode {mode}: configurations of {checked} examples pass the check")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--examples", required=True)
    args = ap.parse_args()
    tools, skip = proxy_tools()
    if tools is None:
        return skip
    failures, cases, failed = [], 0, 0
    with tempfile.TemporaryDirectory(prefix="lyncplan-proxy-") as tmp:
        certificates = Certificates(args.lyncplan, Pki(tools["openssl"], tmp), tmp)
        for kind in ("nginx", "haproxy"):
            for mode in ("http", "tcp"):
                cases, before = cases + 1, len(failures)
                check_examples(kind, mode, tools[kind], args.lyncplan, certificates,
                               args.examples, tmp, failures)
                work = os.path.join(tmp, f"{kind}-{mode}-replay")
                os.makedirs(work)
                replay(kind, mode, tools[kind], args.lyncplan, certificates,
                       os.path.join(args.examples, SEED004), work, failures)
                failed += len(failures) > before
    for f in failures:
        print("FAIL " + f)
    print(f"{cases - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
