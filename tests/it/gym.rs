//! The gym's settings, accounts made by administrators with set-password links, two-step
//! sign-in turned off by an administrator, the audit of it all, feedback and usage.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, PASSWORD, TestServer};

const NEW_PASSWORD: &str = "quiet orange lantern 42";

fn token_of(url: &str) -> String {
    url.split_once("#token=")
        .expect("a token in the link")
        .1
        .to_owned()
}

fn actions(audit: &Value) -> Vec<String> {
    audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn accounts_made_by_administrators_and_one_time_reset_links() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "ada", "admin").await;
    // An administrator creates a member without a password: a link comes back.
    let r = admin
        .post(
            "/api/v1/admin/users",
            json!({"username": "mia", "display_name": "Mia", "role": "member"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["user"]["username"], "mia");
    let url = r.body["reset_link"]["url"].as_str().unwrap().to_owned();
    assert!(url.contains("/reset-password#token="), "{url}");
    assert!(r.body["reset_link"]["expires_at"].is_string());
    // Only the owner makes administrators; nobody makes an owner.
    admin
        .post(
            "/api/v1/admin/users",
            json!({"username": "boss", "role": "admin"}),
        )
        .await
        .problem(403, "forbidden");
    let r = owner
        .post(
            "/api/v1/admin/users",
            json!({"username": "kim", "role": "coach", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(r.body["reset_link"].is_null(), "a password was given");
    s.login("kim", PASSWORD).await;
    admin
        .post("/api/v1/admin/users", json!({"username": "mia"}))
        .await
        .problem(409, "username_taken");
    // A username too short (or none) is refused like any other field, without a password.
    for name in ["", "a", "ab"] {
        let r = admin
            .post("/api/v1/admin/users", json!({"username": name}))
            .await;
        r.problem(422, "validation_failed");
        assert!(r.text.contains("username"), "{}", r.text);
    }
    // The person opens the link: a weak password is refused and the link still works.
    let anon = s.client();
    let token = token_of(&url);
    anon.post(
        "/api/v1/auth/password-reset",
        json!({"token": token, "password": "password"}),
    )
    .await
    .problem(422, "validation_failed");
    let r = anon
        .post(
            "/api/v1/auth/password-reset",
            json!({"token": token, "password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let mia = s.login("mia", NEW_PASSWORD).await;
    // Once only.
    anon.post(
        "/api/v1/auth/password-reset",
        json!({"token": token, "password": "another fine passphrase 7"}),
    )
    .await
    .problem(400, "reset_link_invalid");
    // A new link replaces the older one, ends nothing until used, then ends every session.
    let first = admin
        .post("/api/v1/admin/users/mia/password-reset", json!({}))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let second = admin
        .post("/api/v1/admin/users/mia/password-reset", json!({}))
        .await;
    assert_eq!(mia.get("/api/v1/me").await.status, StatusCode::OK);
    anon.post(
        "/api/v1/auth/password-reset",
        json!({"token": token_of(first.body["url"].as_str().unwrap()), "password": "yet another fine passphrase"}),
    )
    .await
    .problem(400, "reset_link_invalid");
    // A tampered secret for the right member is refused too.
    let good = token_of(second.body["url"].as_str().unwrap());
    let tampered = format!("{}x", &good[..good.len() - 1]);
    anon.post(
        "/api/v1/auth/password-reset",
        json!({"token": tampered, "password": "yet another fine passphrase"}),
    )
    .await
    .problem(400, "reset_link_invalid");
    let r = anon
        .post(
            "/api/v1/auth/password-reset",
            json!({"token": good, "password": "yet another fine passphrase"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(
        mia.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED,
        "sessions end with the new password"
    );
    // Administrators cannot make links for administrators or the owner.
    admin
        .post("/api/v1/admin/users/owner/password-reset", json!({}))
        .await
        .problem(403, "forbidden");
    admin
        .post("/api/v1/admin/users/nobody/password-reset", json!({}))
        .await
        .problem(404, "not_found");
    // Everything above is in the audit log, newest first.
    let audit = owner.get("/api/v1/admin/audit").await;
    let acts = actions(&audit.body);
    assert_eq!(
        acts.iter()
            .filter(|a| *a == "user.password_reset_link")
            .count(),
        2
    );
    assert_eq!(acts.iter().filter(|a| *a == "user.create").count(), 2);
    let made = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "user.create" && e["subject"]["username"] == "mia")
        .expect("mia's creation is audited");
    assert_eq!(made["actor"]["username"], "ada");
    assert_eq!(made["via_cli"], false);
}

#[tokio::test]
async fn administrators_turn_off_two_step_sign_in() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "ada", "admin").await;
    let mia = s.user(&owner, "mia", "member").await;
    let setup = mia
        .post("/api/v1/me/totp/setup", json!({"password": PASSWORD}))
        .await;
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    let code = gymbox::accounts::totp::current_code(
        &secret,
        time::OffsetDateTime::now_utc().unix_timestamp(),
    );
    let en = mia
        .post("/api/v1/me/totp/enable", json!({"code": code}))
        .await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.text);
    // Members cannot; administrators not for the owner.
    mia.delete("/api/v1/admin/users/mia/totp")
        .await
        .problem(403, "forbidden");
    admin
        .delete("/api/v1/admin/users/owner/totp")
        .await
        .problem(403, "forbidden");
    let r = admin.delete("/api/v1/admin/users/mia/totp").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["totp_enabled"], false);
    assert_eq!(mia.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    let again = s.login("mia", PASSWORD).await;
    assert_eq!(again.get("/api/v1/me").await.body["totp_enabled"], false);
    // Turning off what is off changes nothing and logs nothing more.
    admin.delete("/api/v1/admin/users/mia/totp").await;
    let acts = actions(&owner.get("/api/v1/admin/audit").await.body);
    assert_eq!(acts.iter().filter(|a| *a == "user.totp_off").count(), 1);
}

#[tokio::test]
async fn gym_settings_name_defaults_time_zone_plates_and_logo() {
    let s = TestServer::start_with(|c| c.registration_mode = None).await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "ada", "admin").await;
    let r = admin.get("/api/v1/admin/settings").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["timezone"], "UTC");
    assert_eq!(r.body["plates"]["bar_kg"], 20.0);
    assert!(r.body["logo_url"].is_null());
    let r = admin
        .patch(
            "/api/v1/admin/settings",
            json!({
                "name": "  Iron Temple  ",
                "default_language": "ru",
                "units": "imperial",
                "timezone": "Europe/Moscow",
                "plates": {"kg": [1.25, 25, 20, 10, 5, 2.5], "lb": [45, 25, 10, 5], "bar_kg": 15, "bar_lb": 35},
                "registration_mode": "open"
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["name"], "Iron Temple");
    assert_eq!(
        r.body["plates"]["kg"],
        json!([25.0, 20.0, 10.0, 5.0, 2.5, 1.25])
    );
    let inst = s.client().get("/api/v1/instance").await;
    assert_eq!(inst.body["name"], "Iron Temple");
    assert_eq!(inst.body["default_language"], "ru");
    assert_eq!(inst.body["units"], "imperial");
    assert_eq!(inst.body["timezone"], "Europe/Moscow");
    assert_eq!(inst.body["plates"]["bar_lb"], 35.0);
    assert_eq!(inst.body["registration_mode"], "open");
    // New members start with the gym's language, units and time zone.
    let r = s
        .client()
        .post(
            "/api/v1/auth/register",
            json!({"username": "newbie", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let me = s.login("newbie", PASSWORD).await.get("/api/v1/me").await;
    assert_eq!(me.body["preferences"]["language"], "ru");
    assert_eq!(me.body["preferences"]["units"], "imperial");
    assert_eq!(me.body["preferences"]["timezone"], "Europe/Moscow");
    // Bad input names its field and changes nothing.
    let r = admin
        .patch(
            "/api/v1/admin/settings",
            json!({"timezone": "Mars/Olympus"}),
        )
        .await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "timezone");
    let r = admin
        .patch(
            "/api/v1/admin/settings",
            json!({"plates": {"kg": [], "lb": [45], "bar_kg": 20, "bar_lb": 45}}),
        )
        .await;
    assert_eq!(r.body["errors"][0]["field"], "plates.kg", "{}", r.text);
    let r = admin
        .patch("/api/v1/admin/settings", json!({"name": " "}))
        .await;
    assert_eq!(r.body["errors"][0]["field"], "name", "{}", r.text);
    assert_eq!(
        admin.get("/api/v1/admin/settings").await.body["timezone"],
        "Europe/Moscow"
    );
    // Members may not change settings.
    let mia = s.user(&owner, "mia", "member").await;
    mia.patch("/api/v1/admin/settings", json!({"name": "Mine"}))
        .await
        .problem(403, "forbidden");
    // The logo: an image, served with a new address each time, and removable.
    let png = [
        b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".as_slice(),
        &64u32.to_be_bytes(),
        &32u32.to_be_bytes(),
        &[0u8; 64],
    ]
    .concat();
    let upload = |bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("logo.png")
            .mime_str("image/png")
            .unwrap();
        admin
            .req(Method::PUT, "/api/v1/admin/settings/logo")
            .multipart(reqwest::multipart::Form::new().part("file", part))
    };
    let r = Client::send(upload(png.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let url = r.body["logo_url"].as_str().unwrap().to_owned();
    let img = s.client().get(&url).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.header("content-type"), Some("image/png"));
    Client::send(upload(b"GIF89a not a logo".to_vec()))
        .await
        .problem(422, "unsupported_image");
    Client::send(upload([png.clone(), vec![0u8; 300 * 1024]].concat()))
        .await
        .problem(413, "payload_too_large");
    let r = admin.delete("/api/v1/admin/settings/logo").await;
    assert!(r.body["logo_url"].is_null());
    s.client()
        .get("/api/v1/instance/logo")
        .await
        .problem(404, "not_found");
    let r = Client::send(upload(png)).await;
    assert_ne!(
        r.body["logo_url"].as_str().unwrap(),
        url,
        "never a cached address"
    );
    // Saved settings outlive a restart.
    let dir = s.stop().await;
    let s = TestServer::start_in(dir, |_| {}).await;
    let inst = s.client().get("/api/v1/instance").await;
    assert_eq!(inst.body["name"], "Iron Temple");
    assert_eq!(inst.body["timezone"], "Europe/Moscow");
    let owner = s.login("owner", PASSWORD).await;
    let audit = owner.get("/api/v1/admin/audit").await;
    let change = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "settings.change")
        .expect("settings changes are audited");
    assert_eq!(
        change["note"],
        "registration, name, default language, units, time zone, plates"
    );
    assert_eq!(
        actions(&audit.body)
            .iter()
            .filter(|a| *a == "settings.logo")
            .count(),
        3
    );
}

#[tokio::test]
async fn feedback_goes_to_the_inbox_and_the_answer_comes_back() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "ada", "admin").await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let r = mia
        .post(
            "/api/v1/feedback",
            json!({"kind": "bug", "message": "  The rest timer beeps twice  ", "screen": "/workouts/abc"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["message"], "The rest timer beeps twice");
    assert_eq!(r.body["status"], "new");
    let id = r.body["id"].as_str().unwrap().to_owned();
    bob.post(
        "/api/v1/feedback",
        json!({"kind": "idea", "message": "Dark mode charts"}),
    )
    .await;
    mia.post("/api/v1/feedback", json!({"kind": "idea", "message": " "}))
        .await
        .problem(422, "validation_failed");
    mia.post("/api/v1/feedback", json!({"kind": "rant", "message": "x"}))
        .await
        .problem(422, "validation_failed");
    // Members see only their own.
    let mine = mia.get("/api/v1/me/feedback").await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    mia.get("/api/v1/admin/feedback")
        .await
        .problem(403, "forbidden");
    let inbox = admin.get("/api/v1/admin/feedback?status=new").await;
    assert_eq!(inbox.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(inbox.body["items"][1]["author"]["username"], "mia");
    assert_eq!(inbox.body["items"][1]["screen"], "/workouts/abc");
    // Answering moves it and tells the member.
    let r = admin
        .patch(
            &format!("/api/v1/admin/feedback/{id}"),
            json!({"status": "planned", "answer": "Thanks — fixing it this week."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "planned");
    assert!(r.body["answered_at"].is_string());
    let inbox = admin.get("/api/v1/admin/feedback?status=new").await;
    assert_eq!(inbox.body["items"].as_array().unwrap().len(), 1);
    let planned = admin.get("/api/v1/admin/feedback?status=planned").await;
    assert_eq!(planned.body["items"][0]["id"], id.as_str());
    let mine = mia.get("/api/v1/me/feedback").await;
    assert_eq!(
        mine.body["items"][0]["answer"],
        "Thanks — fixing it this week."
    );
    let notes = mia.get("/api/v1/notifications").await;
    assert_eq!(
        notes.body["items"][0]["kind"], "feedback_answered",
        "{}",
        notes.text
    );
    assert_eq!(notes.body["items"][0]["actor"]["username"], "ada");
    admin
        .patch("/api/v1/admin/feedback/nope", json!({"status": "done"}))
        .await
        .problem(404, "not_found");
    // A flood guard: 20 waiting at most.
    for i in 0..19 {
        let r = bob
            .post(
                "/api/v1/feedback",
                json!({"kind": "idea", "message": format!("Idea {i}")}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    bob.post(
        "/api/v1/feedback",
        json!({"kind": "idea", "message": "One more"}),
    )
    .await
    .problem(422, "limit_reached");
    // Pages.
    let p1 = admin.get("/api/v1/admin/feedback?limit=15").await;
    let cursor = p1.body["next_cursor"].as_str().unwrap().to_owned();
    let p2 = admin
        .get(&format!("/api/v1/admin/feedback?limit=15&cursor={cursor}"))
        .await;
    assert_eq!(p2.body["items"].as_array().unwrap().len(), 6);
    // Deleting an account removes what it sent.
    owner.delete("/api/v1/admin/users/bob").await;
    let all = admin.get("/api/v1/admin/feedback?limit=100").await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 1);
    let acts = actions(&owner.get("/api/v1/admin/audit").await.body);
    assert!(acts.contains(&"feedback.update".to_owned()), "{acts:?}");
    assert!(acts.contains(&"user.delete".to_owned()), "{acts:?}");
}

#[tokio::test]
async fn usage_counts_members_and_features_as_aggregates() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let _ = s.user(&owner, "idle", "member").await;
    for (c, sets) in [(&mia, 3), (&bob, 1)] {
        let w = c.post("/api/v1/workouts", json!({})).await;
        let wid = w.body["id"].as_str().unwrap().to_owned();
        for _ in 0..sets {
            c.post(
                &format!("/api/v1/workouts/{wid}/sets"),
                json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 60.0}),
            )
            .await;
        }
    }
    mia.post(
        "/api/v1/feedback",
        json!({"kind": "idea", "message": "More plates"}),
    )
    .await;
    mia.post("/api/v1/users/bob/follow", json!({})).await;
    let r = owner.get("/api/v1/admin/usage?days=7").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let days = r.body["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    let today = days.last().unwrap();
    assert_eq!(today["date"], r.body["to"]);
    // owner, mia, bob and idle signed in today; four accounts were made.
    assert_eq!(today["active_members"], 4, "{}", r.text);
    assert_eq!(today["new_members"], 4);
    assert_eq!(today["workouts"], 2);
    assert_eq!(today["sets"], 4);
    let feature = |name: &str| {
        r.body["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["feature"] == name)
            .map(|f| f["count"].as_u64().unwrap())
    };
    assert_eq!(feature("sign_in"), Some(4));
    assert_eq!(feature("set"), Some(4));
    assert_eq!(feature("feedback"), Some(1));
    assert_eq!(feature("follow"), Some(1));
    assert_eq!(feature("visit"), None, "visits count members, not use");
    assert_eq!(
        r.body["weeks"].as_array().unwrap().last().unwrap()["active_members"],
        4
    );
    let cohort = r.body["retention"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(cohort["members"], 4);
    assert_eq!(cohort["active"], json!([4]));
    assert_eq!(r.body["retention"].as_array().unwrap().len(), 12);
    assert_eq!(r.body["members"], 4);
    // Nothing names a member; bad ranges are refused; members may not look.
    assert!(!r.text.contains("mia"));
    owner
        .get("/api/v1/admin/usage?days=6")
        .await
        .problem(422, "validation_failed");
    mia.get("/api/v1/admin/usage")
        .await
        .problem(403, "forbidden");
    // A deleted member leaves the retention table; the days keep what happened.
    owner.delete("/api/v1/admin/users/idle").await;
    let r = owner.get("/api/v1/admin/usage?days=7").await;
    let cohort = r.body["retention"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(cohort["members"], 3);
    assert_eq!(cohort["active"], json!([3]));
    assert_eq!(
        r.body["days"].as_array().unwrap().last().unwrap()["active_members"],
        4
    );
}
