#!/usr/bin/env python3
"""Signs in MEMBERS members of a demo gym and opens WORKOUTS workouts for each, each workout for
its own exercise (as in a gym, a member has one session of an exercise open at a time, and sets
arrive in time order); writes targets.lua (token, workout id, exercise id) for sets.lua.
With `finished`, the workouts are created already finished (logging after the fact, as an
import or a member entering yesterday's session does), so every set also rewrites analysis's
facts of its workout.
Usage: prepare.py URL PASSWORD [MEMBERS] [WORKOUTS] [finished]"""
import datetime
import json
import sys
import urllib.request

url, password = sys.argv[1], sys.argv[2]
members = int(sys.argv[3]) if len(sys.argv) > 3 else 16
workouts = int(sys.argv[4]) if len(sys.argv) > 4 else 20
finished = len(sys.argv) > 5 and sys.argv[5] == "finished"


def call(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, method=method, data=data)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    return json.load(urllib.request.urlopen(req))


owner = call("POST", "/api/v1/auth/login", {"login": "owner", "password": password})["token"]
users = call("GET", "/api/v1/admin/users?limit=100", token=owner)["items"]
names = [u["username"] for u in users if u["role"] == "member"][:members]
exercises = [e["id"] for e in call("GET", f"/api/v1/exercises?limit={workouts}", token=owner)["items"]]
assert len(exercises) == workouts, "fewer exercises than workouts"
pairs = []
for name in names:
    token = call("POST", "/api/v1/auth/login", {"login": name, "password": password})["token"]
    for i in range(workouts):
        body = {"title": f"Load {i}"}
        if finished:
            now = datetime.datetime.now(datetime.timezone.utc)
            body["started_at"] = (now - datetime.timedelta(hours=1)).isoformat()
            body["finished_at"] = now.isoformat()
        workout = call("POST", "/api/v1/workouts", body, token=token)["id"]
        pairs.append((token, workout, exercises[i]))
with open("targets.lua", "w") as f:
    f.write("targets = {\n" + ",\n".join('{"%s","%s","%s"}' % p for p in pairs) + "\n}\n")
print(f"{len(pairs)} workouts of {len(names)} members")
