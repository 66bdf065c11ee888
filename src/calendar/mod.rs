//! Calendar feeds: a member's planned sessions as iCalendar at a secret address they can add
//! to any calendar app (`GET /api/v1/calendar/{token}.ics`), revocable at any time. Only the
//! SHA-256 of the secret is kept.
//!
//! Sessions are the days of the member's assigned plans, placed on the calendar the way
//! adherence counts them: plan week `w` starts `w` weeks after the start date, and its `n`
//! days are spread over that week (day `d` on day `⌊7·d/n⌋`). Each is an all-day event; days
//! already done say so.

pub mod api;

use crate::storage::Tx;

use crate::accounts::model::User;
use crate::error::AppError;
use crate::events::{Effects, Event, Reactor};
use crate::storage::Store;
use crate::storage::schema::{CAL_FEEDS, CAL_USER_FEED};
use crate::training::Training;
use crate::training::model::{Assignment, Plan};

pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(CAL_FEEDS)?;
    tx.open_table(CAL_USER_FEED)?;
    Ok(())
}

/// One planned session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub uid: String,
    pub date: time::Date,
    pub summary: String,
    pub description: String,
}

/// The sessions of one assignment, in plan order.
pub fn sessions(a: &Assignment, p: &Plan, name: &dyn Fn(&str) -> String) -> Vec<Session> {
    let Ok(start) = crate::training::service::parse_date("start_date", &a.start_date) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut index = 0u32;
    for (w, week) in p.weeks.iter().enumerate() {
        let n = week.days.len().max(1) as i64;
        for (d, day) in week.days.iter().enumerate() {
            let offset = 7 * w as i64 + (7 * d as i64) / n;
            let date = start + time::Duration::days(offset);
            let done = index < a.days_done;
            let title = if day.name.trim().is_empty() {
                format!("Day {}", d + 1)
            } else {
                day.name.clone()
            };
            let mut description: Vec<String> = day
                .exercises
                .iter()
                .map(|e| format!("{} × {}", name(&e.exercise_id), e.sets.len()))
                .collect();
            if !day.notes.trim().is_empty() {
                description.push(day.notes.trim().to_owned());
            }
            out.push(Session {
                uid: format!("{}-{index}@gymbox", crate::storage::ids::to_string(a.id)),
                date,
                summary: format!("{}: {title}{}", p.title, if done { " ✓" } else { "" }),
                description: description.join("\n"),
            });
            index += 1;
        }
    }
    out
}

/// Escapes a text value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\r', "")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut count = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if count + len > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += len;
    }
    out.push_str("\r\n");
}

/// The iCalendar document of `sessions`.
pub fn ics(name: &str, sessions: &[Session], now: i64) -> String {
    let stamp = jiff::Timestamp::from_second(now)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default();
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Gymbox//Planned sessions//EN",
        "CALSCALE:GREGORIAN",
    ] {
        fold(l, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", text(name)), &mut out);
    for s in sessions {
        let day =
            |d: time::Date| format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", s.uid), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", day(s.date)), &mut out);
        fold(
            &format!(
                "DTEND;VALUE=DATE:{}",
                day(s.date.next_day().unwrap_or(s.date))
            ),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", text(&s.summary)), &mut out);
        if !s.description.is_empty() {
            fold(&format!("DESCRIPTION:{}", text(&s.description)), &mut out);
        }
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[derive(Clone)]
pub struct Calendar {
    store: Store,
    training: Training,
}

impl Calendar {
    pub fn new(store: Store, training: Training) -> Self {
        Self { store, training }
    }

    /// A new secret feed for `user` (an older one stops working); returns the secret.
    pub async fn open_feed(&self, user: &User) -> Result<String, AppError> {
        let secret = crate::accounts::tokens::random_token("gbc");
        let hash = crate::accounts::tokens::hash(&secret);
        let uid = user.id;
        self.store
            .write(move |tx| {
                close(tx, uid)?;
                tx.open_table(CAL_FEEDS)?.insert(&hash, uid)?;
                tx.open_table(CAL_USER_FEED)?
                    .insert(uid, (&hash, crate::storage::ids::now()))?;
                Ok(())
            })
            .await?;
        Ok(secret)
    }

    /// When the member's feed was made, if they have one.
    pub async fn feed_of(&self, user: &User) -> Result<Option<i64>, AppError> {
        let uid = user.id;
        self.store
            .read(move |tx| Ok(tx.open_table(CAL_USER_FEED)?.get(uid)?.map(|v| v.value().1)))
            .await
    }

    /// Stops the member's feed.
    pub async fn close_feed(&self, user: &User) -> Result<(), AppError> {
        let uid = user.id;
        self.store.write(move |tx| close(tx, uid)).await
    }

    /// Whose feed `secret` is.
    pub async fn owner(&self, secret: &str) -> Result<Option<u128>, AppError> {
        let hash = crate::accounts::tokens::hash(secret);
        self.store
            .read(move |tx| Ok(tx.open_table(CAL_FEEDS)?.get(&hash)?.map(|v| v.value())))
            .await
    }

    /// The member's planned sessions of every assigned plan.
    pub async fn sessions(&self, user: &User) -> Result<Vec<Session>, AppError> {
        let usable = self
            .training
            .list_exercises(
                user,
                crate::training::service::ExerciseFilter::default(),
                None,
                usize::MAX,
            )
            .await?
            .0;
        let ru = user.preferences.language == crate::accounts::model::Language::Ru;
        let name = |id: &str| {
            usable
                .iter()
                .find(|e| e.id == id)
                .map(|e| {
                    if ru && !e.name_ru.is_empty() {
                        e.name_ru.clone()
                    } else {
                        e.name_en.clone()
                    }
                })
                .unwrap_or_else(|| id.to_owned())
        };
        let mut out = Vec::new();
        for (a, p) in self.training.assignments(user).await? {
            out.extend(sessions(&a, &p, &name));
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
        Ok(out)
    }
}

fn close(tx: &Tx, uid: u128) -> Result<(), AppError> {
    let old = tx
        .open_table(CAL_USER_FEED)?
        .remove(uid)?
        .map(|v| *v.value().0);
    if let Some(h) = old {
        tx.open_table(CAL_FEEDS)?.remove(&h)?;
    }
    Ok(())
}

/// Account deletion ends the member's feed.
pub struct Cleanup;

impl Reactor for Cleanup {
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        if let Event::UserDeleted { user } = *event {
            close(tx, user)?;
        }
        Ok(Effects::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_escaped_and_folded() {
        let s = Session {
            uid: "a-0@gymbox".into(),
            date: time::macros::date!(2026 - 12 - 7),
            summary: "Сила; неделя 1, день А".into(),
            description: "Жим штанги лёжа × 3\n".repeat(8),
        };
        let doc = ics("Mia, plans", &[s], 1_780_000_000);
        assert!(doc.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(doc.contains("X-WR-CALNAME:Mia\\, plans\r\n"));
        assert!(doc.contains("SUMMARY:Сила\\; неделя 1\\, день А\r\n"));
        assert!(doc.contains("DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261208\r\n"));
        for line in doc.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(doc.ends_with("END:VCALENDAR\r\n"));
    }
}
