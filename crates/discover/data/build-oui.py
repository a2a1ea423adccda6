#!/usr/bin/env python3
"""Builds oui.tsv (the compact IEEE MA-L registry this crate embeds) from the IEEE CSV.

Usage: python3 build-oui.py [/usr/share/ieee-data/oui.csv] > oui.tsv

Input: the IEEE Registration Authority's MA-L listing as CSV (Debian package `ieee-data`,
/usr/share/ieee-data/oui.csv; or https://standards-oui.ieee.org/oui/oui.csv). Output: one line per
assignment, `PREFIX<TAB>Organization`, PREFIX six upper-case hex digits, sorted by prefix, the
organisation's name with white space runs made one space. Addresses are dropped (not needed, and
they are most of the file's size).
"""
import csv
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/ieee-data/oui.csv"
rows = {}
with open(path, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["Registry"] != "MA-L":
            continue
        prefix = row["Assignment"].strip().upper()
        name = " ".join(row["Organization Name"].split())
        if len(prefix) == 6 and name:
            rows[prefix] = name
out = sys.stdout
out.write("# IEEE MA-L (OUI) registry: prefix<TAB>organisation. Built by build-oui.py; see README.md.\n")
for prefix in sorted(rows):
    out.write(f"{prefix}\t{rows[prefix]}\n")
