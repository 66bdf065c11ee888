//! `gymbox invite …`: invite codes.

use anyhow::bail;
use clap::Subcommand;

use super::client::send;
use crate::admin::{Command, InviteInfo, Output};

#[derive(Subcommand, Debug)]
pub enum InviteCommand {
    /// Create an invite code.
    Create {
        /// Role of those who register with it.
        #[arg(long, default_value = "member")]
        role: String,
        /// How many people may use it.
        #[arg(long, default_value_t = 1)]
        uses: u32,
        /// How long it stays valid, e.g. 12h, 7d, 2w (default 7d).
        #[arg(long, default_value = "7d")]
        expires: String,
    },
    /// List invite codes.
    List,
    /// Revoke an invite code.
    Revoke { code: String },
}

/// Parses `12h`, `7d`, `2w` into hours.
pub fn parse_hours(s: &str) -> anyhow::Result<u32> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u32 = num
        .parse()
        .map_err(|_| anyhow::anyhow!("'{s}' is not a duration like 12h, 7d or 2w"))?;
    let hours = match unit {
        "h" | "" => n,
        "d" => n.saturating_mul(24),
        "w" => n.saturating_mul(24 * 7),
        _ => bail!("'{s}' is not a duration like 12h, 7d or 2w"),
    };
    Ok(hours)
}

fn print(json: bool, out: Output) -> anyhow::Result<()> {
    if json {
        out!("{}", serde_json::to_string_pretty(&out.json())?);
        return Ok(());
    }
    let list: Vec<InviteInfo> = match out {
        Output::Invites(list) => list,
        Output::Invite(one) => vec![one],
        other => bail!("the server answered with an unexpected result: {other:?}"),
    };
    out!(
        "{:<14} {:<8} {:<7} {:<22} BY",
        "CODE",
        "ROLE",
        "USES",
        "EXPIRES"
    );
    for i in list {
        out!(
            "{:<14} {:<8} {:<7} {:<22} {}",
            i.code,
            i.role,
            format!("{}/{}", i.uses, i.max_uses),
            i.expires_at.as_deref().unwrap_or("never"),
            i.created_by
        );
    }
    Ok(())
}

pub fn run(cli: &super::Cli, cmd: &InviteCommand) -> anyhow::Result<()> {
    let data = cli.data_dir()?;
    match cmd {
        InviteCommand::Create {
            role,
            uses,
            expires,
        } => {
            let hours = parse_hours(expires)?;
            let v = send(
                &data,
                Command::InviteCreate {
                    role: role.clone(),
                    uses: *uses,
                    expires_in_hours: Some(hours),
                },
            )?;
            print(cli.json, v)
        }
        InviteCommand::List => print(cli.json, send(&data, Command::InviteList)?),
        InviteCommand::Revoke { code } => {
            let v = send(&data, Command::InviteRevoke { code: code.clone() })?;
            if cli.json {
                out!("{}", v.json());
            } else {
                out!("revoked {code}");
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::parse_hours("12h").unwrap(), 12);
        assert_eq!(super::parse_hours("7d").unwrap(), 168);
        assert_eq!(super::parse_hours("2w").unwrap(), 336);
        assert!(super::parse_hours("soon").is_err());
        assert!(super::parse_hours("3y").is_err());
    }
}
