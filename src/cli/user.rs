//! `gymbox user …`: manage accounts.

use std::io::{BufRead, IsTerminal};

use anyhow::bail;
use clap::Subcommand;

use super::client::send;
use crate::admin::{Command, Output, UserInfo};

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user. The password is read from standard input (--password-stdin) or prompted.
    Add {
        name: String,
        /// owner, admin, coach or member.
        #[arg(long, default_value = "member")]
        role: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Show one user.
    Show { name: String },
    /// Change a user's role.
    SetRole { name: String, role: String },
    /// Disable a user: their sessions end at once and they cannot sign in.
    Disable { name: String },
    /// Enable a disabled user.
    Enable { name: String },
    /// Delete a user and all their data.
    Delete { name: String },
    /// Turn off two-factor sign-in (lost phone and recovery codes); ends the user's sessions.
    Disable2fa { name: String },
    /// Set a new password (ends the user's sessions).
    ResetPassword {
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

/// The password from stdin (`--password-stdin`) or an interactive prompt, never from argv.
pub fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let pw = line.trim_end_matches(['\r', '\n']).to_owned();
        if pw.is_empty() {
            bail!("no password on standard input");
        }
        return Ok(pw);
    }
    if !std::io::stdin().is_terminal() {
        bail!("give the password on standard input with --password-stdin, or run interactively");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Repeat password: ")?;
    if first != again {
        bail!("the passwords differ");
    }
    Ok(first)
}

fn print_user(json: bool, out: Output) -> anyhow::Result<()> {
    if json {
        out!("{}", serde_json::to_string_pretty(&out.json())?);
        return Ok(());
    }
    let u: UserInfo = crate::expect_output!(out, Output::User(u) => u);
    out!("username:     {}", u.username);
    out!("display name: {}", u.display_name);
    out!("e-mail:       {}", u.email.as_deref().unwrap_or("-"));
    out!("role:         {}", u.role);
    out!("status:       {}", u.status);
    out!(
        "two-factor:   {}",
        if u.totp_enabled { "on" } else { "off" }
    );
    out!("created:      {}", u.created_at);
    out!(
        "last sign-in: {}",
        u.last_login_at.as_deref().unwrap_or("never")
    );
    Ok(())
}

pub fn run(cli: &super::Cli, cmd: &UserCommand) -> anyhow::Result<()> {
    let data = cli.data_dir()?;
    let command = match cmd {
        UserCommand::Add {
            name,
            role,
            email,
            display_name,
            password_stdin,
        } => Command::UserAdd {
            username: name.clone(),
            role: role.clone(),
            email: email.clone(),
            display_name: display_name.clone(),
            password: read_password(*password_stdin)?,
        },
        UserCommand::List => {
            let out = send(&data, Command::UserList)?;
            if cli.json {
                out!("{}", serde_json::to_string_pretty(&out.json())?);
            } else {
                let users: Vec<UserInfo> = crate::expect_output!(out, Output::Users(u) => u);
                out!(
                    "{:<24} {:<8} {:<9} DISPLAY NAME",
                    "USERNAME",
                    "ROLE",
                    "STATUS"
                );
                for u in users {
                    out!(
                        "{:<24} {:<8} {:<9} {}",
                        u.username,
                        u.role,
                        u.status,
                        u.display_name
                    );
                }
            }
            return Ok(());
        }
        UserCommand::Show { name } => Command::UserShow {
            username: name.clone(),
        },
        UserCommand::SetRole { name, role } => Command::UserSetRole {
            username: name.clone(),
            role: role.clone(),
        },
        UserCommand::Disable { name } => Command::UserSetStatus {
            username: name.clone(),
            disabled: true,
        },
        UserCommand::Disable2fa { name } => Command::UserDisableTotp {
            username: name.clone(),
        },
        UserCommand::Enable { name } => Command::UserSetStatus {
            username: name.clone(),
            disabled: false,
        },
        UserCommand::Delete { name } => {
            let v = send(
                &data,
                Command::UserDelete {
                    username: name.clone(),
                },
            )?;
            if cli.json {
                out!("{}", v.json());
            } else {
                out!("deleted {name}");
            }
            return Ok(());
        }
        UserCommand::ResetPassword {
            name,
            password_stdin,
        } => {
            let password = read_password(*password_stdin)?;
            let v = send(
                &data,
                Command::UserResetPassword {
                    username: name.clone(),
                    password,
                },
            )?;
            if cli.json {
                out!("{}", v.json());
            } else {
                out!("password of {name} changed; their sessions have ended");
            }
            return Ok(());
        }
    };
    print_user(cli.json, send(&data, command)?)
}
