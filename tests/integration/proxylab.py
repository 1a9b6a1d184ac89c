"""The reverse-proxy lab shared by the proxy tests: a test CA, the proxy's certificates, the
plan's listeners and backends mapped onto loopback, and nginx or HAProxy started on a rendered
configuration and stopped by PID."""
import http.server
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time


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


class Certificates:
    """Each example's keys and certificates (issued by the test CA), made once: they are the same
    for both proxies and both modes, and making RSA keys is most of this test's time."""

    def __init__(self, lyncplan, pki, workdir):
        self.lyncplan, self.pki, self.workdir, self.made = lyncplan, pki, workdir, {}

    def folder(self, topology):
        if topology not in self.made:
            certdir = os.path.join(self.workdir, "certs-" + os.path.basename(topology))
            proxy_certificates(self.lyncplan, self.pki, topology, certdir)
            self.made[topology] = certdir
        return self.made[topology]


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


def render(lyncplan, topology, fmt, certdir, mapping, workdir):
    """Renders into workdir/<fmt>: one file, or (nginx in tcp mode) a folder of context files."""
    out = os.path.join(workdir, fmt)
    run([lyncplan, "plan", topology, "--format", fmt, "--cert-dir", certdir, "--fail-on", "never",
         "-o", out] + mapping)
    return out


NGINX_MAIN = """user root root;
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
{stream}events {{ worker_connections 256; }}
http {{
    access_log {dir}/nginx-access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {http};
}}
"""
NGINX_STREAM = """load_module /usr/lib/nginx/modules/ngx_stream_module.so;
stream {{
    include {stream};
}}
"""


def nginx_main(workdir, conf):
    """nginx.conf around a rendered file (http context) or folder (stream and http contexts)."""
    if os.path.isdir(conf):
        stream = NGINX_STREAM.format(stream=os.path.join(conf, "lyncplan-stream.conf"))
        http = os.path.join(conf, "lyncplan-http.conf")
    else:
        stream, http = "", conf
    return NGINX_MAIN.format(dir=workdir, stream=stream, http=http)


class Proxy:
    def __init__(self, kind, binary, conf, workdir):
        self.kind, self.binary, self.conf, self.dir = kind, binary, conf, workdir
        if kind == "nginx":
            self.main = os.path.join(workdir, "nginx-main.conf")
            with open(self.main, "w") as f:
                f.write(nginx_main(workdir, conf))

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


class QuietServer(http.server.ThreadingHTTPServer):
    """A threaded test server that says nothing when a proxy resets a finished connection."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def serve_backend(pki, key, address, handler):
    """A backend for `key` (pool:port) at `address`: HTTPS with a certificate for the pool from
    the test CA, plain HTTP for port 8080. Returns the running server."""
    host, port = key.rsplit(":", 1)
    local, local_port = address.split(":")
    server = QuietServer((local, int(local_port)), handler)
    if port != "8080":
        crt, keyfile = pki.server_cert(host)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(crt, keyfile)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop_servers(servers):
    for s in servers:
        s.shutdown()
        s.server_close()


def proxy_tools():
    """(paths of nginx, haproxy and openssl, None), or (None, exit code) after saying which are
    missing: 77 (skip) unless LYNCPLAN_REQUIRE_INTEGRATION=1 makes it a failure."""
    tools = {t: shutil.which(t) or (os.path.exists(f"/usr/sbin/{t}") and f"/usr/sbin/{t}")
             for t in ("nginx", "haproxy", "openssl")}
    missing = [t for t, p in tools.items() if not p]
    if missing:
        print("skipped: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return None, 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    return tools, None
