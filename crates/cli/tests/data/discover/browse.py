#!/usr/bin/env python3
"""A real mDNS browser (python-zeroconf) for the discovery test: browses a service type on one
address's interface for a few seconds and prints every instance resolved, as JSON lines:
{"name", "server", "port", "addresses", "addresses_v6", "txt"}.

An IPv4 ADDRESS browses over IPv4 only (224.0.0.251); an IPv6 one (the interface's link-local
address) over IPv6 only (ff02::fb, IPVersion.V6Only).

Usage: browse.py ADDRESS SERVICE_TYPE SECONDS
"""
import json
import socket
import sys
import time

from zeroconf import IPVersion, ServiceBrowser, ServiceListener, Zeroconf

ADDR, TYPE, SECONDS = sys.argv[1], sys.argv[2], float(sys.argv[3])
found = {}


class Listener(ServiceListener):
    def add_service(self, zc, type_, name):
        found[name] = None

    def update_service(self, zc, type_, name):
        found[name] = None

    def remove_service(self, zc, type_, name):
        pass


V6 = ":" in ADDR
zc = Zeroconf(interfaces=[ADDR], ip_version=IPVersion.V6Only) if V6 else Zeroconf(interfaces=[ADDR])
ServiceBrowser(zc, TYPE, Listener())
time.sleep(SECONDS)
for name in sorted(found):
    info = zc.get_service_info(TYPE, name, timeout=3000)
    if info is None:
        continue
    print(json.dumps({
        "name": name,
        "server": info.server,
        "port": info.port,
        "addresses": [socket.inet_ntoa(a) for a in info.addresses if len(a) == 4],
        "addresses_v6": info.parsed_addresses(IPVersion.V6Only),
        "txt": {k.decode(): (v.decode() if v is not None else None) for k, v in info.properties.items()},
    }), flush=True)
zc.close()
