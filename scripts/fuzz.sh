#!/usr/bin/env bash
# Fuzzes the live API from its own OpenAPI document with schemathesis (bounded, fixed seed):
# once signed in as the owner and once signed out. Fails on any server error (5xx) or any
# response that does not match the document. Talks only to 127.0.0.1.
set -euo pipefail
bin=${1:?usage: scripts/fuzz.sh path/to/gymbox}
st=$(command -v st || true)
if [ -z "$st" ]; then
    python3 -m pip install --quiet --disable-pip-version-check schemathesis >/dev/null
    command -v pyenv >/dev/null && pyenv rehash
    st=$(command -v st)
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/out.log" 2>"$work/err.log" &
pid=$!
for _ in $(seq 1 100); do
    grep -q "setup code:" "$work/out.log" 2>/dev/null && break
    sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/out.log" | head -1)
code=$(awk '/setup code:/ {print $3}' "$work/out.log")
token=$(curl -sf -X POST "$url/api/v1/auth/setup" -H 'content-type: application/json' \
    -d "{\"setup_code\":\"$code\",\"username\":\"owner\",\"password\":\"correct horse battery staple 42\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# Operations that would end the owner's own session or credentials mid-run are left out of the
# signed-in pass; the signed-out pass covers every operation.
common=(--checks not_a_server_error,response_schema_conformance --max-examples 15 --seed 2026
    --phases examples,fuzzing --suppress-health-check data_too_large,filter_too_much,too_slow
    --workers 2 --request-timeout 10)
cd "$work" # schemathesis keeps a cache directory where it runs
echo "fuzzing $url signed in"
"$st" run "$url/api/v1/openapi.json" "${common[@]}" -H "Authorization: Bearer $token" \
    --exclude-path-regex 'logout|/me/password|/me/sessions|/me/tokens/|/me/totp|/admin/users/'
echo "fuzzing $url signed out"
"$st" run "$url/api/v1/openapi.json" "${common[@]}"
