//! Turning what a person types into a Tantivy query, and the results into checked hits.
//!
//! Each word must match the name (exactly, or as a prefix when it is the last word — results
//! appear as you type; with one typo allowed from four letters on), its English or Russian
//! stem, or the descriptive text. Exact whole-name matches rank first. Only documents whose
//! `access` terms the caller holds are candidates, and each candidate is checked against redb.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::LiveIndex;
use super::index::Fields;
use super::outbox::Kind;
use crate::access::{Relations, may_see, may_see_profile};
use crate::accounts::model::{Language, User};
use crate::accounts::store::Reader as AccountsReader;
use crate::error::AppError;
use crate::storage::Store;
use crate::storage::ids;
use crate::training::catalogue;
use crate::training::vocab::fold;

#[derive(Debug, Clone)]
pub struct SearchQuery {
    pub q: String,
    pub kinds: Vec<Kind>,
    pub limit: usize,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub score: f32,
}

fn words(q: &str) -> Vec<String> {
    fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

/// The first token the field's analyser makes of `word` (its stem).
fn analysed(index: &tantivy::Index, field: Field, word: &str) -> Option<String> {
    let mut analyzer = index.tokenizer_for_field(field).ok()?;
    let mut stream = analyzer.token_stream(word);
    stream.advance().then(|| stream.token().text.clone())
}

fn boosted(q: Box<dyn Query>, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn word_clause(index: &tantivy::Index, f: &Fields, word: &str, last: bool) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = vec![boosted(term(f.name, word), 3.0)];
    for (field, body, boost) in [(f.name_en, f.body_en, 1.5), (f.name_ru, f.body_ru, 1.5)] {
        if let Some(stem) = analysed(index, field, word) {
            should.push(boosted(term(field, &stem), boost));
            should.push(boosted(term(body, &stem), 0.5));
        }
    }
    let t = Term::from_field_text(f.name, word);
    let long = word.chars().count() >= 4;
    if last {
        should.push(boosted(
            Box::new(FuzzyTermQuery::new_prefix(t.clone(), 0, true)),
            2.0,
        ));
        if long {
            should.push(boosted(
                Box::new(FuzzyTermQuery::new_prefix(t.clone(), 1, true)),
                0.8,
            ));
        }
    }
    if long {
        should.push(boosted(Box::new(FuzzyTermQuery::new(t, 1, true)), 1.0));
    }
    Box::new(BooleanQuery::new(should))
}

/// Plans assigned to the viewer (they may see those even when private).
/// Plans assigned to the viewer by their authors (an assignment by anyone else gives nothing).
fn assigned_plans(tx: &crate::storage::Snapshot, viewer: u128) -> Result<HashSet<u128>, AppError> {
    crate::training::service::plans_assigned_by_author(tx, viewer)
}

/// The Tantivy part: scored candidate documents the caller's access terms allow.
pub fn candidates(
    f: &Fields,
    live: &Arc<Mutex<LiveIndex>>,
    viewer: &User,
    q: &SearchQuery,
    assigned: &HashSet<u128>,
    clubs: &[u128],
) -> Result<(tantivy::Searcher, Vec<(f32, tantivy::DocAddress)>), AppError> {
    let ws = words(&q.q);
    let (searcher, index) = {
        let live = live.lock().unwrap_or_else(|e| e.into_inner());
        (live.reader.searcher(), live.index.clone())
    };
    if ws.is_empty() || q.limit == 0 {
        return Ok((searcher, Vec::new()));
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = ws
        .iter()
        .enumerate()
        .map(|(i, w)| (Occur::Must, word_clause(&index, f, w, i + 1 == ws.len())))
        .collect();
    // Access: what everyone may find, the caller's own things, plans assigned to them.
    let mut access = vec![
        "all".to_owned(),
        format!("owner:{}", ids::to_string(viewer.id)),
    ];
    if viewer.role.is_admin() {
        access.push("admin".into());
    }
    access.extend(
        assigned
            .iter()
            .map(|p| format!("plan:{}", ids::to_string(*p))),
    );
    access.extend(clubs.iter().map(|c| format!("club:{}", ids::to_string(*c))));
    let access_q: Vec<(Occur, Box<dyn Query>)> = access
        .iter()
        .map(|a| (Occur::Should, term(f.access, a)))
        .collect();
    must.push((Occur::Must, Box::new(BooleanQuery::new(access_q))));
    if !q.kinds.is_empty() {
        let kinds: Vec<(Occur, Box<dyn Query>)> = q
            .kinds
            .iter()
            .map(|k| (Occur::Should, term(f.kind, k.as_str())))
            .collect();
        must.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
    }
    // Whole-name matches first.
    let whole = ws.join(" ");
    must.push(boosted(term(f.exact, &whole), 10.0));
    let query = BooleanQuery::new(must);
    let top = searcher
        .search(
            &query,
            &TopDocs::with_limit(q.limit * 2 + 10).order_by_score(),
        )
        .map_err(super::err)?;
    Ok((searcher, top))
}

pub fn run(
    store: &Store,
    f: &Fields,
    live: &Arc<Mutex<LiveIndex>>,
    relations: &dyn Relations,
    viewer: &User,
    q: &SearchQuery,
) -> Result<Vec<Hit>, AppError> {
    let ws = words(&q.q);
    if ws.is_empty() || q.limit == 0 {
        return Ok(Vec::new());
    }
    let tx = store.snapshot()?;
    let assigned = assigned_plans(&tx, viewer.id)?;
    // The documents are read from the same searcher (index generation) that found them.
    let clubs: Vec<u128> = {
        use crate::social::store::Reader as _;
        tx.clubs_of(viewer.id)?
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    };
    let (searcher, top) = candidates(f, live, viewer, q, &assigned, &clubs)?;
    let ru = viewer.preferences.language == Language::Ru;
    let mut hits = Vec::new();
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr).map_err(super::err)?;
        let Some(key) = doc.get_first(f.key).and_then(|v| v.as_str()) else {
            continue;
        };
        let Some((kind, id)) = key.split_once(':') else {
            continue;
        };
        let Some(kind) = Kind::parse(kind) else {
            continue;
        };
        if let Some(hit) = check(&tx, relations, viewer, kind, id, &assigned, ru)? {
            hits.push(Hit { score, ..hit });
        }
        if hits.len() == q.limit {
            break;
        }
    }
    Ok(hits)
}

/// Loads the record behind a candidate and checks the caller may see it, now.
fn check(
    tx: &crate::storage::Snapshot,
    relations: &dyn Relations,
    viewer: &User,
    kind: Kind,
    id: &str,
    assigned: &HashSet<u128>,
    ru: bool,
) -> Result<Option<Hit>, AppError> {
    let hit = |title: String, subtitle: String| Hit {
        kind,
        id: id.to_owned(),
        title,
        subtitle,
        score: 0.0,
    };
    Ok(match kind {
        Kind::User => {
            let Some(uid) = ids::parse(id) else {
                return Ok(None);
            };
            match tx.user(uid)? {
                Some(u)
                    if u.privacy.searchable
                        && may_see_profile(
                            Some(viewer),
                            &u,
                            relations.ties(tx, viewer.id, u.id)?,
                        )
                        && u.status == crate::accounts::model::Status::Active =>
                {
                    Some(Hit {
                        id: u.username.clone(),
                        ..hit(u.display_name.clone(), format!("@{}", u.username))
                    })
                }
                _ => None,
            }
        }
        Kind::Plan => {
            let Some(pid) = ids::parse(id) else {
                return Ok(None);
            };
            match crate::training::store::plan(tx, pid)? {
                Some(p)
                    if may_see(
                        Some(viewer),
                        p.owner_id,
                        p.visibility,
                        crate::training::service::plan_ties(
                            relations.ties(tx, viewer.id, p.owner_id)?,
                        ),
                    ) || assigned.contains(&p.id) =>
                {
                    let days = p.sequence().count();
                    Some(hit(
                        p.title.clone(),
                        format!("{} × {}", p.weeks.len(), days / p.weeks.len().max(1)),
                    ))
                }
                _ => None,
            }
        }
        Kind::Club => {
            use crate::social::store::Reader as _;
            let Some(cid) = ids::parse(id) else {
                return Ok(None);
            };
            match tx.club(cid)? {
                Some(c)
                    if crate::social::may_see_club(viewer, &c, tx.club_role(cid, viewer.id)?) =>
                {
                    let about: String = c.description.chars().take(80).collect();
                    Some(hit(c.name.clone(), about))
                }
                _ => None,
            }
        }
        Kind::Exercise => {
            let e = match catalogue::builtin_by_id(id) {
                Some(e) => Some(e.clone()),
                None => match ids::parse(id) {
                    Some(eid) => crate::training::store::exercise(tx, eid)?,
                    None => None,
                },
            };
            match e {
                Some(e) if e.owner_id.is_none_or(|o| o == viewer.id) => {
                    let title = if ru && !e.name_ru.is_empty() {
                        e.name_ru.clone()
                    } else {
                        e.name_en.clone()
                    };
                    let subtitle = e
                        .primary
                        .first()
                        .cloned()
                        .unwrap_or_default()
                        .replace('_', " ");
                    Some(hit(
                        title,
                        format!("{subtitle} · {}", e.equipment.replace('_', " ")),
                    ))
                }
                _ => None,
            }
        }
    })
}
