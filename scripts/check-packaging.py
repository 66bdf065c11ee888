#!/usr/bin/env python3
"""Checks of the packaging files that the schema validators cannot make.

    check-packaging.py manifests FILE...       Kubernetes: what a Gymbox gym must have
    check-packaging.py dashboard FILE METRICS  Grafana: only metrics the server exports

Exits with 1 and one line per problem when anything is wrong.
"""
import json
import re
import sys

import yaml

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def pod_spec(doc):
    kind = doc.get("kind")
    if kind == "StatefulSet":
        return doc["spec"]["template"]["spec"]
    if kind == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return None


def check_pod(where, spec):
    sc = spec.get("securityContext", {})
    if sc.get("runAsNonRoot") is not True:
        problem(where, "pod securityContext.runAsNonRoot is not true")
    if sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        problem(where, "pod seccompProfile is not RuntimeDefault")
    for c in spec.get("initContainers", []) + spec.get("containers", []):
        cw = f"{where} container {c['name']}"
        csc = c.get("securityContext", {})
        if csc.get("allowPrivilegeEscalation") is not False:
            problem(cw, "allowPrivilegeEscalation is not false")
        if csc.get("readOnlyRootFilesystem") is not True:
            problem(cw, "readOnlyRootFilesystem is not true")
        if csc.get("capabilities", {}).get("drop") != ["ALL"]:
            problem(cw, "capabilities do not drop ALL")
        res = c.get("resources", {})
        if "memory" not in res.get("requests", {}) or "memory" not in res.get("limits", {}):
            problem(cw, "no memory request and limit")
        if ":" not in c.get("image", "") or c["image"].endswith(":latest"):
            problem(cw, f"image {c.get('image')!r} has no fixed tag")


def check_gym(where, docs):
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    if sorted(by_kind) != ["CronJob", "Ingress", "Service", "StatefulSet"] or any(
        len(v) != 1 for v in by_kind.values()
    ):
        problem(where, "a gym is one StatefulSet, Service, Ingress and CronJob")
        return
    sts, svc = by_kind["StatefulSet"][0], by_kind["Service"][0]
    ing, cron = by_kind["Ingress"][0], by_kind["CronJob"][0]
    name = sts["metadata"]["name"]
    if sts["spec"].get("replicas") != 1:
        problem(where, "replicas must be 1: one server per database")
    if sts["spec"].get("serviceName") != svc["metadata"]["name"]:
        problem(where, "serviceName is not the gym's Service")
    labels = sts["spec"]["template"]["metadata"]["labels"]
    if svc["spec"].get("selector") != labels:
        problem(where, "the Service does not select the gym's pod")
    backends = {
        p["backend"]["service"]["name"]
        for r in ing["spec"]["rules"]
        for p in r["http"]["paths"]
        if p["path"] == "/"
    }
    if backends != {svc["metadata"]["name"]}:
        problem(where, "the Ingress does not send / to the gym's Service")
    if not any(
        p["path"] == "/metrics" and p["backend"]["service"]["name"] == "gymbox-no-metrics"
        for r in ing["spec"]["rules"]
        for p in r["http"]["paths"]
    ):
        problem(where, "the Ingress lets /metrics through to the internet")
    spec = sts["spec"]["template"]["spec"]
    server = [c for c in spec["containers"] if c["name"] == "gymbox"]
    if len(server) != 1:
        problem(where, "no container named gymbox")
        return
    server = server[0]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        if server.get(probe, {}).get("httpGet", {}).get("path") != "/healthz":
            problem(where, f"{probe} does not ask /healthz")
    env = {e["name"]: e.get("value") for e in server.get("env", [])}
    mounts = {m["name"]: m["mountPath"] for m in server.get("volumeMounts", [])}
    claims = {c["metadata"]["name"] for c in sts["spec"].get("volumeClaimTemplates", [])}
    if {"data", "backups"} - claims:
        problem(where, "volumeClaimTemplates lack data or backups")
    data = env.get("GYMBOX_DATA", "")
    if "data" not in mounts or not data.startswith(mounts["data"].rstrip("/") + "/"):
        problem(
            where,
            "GYMBOX_DATA must be a directory below the data volume's mount (the volume root "
            "belongs to root, and Gymbox wants a data directory of its own)",
        )
    if mounts.get("backups") != "/backups":
        problem(where, "the gymbox container does not mount the backups volume at /backups")
    jobs = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]
    args = [a for c in jobs for a in c.get("command", []) + c.get("args", [])]
    if not (
        "exec" in args
        and f"{name}-0" in args
        and "--container=gymbox" in args
        and args[args.index("--") + 1 :][:2] == ["gymbox", "backup"]
        and "--into=/backups" in args
    ):
        problem(
            where,
            f"the backup CronJob does not run `gymbox backup --into=/backups` in {name}-0",
        )
    if cron["spec"].get("concurrencyPolicy") != "Forbid":
        problem(where, "the backup CronJob may run twice at once")


def manifests(files):
    for f in files:
        with open(f) as fh:
            docs = [d for d in yaml.safe_load_all(fh) if d]
        for d in docs:
            spec = pod_spec(d)
            if spec is not None:
                check_pod(f"{f} {d['kind']}/{d['metadata']['name']}", spec)
        if any(d["kind"] == "StatefulSet" for d in docs):
            check_gym(f, docs)


def dashboard(file, metrics_file):
    exported = set()
    with open(metrics_file) as fh:
        for line in fh:
            m = re.match(r"([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", line)
            if m and not line.startswith("#"):
                exported.add(m.group(1))
    if not exported:
        problem(metrics_file, "no metrics read from the server")
    with open(file) as fh:
        dash = json.load(fh)
    ids = []

    def walk(panels):
        for p in panels:
            ids.append(p.get("id"))
            for t in p.get("targets", []):
                expr = t.get("expr", "")
                used = set(re.findall(r"\bgymbox_[a-z0-9_]+", expr))
                if not used:
                    problem(file, f"panel {p.get('title')!r} queries no gymbox metric: {expr}")
                for name in sorted(used - exported):
                    problem(file, f"panel {p.get('title')!r} uses {name}, which /metrics does not export")
            walk(p.get("panels", []))

    walk(dash.get("panels", []))
    if len(ids) != len(set(ids)) or None in ids:
        problem(file, "panel ids are missing or repeated")
    for v in dash.get("templating", {}).get("list", []):
        q = v.get("definition", "")
        for name in set(re.findall(r"\bgymbox_[a-z0-9_]+", q)) - exported:
            problem(file, f"variable {v['name']} uses {name}, which /metrics does not export")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "manifests":
        manifests(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "dashboard":
        dashboard(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)
