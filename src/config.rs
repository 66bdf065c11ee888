//! Settings: CLI flag > `GYMBOX_*` environment variable > `gymbox.toml` > built-in default,
//! merged by one pure function so the precedence is unit-tested without touching the process.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::accounts::model::RegistrationMode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Everything the server needs to know at start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// The address people use to reach this server, e.g. `https://gym.example.org`.
    pub public_url: Option<String>,
    /// When set, fixes the registration mode (admins cannot change it at run time).
    pub registration_mode: Option<RegistrationMode>,
    pub log_format: LogFormat,
    pub log_level: String,
    /// Take the client address from `X-Forwarded-For` (only behind a reverse proxy).
    pub trust_proxy: bool,
    pub instance_name: String,
    /// A connection that sends or receives nothing for this long is closed, so half-open
    /// connections and clients that stall while sending headers do not pile up (30 s).
    pub idle_timeout: std::time::Duration,
    /// On shutdown, how long connections that are already open may still bring requests
    /// (each answered with `Connection: close`) before they are closed (1 s).
    pub shutdown_grace: std::time::Duration,
    /// Members (not only coaches and administrators) may create clubs.
    pub member_clubs: bool,
    /// The gym's IANA time zone: the weeks and months of leaderboards and the days challenges
    /// run (members' own days follow their profile's time zone). Default `UTC`.
    pub timezone: String,
    /// Scheduled backups: written into this directory (none when unset).
    pub backup_dir: Option<PathBuf>,
    /// How often a scheduled backup is written (default 24 hours).
    pub backup_every: std::time::Duration,
    /// Scheduled backups kept; older ones are removed (default 7).
    pub backup_keep: usize,
}

impl Settings {
    /// Defaults for everything, with the given data directory (tests and `Default`).
    pub fn with_data_dir(data_dir: PathBuf) -> Self {
        Self {
            listen: "127.0.0.1:8080".parse().expect("valid default address"),
            data_dir,
            public_url: None,
            registration_mode: None,
            log_format: LogFormat::Text,
            log_level: "info".into(),
            trust_proxy: false,
            instance_name: "Gymbox".into(),
            idle_timeout: std::time::Duration::from_secs(30),
            shutdown_grace: std::time::Duration::from_secs(1),
            member_clubs: false,
            timezone: "UTC".into(),
            backup_dir: None,
            backup_every: std::time::Duration::from_secs(24 * 3600),
            backup_keep: 7,
        }
    }

    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The address to print in links, e.g. the owner set-up link.
    pub fn base_url(&self, bound: SocketAddr) -> String {
        self.public_url
            .clone()
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{bound}"))
    }
}

/// Values given on the command line (`None` = not given).
#[derive(Debug, Clone, Default)]
pub struct CliValues {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub public_url: Option<String>,
    pub registration_mode: Option<String>,
    pub log_format: Option<String>,
}

/// The `gymbox.toml` file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub data: Option<PathBuf>,
    pub public_url: Option<String>,
    pub registration: Option<String>,
    pub log_format: Option<String>,
    pub log_level: Option<String>,
    pub trust_proxy: Option<bool>,
    pub name: Option<String>,
    pub member_clubs: Option<bool>,
    pub timezone: Option<String>,
    pub backup_dir: Option<PathBuf>,
    pub backup_every_hours: Option<u32>,
    pub backup_keep: Option<u32>,
}

const KNOWN_ENV: &[&str] = &[
    "GYMBOX_LISTEN",
    "GYMBOX_DATA",
    "GYMBOX_CONFIG",
    "GYMBOX_PUBLIC_URL",
    "GYMBOX_REGISTRATION",
    "GYMBOX_LOG_FORMAT",
    "GYMBOX_LOG",
    "GYMBOX_TRUST_PROXY",
    "GYMBOX_NAME",
    "GYMBOX_MEMBER_CLUBS",
    "GYMBOX_TIMEZONE",
    "GYMBOX_BACKUP_DIR",
    "GYMBOX_BACKUP_EVERY_HOURS",
    "GYMBOX_BACKUP_KEEP",
    "GYMBOX_SEARCH_PAUSED",
];

/// `GYMBOX_*` variables this version does not know (probably typos), to warn about.
pub fn unknown_env(env: &HashMap<String, String>) -> Vec<String> {
    let mut v: Vec<String> = env
        .keys()
        .filter(|k| k.starts_with("GYMBOX_") && !KNOWN_ENV.contains(&k.as_str()))
        .cloned()
        .collect();
    v.sort();
    v
}

/// Which config file to read: `--config`, `GYMBOX_CONFIG`, or `gymbox.toml` in the data
/// directory if it exists.
pub fn config_path(
    cli: &CliValues,
    env: &HashMap<String, String>,
    data_dir: &Path,
) -> Option<PathBuf> {
    cli.config
        .clone()
        .or_else(|| env.get("GYMBOX_CONFIG").map(PathBuf::from))
        .or_else(|| Some(data_dir.join("gymbox.toml")).filter(|p| p.exists()))
}

pub fn read_file(path: &Path) -> Result<FileConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the config file {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e: toml::de::Error| {
        // One line: the key or position and what is wrong, not TOML's multi-line drawing.
        let line = e.span().map(|s| {
            text.as_bytes()[..s.start.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1
        });
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        format!(
            "the config file {} is invalid{at}: {}",
            path.display(),
            e.message().trim()
        )
    })
}

/// Merges the sources; errors name the flag, variable or file key to fix.
pub fn merge(
    cli: &CliValues,
    env: &HashMap<String, String>,
    file: &FileConfig,
) -> Result<Settings, String> {
    let pick = |c: &Option<String>, var: &str, f: &Option<String>| -> Option<(String, String)> {
        c.clone()
            .map(|v| (v, "the command-line flag".to_owned()))
            .or_else(|| env.get(var).map(|v| (v.clone(), format!("${var}"))))
            .or_else(|| f.clone().map(|v| (v, "the config file".to_owned())))
    };
    let data_dir = cli
        .data_dir
        .clone()
        .or_else(|| env.get("GYMBOX_DATA").map(PathBuf::from))
        .or_else(|| file.data.clone())
        .unwrap_or_else(|| PathBuf::from("gymbox-data"));
    let mut s = Settings::with_data_dir(data_dir);
    if let Some((v, from)) = pick(&cli.listen, "GYMBOX_LISTEN", &file.listen) {
        s.listen = v
            .parse()
            .map_err(|_| format!("listen address '{v}' from {from} is not like 127.0.0.1:8080"))?;
    }
    if let Some((v, from)) = pick(&cli.public_url, "GYMBOX_PUBLIC_URL", &file.public_url) {
        if !(v.starts_with("http://") || v.starts_with("https://")) {
            return Err(format!(
                "public URL '{v}' from {from} must start with http:// or https://"
            ));
        }
        s.public_url = Some(v.trim_end_matches('/').to_owned());
    }
    if let Some((v, from)) = pick(
        &cli.registration_mode,
        "GYMBOX_REGISTRATION",
        &file.registration,
    ) {
        s.registration_mode = Some(RegistrationMode::parse(&v).ok_or_else(|| {
            format!("registration mode '{v}' from {from} must be open, invite or closed")
        })?);
    }
    if let Some((v, from)) = pick(&cli.log_format, "GYMBOX_LOG_FORMAT", &file.log_format) {
        s.log_format = match v.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            _ => return Err(format!("log format '{v}' from {from} must be text or json")),
        };
    }
    if let Some((v, _)) = pick(&None, "GYMBOX_LOG", &file.log_level) {
        s.log_level = v;
    }
    if let Some(v) = env.get("GYMBOX_TRUST_PROXY") {
        s.trust_proxy = matches!(v.as_str(), "1" | "true" | "yes");
    } else if let Some(v) = file.trust_proxy {
        s.trust_proxy = v;
    }
    if let Some((v, _)) = pick(&None, "GYMBOX_NAME", &file.name) {
        s.instance_name = v;
    }
    if let Some(v) = env.get("GYMBOX_MEMBER_CLUBS") {
        s.member_clubs = matches!(v.as_str(), "1" | "true" | "yes");
    } else if let Some(v) = file.member_clubs {
        s.member_clubs = v;
    }
    if let Some((v, from)) = pick(&None, "GYMBOX_TIMEZONE", &file.timezone) {
        if jiff::tz::TimeZone::get(&v).is_err() {
            return Err(format!(
                "time zone '{v}' from {from} is not an IANA time zone name like Europe/Berlin"
            ));
        }
        s.timezone = v;
    }
    if let Some((v, _)) = pick(
        &None,
        "GYMBOX_BACKUP_DIR",
        &file.backup_dir.as_ref().map(|d| d.display().to_string()),
    ) {
        s.backup_dir = Some(PathBuf::from(v));
    }
    let number = |var: &str, f: Option<u32>, range: std::ops::RangeInclusive<u32>| {
        let (raw, from) = match env.get(var) {
            Some(v) => (v.clone(), format!("${var}")),
            None => match f {
                Some(n) => (n.to_string(), "the config file".to_owned()),
                None => return Ok(None),
            },
        };
        match raw.parse::<u32>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(format!(
                "'{raw}' from {from} must be a whole number from {} to {}",
                range.start(),
                range.end()
            )),
        }
    };
    if let Some(h) = number(
        "GYMBOX_BACKUP_EVERY_HOURS",
        file.backup_every_hours,
        1..=720,
    )? {
        s.backup_every = std::time::Duration::from_secs(u64::from(h) * 3600);
    }
    if let Some(k) = number("GYMBOX_BACKUP_KEEP", file.backup_keep, 1..=1000)? {
        s.backup_keep = k as usize;
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduled_backups_are_configured_and_checked() {
        let file = FileConfig {
            backup_dir: Some(PathBuf::from("/var/backups/gymbox")),
            backup_keep: Some(14),
            ..FileConfig::default()
        };
        let s = merge(
            &CliValues::default(),
            &env(&[("GYMBOX_BACKUP_EVERY_HOURS", "6")]),
            &file,
        )
        .unwrap();
        assert_eq!(
            s.backup_dir.as_deref(),
            Some(Path::new("/var/backups/gymbox"))
        );
        assert_eq!(s.backup_every, std::time::Duration::from_secs(6 * 3600));
        assert_eq!(s.backup_keep, 14);
        let e = merge(
            &CliValues::default(),
            &env(&[("GYMBOX_BACKUP_KEEP", "0")]),
            &file,
        )
        .unwrap_err();
        assert!(
            e.contains("GYMBOX_BACKUP_KEEP") && e.contains("1 to 1000"),
            "{e}"
        );
        let none = merge(&CliValues::default(), &env(&[]), &FileConfig::default()).unwrap();
        assert_eq!(none.backup_dir, None);
    }

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn precedence_cli_env_file_default() {
        let file = FileConfig {
            listen: Some("127.0.0.1:1000".into()),
            registration: Some("closed".into()),
            name: Some("File Gym".into()),
            ..Default::default()
        };
        let d = merge(&CliValues::default(), &env(&[]), &FileConfig::default()).unwrap();
        assert_eq!(d.listen.port(), 8080);
        assert_eq!(d.data_dir, PathBuf::from("gymbox-data"));
        assert_eq!(d.registration_mode, None);

        let f = merge(&CliValues::default(), &env(&[]), &file).unwrap();
        assert_eq!(f.listen.port(), 1000);
        assert_eq!(f.registration_mode, Some(RegistrationMode::Closed));
        assert_eq!(f.instance_name, "File Gym");

        let e = merge(
            &CliValues::default(),
            &env(&[("GYMBOX_LISTEN", "127.0.0.1:2000")]),
            &file,
        )
        .unwrap();
        assert_eq!(e.listen.port(), 2000);

        let cli = CliValues {
            listen: Some("127.0.0.1:3000".into()),
            ..Default::default()
        };
        let c = merge(&cli, &env(&[("GYMBOX_LISTEN", "127.0.0.1:2000")]), &file).unwrap();
        assert_eq!(c.listen.port(), 3000);
    }

    #[test]
    fn errors_name_the_source() {
        let err = merge(
            &CliValues::default(),
            &env(&[("GYMBOX_REGISTRATION", "maybe")]),
            &FileConfig::default(),
        )
        .unwrap_err();
        assert!(err.contains("$GYMBOX_REGISTRATION"), "{err}");
        let cli = CliValues {
            listen: Some("nope".into()),
            ..Default::default()
        };
        assert!(
            merge(&cli, &env(&[]), &FileConfig::default())
                .unwrap_err()
                .contains("flag")
        );
        assert_eq!(
            unknown_env(&env(&[("GYMBOX_LISTN", "x"), ("GYMBOX_DATA", "y")])),
            vec!["GYMBOX_LISTN"]
        );
    }
}
