//! The authorization matrix: every operation of the OpenAPI document × every kind of caller,
//! with the status class each must get. An operation added to the API without rows here fails
//! `every_operation_has_rows`, so nobody ships an endpoint whose permissions were not decided.
//!
//! Callers (columns, in this order): anonymous, the item's owner (alice, a member; for `/me`
//! operations, the caller themselves), another member (bob), an unrelated coach (carl, who has
//! a pending request to alice, which gives nothing), alice's coach (dana, an active
//! relationship), an administrator, the gym's owner.
//!
//! Expected classes: `1` 401, `3` 403, `4` 404, `9` 409, `2` any 2xx, `E` another 4xx (the
//! caller got past authorization and the request itself was refused), `x` not checked (the
//! item is gone because an earlier caller in the row was allowed to delete it; those are
//! covered in `coaching.rs`). Within a row, callers run with alice last, so denials are checked
//! before an allowed caller changes anything.

use std::collections::{BTreeSet, HashMap};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::coaching::small_plan;
use crate::support::{Client, PASSWORD, TestServer};

struct Row {
    /// `METHOD /api/v1/path/{param}` as in the OpenAPI document, with an optional `?query`.
    op: &'static str,
    /// `param=item` pairs, comma-separated: which created item fills which path parameter.
    params: &'static str,
    body: Option<Value>,
    /// One class per caller: anonymous, owner of the item, other member, unrelated coach,
    /// related coach, administrator, gym owner.
    expect: &'static str,
}

fn row(op: &'static str, params: &'static str, body: Option<Value>, expect: &'static str) -> Row {
    assert_eq!(expect.len(), 7, "{op}: one class per caller");
    Row {
        op,
        params,
        body,
        expect,
    }
}

fn rows() -> Vec<Row> {
    let none = None;
    let wrong_pw = json!({"current_password": "not the password", "new_password": "a much longer new secret 1"});
    vec![
        // ----- instance, sign-in, self-service ---------------------------------------------
        row("GET /api/v1/instance", "", none.clone(), "2222222"),
        row(
            "POST /api/v1/auth/setup",
            "",
            Some(json!({"setup_code": "wrong", "username": "intruder", "password": PASSWORD})),
            "EEEEEEE",
        ),
        row(
            "POST /api/v1/auth/register",
            "",
            Some(json!({"username": "newcomer", "password": PASSWORD})),
            // Registration needs an invite here, whoever asks.
            "3333333",
        ),
        row(
            "POST /api/v1/auth/login",
            "",
            Some(json!({"login": "alice", "password": PASSWORD})),
            "2222222",
        ),
        // Logging out ends the caller's own session: alice uses a session of her own for it.
        row("POST /api/v1/auth/logout", "", Some(json!({})), "12xxxxx"),
        row("GET /api/v1/me", "", none.clone(), "1222222"),
        row("PATCH /api/v1/me", "", Some(json!({})), "1222222"),
        // A wrong current password is refused (403) for everyone alike.
        row("POST /api/v1/me/password", "", Some(wrong_pw), "1333333"),
        row("GET /api/v1/me/sessions", "", none.clone(), "1222222"),
        row(
            "DELETE /api/v1/me/sessions/{id}",
            "id=session",
            none.clone(),
            "1244444",
        ),
        row("GET /api/v1/me/tokens", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/me/tokens",
            "",
            Some(json!({"name": "matrix"})),
            "1222222",
        ),
        row(
            "DELETE /api/v1/me/tokens/{id}",
            "id=token",
            none.clone(),
            "1244444",
        ),
        row("PUT /api/v1/me/avatar", "", Some(json!({})), "1EEEEEE"),
        row("DELETE /api/v1/me/avatar", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/me/totp/setup",
            "",
            Some(json!({"password": PASSWORD})),
            "1222222",
        ),
        row(
            "POST /api/v1/me/totp/enable",
            "",
            Some(json!({"code": "000000"})),
            "1EEEEEE",
        ),
        row(
            "POST /api/v1/me/totp/disable",
            "",
            Some(json!({"password": PASSWORD})),
            // Not enabled: nothing to turn off.
            "1222222",
        ),
        row(
            "POST /api/v1/me/totp/recovery-codes",
            "",
            Some(json!({"password": PASSWORD, "code": "000000"})),
            "1EEEEEE",
        ),
        // ----- profiles (alice's profile is visible to members) ------------------------------
        row(
            "GET /api/v1/users/{username}",
            "username=alice",
            none.clone(),
            "4222222",
        ),
        row(
            "GET /api/v1/users/{username}",
            "username=hidden",
            none.clone(),
            "4444422",
        ),
        row(
            "GET /api/v1/users/{username}/avatar",
            "username=alice",
            none.clone(),
            "4444444",
        ),
        // ----- administration --------------------------------------------------------------
        row("GET /api/v1/admin/users", "", none.clone(), "1333322"),
        row(
            "GET /api/v1/admin/users/{username}",
            "username=alice",
            none.clone(),
            "1333322",
        ),
        row(
            "PATCH /api/v1/admin/users/{username}",
            "username=patched",
            Some(json!({"status": "active"})),
            "1333322",
        ),
        row(
            "DELETE /api/v1/admin/users/{username}",
            "username=victim",
            none.clone(),
            "133332x",
        ),
        row("GET /api/v1/admin/invites", "", none.clone(), "1333322"),
        row(
            "POST /api/v1/admin/invites",
            "",
            Some(json!({"role": "member"})),
            "1333322",
        ),
        row(
            "DELETE /api/v1/admin/invites/{code}",
            "code=invite",
            none.clone(),
            "133332x",
        ),
        row("GET /api/v1/admin/settings", "", none.clone(), "1333322"),
        row(
            "PATCH /api/v1/admin/settings",
            "",
            Some(json!({})),
            "1333322",
        ),
        // ----- exercises (alice's private exercise) ----------------------------------------
        row("GET /api/v1/exercises", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/exercises",
            "",
            Some(
                json!({"name_en": "Matrix Carry", "primary": ["forearms"], "equipment": "dumbbell"}),
            ),
            "1222222",
        ),
        row(
            "GET /api/v1/exercises/{id}",
            "id=exercise",
            none.clone(),
            "4244444",
        ),
        row(
            "GET /api/v1/exercises/{id}",
            "id=barbell-back-squat",
            none.clone(),
            "2222222",
        ),
        row(
            "PATCH /api/v1/exercises/{id}",
            "id=exercise",
            Some(json!({"name_en": "Alice's Lift"})),
            "1244444",
        ),
        row(
            "DELETE /api/v1/exercises/{id}",
            "id=exercise_del",
            none.clone(),
            "1244444",
        ),
        row(
            "GET /api/v1/exercises/{id}/history",
            "id=exercise",
            none.clone(),
            "1244444",
        ),
        row(
            "GET /api/v1/exercises/{id}/progress",
            "id=exercise",
            none.clone(),
            "1244444",
        ),
        row(
            "POST /api/v1/admin/exercises/import",
            "",
            Some(json!([])),
            "1333322",
        ),
        // ----- plans: private, shared with members, public; dana's plan assigned to alice ---
        row("GET /api/v1/plans", "", none.clone(), "1222222"),
        row("GET /api/v1/plans?q=matrix", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/plans",
            "",
            Some(small_plan("Matrix plan", "private")),
            "1222222",
        ),
        row("GET /api/v1/plans/{id}", "id=plan", none.clone(), "4244444"),
        row(
            "GET /api/v1/plans/{id}",
            "id=plan_members",
            none.clone(),
            "4222222",
        ),
        row(
            "GET /api/v1/plans/{id}",
            "id=plan_public",
            none.clone(),
            "2222222",
        ),
        // Assigned to alice by its author: she may read it; her coach's other colleagues not.
        row(
            "GET /api/v1/plans/{id}",
            "id=dana_plan",
            none.clone(),
            "4244244",
        ),
        row(
            "PATCH /api/v1/plans/{id}",
            "id=plan",
            Some(json!({"title": "Alice's plan"})),
            "1244444",
        ),
        row(
            "PATCH /api/v1/plans/{id}",
            "id=plan_members",
            Some(json!({"title": "Alice's shared plan"})),
            "1233333",
        ),
        row(
            "DELETE /api/v1/plans/{id}",
            "id=plan_del",
            none.clone(),
            "1244444",
        ),
        row(
            "POST /api/v1/plans/{id}/fork",
            "id=plan",
            Some(json!({})),
            "1244444",
        ),
        row(
            "POST /api/v1/plans/{id}/fork",
            "id=plan_public",
            Some(json!({})),
            "1222222",
        ),
        // Members may not assign; a coach needs the relationship, a plan they may see, and
        // one the member may see or their own.
        row(
            "POST /api/v1/plans/{id}/assignments",
            "id=dana_plan",
            Some(json!({"username": "alice", "start_date": "2026-01-05"})),
            "1334244",
        ),
        row(
            "POST /api/v1/plans/{id}/assignments",
            "id=plan_public",
            Some(json!({"username": "alice", "start_date": "2026-01-05"})),
            "1333233",
        ),
        row(
            "GET /api/v1/plans/{id}/assignments",
            "id=dana_plan",
            none.clone(),
            "1244244",
        ),
        row(
            "GET /api/v1/plans/{id}/assignments",
            "id=plan",
            none.clone(),
            "1244444",
        ),
        row("GET /api/v1/me/assignments", "", none.clone(), "1222222"),
        row(
            "DELETE /api/v1/assignments/{id}",
            "id=assignment_del",
            none.clone(),
            "1x442xx",
        ),
        row(
            "GET /api/v1/assignments/{id}/adherence",
            "id=assignment",
            none.clone(),
            "1244244",
        ),
        row("GET /api/v1/me/today", "", none.clone(), "1244444"),
        // ----- workouts: alice's private one, a members one, a public one ------------------
        row("GET /api/v1/workouts", "", none.clone(), "1222222"),
        row("POST /api/v1/workouts", "", Some(json!({})), "1222222"),
        row(
            "GET /api/v1/workouts/{id}",
            "id=workout",
            none.clone(),
            "4244244",
        ),
        row(
            "GET /api/v1/workouts/{id}",
            "id=workout_members",
            none.clone(),
            "4222222",
        ),
        row(
            "GET /api/v1/workouts/{id}",
            "id=workout_public",
            none.clone(),
            "2222222",
        ),
        row(
            "PATCH /api/v1/workouts/{id}",
            "id=workout",
            Some(json!({"title": "Alice's workout"})),
            "1244444",
        ),
        row(
            "PATCH /api/v1/workouts/{id}",
            "id=workout_public",
            Some(json!({"title": "Alice's public workout"})),
            "1244444",
        ),
        row(
            "DELETE /api/v1/workouts/{id}",
            "id=workout_del",
            none.clone(),
            "1244444",
        ),
        row(
            "POST /api/v1/workouts/{id}/sets",
            "id=workout",
            Some(json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 60.0})),
            "1244444",
        ),
        row(
            "PATCH /api/v1/workouts/{id}/sets/{set_id}",
            "id=workout,set_id=set",
            Some(json!({"reps": 6})),
            "1244444",
        ),
        row(
            "DELETE /api/v1/workouts/{id}/sets/{set_id}",
            "id=workout,set_id=set_del",
            none.clone(),
            "1244444",
        ),
        row(
            "GET /api/v1/users/{username}/workouts",
            "username=alice",
            none.clone(),
            "4222222",
        ),
        // ----- body metrics, statistics, search --------------------------------------------
        row("GET /api/v1/me/body-metrics", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/me/body-metrics",
            "",
            Some(json!({"kind": "weight", "value": 70.0})),
            "1222222",
        ),
        row(
            "GET /api/v1/me/body-metrics/kinds",
            "",
            none.clone(),
            "1222222",
        ),
        row(
            "DELETE /api/v1/me/body-metrics/{id}",
            "id=metric",
            none.clone(),
            "1244444",
        ),
        row("GET /api/v1/me/stats", "", none.clone(), "1222222"),
        row(
            "GET /api/v1/users/{username}/stats",
            "username=alice",
            none.clone(),
            "4222222",
        ),
        row("GET /api/v1/me/records", "", none.clone(), "1222222"),
        row("GET /api/v1/me/load", "", none.clone(), "1222222"),
        row("GET /api/v1/search?q=squat", "", none.clone(), "1222222"),
        // ----- coaching ---------------------------------------------------------------------
        // carl's request is pending and dana's relationship active: both are a conflict.
        row(
            "POST /api/v1/coaching/requests",
            "",
            Some(json!({"username": "alice"})),
            "1339922",
        ),
        row("GET /api/v1/me/coaching", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/coaching/requests/{id}/accept",
            "id=request_accept",
            Some(json!({})),
            "1244444",
        ),
        row(
            "POST /api/v1/coaching/requests/{id}/decline",
            "id=request_decline",
            Some(json!({})),
            "1244444",
        ),
        row(
            "DELETE /api/v1/coaching/{id}",
            "id=relationship_del",
            none.clone(),
            "1x4442x",
        ),
        row("GET /api/v1/coach/members", "", none.clone(), "1332222"),
        row(
            "POST /api/v1/admin/coaching",
            "",
            Some(json!({"coach": "eve4", "member": "alice"})),
            "1333329",
        ),
        // ----- social -------------------------------------------------------------------------
        // Following yourself is refused (422); anyone signed in follows a shared profile.
        row(
            "POST /api/v1/users/{username}/follow",
            "username=alice",
            Some(json!({})),
            "1E22222",
        ),
        row(
            "DELETE /api/v1/users/{username}/follow",
            "username=alice",
            none.clone(),
            "1222222",
        ),
        row(
            "GET /api/v1/users/{username}/relationship",
            "username=alice",
            none.clone(),
            "1222222",
        ),
        row(
            "GET /api/v1/users/{username}/followers",
            "username=alice",
            none.clone(),
            "1222222",
        ),
        // A private profile's lists show to its owner (not a caller here) and administrators.
        row(
            "GET /api/v1/users/{username}/followers?of=hidden",
            "username=hidden",
            none.clone(),
            "1444422",
        ),
        row(
            "GET /api/v1/users/{username}/following",
            "username=hidden",
            none.clone(),
            "1444422",
        ),
        row(
            "DELETE /api/v1/me/followers/{username}",
            "username=patched",
            none.clone(),
            "1222222",
        ),
        row(
            "GET /api/v1/me/follow-requests",
            "",
            none.clone(),
            "1222222",
        ),
        // Only the member asked answers a follow request.
        row(
            "POST /api/v1/me/follow-requests/{id}/accept",
            "id=follow_accept",
            Some(json!({})),
            "1244444",
        ),
        row(
            "POST /api/v1/me/follow-requests/{id}/decline",
            "id=follow_decline",
            Some(json!({})),
            "1244444",
        ),
        row(
            "POST /api/v1/users/{username}/block",
            "username=hidden",
            Some(json!({})),
            "1222222",
        ),
        row(
            "DELETE /api/v1/users/{username}/block",
            "username=hidden",
            none.clone(),
            "1222222",
        ),
        row("GET /api/v1/me/blocks", "", none.clone(), "1222222"),
        row("GET /api/v1/feed?scope=gym", "", none.clone(), "1222222"),
        // Kudos and comments follow the workout's visibility (the coach sees private training).
        row(
            "GET /api/v1/workouts/{id}/kudos",
            "id=workout",
            none.clone(),
            "1244244",
        ),
        row(
            "POST /api/v1/workouts/{id}/kudos",
            "id=workout_members",
            Some(json!({})),
            "1E22222",
        ),
        row(
            "POST /api/v1/workouts/{id}/kudos?private",
            "id=workout",
            Some(json!({})),
            "1E44244",
        ),
        row(
            "DELETE /api/v1/workouts/{id}/kudos",
            "id=workout_members",
            none.clone(),
            "1E22222",
        ),
        row(
            "GET /api/v1/workouts/{id}/comments",
            "id=workout",
            none.clone(),
            "1244244",
        ),
        row(
            "POST /api/v1/workouts/{id}/comments",
            "id=workout",
            Some(json!({"body": "Solid"})),
            "1244244",
        ),
        // A plan's comments follow its visibility (a coaching link gives nothing there).
        row(
            "GET /api/v1/plans/{id}/comments",
            "id=plan",
            none.clone(),
            "1244444",
        ),
        row(
            "POST /api/v1/plans/{id}/comments",
            "id=plan_members",
            Some(json!({"body": "Great block"})),
            "1222222",
        ),
        // bob's comment: only he edits it; eve4's: alice (the workout's owner) deletes it.
        row(
            "PATCH /api/v1/comments/{id}",
            "id=comment",
            Some(json!({"body": "Edited"})),
            "1323333",
        ),
        row(
            "DELETE /api/v1/comments/{id}",
            "id=comment_del",
            none.clone(),
            "1233333",
        ),
        row("GET /api/v1/notifications", "", none.clone(), "1222222"),
        row(
            "GET /api/v1/notifications/unread",
            "",
            none.clone(),
            "1222222",
        ),
        row(
            "POST /api/v1/notifications/read",
            "",
            Some(json!({})),
            "1222222",
        ),
        // ----- clubs: alice is an admin of dana's clubs; members do not create clubs ---------
        row("GET /api/v1/clubs", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/clubs",
            "",
            Some(json!({"name": "New club", "policy": "open"})),
            "1332222",
        ),
        // An invitation-only club is hidden from everyone but its people and administrators.
        row(
            "GET /api/v1/clubs/{id}",
            "id=club_invite",
            none.clone(),
            "1244222",
        ),
        row(
            "PATCH /api/v1/clubs/{id}",
            "id=club_open",
            Some(json!({"description": "Early sessions"})),
            "1233222",
        ),
        row(
            "DELETE /api/v1/clubs/{id}",
            "id=club_del",
            none.clone(),
            "1x33x2x",
        ),
        // Administrators see the hidden club but are not invited to it.
        row(
            "POST /api/v1/clubs/{id}/join",
            "id=club_invite",
            Some(json!({})),
            "1244233",
        ),
        // dana is the last admin of a club alice is in.
        row(
            "POST /api/v1/clubs/{id}/leave",
            "id=club_leave",
            Some(json!({})),
            "1222922",
        ),
        row(
            "GET /api/v1/clubs/{id}/members",
            "id=club_invite",
            none.clone(),
            "1244222",
        ),
        row(
            "GET /api/v1/clubs/{id}/members?pending=true",
            "id=club_open",
            none.clone(),
            "1233222",
        ),
        row(
            "POST /api/v1/clubs/{id}/members",
            "id=club_open",
            Some(json!({"username": "patched"})),
            "1233222",
        ),
        row(
            "PATCH /api/v1/clubs/{id}/members/{username}",
            "id=club_open,username=alice",
            Some(json!({"role": "admin"})),
            "1233222",
        ),
        row(
            "DELETE /api/v1/clubs/{id}/members/{username}",
            "id=club_open,username=patched",
            none.clone(),
            "1x332xx",
        ),
        // ----- moderation ---------------------------------------------------------------------
        // Nobody reports their own content (422); anyone who sees it may.
        row(
            "POST /api/v1/reports",
            "",
            Some(json!({"kind": "user", "id": "alice", "reason": "spam"})),
            "1E22222",
        ),
        row("GET /api/v1/admin/reports", "", none.clone(), "1333322"),
        row(
            "POST /api/v1/admin/reports/{id}/resolve",
            "id=report",
            Some(json!({"action": "dismiss"})),
            "1333329",
        ),
        row("GET /api/v1/admin/audit", "", none.clone(), "1333322"),
        // ----- gym settings, accounts made by administrators, reset links ------------------
        row("GET /api/v1/instance/logo", "", none.clone(), "4444444"),
        row(
            "PUT /api/v1/admin/settings/logo",
            "",
            Some(json!({})),
            "13333EE",
        ),
        row(
            "DELETE /api/v1/admin/settings/logo",
            "",
            none.clone(),
            "1333322",
        ),
        row(
            "POST /api/v1/admin/users",
            "",
            Some(json!({"username": "made"})),
            "1333329",
        ),
        row(
            "POST /api/v1/admin/users/{username}/password-reset",
            "username=patched",
            none.clone(),
            "1333322",
        ),
        row(
            "DELETE /api/v1/admin/users/{username}/totp",
            "username=patched",
            none.clone(),
            "1333322",
        ),
        row(
            "POST /api/v1/auth/password-reset",
            "",
            Some(json!({"token": "nothing.here", "password": "a long enough passphrase"})),
            "EEEEEEE",
        ),
        // ----- feedback and usage -----------------------------------------------------------
        row(
            "POST /api/v1/feedback",
            "",
            Some(json!({"kind": "idea", "message": "A squat rack timer"})),
            "1222222",
        ),
        row("GET /api/v1/me/feedback", "", none.clone(), "1222222"),
        row("GET /api/v1/admin/feedback", "", none.clone(), "1333322"),
        row(
            "PATCH /api/v1/admin/feedback/{id}",
            "id=feedback",
            Some(json!({"status": "planned"})),
            "1333322",
        ),
        row("GET /api/v1/admin/usage", "", none.clone(), "1333322"),
        // ----- imports (alice's drafts; the upload is multipart, so a JSON body is refused) -
        row("POST /api/v1/imports", "", Some(json!({})), "1EEEEEE"),
        row("GET /api/v1/imports", "", none.clone(), "1222222"),
        row("GET /api/v1/me/export", "", none.clone(), "1222222"),
        row("GET /api/v1/me/calendar", "", none.clone(), "1222222"),
        row("POST /api/v1/me/calendar", "", Some(json!({})), "1222222"),
        row("DELETE /api/v1/me/calendar", "", none.clone(), "1222222"),
        row(
            "GET /api/v1/calendar/{file}",
            "file=nothing.ics",
            none.clone(),
            "4444444",
        ),
        row(
            "GET /api/v1/imports/{id}",
            "id=import",
            none.clone(),
            "1244444",
        ),
        row(
            "POST /api/v1/imports/{id}/apply",
            "id=import",
            Some(json!({})),
            "1244444",
        ),
        row(
            "DELETE /api/v1/imports/{id}",
            "id=import_undo",
            none.clone(),
            "1244444",
        ),
        // ----- routes of GPS activities: alice's imported private, members and public ones ---
        row(
            "GET /api/v1/workouts/{id}/track",
            "id=track",
            none.clone(),
            "4244244",
        ),
        row(
            "GET /api/v1/workouts/{id}/track",
            "id=track_members",
            none.clone(),
            "4222222",
        ),
        row(
            "GET /api/v1/workouts/{id}/track",
            "id=track_public",
            none.clone(),
            "2222222",
        ),
        row(
            "GET /api/v1/workouts/{id}/track.gpx",
            "id=track",
            none.clone(),
            "4244244",
        ),
        row(
            "GET /api/v1/workouts/{id}/track.gpx",
            "id=track_members",
            none.clone(),
            "4222222",
        ),
        row(
            "GET /api/v1/workouts/{id}/track.gpx",
            "id=track_public",
            none.clone(),
            "2222222",
        ),
        // ----- gamification: dana (a coach) made a gym challenge and one in club_invite ------
        row("GET /api/v1/me/achievements", "", none.clone(), "1222222"),
        row(
            "PATCH /api/v1/me/achievements",
            "",
            Some(json!({"show_on_leaderboards": true})),
            "1222222",
        ),
        row(
            "GET /api/v1/users/{username}/achievements",
            "username=alice",
            none.clone(),
            "1222222",
        ),
        row(
            "GET /api/v1/users/{username}/achievements",
            "username=hidden",
            none.clone(),
            "1444422",
        ),
        // Only the set's owner confirms it (and it is not flagged: 409).
        row(
            "POST /api/v1/workouts/{id}/sets/{set_id}/confirm",
            "id=workout,set_id=set",
            Some(json!({})),
            "1944444",
        ),
        row(
            "POST /api/v1/workouts/{id}/sets/{set_id}/void",
            "id=workout,set_id=set",
            Some(json!({})),
            "1333322",
        ),
        row(
            "DELETE /api/v1/workouts/{id}/sets/{set_id}/void",
            "id=workout,set_id=set",
            none.clone(),
            "1333322",
        ),
        row("GET /api/v1/challenges", "", none.clone(), "1222222"),
        row(
            "POST /api/v1/challenges",
            "",
            Some(challenge_body()),
            "1332222",
        ),
        row(
            "GET /api/v1/challenges/{id}",
            "id=challenge",
            none.clone(),
            "1222222",
        ),
        row(
            "GET /api/v1/challenges/{id}",
            "id=challenge_club",
            none.clone(),
            "1244222",
        ),
        row(
            "PATCH /api/v1/challenges/{id}",
            "id=challenge",
            Some(json!({"description": "Every set counts"})),
            "1333222",
        ),
        row(
            "POST /api/v1/challenges/{id}/join",
            "id=challenge_club",
            Some(json!({})),
            "1244222",
        ),
        row(
            "POST /api/v1/challenges/{id}/leave",
            "id=challenge",
            Some(json!({})),
            "1222222",
        ),
        row(
            "GET /api/v1/challenges/{id}/standings",
            "id=challenge_club",
            none.clone(),
            "1244222",
        ),
        row(
            "GET /api/v1/leaderboards?metric=volume",
            "",
            none.clone(),
            "1222222",
        ),
    ]
}

/// A gym-wide challenge running today.
fn challenge_body() -> Value {
    let today = gymbox::accounts::api::rfc3339(gymbox::storage::ids::now())[..10].to_owned();
    json!({"title": "Matrix", "scope": "gym", "metric": "sessions", "kind": "goal",
           "goal": 3.0, "start_date": today, "end_date": today})
}

/// Every operation of the OpenAPI document, as `METHOD /path`.
fn spec_operations() -> BTreeSet<String> {
    let spec: Value = serde_json::from_str(&gymbox::app::openapi_json()).unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "put", "post", "patch", "delete", "head", "options"] {
            if item.get(method).is_some() {
                out.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    out
}

fn op_of(r: &Row) -> String {
    r.op.split('?').next().unwrap().to_owned()
}

#[test]
fn every_operation_has_rows() {
    let covered: BTreeSet<String> = rows().iter().map(op_of).collect();
    let spec = spec_operations();
    let missing: Vec<&String> = spec.difference(&covered).collect();
    let stale: Vec<&String> = covered.difference(&spec).collect();
    assert!(
        missing.is_empty(),
        "operations without authorization rows in tests/it/authz.rs: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for operations the API no longer has: {stale:?}"
    );
}

fn id(r: &crate::support::Resp) -> String {
    assert!(r.status.is_success(), "{} {}", r.status, r.text);
    r.body["id"].as_str().unwrap().to_owned()
}

fn matches(class: char, status: StatusCode) -> bool {
    let s = status.as_u16();
    match class {
        '1' => s == 401,
        '3' => s == 403,
        '4' => s == 404,
        '9' => s == 409,
        '2' => status.is_success(),
        'E' => (400..500).contains(&s) && ![401, 403, 404].contains(&s),
        _ => true,
    }
}

#[tokio::test]
async fn every_operation_answers_every_caller_as_decided() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "admin1", "admin").await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let carl = s.user(&owner, "carl", "coach").await;
    let dana = s.user(&owner, "dana", "coach").await;
    let mut eves = Vec::new();
    for n in 1..=4 {
        eves.push(s.user(&owner, &format!("eve{n}"), "coach").await);
    }
    for name in ["victim", "patched"] {
        s.user(&owner, name, "member").await;
    }
    let hidden = s.user(&owner, "hidden", "member").await;
    hidden
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "private"}}),
        )
        .await;

    let mut items: HashMap<&str, String> = HashMap::new();
    for n in [
        "alice",
        "hidden",
        "victim",
        "patched",
        "barbell-back-squat",
        "nothing.ics",
    ] {
        items.insert(n, n.to_owned());
    }
    // Coaching: dana coaches alice; carl only asked; eve1 and eve2 asked (to accept, decline);
    // eve3 coaches alice (to end).
    s.link_coach(&admin, "dana", "alice").await;
    carl.post("/api/v1/coaching/requests", json!({"username": "alice"}))
        .await;
    let req = |c: &Client| {
        let c = c.clone();
        async move {
            id(&c
                .post("/api/v1/coaching/requests", json!({"username": "alice"}))
                .await)
        }
    };
    items.insert("request_accept", req(&eves[0]).await);
    items.insert("request_decline", req(&eves[1]).await);
    items.insert(
        "relationship_del",
        s.link_coach(&admin, "eve3", "alice").await,
    );
    // Alice's things.
    items.insert(
        "exercise",
        id(&alice
            .post("/api/v1/exercises", json!({"name_en": "Alice Secret Press", "primary": ["chest"], "equipment": "barbell"}))
            .await),
    );
    items.insert(
        "exercise_del",
        id(&alice
            .post("/api/v1/exercises", json!({"name_en": "Alice Spare Press", "primary": ["chest"], "equipment": "barbell"}))
            .await),
    );
    for (key, vis) in [
        ("plan", "private"),
        ("plan_members", "members"),
        ("plan_public", "public"),
        ("plan_del", "private"),
    ] {
        items.insert(
            key,
            id(&alice.post("/api/v1/plans", small_plan(key, vis)).await),
        );
    }
    let dana_plan = id(&dana
        .post("/api/v1/plans", small_plan("Dana's", "private"))
        .await);
    items.insert("dana_plan", dana_plan.clone());
    for key in ["assignment", "assignment_del"] {
        let a = dana
            .post(
                &format!("/api/v1/plans/{dana_plan}/assignments"),
                json!({"username": "alice", "start_date": "2026-01-05"}),
            )
            .await;
        items.insert(key, id(&a));
    }
    for (key, vis) in [
        ("workout", "private"),
        ("workout_members", "members"),
        ("workout_public", "public"),
        ("workout_del", "private"),
    ] {
        let w = alice
            .post("/api/v1/workouts", json!({"visibility": vis}))
            .await;
        items.insert(key, id(&w));
    }
    // Social: bob's and eve4's comments on alice's members-only workout; two follow requests
    // waiting for alice (asked while her profile was private).
    let wm = items["workout_members"].clone();
    let comment = |c: &Client| {
        let (c, wm) = (c.clone(), wm.clone());
        async move {
            id(&c
                .post(
                    &format!("/api/v1/workouts/{wm}/comments"),
                    json!({"body": "Nice"}),
                )
                .await)
        }
    };
    items.insert("comment", comment(&bob).await);
    items.insert("comment_del", comment(&eves[3]).await);
    alice
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "private"}}),
        )
        .await;
    for who in [&eves[0], &eves[1]] {
        who.post("/api/v1/users/alice/follow", json!({})).await;
    }
    alice
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "members"}}),
        )
        .await;
    let requests = alice.get("/api/v1/me/follow-requests").await;
    let request_of = |name: &str| {
        requests.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["user"]["username"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    items.insert("follow_accept", request_of("eve1"));
    items.insert("follow_decline", request_of("eve2"));
    // Clubs by dana: alice is an admin of club_open, club_invite and club_del, a member of
    // club_leave.
    for (key, policy, admin) in [
        ("club_open", "open", true),
        ("club_invite", "invite", true),
        ("club_del", "open", true),
        ("club_leave", "open", false),
    ] {
        let c = id(&dana
            .post("/api/v1/clubs", json!({"name": key, "policy": policy}))
            .await);
        if policy == "invite" {
            dana.post(
                &format!("/api/v1/clubs/{c}/members"),
                json!({"username": "alice"}),
            )
            .await;
        }
        alice
            .post(&format!("/api/v1/clubs/{c}/join"), json!({}))
            .await;
        if admin {
            dana.patch(
                &format!("/api/v1/clubs/{c}/members/alice"),
                json!({"role": "admin"}),
            )
            .await;
        }
        items.insert(key, c);
    }
    items.insert(
        "challenge",
        id(&dana.post("/api/v1/challenges", challenge_body()).await),
    );
    let mut club_challenge = challenge_body();
    club_challenge["scope"] = json!(format!("club:{}", items["club_invite"]));
    items.insert(
        "challenge_club",
        id(&dana.post("/api/v1/challenges", club_challenge).await),
    );
    for key in ["import", "import_undo"] {
        let part = reqwest::multipart::Part::bytes(
            b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-02 10:00:00,A,Squat (Barbell),1,100,5\n".to_vec(),
        )
        .file_name("strong.csv");
        let form = reqwest::multipart::Form::new()
            .part("file", part)
            .text("format", "strong");
        let r = Client::send(alice.req(Method::POST, "/api/v1/imports").multipart(form)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        items.insert(key, id(&r));
    }
    // Three imported GPS activities of alice with routes, one per visibility.
    let start = crate::activities::START - 40 * 86_400;
    let file = crate::activities::gpx(&[
        ("route private", "running", start, 20, true),
        ("route members", "running", start + 3_600, 20, true),
        ("route public", "running", start + 7_200, 20, true),
    ]);
    let r = crate::activities::upload(&alice, "gpx", file.as_bytes(), false).await;
    assert_eq!(r.body["created"], 3, "{}", r.text);
    let list = alice.get("/api/v1/workouts?limit=100").await;
    for (key, title, vis) in [
        ("track", "route private", "private"),
        ("track_members", "route members", "members"),
        ("track_public", "route public", "public"),
    ] {
        let w = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["title"] == title)
            .unwrap_or_else(|| panic!("{title} in {}", list.text));
        let wid = w["id"].as_str().unwrap().to_owned();
        alice
            .patch(
                &format!("/api/v1/workouts/{wid}"),
                json!({"visibility": vis}),
            )
            .await;
        items.insert(key, wid);
    }
    items.insert(
        "feedback",
        id(&bob
            .post(
                "/api/v1/feedback",
                json!({"kind": "bug", "message": "The timer beeps twice"}),
            )
            .await),
    );
    items.insert(
        "report",
        id(&bob
            .post(
                "/api/v1/reports",
                json!({"kind": "workout", "id": items["workout_members"], "reason": "spam"}),
            )
            .await),
    );
    let wid = items["workout"].clone();
    for key in ["set", "set_del"] {
        let set = alice
            .post(
                &format!("/api/v1/workouts/{wid}/sets"),
                json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 80.0}),
            )
            .await;
        items.insert(key, id(&set));
    }
    items.insert(
        "metric",
        id(&alice
            .post(
                "/api/v1/me/body-metrics",
                json!({"kind": "weight", "value": 70.0}),
            )
            .await),
    );
    items.insert(
        "token",
        id(&alice
            .post("/api/v1/me/tokens", json!({"name": "spare"}))
            .await),
    );
    let spare = s.login("alice", PASSWORD).await;
    let other_session = s.login("alice", PASSWORD).await;
    let sessions = other_session.get("/api/v1/me/sessions").await;
    let current = sessions.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["current"] == true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    items.insert("session", current);
    let invite = owner
        .post("/api/v1/admin/invites", json!({"role": "member"}))
        .await;
    items.insert("invite", invite.body["code"].as_str().unwrap().to_owned());

    let anon = s.client();
    let callers: [(&str, &Client); 7] = [
        ("anonymous", &anon),
        ("owner of the item", &alice),
        ("other member", &bob),
        ("unrelated coach", &carl),
        ("related coach", &dana),
        ("admin", &admin),
        ("gym owner", &owner),
    ];
    let mut failures = Vec::new();
    for r in rows() {
        let (method, path) = r.op.split_once(' ').unwrap();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut path = path.to_owned();
        for pair in r.params.split(',').filter(|p| !p.is_empty()) {
            let (param, item) = pair.split_once('=').unwrap();
            let value = items
                .get(item)
                .unwrap_or_else(|| panic!("{}: no item {item}", r.op));
            path = path.replace(&format!("{{{param}}}"), value);
        }
        let classes: Vec<char> = r.expect.chars().collect();
        // Alice (the item's owner) goes last: denials are checked before anything changes.
        for i in [0, 2, 3, 4, 5, 6, 1] {
            let class = classes[i];
            if class == 'x' {
                continue;
            }
            let (who, client) = callers[i];
            // Logging out ends a session: alice spends the spare one on it.
            let client = if r.op.ends_with("/auth/logout") && i == 1 {
                spare.clone()
            } else {
                client.clone()
            };
            let resp = client.call(method.clone(), &path, r.body.clone()).await;
            if !matches(class, resp.status) {
                failures.push(format!(
                    "{} as {who}: expected {class}, got {} {}",
                    r.op,
                    resp.status.as_u16(),
                    resp.text.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unexpected answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
