#!/usr/bin/env python3
"""A fake IoT camera for the discovery test (crates/cli/tests/it/discover.rs), run inside a
network namespace the test creates: an mDNS service `_rtsp._tcp` "Hall Camera" (python-zeroconf),
an SSDP responder on 239.255.255.250:1900 and the UPnP description document over HTTP.

Usage: fake_device.py ADDRESS   (the namespace's own address). Prints "ready" when serving; runs
until killed.
"""
import http.server
import socket
import struct
import sys
import threading

from zeroconf import ServiceInfo, Zeroconf

ADDR = sys.argv[1]
HTTP_PORT = 49152
DESCRIPTION = f"""<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:DigitalSecurityCamera:1</deviceType>
    <friendlyName>Hall Camera</friendlyName>
    <manufacturer>Fakecam Industries</manufacturer>
    <modelName>FC-100</modelName>
    <modelNumber>100</modelNumber>
    <UDN>uuid:5f0e1c1e-0000-4000-8000-000000000001</UDN>
  </device>
</root>
""".encode()


class Description(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/desc.xml":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(DESCRIPTION)))
        self.end_headers()
        self.wfile.write(DESCRIPTION)

    def log_message(self, *args):
        pass


def ssdp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("239.255.255.250", 1900))
    mreq = struct.pack("4s4s", socket.inet_aton("239.255.255.250"), socket.inet_aton(ADDR))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    while True:
        data, src = s.recvfrom(4096)
        if not data.startswith(b"M-SEARCH"):
            continue
        answer = (
            "HTTP/1.1 200 OK\r\n"
            "CACHE-CONTROL: max-age=1800\r\n"
            "EXT:\r\n"
            f"LOCATION: http://{ADDR}:{HTTP_PORT}/desc.xml\r\n"
            "SERVER: Linux/5.10 UPnP/1.0 FakeCam/1.0\r\n"
            "ST: urn:schemas-upnp-org:device:DigitalSecurityCamera:1\r\n"
            "USN: uuid:5f0e1c1e-0000-4000-8000-000000000001\r\n\r\n"
        )
        s.sendto(answer.encode(), src)


server = http.server.HTTPServer((ADDR, HTTP_PORT), Description)
threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Thread(target=ssdp, daemon=True).start()
zc = Zeroconf(interfaces=[ADDR])
info = ServiceInfo(
    "_rtsp._tcp.local.",
    "Hall Camera._rtsp._tcp.local.",
    addresses=[socket.inet_aton(ADDR)],
    port=554,
    properties={"model": "FC-100"},
    server="hallcam.local.",
)
zc.register_service(info)
print("ready", flush=True)
threading.Event().wait()
