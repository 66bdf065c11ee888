#!/usr/bin/env bash
# Durable set logging and short reads at the HTTP level with wrk (apt-get install wrk), against
# a release binary and a demo gym, with every reactor on and with analysis left out.
#   benches/wrk/run.sh target/release/gymbox [MEMBERS=100] [MONTHS=6] [SECONDS=10]
# Prints the demo gym's bytes per set on disk, requests/s and latency for POST
# /workouts/{id}/sets at 16 and 64 connections into workouts in progress (and at 64 into
# finished ones, logged after the fact), the writer's mean batch (writes per durable commit)
# and the bytes the server wrote to disk per commit (/proc/PID/io), the CPU time per set of
# the writer thread and of the whole server (/proc/PID/stat; compare binaries run in the same
# hour: it rises too when a shared machine is slow), and /healthz, /api/v1/me and the first
# page of workouts at 64 and 16 connections, with the c64 rates and CPU per request as ratios
# to a /healthz run measured right before each path.
set -euo pipefail
bin=$(realpath "$1"); members=${2:-100}; months=${3:-6}; seconds=${4:-10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin" demo --json --members "$members" --months "$months" --data "$work/gym" > "$work/demo.json"
password=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["password"])' < "$work/demo.json")
sets=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["sets"])' < "$work/demo.json")
bytes=$(stat -c %s "$work/gym/gymbox.redb")
echo "demo gym: $sets sets, $bytes bytes on disk, $((bytes / sets)) bytes per set"

serve() { # env... ; sets $pid and $url
  rm -rf "$work/run" "$work/serve.out" && cp -r "$work/gym" "$work/run"
  env "$@" "$bin" serve --listen 127.0.0.1:0 --data "$work/run" > "$work/serve.out" 2>/dev/null &
  pid=$!
  until grep -q listening "$work/serve.out" 2>/dev/null; do sleep 0.1; done
  url=$(sed -n 's/listening on //p' "$work/serve.out")
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "$1"; } # user + system clock ticks of /proc/.../stat
writer_stat() { grep -l gymbox-writer /proc/"$pid"/task/*/comm | head -1 | sed 's/comm$/stat/'; }
per() { awk -v t="$1" -v n="$2" -v k="$tick" 'BEGIN {printf "%.0f", t / k * 1e6 / n}'; } # µs per
requests() { awk '/requests in/ {print $1}'; }
written() { awk '/^write_bytes/ {print $2}' "/proc/$pid/io"; }
commits() { curl -s "$url/metrics" | awk '/^gymbox_db_durable_commits_total/ {print $2}'; }
batch() { # $1: bytes the server had written before the run, $2: its durable commits then
  curl -s "$url/metrics" | awk -v w0="$1" -v c0="$2" -v w1="$(written)" \
    '/^gymbox_db_durable_commits_total/ {c=$2} /^gymbox_db_writes_total/ {w=$2}
    END {printf "  mean batch: %.1f writes per durable commit; %.0f kB written per commit\n", w / c, (w1 - w0) / (c - c0) / 1000}'
}

for mode in all analysis-off; do
  for run in "16 open" "64 open" "64 finished"; do
    read -r c workouts <<< "$run"
    if [ "$mode" = all ]; then serve GYMBOX_REACTORS_OFF=; else serve GYMBOX_REACTORS_OFF=analysis; fi
    # 40 workouts each: at 15,000 sets/s for 10 s about 230 sets per workout, below the limit of
    # 500 a workout takes.
    python3 "$here/prepare.py" "$url" "$password" 16 40 "$workouts" > /dev/null
    echo "set logging into $workouts workouts, $mode, c$c:"
    w0=$(written); c0=$(commits); ws=$(writer_stat); t0=$(cpu "$ws"); p0=$(cpu /proc/"$pid"/stat)
    out=$(TARGETS="$work/targets.lua" wrk -t2 -c"$c" -d"${seconds}s" --latency -s "$here/sets.lua" "$url")
    t1=$(cpu "$ws"); p1=$(cpu /proc/"$pid"/stat); n=$(requests <<< "$out")
    grep -E "Requests/sec|^ +(50|99)%|non-2xx" <<< "$out" | sed 's/^/  /'
    batch "$w0" "$c0"
    echo "  CPU per set: writer thread $(per $((t1 - t0)) "$n") µs, whole server $(per $((p1 - p0)) "$n") µs"
    stop
  done
done

serve GYMBOX_REACTORS_OFF=
login() {
  curl -s -X POST -H 'content-type: application/json' -d "{\"login\":\"$1\",\"password\":\"$password\"}" \
    "$url/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
owner=$(login owner)
member=$(curl -s -H "authorization: Bearer $owner" "$url/api/v1/admin/users?limit=20" \
  | python3 -c 'import json,sys; print([u["username"] for u in json.load(sys.stdin)["items"] if u["role"]=="member"][0])')
token=$(login "$member")
# measure PATH C: prints the rate, p99 and CPU per request; sets $rate and $cost (ticks × 10⁶ per request)
measure() {
  local p0 p1 n out
  p0=$(cpu /proc/"$pid"/stat)
  out=$(wrk -t2 -c"$2" -d"${seconds}s" --latency -H "authorization: Bearer $token" "$url$1")
  p1=$(cpu /proc/"$pid"/stat); n=$(requests <<< "$out")
  grep -E "Requests/sec|^ +99%" <<< "$out" | sed 's/^/  /'
  echo "  CPU per request: $(per $((p1 - p0)) "$n") µs"
  rate=$(awk '/Requests\/sec/ {print $2}' <<< "$out"); cost=$(( (p1 - p0) * 1000000 / n ))
}
ratios=()
for path in /healthz /api/v1/me "/api/v1/workouts?limit=20"; do
  if [ "$path" != /healthz ]; then
    # The ratio's /healthz is measured right before the path: the machine's speed drifts.
    echo "GET /healthz, c64 (just before $path):"
    measure /healthz 64; base_rate=$rate; base_cost=$cost
  fi
  for c in 64 16; do
    echo "GET $path, c$c:"
    measure "$path" "$c"
    if [ "$path" != /healthz ] && [ "$c" = 64 ]; then
      ratios+=("$(awk -v p="$path" -v r="$rate" -v h="$base_rate" -v c="$cost" -v ch="$base_cost" \
        'BEGIN {printf "ratio to /healthz at c64, %s: rate %.2f, CPU per request %.2f", p, r / h, ch / c}')")
    fi
  done
done
stop
printf '%s\n' "${ratios[@]}"
