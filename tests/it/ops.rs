//! Operations files: the systemd unit passes the hardening check.

#[test]
fn systemd_unit_is_hardened() {
    let unit = concat!(env!("CARGO_MANIFEST_DIR"), "/systemd/gymbox.service");
    let text = std::fs::read_to_string(unit).expect("systemd/gymbox.service exists");
    for key in [
        "DynamicUser=yes",
        "StateDirectory=gymbox",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "SystemCallFilter=@system-service",
    ] {
        assert!(text.contains(key), "unit lacks {key}");
    }
    let out = std::process::Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--threshold=2", unit])
        .output()
        .expect("systemd-analyze is installed (apt-get install systemd)");
    assert!(
        out.status.success(),
        "systemd-analyze security failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn serves_on_a_socket_passed_by_systemd() {
    use std::io::{BufRead, BufReader, Read, Write};
    // A free port: bind, note it, release it for systemd-socket-activate.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new("systemd-socket-activate")
        .arg("-l")
        .arg(format!("127.0.0.1:{port}"))
        .arg(crate::support::bin())
        .args(["serve", "--listen", "127.0.0.1:1", "--data"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("systemd-socket-activate is installed (apt-get install systemd)");
    // It says "Listening on …" once the socket is bound, and starts the server on the first
    // connection.
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.starts_with("Listening on"), "{line}");
    std::thread::spawn(move || {
        let mut sink = String::new();
        while err.read_line(&mut sink).unwrap_or(0) > 0 {
            sink.clear();
        }
    });
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        conn,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    conn.read_to_string(&mut resp).unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert_eq!(
        first.trim(),
        format!("listening on http://127.0.0.1:{port}")
    );
}
