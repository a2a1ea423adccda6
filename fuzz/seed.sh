#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/ is gitignored; this script is the committed source of it).
#   parse_declaration: every example device declaration in examples/devices/.
#   parse_evidence:    a few small evidence files, written below, and examples/evidence/.
#   parse_masks:       a masks file, written below.
#   evidence_gate:     the same evidence files (weighed against the Fortis Lock Pro example).
#   document_writers:  hostile texts (NUL-separated pieces written into the example's values).
#   tlog_note:         a signed note and a signed checkpoint.
#   statement_parse:   the signed statement of the published test vector.
#   advice_profile:    the example buyer profiles in examples/profiles/ and one URL query.
#   mud_read:          the MUD files of ../shared/mud (valid and deviating) and the bad-input corpus.
# Safe to re-run: it only adds or overwrites the seed files, never the inputs libFuzzer found.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"

decl="$fuzz_dir/corpus/parse_declaration"
evid="$fuzz_dir/corpus/parse_evidence"
mkdir -p "$decl" "$evid"

cp "$root"/examples/devices/* "$decl"/

masks="$fuzz_dir/corpus/parse_masks"
mkdir -p "$masks"
cat > "$masks/masks.toml" <<'TOML'
schema_version = "1"

[[masks]]
finding = "tcp/8080"
what = "HTTP on 8080 (factory test page)"
why = "Disabled by the first-boot update"
who = "J. Doe, Example Test Lab"
when = 2026-11-20
expires = 2027-05-20

[[masks]]
item = "nmap-1"
control = "comms.encrypted"
what = "w"
why = "y"
who = "z"
when = 2026-01-01
TOML

cat > "$evid/scan.toml" <<'TOML'
schema_version = "1.0"

[device]
brand = "Acme"
model = "Cam 2"
firmware_version = "2.4.1"

[[items]]
id = "nmap-1"
control = "surface.no-insecure-services"
result = "fail"
method = "network_test"
tester = "iotlabel scan"
date = 2024-05-02
summary = "RTSP (554/tcp) is open on the LAN without authentication."
tool = "nmap 7.94"

[[items]]
id = "lab-2024-017"
requirement = "etsi-en-303-645:5.1-1"
result = "pass"
method = "lab_test"
tester = "Example Test Lab"
date = 2024-05-03
summary = "Each unit ships with a unique random password."
TOML

cat > "$evid/lab.json" <<'JSON'
{
  "schema_version": "1.0",
  "device": { "brand": "Fortis", "model": "Lock Pro" },
  "items": [
    {
      "id": "doc-1",
      "control": "update.support-period-published",
      "result": "inconclusive",
      "method": "document_review",
      "tester": "Example Test Lab",
      "date": "2024-06-11",
      "summary": "The support period is stated only in the retail listing."
    },
    {
      "id": "pen-1",
      "requirement": "nist-ir-8425:4b",
      "result": "pass",
      "method": "penetration_test",
      "tester": "Example Test Lab",
      "date": "2024-06-12",
      "summary": "No exploitable service found.",
      "tool": "burp 2024.5"
    }
  ]
}
JSON

cat > "$evid/minimal.toml" <<'TOML'
schema_version = "1.0"
items = []
TOML

cp "$root"/examples/evidence/* "$evid"/
gate="$fuzz_dir/corpus/evidence_gate"
mkdir -p "$gate"
cp "$evid"/* "$gate"/

docs="$fuzz_dir/corpus/document_writers"
mkdir -p "$docs"
printf '<script>alert(1)</script>\0[x](javascript:alert(1))\0a|b\n# Forged\n| 9.9-9 | M | Y | forged |\0javascript:alert(1)' > "$docs/markup"
printf 'https://example.com/a|b\0mailto:a@b>c\0<!-- x -->\0\033[31m\r\n===' > "$docs/links"
printf 'Fortis' > "$docs/plain"

tlog="$fuzz_dir/corpus/tlog_note"
mkdir -p "$tlog"
# Go's note package example and a checkpoint with an extension line and two signers.
printf 'If you think cryptography is the answer to your problem,\nthen you don'"'"'t know what your problem is.\n\n\xe2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n' > "$tlog/go-note"
printf 'registry.example/log\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nextension\n\n\xe2\x80\x94 registry.example/log AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\xe2\x80\x94 witness.example/w1 AQIDBAUG\n' > "$tlog/checkpoint"

stmt="$fuzz_dir/corpus/statement_parse"
mkdir -p "$stmt"
# The test vector's signed statement (crates/statement/tests/data/vector.json).
cat > "$stmt/vector.json" <<'JSON'
{
  "statement": {
    "kind": "declaration",
    "subject": "acme-cam-2-b1-2-4-1",
    "payload": {
      "identity": {
        "brand": "Acme",
        "model": "Cam 2",
        "hardware_version": "B1",
        "firmware_version": "2.4.1"
      },
      "support": {
        "end": "2031-12-31",
        "years": 5
      },
      "network": {
        "ports": [
          443,
          8443
        ],
        "ratio": 0.5
      },
      "note": "café €, \"quoted\", tab\there"
    },
    "issued_at": "2026-01-15T09:30:00Z",
    "nonce": "AAECAwQFBgcICQoLDA0ODw==",
    "signer": "ed25519:21fe31dfa154a261"
  },
  "signature": "aEme6p7rWGLZhlqQ0m8XBbAUc9v2FBPRJpuConaIoDCIaRm40DqhpaD6nwkY+MZFY46Wcba6wwGCSgYdyA5pAQ=="
}
JSON

prof="$fuzz_dir/corpus/advice_profile"
mkdir -p "$prof"
cp "$root"/examples/profiles/*.toml "$prof"/
printf 'v=1&place=bedroom&household=young-children%%2Cat-risk&keep_years=7&no_data_sold=yes' > "$prof/query.txt"

echo "seeded $(ls "$decl" | wc -l) parse_declaration and $(ls "$evid" | wc -l) parse_evidence and evidence_gate inputs under $fuzz_dir/corpus/"

mud="$fuzz_dir/corpus/mud_read"
mkdir -p "$mud"
cp "$root"/crates/mud/tests/data/bad/*.json "$mud"/
if [ -d "$root/../shared/mud" ]; then
    cp "$root"/../shared/mud/valid/*.json "$root"/../shared/mud/deviating/*.json "$mud"/
fi

# issue 14: the evidence importers, seeded with their fixtures (good and bad) and the shared samples.
imp="$root/crates/import/tests/data"
for t in nmap json sbom; do mkdir -p "$fuzz_dir/corpus/import_$t"; done
cp "$imp"/good/nmap-*.xml "$imp"/bad/nmap-*.xml "$fuzz_dir/corpus/import_nmap"/
cp "$imp"/good/testssl-*.json "$imp"/good/ssh-audit-*.json "$imp"/good/zap-*.json "$imp"/good/har-*.json "$fuzz_dir/corpus/import_json"/
cp "$imp"/good/cyclonedx-*.json "$imp"/good/spdx-*.json "$imp"/bad/cyclonedx-*.json "$fuzz_dir/corpus/import_sbom"/
if [ -d "$root/../shared/tool-outputs" ]; then
    cp "$root"/../shared/tool-outputs/{testssl,ssh-audit,zap,har}/*.json "$fuzz_dir/corpus/import_json"/
fi
