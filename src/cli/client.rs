//! Sends an administrative command to the running server through its admin socket, or, when no
//! server runs, executes it directly on the database. Same command, same services.

use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::admin::{Command, Output, ProgressFn, ProgressLine, Reply, SOCKET_FILE, execute_reply};
use crate::config::Settings;
use crate::storage::OpenError;

pub fn send(data_dir: &Path, cmd: Command) -> anyhow::Result<Output> {
    send_with_progress(data_dir, cmd, std::sync::Arc::new(|_| {}))
}

/// Like `send`, reporting a long command's progress to `progress` as it comes.
pub fn send_with_progress(
    data_dir: &Path,
    cmd: Command,
    progress: ProgressFn,
) -> anyhow::Result<Output> {
    let rt = super::runtime()?;
    let reply = rt.block_on(async {
        match via_socket(data_dir, &cmd, &progress).await {
            Ok(reply) => Ok(reply),
            Err(SocketError::NoServer) => direct(data_dir, cmd, progress).await,
            Err(SocketError::Other(e)) => Err(e),
        }
    })?;
    if reply.ok {
        reply
            .result
            .ok_or_else(|| anyhow!("the server sent an empty reply on the admin socket"))
    } else {
        bail!(reply.error.unwrap_or_else(|| "the command failed".into()))
    }
}

/// Whether a server answers on the admin socket of `data_dir`.
pub fn server_answers(data_dir: &Path) -> bool {
    std::os::unix::net::UnixStream::connect(data_dir.join(SOCKET_FILE)).is_ok()
}

enum SocketError {
    /// No socket, or one left behind by a server that is gone.
    NoServer,
    Other(anyhow::Error),
}

async fn via_socket(
    data_dir: &Path,
    cmd: &Command,
    progress: &ProgressFn,
) -> Result<Reply, SocketError> {
    let path = data_dir.join(SOCKET_FILE);
    let stream = match tokio::net::UnixStream::connect(&path).await {
        Ok(s) => s,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::ConnectionRefused) => {
            return Err(SocketError::NoServer);
        }
        Err(e) => {
            return Err(SocketError::Other(anyhow!(
                "cannot use the admin socket {}: {e} (run this as the user that runs the server)",
                path.display()
            )));
        }
    };
    let (read, mut write) = stream.into_split();
    let mut line = serde_json::to_vec(cmd).map_err(|e| SocketError::Other(e.into()))?;
    line.push(b'\n');
    write
        .write_all(&line)
        .await
        .map_err(|e| SocketError::Other(e.into()))?;
    let mut lines = BufReader::new(read).lines();
    loop {
        let line = lines
            .next_line()
            .await
            .map_err(|e| SocketError::Other(e.into()))?
            .ok_or_else(|| SocketError::Other(anyhow!("the server closed the admin socket")))?;
        if let Ok(p) = serde_json::from_str::<ProgressLine>(&line) {
            progress(p.progress);
            continue;
        }
        return serde_json::from_str(&line)
            .context("the server sent an unreadable reply on the admin socket")
            .map_err(SocketError::Other);
    }
}

async fn direct(data_dir: &Path, cmd: Command, progress: ProgressFn) -> anyhow::Result<Reply> {
    let settings = Settings::with_data_dir(data_dir.to_path_buf());
    let state = match crate::state::AppState::open(settings) {
        Ok(s) => s,
        Err(OpenError::Locked(p)) => bail!(
            "the database {} is held by a running server, but its admin socket does not answer; check that the server is healthy",
            p.display()
        ),
        Err(e) => return Err(e.into()),
    };
    Ok(execute_reply(&state, cmd, progress).await)
}

/// Takes the expected kind of output out of a reply, or says the server answered otherwise.
#[macro_export]
macro_rules! expect_output {
    ($out:expr, $pat:pat => $val:expr) => {
        match $out {
            $pat => $val,
            other => anyhow::bail!("the server answered with an unexpected result: {other:?}"),
        }
    };
}
