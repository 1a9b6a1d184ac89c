#!/usr/bin/env python3
"""Loopback sinks for the reference client: each TCP/TLS sink reads once, logs the attempt (the
TLS ClientHello's SNI, or the first plaintext line) and closes; HTTP sinks answer Lync
Autodiscover (Root, then User) and log each request. Usage: sinks.py tcp:IP:PORT... http:IP:PORT..."""
import http.server
import socket
import sys
import threading

lock = threading.Lock()


def log(line):
    with lock:
        print(line, flush=True)


def sni(hello):
    """The server name of a TLS ClientHello, or None."""
    try:
        if hello[0] != 0x16 or hello[5] != 0x01:
            return None
        i = 5 + 4 + 2 + 32
        i += 1 + hello[i]                                  # session id
        i += 2 + int.from_bytes(hello[i:i + 2], "big")     # cipher suites
        i += 1 + hello[i]                                  # compression methods
        end = i + 2 + int.from_bytes(hello[i:i + 2], "big")
        i += 2
        while i + 4 <= end:
            kind = int.from_bytes(hello[i:i + 2], "big")
            length = int.from_bytes(hello[i + 2:i + 4], "big")
            if kind == 0:
                name_length = int.from_bytes(hello[i + 7:i + 9], "big")
                return hello[i + 9:i + 9 + name_length].decode()
            i += 4 + length
    except (IndexError, UnicodeDecodeError):
        return None
    return None


def tcp_sink(address, port):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, port))
    server.listen(16)
    while True:
        conn, _ = server.accept()
        conn.settimeout(2)
        try:
            data = conn.recv(4096)
        except OSError:
            data = b""
        name = sni(data)
        if name is not None:
            log(f"CONNECT {address}:{port} TLS {name}")
        else:
            first = data.split(b"\r\n", 1)[0].decode(errors="replace")
            log(f"CONNECT {address}:{port} PLAIN {first}")
        conn.close()


USER_DOC = """<?xml version="1.0" encoding="utf-8"?>
<AutodiscoverResponse AccessLocation="{where}"><User>
<SipServerInternalAccess fqdn="pool01.contoso.com" port="5061"/>
<SipClientInternalAccess fqdn="pool01.contoso.com" port="5061"/>
<SipServerExternalAccess fqdn="sip.contoso.com" port="5061"/>
<SipClientExternalAccess fqdn="sip.contoso.com" port="443"/>
</User></AutodiscoverResponse>"""
ROOT_DOC = """<?xml version="1.0" encoding="utf-8"?>
<AutodiscoverResponse AccessLocation="{where}"><Root>
<Link token="Domain" href="http://{host}/Autodiscover/AutodiscoverService.svc/root/domain"/>
<Link token="User" href="http://{host}/Autodiscover/AutodiscoverService.svc/root/user"/>
</Root></AutodiscoverResponse>"""


class Autodiscover(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        host = (self.headers.get("Host") or "").lower()
        log(f"HTTP {self.server.server_address[0]}:{self.server.server_address[1]} GET "
            f"{self.path} Host={host}")
        where = "Internal" if host.startswith("lyncdiscoverinternal") else "External"
        doc = USER_DOC if "/root/user" in self.path else ROOT_DOC
        body = doc.format(where=where, host=host).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.microsoft.rtc.autodiscover+xml; v=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def address_string(self):
        return self.client_address[0]  # no reverse lookup

    def log_message(self, *args):
        pass


def main():
    for spec in sys.argv[1:]:
        kind, address, port = spec.split(":")
        if kind == "tcp":
            threading.Thread(target=tcp_sink, args=(address, int(port)), daemon=True).start()
        else:
            server = http.server.ThreadingHTTPServer((address, int(port)), Autodiscover)
            threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
