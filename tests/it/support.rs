//! Test helpers: an in-process server on a free port, a JSON client, and the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use gymbox::app::{Running, start};
use gymbox::config::Settings;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery";

pub struct TestServer {
    pub running: Option<Running>,
    pub url: String,
    pub dir: tempfile::TempDir,
    pub setup_code: Option<String>,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(configure: impl FnOnce(&mut Settings)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::start_in(dir, configure).await
    }

    pub async fn start_in(dir: tempfile::TempDir, configure: impl FnOnce(&mut Settings)) -> Self {
        let mut settings = Settings::with_data_dir(dir.path().to_path_buf());
        settings.listen = "127.0.0.1:0".parse().unwrap();
        configure(&mut settings);
        let running = start(settings, false).await.expect("server starts");
        Self {
            url: format!("http://{}", running.addr),
            setup_code: running.setup_code.clone(),
            running: Some(running),
            dir,
        }
    }

    /// Waits until the search index holds every committed change.
    pub async fn indexed(&self) {
        let r = self.running.as_ref().unwrap();
        r.state.search.settle().await.expect("search index settles");
    }

    pub fn data(&self) -> &Path {
        self.dir.path()
    }

    /// The server's services.
    pub fn state(&self) -> &gymbox::app::AppState {
        &self.running.as_ref().unwrap().state
    }

    /// Stops the server and returns its data dir (to restart on the same data).
    pub async fn stop(mut self) -> tempfile::TempDir {
        if let Some(r) = self.running.take() {
            r.stop().await.expect("clean stop");
        }
        self.dir
    }

    pub fn client(&self) -> Client {
        Client::new(&self.url)
    }

    /// Creates the owner through the set-up code and returns a signed-in client.
    pub async fn owner(&self) -> Client {
        let c = self.client();
        let code = self
            .setup_code
            .clone()
            .expect("fresh server has a set-up code");
        let r = c
            .post(
                "/api/v1/auth/setup",
                json!({"setup_code": code, "username": "owner", "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        c.with_token(r.body["token"].as_str().unwrap())
    }

    /// Creates a user with `role` (through an invite made by `admin`) and signs them in.
    pub async fn user(&self, admin: &Client, username: &str, role: &str) -> Client {
        let inv = admin
            .post("/api/v1/admin/invites", json!({"role": role}))
            .await;
        assert_eq!(inv.status, StatusCode::CREATED, "{}", inv.body);
        let c = self.client();
        let r = c
            .post(
                "/api/v1/auth/register",
                json!({"username": username, "password": PASSWORD, "invite_code": inv.body["code"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        self.login(username, PASSWORD).await
    }

    /// Makes `coach` the coach of `member` (an administrator's direct pairing).
    pub async fn link_coach(&self, admin: &Client, coach: &str, member: &str) -> String {
        let r = admin
            .post(
                "/api/v1/admin/coaching",
                json!({"coach": coach, "member": member}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.body["id"].as_str().unwrap().to_owned()
    }

    pub async fn login(&self, login: &str, password: &str) -> Client {
        let c = self.client();
        let r = c
            .post(
                "/api/v1/auth/login",
                json!({"login": login, "password": password}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        c.with_token(r.body["token"].as_str().unwrap())
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem+json error with this status and `type`.
    pub fn problem(&self, status: u16, kind: &str) {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{}",
            self.text
        );
        assert_eq!(self.body["type"], kind, "{}", self.text);
        assert_eq!(self.body["status"], status);
        // One code, one status: the code table agrees with what was sent.
        let code = gymbox::error::Code::ALL
            .iter()
            .find(|c| c.as_str() == kind)
            .unwrap_or_else(|| panic!("{kind} is not in the problem-code table"));
        assert_eq!(code.status().as_u16(), status, "{kind}");
        assert!(self.body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }
}

#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
}

impl Client {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            token: None,
        }
    }

    pub fn with_token(&self, token: &str) -> Self {
        Self {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub fn token(&self) -> &str {
        self.token.as_deref().unwrap()
    }

    pub fn req(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut b = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            b = b.bearer_auth(t);
        }
        b
    }

    pub async fn send(b: reqwest::RequestBuilder) -> Resp {
        let r = b.send().await.expect("request sent");
        let status = r.status();
        let headers = r.headers().clone();
        let bytes = r.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(status.as_u16() < 500, "server error {status}: {text}");
        Resp {
            status,
            headers,
            body,
            text,
            bytes,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let mut b = self.req(method, path);
        if let Some(v) = body {
            b = b.json(&v);
        }
        Self::send(b).await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call(Method::POST, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.call(Method::PATCH, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> Resp {
        self.call(Method::DELETE, path, None).await
    }
}

/// Path of the real `gymbox` binary built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gymbox"))
}

/// Runs `gymbox --data DIR ARGS…` with `stdin` and returns its output.
pub fn gymbox(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::new(bin());
    cmd.arg("--data").arg(data).args(args);
    run(cmd, stdin)
}

/// Runs a prepared `gymbox` command with `stdin` and returns its output.
pub fn run(mut cmd: Command, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gymbox runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// A real `gymbox serve` process on a free port; killed on drop.
pub struct Process {
    pub child: std::process::Child,
    pub url: String,
    pub lines: Vec<String>,
}

impl Process {
    /// Starts the server; with `expect_setup` also waits for the set-up code lines.
    pub fn spawn(data: &Path, expect_setup: bool) -> Self {
        Self::spawn_with(data, expect_setup, &[])
    }

    pub fn spawn_with(data: &Path, expect_setup: bool, env: &[(&str, &str)]) -> Self {
        use std::io::{BufRead, BufReader};
        let mut child = Command::new(bin())
            .args(["serve", "--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("gymbox serve runs");
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut lines = Vec::new();
        let mut url = String::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            let l = line.trim().to_owned();
            line.clear();
            if let Some(u) = l.strip_prefix("listening on ") {
                url = u.to_owned();
            }
            let done = !url.is_empty() && (!expect_setup || l.starts_with("setup code: "));
            lines.push(l);
            if done {
                break;
            }
        }
        assert!(!url.is_empty(), "server printed its address: {lines:?}");
        std::thread::spawn(move || {
            let mut sink = String::new();
            while reader.read_line(&mut sink).unwrap_or(0) > 0 {
                sink.clear();
            }
        });
        Self { child, url, lines }
    }

    pub fn setup_code(&self) -> Option<String> {
        self.lines
            .iter()
            .find_map(|l| l.strip_prefix("setup code: ").map(str::to_owned))
    }

    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One string field of every item of a `{items: [...]}` list, in order.
pub fn field_of_items(list: &Value, field: &str) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|i| i[field].as_str().unwrap_or_default().to_owned())
        .collect()
}
