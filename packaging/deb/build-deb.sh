#!/bin/sh
# Builds the Gymbox Debian package: release binary, man pages, shell completions, .deb.
#
#   packaging/deb/build-deb.sh            # from the repository root
#
# Needs cargo-deb (`cargo install --locked cargo-deb`) and the [package.metadata.deb]
# section from packaging/deb/cargo-deb-metadata.toml in Cargo.toml. The package is written
# to target/debian/. Set LINTIAN=1 to check it with lintian afterwards.
set -eu

cd "$(dirname "$0")/../.."

cargo build --release --locked

bin=target/release/gymbox
rm -rf target/man target/completions
mkdir -p target/man target/completions
"$bin" manpage --dir target/man >/dev/null
"$bin" completions bash >target/completions/gymbox.bash
"$bin" completions zsh >target/completions/_gymbox
"$bin" completions fish >target/completions/gymbox.fish

cargo deb --no-build --locked

if [ "${LINTIAN:-0}" = 1 ]; then
    lintian --no-tag-display-limit target/debian/gymbox_*.deb || true
fi
