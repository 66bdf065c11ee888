#!/bin/sh
# Writes the Kubernetes manifests of one gym, packaging/k8s/gyms/NAME.yaml, from gym.yaml.in.
#
#   packaging/k8s/new-gym.sh NAME HOST [SCHEDULE]
#
# NAME     the gym's short name: lower-case letters, digits and '-', at most 40 characters
#          (objects are called gym-NAME, its volumes data-gym-NAME-0 and backups-gym-NAME-0)
# HOST     the DNS name members use, e.g. irontemple.example.org
# SCHEDULE the nightly backup time as a cron expression in UTC; by default a minute between
#          03:00 and 03:59 chosen from NAME, so that gyms do not all restart at once
#
# Set OUT=- to print the manifests instead of writing the file.
set -eu
usage() { echo "usage: $0 NAME HOST [SCHEDULE]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
name=$1 host=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! printf '%s\n' "$name" | grep -Eqx '[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?'; then
    echo "$0: NAME must be 1 to 40 lower-case letters, digits or '-', not starting or ending with '-'" >&2
    exit 2
fi
if ! printf '%s\n' "$host" | grep -Eqx '([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}'; then
    echo "$0: HOST must be a lower-case DNS name such as gym.example.org" >&2
    exit 2
fi
minute=$(( $(printf '%s' "$name" | cksum | cut -d ' ' -f 1) % 60 ))
schedule=${3:-"$minute 3 * * *"}
out=${OUT:-$here/gyms/$name.yaml}
render() {
    sed -e "s|@GYM@|$name|g" -e "s|@HOST@|$host|g" -e "s|@SCHEDULE@|$schedule|g" "$here/gym.yaml.in"
}
if [ "$out" = - ]; then
    render
else
    mkdir -p "$(dirname "$out")"
    render >"$out"
    echo "wrote $out; apply it with: kubectl apply -f $out" >&2
fi
