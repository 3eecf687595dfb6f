#!/usr/bin/env bash
# Outside verifiers must accept what we issue (contracts.md): load the demo, write a demo
# credential's public files, and check them with ../shared/tools/vcverify (Digital Bazaar's
# JavaScript stack). Expect: the credential verifies (exit 0), a tampered copy fails (exit 1),
# the revoked demo credential reports its status bit (exit 3).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
vcverify_src="${VCVERIFY_DIR:-$repo/../shared/tools/vcverify}"
# A clone elsewhere than beside ../shared (e.g. in /tmp) finds the tool at its usual place.
[ -d "$vcverify_src" ] || vcverify_src=/work/shared/tools/vcverify
[ -d "$vcverify_src" ] || { echo "vcverify: the verifier is missing (set VCVERIFY_DIR)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export ACADEMY_DATA_DIR="$work/data"
unset DATABASE_URL
(cd "$work" && "$repo/.venv/bin/academy" demo --no-serve >/dev/null)

files() { "$repo/.venv/bin/academy" credential-files "$1" "$work/$2" >/dev/null; }
# Sanne de Vries-Ünal: a Dutch name with a diacritic (canonicalisation must match).
files "sanne.devries@brightwater.example:certified" valid
files "ruben.vos@brightwater.example:certified" revoked

cp -r "$vcverify_src" "$work/vcverify"
rm -rf "$work/vcverify/node_modules"
(cd "$work/vcverify" && npm ci --silent --no-audit --no-fund >/dev/null)

check() {  # check EXPECTED-EXIT FOLDER [CREDENTIAL-FILE]
  local expected=$1 folder=$work/$2 credential=${3:-$work/$2/credential.json} code=0
  node "$work/vcverify/verify.mjs" --credential "$credential" --did "$folder/did.json" \
    --jwt "$folder/credential.jwt" --status-list "$folder/revocation.json" \
    --status-list "$folder/suspension.json" >"$work/out.json" || code=$?
  if [ "$code" != "$expected" ]; then
    echo "vcverify: expected exit $expected for $2 ${3:+(tampered)}, got $code:" >&2
    cat "$work/out.json" >&2
    exit 1
  fi
  echo "vcverify: $2${3:+ (tampered)}: exit $code as expected"
}

check 0 valid
"$repo/.venv/bin/python" - "$work/valid/credential.json" "$work/tampered.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
document["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
json.dump(document, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
check 1 valid "$work/tampered.json"
check 3 revoked
