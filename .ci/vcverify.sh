#!/usr/bin/env bash
# Outside verifiers must accept what we issue: load the demo, check its credentials against the
# official Open Badges 3.0 JSON Schemas, write demo credentials' public files, and check them
# with ../shared/tools/vcverify (Digital Bazaar's JavaScript stack) and with `jose` for the
# RS256/ES256 VC-JWT. Expect: a valid credential verifies (exit 0), a tampered copy fails
# (exit 1), the revoked and a suspended demo credential report their status bit (exit 3).
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
# No ACADEMY_BASE_URL: the demo (port 8000) and every other command share the default address.
unset ACADEMY_BASE_URL
unset DATABASE_URL
academy() { (cd "$work" && "$repo/.venv/bin/academy" "$@"); }
academy demo --no-serve >/dev/null

# Every demo credential, the issuer profile, the achievements and status lists against the
# official schemas (copies in docs/standards/).
academy check-conformance

files() { academy credential-files "$1" "$work/$2" >/dev/null; }
# Sanne de Vries-Ünal: a Dutch name with a diacritic (canonicalisation must match).
files "sanne.devries@brightwater.example:certified" valid
files "ruben.vos@brightwater.example:certified" revoked
serial=$(academy credential-files "olivia.bennett@brightwater.example:certified" "$work/x" | cut -d' ' -f1)
academy suspend "$serial" --reason "CI: suspended" >/dev/null
files "olivia.bennett@brightwater.example:certified" suspended

cp -r "$vcverify_src" "$work/vcverify"
rm -rf "$work/vcverify/node_modules"
(cd "$work/vcverify" && npm ci --silent --no-audit --no-fund >/dev/null)
cp .ci/verify-jwt.mjs "$work/vcverify/verify-jwt.mjs"

check() {  # check EXPECTED-EXIT FOLDER [CREDENTIAL-FILE]
  local expected=$1 folder=$work/$2 credential=${3:-$work/$2/credential.json} code=0
  # vcverify verifies VC-JWTs signed with EdDSA only: it gets the EdDSA form (decision 0009).
  node "$work/vcverify/verify.mjs" --credential "$credential" --did "$folder/did.json" \
    --jwt "$folder/credential.eddsa.jwt" --status-list "$folder/revocation.json" \
    --status-list "$folder/suspension.json" >"$work/out.json" || code=$?
  if [ "$code" != "$expected" ]; then
    echo "vcverify: expected exit $expected for $2 ${3:+(tampered)}, got $code:" >&2
    cat "$work/out.json" >&2
    exit 1
  fi
  echo "vcverify: $2${3:+ (tampered)}: exit $code as expected"
}

check_jwt() {  # check_jwt EXPECTED-EXIT FOLDER [JWT-FILE]
  local expected=$1 folder=$work/$2 token=${3:-$work/$2/credential.jwt} code=0
  node "$work/vcverify/verify-jwt.mjs" "$token" "$folder/did.json" >"$work/out.json" || code=$?
  if [ "$code" != "$expected" ]; then
    echo "credential.jwt: expected exit $expected for $2 ${3:+(tampered)}, got $code:" >&2
    cat "$work/out.json" >&2
    exit 1
  fi
  echo "credential.jwt (kid -> JsonWebKey in did.json): $2${3:+ (tampered)}: exit $code as expected"
}

check 0 valid
"$repo/.venv/bin/python" - "$work/valid" "$work" <<'PY'
import base64, json, sys
folder, work = sys.argv[1], sys.argv[2]
document = json.load(open(f"{folder}/credential.json", encoding="utf-8"))
document["credentialSubject"]["name"] = "Someone Else"
json.dump(document, open(f"{work}/tampered.json", "w", encoding="utf-8"), ensure_ascii=False)
header, payload, signature = open(f"{folder}/credential.jwt").read().strip().split(".")
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
claims["credentialSubject"]["name"] = "Someone Else"
forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
open(f"{work}/tampered.jwt", "w").write(f"{header}.{forged}.{signature}")
PY
check 1 valid "$work/tampered.json"
check 3 revoked
check 3 suspended
check_jwt 0 valid
check_jwt 1 valid "$work/tampered.jwt"
