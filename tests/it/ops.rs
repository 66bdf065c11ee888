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
