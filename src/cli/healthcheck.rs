//! `gymbox healthcheck`: GET /healthz on the server (for container and systemd checks).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use anyhow::{Context, bail};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address of the server [default: GYMBOX_LISTEN or 127.0.0.1:8080].
    #[arg(long, value_name = "ADDR")]
    addr: Option<String>,
}

pub fn run(_cli: &super::Cli, args: &Args) -> anyhow::Result<()> {
    let addr = args
        .addr
        .clone()
        .or_else(|| std::env::var("GYMBOX_LISTEN").ok())
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let sock: SocketAddr = addr
        .parse()
        .with_context(|| format!("'{addr}' is not an address like 127.0.0.1:8080"))?;
    let mut stream = TcpStream::connect_timeout(&sock, Duration::from_secs(5))
        .with_context(|| format!("nothing answers on {sock}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {sock}\r\nConnection: close\r\n\r\n"
    )?;
    let mut resp = String::new();
    stream.read_to_string(&mut resp)?;
    let status = resp.lines().next().unwrap_or("");
    if status.contains(" 200 ") {
        // Degraded (e.g. the disk is full) still passes: a restart would not help.
        let body = resp.split("\r\n\r\n").nth(1).unwrap_or("");
        let health: serde_json::Value = serde_json::from_str(body.trim()).unwrap_or_default();
        match health["status"].as_str() {
            Some("degraded") => out!(
                "degraded: {}",
                health["reason"].as_str().unwrap_or("unknown")
            ),
            _ => out!("ok"),
        }
        Ok(())
    } else {
        bail!("unhealthy: {status}")
    }
}
